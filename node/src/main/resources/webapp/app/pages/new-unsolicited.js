// Information shared with the other party of an agreement without a request (2024/2545 Art. 10;
// MMoU para 9, decision 0031): checked against the agreement's scope as a request is; the
// information and the covering message go only to the two parties' peers. Draft kept in this tab.
import { h, clear, field, select, setError, toast } from '../dom.js';
import { post } from '../api.js';
import { session } from '../session.js';
import { tabs } from '../rfa.js';
import { activeAgreements, scopeFields, checkGroup, formValues } from '../scope.js';

const DRAFT = 'regnet.draft.new-unsolicited';
const REPEATED = ['dataClasses', 'purposes'];

export async function render(main) {
  const { agreements, other } = await activeAgreements();
  if (!agreements.length) {
    clear(main, h('h1', 'Share information'), tabs(session.can, 'share'),
      h('p.empty', 'Your authority has no active agreement to share information under.'));
    return null;
  }
  const saved = JSON.parse(sessionStorage.getItem(DRAFT) || '{}');
  const agreement = select('agreementId', agreements.map((a) => [a.agreementId, `${other(a)} — ${a.treatyId} (${a.agreementId})`]), saved.agreementId, { id: 'agreementId' });
  const scopeBox = h('div.scope');
  const information = h('textarea#information', { name: 'information', rows: 6, maxlength: 100000 });
  const message = h('textarea#message', { name: 'message', rows: 2, maxlength: 20000 });
  const status = h('p.error-box#share-error', { role: 'alert', hidden: true });
  const form = h('form.card.wide#new-unsolicited', { novalidate: true, on: { submit, input: save, change: save } },
    h('fieldset', h('legend', 'Agreement and scope'),
      field('Agreement', agreement, 'The information goes to the other party of this agreement only.'),
      scopeBox),
    h('fieldset', h('legend', 'The information'),
      field('Information', information),
      field('Covering message', message, 'E.g. the basis for sharing without a request.')),
    status,
    h('div.actions', h('button#submit-share', { type: 'submit' }, 'Share information'),
      h('button.secondary', { type: 'button', on: { click: discard } }, 'Discard draft')));
  clear(main, h('h1', 'Share information without a request'), tabs(session.can, 'share'),
    h('p.lede', 'Recorded as answered at once, counted apart in the statistics, with no deadlines. Its content goes only to the two parties\' peers.'),
    form);
  let instrument = scopeFields(scopeBox, current());
  for (const el of form.elements) {
    if (!el.name || !(el.name in saved) || el.name === 'agreementId') continue;
    if (el.type === 'checkbox') el.checked = (saved[el.name] || []).includes(el.value);
    else el.value = saved[el.name];
  }
  agreement.addEventListener('change', () => { instrument = scopeFields(scopeBox, current()); save(); });
  return null;

  function current() {
    return agreements.find((a) => a.agreementId === agreement.value) || agreements[0];
  }

  function save() {
    sessionStorage.setItem(DRAFT, JSON.stringify(formValues(form, REPEATED)));
  }

  function validate() {
    const checks = [
      [instrument, instrument.value ? '' : 'Choose an instrument class the agreement covers.'],
      [information, information.value.trim() ? '' : 'Write the information.'],
      [message, message.value.trim() ? '' : 'Write a covering message.'],
    ];
    let first = null;
    for (const [el, why] of checks) if (!setError(el, why) && !first) first = el;
    for (const g of REPEATED) {
      if (!checkGroup(form, g, `Choose at least one of the ${g === 'purposes' ? 'purposes' : 'data classes'}.`) && !first) {
        first = form.querySelector(`input[name=${g}]`);
      }
    }
    if (first) first.focus();
    return !first;
  }

  async function submit(ev) {
    ev.preventDefault();
    status.hidden = true;
    if (!validate()) return;
    const o = formValues(form, REPEATED);
    const button = document.getElementById('submit-share');
    button.disabled = true;
    try {
      const r = await post('/v1/assistance/unsolicited', {
        agreementId: agreement.value,
        recipient: other(current()),
        instrumentClass: o.instrumentClass,
        dataClasses: o.dataClasses,
        purposes: o.purposes,
        payload: { information: o.information.trim(), message: o.message.trim() },
      });
      sessionStorage.removeItem(DRAFT);
      toast(`Information ${r.requestId} shared.`);
      location.hash = `#/assistance/${r.requestId}`;
    } catch (e) {
      if (e.status === 401) return;
      status.textContent = `${e.message}${e.field ? ` (${e.field})` : ''}`;
      status.hidden = false;
      button.disabled = false;
    }
  }

  function discard() {
    sessionStorage.removeItem(DRAFT);
    form.reset();
    instrument = scopeFields(scopeBox, current());
    for (const el of form.querySelectorAll('[aria-invalid]')) setError(el, '');
  }
}
