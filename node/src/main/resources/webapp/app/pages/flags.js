// Flags: raise (investigators, case officers) and look up. The identifier is sent only in POST
// bodies, never put in the address or in the browser's history, and the fields are not remembered.
import { h, clear, field, select, label, toast } from '../dom.js';
import { get, post } from '../api.js';
import { session } from '../session.js';

const TYPES = ['CHAIN_ADDRESS', 'LEI', 'ENTITY_NAME'];
const CATEGORIES = ['SANCTIONS_EVASION', 'RANSOMWARE', 'FRAUD_SCAM', 'TERRORIST_FINANCING', 'MIXER_LAUNDERING', 'DARKNET_MARKET', 'HACK_PROCEEDS'];

export async function render(main) {
  const treaties = await treatyIds();
  const out = h('div#flag-result', { 'aria-live': 'polite' });
  const lookup = form('lookup', 'Look up an identifier', async (d) => {
    const r = await post('/v1/flags/lookup', body(d));
    clear(out, r.flagged
      ? h('div.notice.warn', h('strong', 'Flagged. '), (r.flags || []).map((f) => `${label(f.category)} (${label(f.confidence)}) by ${f.originator}`).join('; '))
      : h('p.notice', 'No flag for this identifier under this treaty.'));
  });
  const parts = [h('h1', 'Flags'),
    h('p.lede', 'Identifiers are sent only inside requests, never in an address, and only a keyed hash reaches the ledger.'),
    h('div.grid', h('section.card', lookup, out))];
  if (session.can('flag:raise')) {
    const raise = form('raise', 'Raise a flag', async (d) => {
      const b = body(d);
      Object.assign(b, { category: d.get('category'), confidence: d.get('confidence'), expiresAt: new Date(`${d.get('expiresAt')}T00:00:00Z`).toISOString(), evidenceRef: d.get('evidenceRef') });
      const r = await post('/v1/flags', b);
      toast(`Flag ${r.flagId} raised.`);
    }, [
      field('Category', select('category', CATEGORIES, CATEGORIES[0])),
      field('Confidence', select('confidence', ['LOW', 'MEDIUM', 'HIGH'], 'MEDIUM')),
      field('Expires on', h('input', { type: 'date', name: 'expiresAt', required: true })),
      field('Evidence reference', h('input', { name: 'evidenceRef', required: true, maxlength: 200 })),
    ]);
    parts[2].append(h('section.card', raise));
  }
  clear(main, parts);
  return null;

  function form(idp, title, action, extra = []) {
    const f = h(`form#flag-${idp}`, { autocomplete: 'off', on: { submit: async (ev) => {
      ev.preventDefault();
      try {
        await action(new FormData(f));
        f.querySelector('[name=identifier]').value = '';
      } catch (e) {
        if (e.status !== 401) toast(`${title}: ${e.message}${e.field ? ` (${e.field})` : ''}`);
      }
    } } },
    h('h2', title),
    field('Treaty', select('treatyId', treaties, treaties[0])),
    field('Identifier type', select('subjectType', TYPES, 'CHAIN_ADDRESS')),
    field('Identifier', h('input', { name: 'identifier', required: true, autocomplete: 'off', spellcheck: 'false', dataset: { nodraft: '' } })),
    field('Chain (CAIP-2, chain addresses only)', h('input', { name: 'chainId', placeholder: 'eip155:1', spellcheck: 'false' })),
    extra,
    h('button', { type: 'submit' }, title));
    return f;
  }
}

function body(d) {
  const b = { treatyId: d.get('treatyId'), subjectType: d.get('subjectType'), identifier: d.get('identifier') };
  if (d.get('chainId')) b.chainId = d.get('chainId');
  return b;
}

/** The treaties the authority takes part in, read from its agreements. */
export async function treatyIds() {
  const page = await get('/v1/agreements?pageSize=100');
  return [...new Set((page.items || []).map((a) => a.treatyId))];
}
