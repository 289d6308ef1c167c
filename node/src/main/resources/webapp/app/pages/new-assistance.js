// A new request for assistance (MMoU para 7-8; 2024/2545 Art. 3): the agreement and its scope, the
// items asked for, the para 8 content (facts, purpose, provisions, persons), the auth.001 fields
// (legal mandate basis, confidentiality status, investigation period), urgency with its reasons
// and an optional due date. Validated as the officer types; the draft is kept in this tab's
// storage, so an expired session loses nothing.
import { h, clear, field, select, label, setError, toast } from '../dom.js';
import { post } from '../api.js';
import { session } from '../session.js';
import { lei } from '../iso.js';
import { TYPES, EMMOU_ONLY, URGENCIES, tabs, endOfDay } from '../rfa.js';
import { activeAgreements, scopeFields, checkGroup, formValues } from '../scope.js';

const DRAFT = 'regnet.draft.new-assistance';
const REPEATED = ['dataClasses', 'purposes', 'itemType', 'itemDescription'];
const MAX_ITEMS = 50;

export async function render(main) {
  const { agreements, other } = await activeAgreements();
  if (!agreements.length) {
    clear(main, h('h1', 'New request for assistance'), tabs(session.can, 'new'),
      h('p.empty', 'Your authority has no active agreement to ask for assistance under.'));
    return null;
  }
  const saved = JSON.parse(sessionStorage.getItem(DRAFT) || '{}');
  const agreement = select('agreementId', agreements.map((a) => [a.agreementId, `${other(a)} — ${a.treatyId} (${a.agreementId})`]), saved.agreementId, { id: 'agreementId' });
  const scopeBox = h('div.scope');
  let seq = 0; // ids of item rows, never reused
  const itemsBox = h('div#rfa-item-rows');
  const inputs = {
    urgency: select('urgency', URGENCIES, 'ROUTINE', { id: 'urgency' }),
    urgencyReasons: h('textarea#urgencyReasons', { name: 'urgencyReasons', rows: 2, maxlength: 5000 }),
    dueDate: h('input#dueDate', { name: 'dueDate', type: 'date' }),
    facts: h('textarea#facts', { name: 'facts', rows: 4, required: true, maxlength: 20000 }),
    purpose: h('textarea#purpose', { name: 'purpose', rows: 2, required: true, maxlength: 5000 }),
    provisionsBreached: h('textarea#provisionsBreached', { name: 'provisionsBreached', rows: 2, required: true }),
    subjectName: h('input#subjectName', { name: 'subjectName', maxlength: 200 }),
    subjectLei: h('input#subjectLei', { name: 'subjectLei', maxlength: 20, autocapitalize: 'characters', spellcheck: 'false' }),
    subjectRole: h('input#subjectRole', { name: 'subjectRole', maxlength: 200 }),
    mandate: h('input#mandate', { name: 'mandate', maxlength: 35, required: true }),
    disclaimer: h('textarea#disclaimer', { name: 'disclaimer', rows: 2, maxlength: 350 }),
    confidential: select('confidential', [['true', 'Confidential'], ['false', 'Not confidential']], 'true', { id: 'confidential' }),
    periodFrom: h('input#periodFrom', { name: 'periodFrom', type: 'date', required: true }),
    periodTo: h('input#periodTo', { name: 'periodTo', type: 'date', required: true }),
    narrative: h('textarea#narrative', { name: 'narrative', rows: 3, maxlength: 50000 }),
  };
  const v = {
    facts: (x) => (x.trim() ? '' : 'State the facts.'),
    purpose: (x) => (x.trim() ? '' : 'Say what the assistance is for.'),
    provisionsBreached: (x) => {
      const lines = x.split('\n').map((l) => l.trim()).filter(Boolean);
      if (!lines.length) return 'Name at least one provision, one per line.';
      return lines.length > 20 ? 'At most 20 provisions.' : '';
    },
    subjectName: (x) => (x.trim() ? '' : 'Name the person or entity concerned.'),
    subjectLei: lei,
    mandate: (x) => (x.trim() ? '' : 'Name the paragraph of the MMoU or law the request rests on.'),
    periodFrom: (x) => (x ? '' : 'Give the start of the period investigated.'),
    periodTo: (x) => (!x ? 'Give the end of the period investigated.'
      : inputs.periodFrom.value && x < inputs.periodFrom.value ? 'The end must not be before the start.' : ''),
    urgencyReasons: (x) => (inputs.urgency.value === 'ROUTINE' || x.trim() ? '' : 'A priority or urgent request states why.'),
    dueDate: (x) => (!x || x >= new Date().toISOString().slice(0, 10) ? '' : 'The due date must not be in the past.'),
  };

  const status = h('p.error-box#new-rfa-error', { role: 'alert', hidden: true });
  const form = h('form.card.wide#new-assistance', { novalidate: true, on: { submit, input: onInput, change: onInput } },
    h('fieldset', h('legend', 'Agreement and scope'),
      field('Agreement', agreement, 'The request goes to the other party of this agreement.'),
      scopeBox),
    h('fieldset', h('legend', 'Items asked for'),
      h('p.hint', `Types marked EMMoU may only be asked between two EMMoU signatories. At most ${MAX_ITEMS} items.`),
      itemsBox,
      h('button#add-item.secondary', { type: 'button', on: { click: () => { addItem(); save(); } } }, 'Add an item')),
    h('fieldset', h('legend', 'The request (MMoU para 8)'),
      field('Facts', inputs.facts),
      field('Purpose', inputs.purpose, 'What the assistance is sought for.'),
      field('Provisions breached', inputs.provisionsBreached, 'One per line, e.g. MAR Art. 12(1)(a).'),
      h('div.row', field('Person or entity concerned', inputs.subjectName), field('LEI (optional)', inputs.subjectLei, 'ISO 17442, 20 characters.')),
      field('Role (optional)', inputs.subjectRole)),
    h('fieldset', h('legend', 'Mandate and confidentiality (ISO 20022 auth.001)'),
      h('div.row', field('Legal mandate basis', inputs.mandate, 'E.g. EMMoU para 3; at most 35 characters.'), field('Confidentiality status', inputs.confidential)),
      field('Disclaimer (optional)', inputs.disclaimer),
      h('div.row', field('Investigation period from', inputs.periodFrom), field('Investigation period to', inputs.periodTo))),
    h('fieldset', h('legend', 'Urgency and deadline'),
      h('div.row', field('Urgency', inputs.urgency), field('Reply due by (optional)', inputs.dueDate, 'Else the treaty\'s deadline applies.')),
      field('Reasons for urgency', inputs.urgencyReasons, 'Required for a priority or urgent request (2024/2545 Art. 7).')),
    h('fieldset', h('legend', 'Narrative (optional)'), field('Narrative', inputs.narrative)),
    status,
    h('div.actions', h('button#submit-rfa', { type: 'submit' }, 'Send request'),
      h('button.secondary', { type: 'button', on: { click: discard } }, 'Discard draft')));

  clear(main, h('h1', 'New request for assistance'), tabs(session.can, 'new'),
    h('p.lede', 'The shared record holds only the parties, the scope, the urgency, the number of items and the deadlines. What is asked, why and of whom goes only to the two parties\' peers, sealed with a fresh salt.'),
    form);
  let instrument = scopeFields(scopeBox, current());
  restore(saved);
  agreement.addEventListener('change', () => { instrument = scopeFields(scopeBox, current()); save(); });
  return null;

  function current() {
    return agreements.find((a) => a.agreementId === agreement.value) || agreements[0];
  }

  function addItem(type = '', description = '') {
    const rows = itemsBox.querySelectorAll('.item-row').length;
    if (rows >= MAX_ITEMS) return;
    const n = rows + 1;
    seq += 1;
    const t = select('itemType', [['', 'Choose…'], ...TYPES.map((x) => [x, EMMOU_ONLY.includes(x) ? `${label(x)} (EMMoU)` : label(x)])], type, { id: `item-type-${seq}` });
    const d = h('textarea', { name: 'itemDescription', id: `item-description-${seq}`, rows: 2, maxlength: 5000, value: description });
    const remove = h('button.secondary', { type: 'button', on: { click: () => { row.remove(); renumber(); save(); } } }, `Remove item ${n}`);
    const row = h('div.item-row.row.end', field(`Item ${n}: type`, t), field(`Item ${n}: description`, d), h('div.field', remove));
    itemsBox.append(row);
    renumber();
  }

  /** Keeps item numbers (the reply's item numbers) in order after a removal. */
  function renumber() {
    const rows = [...itemsBox.querySelectorAll('.item-row')];
    rows.forEach((row, i) => {
      const labels = row.querySelectorAll('label');
      if (labels[0]) labels[0].textContent = `Item ${i + 1}: type`;
      if (labels[1]) labels[1].textContent = `Item ${i + 1}: description`;
      const b = row.querySelector('button');
      b.textContent = `Remove item ${i + 1}`;
      b.disabled = rows.length === 1;
    });
  }

  function restore(o) {
    const types = o.itemType || [];
    const descriptions = o.itemDescription || [];
    for (let i = 0; i < Math.max(1, types.length); i += 1) addItem(types[i] || '', descriptions[i] || '');
    for (const el of form.elements) {
      if (!el.name || !(el.name in o) || el.name === 'agreementId' || el.name === 'itemType' || el.name === 'itemDescription') continue;
      if (el.type === 'checkbox') el.checked = (o[el.name] || []).includes(el.value);
      else el.value = o[el.name];
    }
  }

  function save() {
    sessionStorage.setItem(DRAFT, JSON.stringify(formValues(form, REPEATED)));
  }

  function onInput(ev) {
    const t = ev.target;
    if (t.name === 'subjectLei' && t.value !== t.value.toUpperCase()) t.value = t.value.toUpperCase();
    if (t.name && v[t.name]) setError(t, v[t.name](t.value));
    if (t.name === 'urgency') setError(inputs.urgencyReasons, v.urgencyReasons(inputs.urgencyReasons.value));
    if (t.name === 'dataClasses' || t.name === 'purposes') group(t.name);
    save();
  }

  function group(name) {
    return checkGroup(form, name, `Choose at least one of the ${name === 'purposes' ? 'purposes' : 'data classes'}.`);
  }

  function validate() {
    let first = null;
    for (const [name, fn] of Object.entries(v)) {
      if (!setError(inputs[name], fn(inputs[name].value)) && !first) first = inputs[name];
    }
    if (!setError(instrument, instrument.value ? '' : 'Choose an instrument class the agreement covers.') && !first) first = instrument;
    for (const g of ['dataClasses', 'purposes']) if (!group(g) && !first) first = form.querySelector(`input[name=${g}]`);
    for (const t of itemsBox.querySelectorAll('select[name=itemType]')) {
      if (!setError(t, t.value ? '' : 'Choose what is asked for.') && !first) first = t;
    }
    for (const d of itemsBox.querySelectorAll('textarea[name=itemDescription]')) {
      if (!setError(d, d.value.trim() ? '' : 'Describe what is asked for.') && !first) first = d;
    }
    if (first) first.focus();
    return !first;
  }

  async function submit(ev) {
    ev.preventDefault();
    status.hidden = true;
    if (!validate()) return;
    const o = formValues(form, REPEATED);
    const subject = { name: o.subjectName.trim() };
    if (o.subjectLei) subject.lei = o.subjectLei;
    if (o.subjectRole && o.subjectRole.trim()) subject.role = o.subjectRole.trim();
    const legalMandate = { paragraph: o.mandate.trim() };
    if (o.disclaimer && o.disclaimer.trim()) legalMandate.disclaimer = o.disclaimer.trim();
    const payload = {
      items: o.itemType.map((type, i) => ({ type, description: o.itemDescription[i].trim() })),
      facts: o.facts.trim(),
      purpose: o.purpose.trim(),
      provisionsBreached: o.provisionsBreached.split('\n').map((l) => l.trim()).filter(Boolean),
      subjects: [subject],
      legalMandate,
      confidential: o.confidential === 'true',
      investigationPeriod: { from: o.periodFrom, to: o.periodTo },
    };
    if (o.urgencyReasons && o.urgencyReasons.trim()) payload.urgencyReasons = o.urgencyReasons.trim();
    if (o.narrative && o.narrative.trim()) payload.narrative = o.narrative.trim();
    const body = {
      agreementId: agreement.value,
      instrumentClass: o.instrumentClass,
      dataClasses: o.dataClasses,
      purposes: o.purposes,
      urgency: o.urgency,
      payload,
    };
    if (o.dueDate) body.dueDate = endOfDay(o.dueDate);
    const button = document.getElementById('submit-rfa');
    button.disabled = true;
    button.textContent = 'Sending…';
    try {
      const r = await post('/v1/assistance', body);
      sessionStorage.removeItem(DRAFT);
      toast(`Request ${r.requestId} sent.`);
      location.hash = `#/assistance/${r.requestId}`;
    } catch (e) {
      if (e.status === 401) return;
      status.textContent = `${e.message}${e.field ? ` (${e.field})` : ''}`;
      status.hidden = false;
      button.disabled = false;
      button.textContent = 'Send request';
    }
  }

  function discard() {
    sessionStorage.removeItem(DRAFT);
    form.reset();
    clear(itemsBox);
    addItem();
    instrument = scopeFields(scopeBox, current());
    for (const el of form.querySelectorAll('[aria-invalid]')) setError(el, '');
  }
}
