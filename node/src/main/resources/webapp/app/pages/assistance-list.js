// Requests for assistance received or sent, with unsolicited information among them, newest first:
// status, counterparty, urgency, the reply deadline in force, and overdue shown plainly (marked on
// the record, or past its deadline and not yet marked). Refreshes when the live inbox says a
// request changed.
import { h, clear, field, select, label, when, badge } from '../dom.js';
import { query } from '../api.js';
import { session } from '../session.js';
import { onInbox } from '../live.js';
import { RFA_STATUSES, listBox, sender, receiver, replyDue, overdue, tabs } from '../rfa.js';

export async function render(main, [qs]) {
  const params = new URLSearchParams(qs || '');
  const box = params.get('box') === 'outbox' ? 'outbox' : 'inbox';
  const filters = {
    status: params.get('status') || '',
    counterparty: params.get('counterparty') || '',
    overdue: params.get('overdue') === 'true',
  };
  const form = h('form.filters', { on: { submit: apply }, 'aria-label': 'Filter requests' },
    field('Status', select('status', [['', 'Any status'], ...RFA_STATUSES.map((s) => [s, label(s)])], filters.status)),
    field('Counterparty (MSP id)', h('input', { name: 'counterparty', value: filters.counterparty, placeholder: 'e.g. HarbourSFCMSP', pattern: '[A-Za-z0-9][A-Za-z0-9.-]{0,63}' })),
    h('div.checks', h('label', h('input', { type: 'checkbox', name: 'overdue', value: 'true', checked: filters.overdue }), ' Overdue only')),
    h('div.actions', h('button', { type: 'submit' }, 'Apply'), h('a.button.secondary', { href: `#/assistance?box=${box}` }, 'Reset')));
  const results = h('div#rfa-results', { 'aria-live': 'polite' });
  clear(main,
    h('div.page-head', h('h1', box === 'inbox' ? 'Requests for assistance received' : 'Requests for assistance sent')),
    tabs(session.can, box),
    form,
    results);

  async function load() {
    if (!session.can(box === 'inbox' ? 'assistance:listInbox' : 'assistance:listOutbox')) {
      clear(results, h('p.empty', 'Your role does not give access to this list.'));
      return;
    }
    const r = await listBox(box);
    const items = r.items.filter((x) => (!filters.status || x.progress.status === filters.status)
      && (!filters.counterparty || counterparty(x, box) === filters.counterparty)
      && (!filters.overdue || overdue(x)));
    clear(results, table(items, box), r.truncated ? h('p.hint', 'Only the first 2,000 requests of this list were read.') : null);
  }

  function apply(ev) {
    ev.preventDefault();
    const d = new FormData(form);
    const next = { box };
    for (const k of ['status', 'counterparty']) if (d.get(k)) next[k] = d.get(k);
    if (d.get('overdue')) next.overdue = 'true';
    location.hash = `#/assistance${query(next)}`;
  }

  await load();
  return onInbox((item) => {
    if (String(item.event).startsWith('regnet.assistance.')) load().catch(() => {});
  });
}

function counterparty(r, box) {
  return box === 'inbox' ? sender(r) : receiver(r);
}

function table(items, box) {
  if (!items.length) return h('p.empty#no-requests', 'No requests match.');
  return h('table.list#rfa-table',
    h('caption.sr-only', box === 'inbox' ? 'Requests received' : 'Requests sent'),
    h('thead', h('tr',
      h('th', { scope: 'col' }, 'Request'),
      h('th', { scope: 'col' }, box === 'inbox' ? 'From' : 'To'),
      h('th', { scope: 'col' }, 'Kind'),
      h('th', { scope: 'col' }, 'Urgency'),
      h('th', { scope: 'col' }, 'Items'),
      h('th', { scope: 'col' }, 'Status'),
      h('th', { scope: 'col' }, 'Created'),
      h('th', { scope: 'col' }, 'Reply due'))),
    h('tbody', items.map((r) => h('tr', { dataset: { request: r.requestId, overdue: String(overdue(r)) } },
      h('td', h('a', { href: `#/assistance/${r.requestId}` }, r.requestId)),
      h('td.counterparty', counterparty(r, box)),
      h('td', r.unsolicited ? 'Unsolicited information' : 'Request'),
      h('td', label(r.urgency)),
      h('td', String(r.itemCount)),
      h('td.status', badge(r.progress.status)),
      h('td', when(r.createdAt)),
      h('td.due', r.unsolicited ? h('span.muted', 'None') : when(replyDue(r)),
        overdue(r) ? h('span.badge.overdue', 'Overdue') : null)))));
}
