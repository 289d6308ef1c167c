// The audit-trail explorer for investigators and auditors: by object, actor or time window, page
// by page; each entry shows its transaction id, block number and timestamp, and the whole query
// exports to CSV or JSON as evidence.
import { h, clear, field, select, label, when, toast } from '../dom.js';
import { get, query, download } from '../api.js';

export async function render(main, [qs]) {
  const p = new URLSearchParams(qs || '');
  const mode = p.get('objectId') ? 'object' : p.get('actorMsp') ? 'actor' : p.get('from') ? 'time' : 'object';
  const by = select('by', [['object', 'Object (referral, agreement, treaty, flag)'], ['actor', 'Actor (authority MSP id)'], ['time', 'Time window only']], mode, { id: 'audit-by' });
  const objectId = h('input#audit-object', { name: 'objectId', value: p.get('objectId') || '', placeholder: 'REF-…, AGR-…, TRT-…', spellcheck: 'false' });
  const actorMsp = h('input#audit-actor', { name: 'actorMsp', value: p.get('actorMsp') || '', placeholder: 'e.g. HarbourSFCMSP', spellcheck: 'false' });
  const from = h('input#audit-from', { name: 'from', type: 'datetime-local', value: local(p.get('from')) });
  const to = h('input#audit-to', { name: 'to', type: 'datetime-local', value: local(p.get('to')) });
  const size = select('pageSize', ['20', '50', '100'], p.get('pageSize') || '20', { id: 'audit-size' });
  const results = h('div#audit-results', { 'aria-live': 'polite' });
  const form = h('form.filters', { on: { submit: search }, 'aria-label': 'Audit query' },
    field('Search by', by),
    field('Object id', objectId),
    field('Actor', actorMsp),
    field('From (UTC)', from),
    field('To (UTC)', to),
    field('Page size', size),
    h('div.actions',
      h('button#audit-search', { type: 'submit' }, 'Search'),
      h('button#export-csv.secondary', { type: 'button', on: { click: () => exportAs('csv') } }, 'Export CSV'),
      h('button#export-json.secondary', { type: 'button', on: { click: () => exportAs('json') } }, 'Export JSON')));
  clear(main, h('h1', 'Audit trail'),
    h('p.lede', 'Every entry is a ledger transaction: its id and block number let anyone with the ledger verify it.'),
    form, results);
  const marks = [''];
  if (p.get('objectId') || p.get('actorMsp') || (p.get('from') && p.get('to'))) await load();
  return null;

  function params() {
    const q = {};
    if (by.value === 'object') q.objectId = objectId.value.trim();
    if (by.value === 'actor') q.actorMsp = actorMsp.value.trim();
    if (from.value) q.from = new Date(`${from.value}Z`).toISOString();
    if (to.value) q.to = new Date(`${to.value}Z`).toISOString();
    return q;
  }

  function search(ev) {
    ev.preventDefault();
    const q = { ...params(), pageSize: size.value };
    const next = `#/audit${query(q)}`;
    if (location.hash === next) {
      marks.length = 1;
      load();
    } else {
      location.hash = next;
    }
  }

  async function load() {
    const bookmark = marks[marks.length - 1];
    try {
      const page = await get(`/v1/audit/entries${query({ ...params(), pageSize: size.value, bookmark })}`);
      const more = page.scanned >= Number(size.value) && page.bookmark;
      clear(results,
        page.items.length ? table(page.items) : h('p.empty', 'No entries.'),
        h('div.pager',
          h('button.secondary', { type: 'button', disabled: marks.length <= 1 ? true : null, on: { click: () => { marks.pop(); load(); } } }, 'Previous page'),
          h('span', `Page ${marks.length}`),
          h('button#audit-next.secondary', { type: 'button', disabled: more ? null : true, on: { click: () => { marks.push(page.bookmark); load(); } } }, 'Next page')));
    } catch (e) {
      if (e.status !== 401) clear(results, h('p.error-box', { role: 'alert' }, `${e.message}${e.field ? ` (${e.field})` : ''}`));
    }
  }

  async function exportAs(format) {
    try {
      await download(`/v1/audit/export${query({ ...params(), format })}`, `audit-export.${format}`);
    } catch (e) {
      toast(`Export: ${e.message}`);
    }
  }
}

function local(iso) {
  return iso ? iso.replace(/(\.\d+)?Z$/, '').slice(0, 16) : '';
}

function table(items) {
  return h('table.list#audit-table',
    h('caption.sr-only', 'Audit entries'),
    h('thead', h('tr', ['Time', 'Action', 'Object', 'Actor', 'Transaction', 'Block'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', items.map((e) => h('tr', { dataset: { action: e.action } },
      h('td', when(e.timestamp)),
      h('td', e.action),
      h('td', h('span.mono.small', e.objectId)),
      h('td', e.actor ? `${e.actor.msp}${e.actor.role ? ` (${label(e.actor.role)})` : ''}` : ''),
      h('td', h('span.mono.small', e.txId)),
      h('td', e.blockNumber === null || e.blockNumber === undefined ? '—' : String(e.blockNumber))))));
}
