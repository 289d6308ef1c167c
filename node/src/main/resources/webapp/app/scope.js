// The agreement chooser and the scope fields (instrument class, data classes, purposes) a request
// for assistance and unsolicited information share: only what the chosen agreement's scope covers
// is offered, as the chaincode checks again.
import { h, clear, field, select, label } from './dom.js';
import { get } from './api.js';
import { coveredInstruments } from './iso.js';
import { session } from './session.js';

/** This authority's agreements in force, and a function naming each one's other party. */
export async function activeAgreements() {
  const page = await get('/v1/agreements?pageSize=100');
  const agreements = (page.items || []).filter((a) => (a.effectiveStatus || a.status) === 'ACTIVE');
  const me = session.me.mspId;
  const other = (a) => (a.proposer === me ? a.counterparty : a.proposer);
  return { agreements, other };
}

/** The scope fields of `agreement` into `box`; returns the instrument select (re-made each time). */
export function scopeFields(box, agreement) {
  const scope = agreement.scope || {};
  const instrument = select('instrumentClass', [['', 'Choose…'], ...coveredInstruments(scope.instrumentClasses || []).map((c) => [c, label(c)])], '', { id: 'instrumentClass', required: true });
  const checks = (name, values, legend) => h(`fieldset.checks#${name}`, { 'aria-describedby': `${name}-err` },
    h('legend', legend),
    values.map((d) => h('label', h('input', { type: 'checkbox', name, value: d }), ' ', label(d))),
    h('p.error', { id: `${name}-err`, 'aria-live': 'polite' }));
  clear(box,
    field('Instrument class', instrument, 'Only the classes this agreement covers.'),
    checks('dataClasses', scope.dataClasses || [], 'Data classes (within the agreement)'),
    checks('purposes', scope.permittedUses || [], 'Purposes (uses the agreement permits)'));
  return instrument;
}

/** Whether at least one box of a group is ticked, with the reason shown when not. */
export function checkGroup(form, name, message) {
  const n = form.querySelectorAll(`input[name=${name}]:checked`).length;
  const err = document.getElementById(`${name}-err`);
  if (err) err.textContent = n ? '' : message;
  return n > 0;
}

/** The form's values; repeated names (check boxes, item rows) become arrays. */
export function formValues(form, repeated) {
  const o = {};
  for (const k of repeated) o[k] = [];
  for (const [k, v] of new FormData(form).entries()) {
    if (repeated.includes(k)) o[k].push(v);
    else o[k] = v;
  }
  return o;
}
