// A new referral, validated as the officer types: ISO identifiers are checked, and the instrument
// classes, data classes and purposes offered are only those the chosen agreement's scope covers.
// The draft is kept in this tab's storage, so an expired session loses nothing.
import { h, clear, field, select, label, setError, toast } from '../dom.js';
import { get, post } from '../api.js';
import { MARKET_ABUSE, coveredInstruments, cfi, mic, dti, lei } from '../iso.js';

const DRAFT = 'regnet.draft.new-referral';

export async function render(main) {
  const page = await get('/v1/agreements?pageSize=100');
  const agreements = (page.items || []).filter((a) => (a.effectiveStatus || a.status) === 'ACTIVE');
  if (!agreements.length) {
    clear(main, h('h1', 'New referral'), h('p.empty', 'Your authority has no active agreement to refer a case under.'));
    return null;
  }
  const me = (await get('/v1/me')).mspId;
  const other = (a) => (a.proposer === me ? a.counterparty : a.proposer);
  const saved = JSON.parse(sessionStorage.getItem(DRAFT) || '{}');

  const agreement = select('agreementId', agreements.map((a) => [a.agreementId, `${other(a)} — ${a.treatyId} (${a.agreementId})`]), saved.agreementId, { id: 'agreementId' });
  const scopeBox = h('div.scope');
  const v = {}; // validators by field name
  const inputs = {
    typology: select('typology', [['', 'Choose…'], ...MARKET_ABUSE.map((t) => [t, label(t)])], '', { id: 'typology', required: true }),
    facts: h('textarea#facts', { name: 'facts', rows: 4, required: true, maxlength: 20000 }),
    assistanceSought: h('textarea#assistanceSought', { name: 'assistanceSought', rows: 3, required: true, maxlength: 5000 }),
    provisionsBreached: h('textarea#provisionsBreached', { name: 'provisionsBreached', rows: 2, required: true }),
    urgency: select('urgency', ['ROUTINE', 'PRIORITY', 'URGENT'], 'ROUTINE', { id: 'urgency' }),
    subjectName: h('input#subjectName', { name: 'subjectName', maxlength: 200 }),
    subjectLei: h('input#subjectLei', { name: 'subjectLei', maxlength: 20, autocapitalize: 'characters', spellcheck: 'false' }),
    subjectRole: h('input#subjectRole', { name: 'subjectRole', maxlength: 200 }),
    cfi: h('input#cfi', { name: 'cfi', maxlength: 6, autocapitalize: 'characters', spellcheck: 'false' }),
    dti: h('input#dti', { name: 'dti', maxlength: 9, autocapitalize: 'characters', spellcheck: 'false' }),
    symbol: h('input#symbol', { name: 'symbol', maxlength: 20, autocapitalize: 'characters' }),
    mic: h('input#mic', { name: 'mic', maxlength: 4, autocapitalize: 'characters', spellcheck: 'false' }),
    narrative: h('textarea#narrative', { name: 'narrative', rows: 4, maxlength: 50000 }),
  };
  v.typology = (x) => (x ? '' : 'Choose a market-abuse typology.');
  v.facts = (x) => (x.trim() ? '' : 'State the facts.');
  v.assistanceSought = (x) => (x.trim() ? '' : 'Say what assistance you seek.');
  v.provisionsBreached = (x) => {
    const lines = x.split('\n').map((l) => l.trim()).filter(Boolean);
    if (!lines.length) return 'Name at least one provision, one per line.';
    return lines.length > 20 ? 'At most 20 provisions.' : '';
  };
  v.subjectName = (x) => (x.trim() ? '' : 'Name the person or entity concerned.');
  v.subjectLei = lei;
  v.cfi = cfi;
  v.dti = dti;
  v.mic = mic;
  v.symbol = (x) => (!x || /^[A-Z0-9.-]{1,20}$/.test(x) ? '' : 'Capital letters, digits, "." or "-".');

  const status = h('p.error-box', { role: 'alert', hidden: true });
  const form = h('form.card.wide#new-referral', { novalidate: true, on: { submit, input: onInput, change: onInput } },
    h('fieldset', h('legend', 'Agreement and scope'),
      field('Agreement', agreement, 'The referral goes to the other party of this agreement.'),
      field('Typology', inputs.typology),
      scopeBox),
    h('fieldset', h('legend', 'The request'),
      field('Facts', inputs.facts),
      field('Assistance sought', inputs.assistanceSought),
      field('Provisions breached', inputs.provisionsBreached, 'One per line, e.g. MAR Art. 12(1)(a).'),
      field('Urgency', inputs.urgency)),
    h('fieldset', h('legend', 'Subject concerned'),
      h('div.row', field('Name', inputs.subjectName), field('LEI (optional)', inputs.subjectLei, 'ISO 17442, 20 characters.')),
      field('Role (optional)', inputs.subjectRole)),
    h('fieldset', h('legend', 'Instrument (optional)'),
      h('div.row',
        field('CFI code', inputs.cfi, 'ISO 10962, six letters.'),
        field('Underlying DTI', inputs.dti, 'ISO 24165, nine characters.'),
        field('Underlying symbol', inputs.symbol),
        field('Venue MIC', inputs.mic, 'ISO 10383, four characters.'))),
    h('fieldset', h('legend', 'Narrative (optional)'), field('Narrative', inputs.narrative)),
    status,
    h('div.actions', h('button#submit-referral', { type: 'submit' }, 'Submit referral'),
      h('button.secondary', { type: 'button', on: { click: discard } }, 'Discard draft')));

  clear(main, h('h1', 'New referral'),
    h('p.lede', 'Only the case\'s public summary goes on the shared ledger. The content below is sent only to the two parties\' peers and is stored there encrypted with a fresh salt.'),
    form);
  buildScope();
  restore(saved);
  agreement.addEventListener('change', () => { buildScope(); save(); });
  return null;

  function current() {
    return agreements.find((a) => a.agreementId === agreement.value) || agreements[0];
  }

  function buildScope() {
    const scope = current().scope || {};
    const instrument = select('instrumentClass', [['', 'Choose…'], ...coveredInstruments(scope.instrumentClasses || []).map((c) => [c, label(c)])], '', { id: 'instrumentClass', required: true });
    v.instrumentClass = (x) => (x ? '' : 'Choose an instrument class the agreement covers.');
    const checks = (name, values, legend) => h('fieldset.checks#' + name, { 'aria-describedby': `${name}-err` },
      h('legend', legend),
      values.map((d) => h('label', h('input', { type: 'checkbox', name, value: d }), ' ', label(d))),
      h('p.error', { id: `${name}-err`, 'aria-live': 'polite' }));
    clear(scopeBox,
      field('Instrument class', instrument, 'Only the classes this agreement covers.'),
      checks('dataClasses', scope.dataClasses || [], 'Data classes (within the agreement)'),
      checks('purposes', scope.permittedUses || [], 'Purposes (uses the agreement permits)'));
    inputs.instrumentClass = instrument;
  }

  function values() {
    const d = new FormData(form);
    const o = {};
    for (const [k, val] of d.entries()) {
      if (k === 'dataClasses' || k === 'purposes') (o[k] = o[k] || []).push(val);
      else o[k] = val;
    }
    return o;
  }

  function restore(o) {
    for (const el of form.elements) {
      if (!el.name || !(el.name in o) || el.name === 'agreementId') continue;
      if (el.type === 'checkbox') el.checked = (o[el.name] || []).includes(el.value);
      else el.value = o[el.name];
    }
  }

  function save() {
    sessionStorage.setItem(DRAFT, JSON.stringify(values()));
  }

  function onInput(ev) {
    const t = ev.target;
    if (t.name && ['cfi', 'mic', 'dti', 'subjectLei', 'symbol'].includes(t.name) && t.value !== t.value.toUpperCase()) {
      const pos = t.selectionStart;
      t.value = t.value.toUpperCase();
      t.setSelectionRange(pos, pos);
    }
    if (t.name && v[t.name]) setError(t, v[t.name](t.value));
    if (t.name === 'dataClasses' || t.name === 'purposes') checkGroup(t.name);
    save();
  }

  function checkGroup(name) {
    const n = form.querySelectorAll(`input[name=${name}]:checked`).length;
    const err = document.getElementById(`${name}-err`);
    err.textContent = n ? '' : `Choose at least one of the ${name === 'purposes' ? 'purposes' : 'data classes'}.`;
    return n > 0;
  }

  function validate() {
    let first = null;
    for (const [name, fn] of Object.entries(v)) {
      const el = name === 'instrumentClass' ? inputs.instrumentClass : inputs[name];
      if (!el) continue;
      if (!setError(el, fn(el.value)) && !first) first = el;
    }
    for (const g of ['dataClasses', 'purposes']) {
      if (!checkGroup(g) && !first) first = form.querySelector(`input[name=${g}]`);
    }
    if (first) first.focus();
    return !first;
  }

  async function submit(ev) {
    ev.preventDefault();
    status.hidden = true;
    if (!validate()) return;
    const o = values();
    const instrument = {};
    if (o.cfi) instrument.cfi = o.cfi;
    if (o.dti || o.symbol) instrument.underlying = { ...(o.dti ? { dti: o.dti } : {}), ...(o.symbol ? { symbol: o.symbol } : {}) };
    if (o.mic) instrument.venue = { mic: o.mic };
    const subject = { name: o.subjectName.trim() };
    if (o.subjectLei) subject.lei = o.subjectLei;
    if (o.subjectRole) subject.role = o.subjectRole.trim();
    const payload = {
      facts: o.facts.trim(),
      assistanceSought: o.assistanceSought.trim(),
      provisionsBreached: o.provisionsBreached.split('\n').map((l) => l.trim()).filter(Boolean),
      urgency: o.urgency,
      subjects: [subject],
      instruments: Object.keys(instrument).length ? [instrument] : [],
    };
    if (o.narrative && o.narrative.trim()) payload.narrative = o.narrative.trim();
    const button = document.getElementById('submit-referral');
    button.disabled = true;
    button.textContent = 'Submitting…';
    try {
      const r = await post('/v1/referrals', {
        agreementId: agreement.value,
        typology: o.typology,
        instrumentClass: o.instrumentClass,
        dataClasses: o.dataClasses,
        purposes: o.purposes,
        payload,
      });
      sessionStorage.removeItem(DRAFT);
      toast(`Referral ${r.referralId} submitted.`);
      location.hash = `#/referrals/${r.referralId}`;
    } catch (e) {
      if (e.status === 401) return;
      status.textContent = `${e.message}${e.field ? ` (${e.field})` : ''}`;
      status.hidden = false;
      button.disabled = false;
      button.textContent = 'Submit referral';
    }
  }

  function discard() {
    sessionStorage.removeItem(DRAFT);
    form.reset();
    buildScope();
    for (const el of form.querySelectorAll('[aria-invalid]')) setError(el, '');
  }
}
