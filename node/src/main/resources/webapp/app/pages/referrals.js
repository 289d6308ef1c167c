// Inbox and outbox with filters; the inbox refreshes itself when the live stream says a referral
// arrived or changed.
import { h, clear, field, select, label, when, badge } from '../dom.js';
import { get, query } from '../api.js';
import { onInbox } from '../live.js';
import { MARKET_ABUSE, STATUSES } from '../iso.js';

export async function render(main, [qs], { refreshUnread }) {
  const params = new URLSearchParams(qs || '');
  const box = params.get('box') === 'outbox' ? 'outbox' : 'inbox';
  const filters = {
    status: params.get('status') || '',
    typology: params.get('typology') || '',
    counterparty: params.get('counterparty') || '',
    from: params.get('from') || '',
    to: params.get('to') || '',
    overdue: params.get('overdue') === 'true',
    unread: params.get('unread') === 'true',
  };
  const form = h('form.filters', { on: { submit: apply }, 'aria-label': 'Filter referrals' },
    field('Status', select('status', [['', 'Any status'], ...STATUSES.map((s) => [s, label(s)])], filters.status)),
    field('Typology', select('typology', [['', 'Any typology'], ...MARKET_ABUSE.map((s) => [s, label(s)])], filters.typology)),
    field('Counterparty (MSP id)', h('input', { name: 'counterparty', value: filters.counterparty, placeholder: 'e.g. HarbourSFCMSP', pattern: '[A-Za-z0-9][A-Za-z0-9.-]{0,63}' })),
    field('Created from', h('input', { name: 'from', type: 'date', value: filters.from })),
    field('Created before', h('input', { name: 'to', type: 'date', value: filters.to })),
    h('div.checks',
      h('label', h('input', { type: 'checkbox', name: 'overdue', value: 'true', checked: filters.overdue }), ' Overdue only'),
      box === 'inbox' ? h('label', h('input', { type: 'checkbox', name: 'unread', value: 'true', checked: filters.unread }), ' Unread only') : null),
    h('div.actions', h('button', { type: 'submit' }, 'Apply'), h('a.button.secondary', { href: `#/referrals?box=${box}` }, 'Reset')));
  const results = h('div#referral-results', { 'aria-live': 'polite' });
  clear(main,
    h('div.page-head', h('h1', box === 'inbox' ? 'Inbox: referrals received' : 'Outbox: referrals sent')),
    form,
    results);

  async function load() {
    const q = {
      box,
      status: filters.status,
      typology: filters.typology,
      counterparty: filters.counterparty,
      from: filters.from ? `${filters.from}T00:00:00Z` : '',
      to: filters.to ? `${filters.to}T00:00:00Z` : '',
      overdue: filters.overdue ? 'true' : '',
      unread: filters.unread ? 'true' : '',
    };
    const r = await get(`/v1/casework/referrals${query(q)}`);
    clear(results, table(r.items, box), r.truncated ? h('p.hint', 'Only the most recent referrals were searched.') : null);
  }

  function apply(ev) {
    ev.preventDefault();
    const d = new FormData(form);
    const next = { box };
    for (const k of ['status', 'typology', 'counterparty', 'from', 'to']) if (d.get(k)) next[k] = d.get(k);
    if (d.get('overdue')) next.overdue = 'true';
    if (d.get('unread')) next.unread = 'true';
    location.hash = `#/referrals${query(next)}`;
  }

  await load();
  const off = onInbox((item) => {
    if (String(item.event).startsWith('regnet.referral.')) load().then(refreshUnread).catch(() => {});
  });
  return off;
}

function table(items, box) {
  if (!items.length) return h('p.empty#no-referrals', 'No referrals match.');
  return h('table.list#referral-table',
    h('caption.sr-only', box === 'inbox' ? 'Referrals received' : 'Referrals sent'),
    h('thead', h('tr',
      h('th', { scope: 'col' }, 'Referral'),
      h('th', { scope: 'col' }, box === 'inbox' ? 'From' : 'To'),
      h('th', { scope: 'col' }, 'Typology'),
      h('th', { scope: 'col' }, 'Instrument'),
      h('th', { scope: 'col' }, 'Status'),
      h('th', { scope: 'col' }, 'Created'),
      h('th', { scope: 'col' }, 'Response due'),
      h('th', { scope: 'col' }, 'Assigned to'))),
    h('tbody', items.map((r) => h('tr', { dataset: { referral: r.referralId }, class: r.unread && box === 'inbox' ? 'unread' : null },
      h('td', h('a', { href: `#/referrals/${r.referralId}` }, r.referralId),
        r.unread && box === 'inbox' ? h('span.dot', { title: 'unread' }, h('span.sr-only', ' (unread)')) : null),
      h('td', r.counterparty),
      h('td', label(r.typology)),
      h('td', label(r.instrumentClass)),
      h('td', badge(r.status)),
      h('td', when(r.createdAt)),
      h('td', when(r.responseDueAt), r.overdue ? h('span.badge.overdue', 'Overdue') : null),
      h('td', r.assignee || h('span.muted', 'Unassigned'))))));
}
