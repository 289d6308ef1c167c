// Treaty administration: treaties and members, agreements (propose, sign, suspend, terminate),
// membership changes (propose; approve after reading a plain summary of what changes), and this
// authority's users (create, disable, reset password, change role).
import { h, clear, field, select, label, when, toast, setError } from '../dom.js';
import { get, post } from '../api.js';
import { session } from '../session.js';
import { country, lei, DATA_CLASSES, USES, INSTRUMENT_CLASSES } from '../iso.js';

export async function render(main) {
  const sections = [h('h1', 'Administration')];
  const agreements = (await get('/v1/agreements?pageSize=100')).items || [];
  sections.push(await treatiesSection(agreements));
  sections.push(agreementsSection(agreements, main));
  if (session.can('treaty:proposeMembershipChange')) sections.push(membershipSection());
  if (session.can('users:admin')) sections.push(await usersSection(main));
  clear(main, sections);
  return null;
}

function redraw(main) {
  return render(main);
}

function action(idAttr, text, fn, secondary) {
  return h(`button#${idAttr}`, {
    type: 'button',
    class: secondary ? 'secondary' : null,
    on: { click: async (ev) => {
      const b = ev.currentTarget;
      b.disabled = true;
      try {
        await fn();
        toast(`${text}: done.`);
      } catch (e) {
        if (e.status !== 401) toast(`${text}: ${e.message}${e.field ? ` (${e.field})` : ''}`);
        b.disabled = false;
      }
    } },
  }, text);
}

async function treatiesSection(agreements) {
  const ids = [...new Set(agreements.map((a) => a.treatyId))];
  const box = h('div#treaty-box');
  const input = h('input#treaty-id', { name: 'treatyId', value: ids[0] || '', placeholder: 'TRT-…', spellcheck: 'false' });
  async function show() {
    try {
      const t = await get(`/v1/treaties/${encodeURIComponent(input.value.trim())}`);
      clear(box,
        h('h3', t.name, ' ', h('span.mono.small', t.treatyId)),
        h('p', `Response deadline ${t.terms.responseDeadlineDays} days; uses: ${(t.terms.permittedUses || []).map(label).join(', ')}; refusal grounds: ${(t.terms.refusalGrounds || []).map(label).join(', ')}.`),
        h('table.list#members-table', h('caption.sr-only', 'Members'),
          h('thead', h('tr', ['Member', 'Jurisdiction', 'Status', 'Since'].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', (t.members || []).map((m) => h('tr', h('td', m.msp), h('td', m.jurisdiction), h('td', label(m.status)), h('td', when(m.since)))))));
    } catch (e) {
      if (e.status !== 401) clear(box, h('p.error-box', { role: 'alert' }, e.message));
    }
  }
  if (ids.length) await show();
  return h('section.card', { 'aria-labelledby': 'tr-h' }, h('h2#tr-h', 'Treaties and members'),
    h('form.row.end', { on: { submit: (ev) => { ev.preventDefault(); show(); } } }, field('Treaty id', input), h('button.secondary', { type: 'submit' }, 'Show')),
    box);
}

function agreementsSection(agreements, main) {
  const me = session.me.mspId;
  const rows = agreements.map((a) => {
    const status = a.effectiveStatus || a.status;
    const acts = [];
    if (session.can('agreement:propose')) {
      const base = `/v1/agreements/${a.agreementId}`;
      if (a.status === 'PROPOSED' && a.counterparty === me) acts.push(action(`sign-${a.agreementId}`, 'Sign', async () => { await post(`${base}/signature`); redraw(main); }));
      if (a.status === 'ACTIVE') acts.push(action(`suspend-${a.agreementId}`, 'Suspend', async () => { await post(`${base}/suspension`); redraw(main); }, true));
      if (a.status === 'ACTIVE' || a.status === 'SUSPENDED') acts.push(action(`terminate-${a.agreementId}`, 'Terminate', async () => { await post(`${base}/termination`); redraw(main); }, true));
    }
    return h('tr', h('td', h('span.mono.small', a.agreementId)), h('td', a.treatyId), h('td', a.proposer === me ? a.counterparty : a.proposer),
      h('td', label(status)), h('td', when(a.validUntil)), h('td', h('div.acts', acts)));
  });
  const parts = [h('h2#ag-h', 'Agreements'),
    rows.length ? h('table.list#agreements-table', h('caption.sr-only', 'Agreements'),
      h('thead', h('tr', ['Agreement', 'Treaty', 'Counterparty', 'Status', 'Valid until', 'Actions'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', rows)) : h('p.empty', 'No agreements.')];
  if (session.can('agreement:propose')) parts.push(proposeAgreement(main));
  return h('section.card', { 'aria-labelledby': 'ag-h' }, parts);
}

function checks(name, values, legend) {
  return h('fieldset.checks', h('legend', legend), values.map((v) => h('label', h('input', { type: 'checkbox', name, value: v }), ' ', label(v))));
}

function proposeAgreement(main) {
  const f = h('form#propose-agreement', { on: { submit: async (ev) => {
    ev.preventDefault();
    const d = new FormData(f);
    try {
      await post('/v1/agreements', {
        treatyId: d.get('treatyId'),
        counterparty: d.get('counterparty'),
        scope: { dataClasses: d.getAll('dataClasses'), instrumentClasses: d.getAll('instrumentClasses'), permittedUses: d.getAll('permittedUses') },
        validFrom: new Date(`${d.get('validFrom')}T00:00:00Z`).toISOString(),
        validUntil: new Date(`${d.get('validUntil')}T00:00:00Z`).toISOString(),
      });
      toast('Agreement proposed.');
      redraw(main);
    } catch (e) {
      if (e.status !== 401) toast(`Propose: ${e.message}${e.field ? ` (${e.field})` : ''}`);
    }
  } } },
  h('h3', 'Propose an agreement'),
  h('div.row', field('Treaty id', h('input', { name: 'treatyId', required: true })), field('Counterparty (MSP id)', h('input', { name: 'counterparty', required: true }))),
  checks('dataClasses', DATA_CLASSES, 'Data classes'),
  checks('instrumentClasses', INSTRUMENT_CLASSES, 'Instrument classes'),
  checks('permittedUses', USES, 'Permitted uses'),
  h('div.row', field('Valid from', h('input', { type: 'date', name: 'validFrom', required: true })), field('Valid until', h('input', { type: 'date', name: 'validUntil', required: true }))),
  h('button', { type: 'submit' }, 'Propose'));
  return f;
}

function membershipSection() {
  const jurisdiction = h('input', { name: 'jurisdiction', maxlength: 2, placeholder: 'e.g. DE' });
  const leiInput = h('input', { name: 'lei', maxlength: 20 });
  jurisdiction.addEventListener('input', () => setError(jurisdiction, country(jurisdiction.value.toUpperCase())));
  leiInput.addEventListener('input', () => setError(leiInput, lei(leiInput.value.toUpperCase())));
  const propose = h('form#propose-change', { on: { submit: async (ev) => {
    ev.preventDefault();
    const d = new FormData(propose);
    if (!setError(jurisdiction, country(d.get('jurisdiction').toUpperCase())) || !setError(leiInput, lei(d.get('lei').toUpperCase()))) return;
    const body = { kind: d.get('kind'), msp: d.get('msp') };
    if (d.get('jurisdiction')) body.jurisdiction = d.get('jurisdiction').toUpperCase();
    if (d.get('lei')) body.lei = d.get('lei').toUpperCase();
    try {
      const c = await post(`/v1/treaties/${encodeURIComponent(d.get('treatyId'))}/membership-changes`, body);
      toast(`Membership change ${c.changeId} proposed.`);
    } catch (e) {
      if (e.status !== 401) toast(`Propose: ${e.message}${e.field ? ` (${e.field})` : ''}`);
    }
  } } },
  h('h3', 'Propose a membership change'),
  h('div.row', field('Treaty id', h('input', { name: 'treatyId', required: true })), field('Change', select('kind', ['ADMIT', 'SUSPEND', 'REINSTATE', 'WITHDRAW'], 'ADMIT'))),
  h('div.row', field('Member (MSP id)', h('input', { name: 'msp', required: true })), field('Jurisdiction (ISO 3166)', jurisdiction), field('LEI (optional)', leiInput)),
  h('p.hint', 'Admitting an authority to the channel as well needs the channel update, prepared with scripts/network.sh add-authority.'),
  h('button', { type: 'submit' }, 'Propose'));

  const summary = h('div#change-summary', { 'aria-live': 'polite' });
  const review = h('form#review-change', { on: { submit: async (ev) => {
    ev.preventDefault();
    const d = new FormData(review);
    const t = encodeURIComponent(d.get('treatyId'));
    const c = encodeURIComponent(d.get('changeId'));
    try {
      const s = await get(`/v1/treaties/${t}/membership-changes/${c}/summary`);
      const change = s.change;
      clear(summary, h('div.notice#change-description', s.summary.map((l) => h('p', l))),
        change.status === 'PENDING' && !(change.approvals || []).includes(session.me.mspId)
          ? action('approve-change', 'Approve this change', async () => { await post(`/v1/treaties/${t}/membership-changes/${c}/approvals`); review.requestSubmit(); })
          : h('p.muted', change.status === 'PENDING' ? 'Your authority has approved it.' : 'Applied.'));
    } catch (e) {
      if (e.status !== 401) clear(summary, h('p.error-box', { role: 'alert' }, e.message));
    }
  } } },
  h('h3', 'Review and approve a membership change'),
  h('div.row', field('Treaty id', h('input', { name: 'treatyId', required: true })), field('Change id', h('input', { name: 'changeId', required: true, placeholder: 'MCH-…' }))),
  h('button.secondary', { type: 'submit' }, 'Review'));
  return h('section.card', { 'aria-labelledby': 'mc-h' }, h('h2#mc-h', 'Membership changes'), propose, review, summary);
}

async function usersSection(main) {
  const users = (await get('/v1/users')).items;
  const roles = ['treaty-admin', 'case-officer', 'investigator', 'auditor'];
  const rows = users.map((u) => {
    const pw = h('input', { type: 'password', autocomplete: 'new-password', 'aria-label': `New password for ${u.username}`, minlength: 12 });
    const role = select('role', roles.map((r) => [r, label(r)]), u.role, { 'aria-label': `Role of ${u.username}` });
    const self = u.username === session.me.username;
    return h('tr', { dataset: { user: u.username } },
      h('td', u.username), h('td', label(u.role)), h('td', u.disabled ? 'Disabled' : 'Active'),
      h('td', h('div.acts',
        self || u.disabled ? null : action(`disable-${u.username}`, 'Disable', async () => { await post(`/v1/users/${u.username}/disable`); redraw(main); }, true),
        h('span.inline', pw, action(`reset-${u.username}`, 'Reset password', async () => { await post(`/v1/users/${u.username}/password`, { password: pw.value }); pw.value = ''; }, true)),
        self ? null : h('span.inline', role, action(`role-${u.username}`, 'Change role', async () => { await post(`/v1/users/${u.username}/role`, { role: role.value }); redraw(main); }, true)))));
  });
  const create = h('form#create-user', { autocomplete: 'off', on: { submit: async (ev) => {
    ev.preventDefault();
    const d = new FormData(create);
    try {
      await post('/v1/users', { username: d.get('username'), role: d.get('role'), password: d.get('password') });
      toast(`User ${d.get('username')} created.`);
      redraw(main);
    } catch (e) {
      if (e.status !== 401) toast(`Create: ${e.message}${e.field ? ` (${e.field})` : ''}`);
    }
  } } },
  h('h3', 'Create a user'),
  h('div.row', field('User name', h('input', { name: 'username', required: true, pattern: '[a-z][a-z0-9._-]{2,63}' })), field('Role', select('role', roles.map((r) => [r, label(r)]), 'case-officer')),
    field('Initial password', h('input', { name: 'password', type: 'password', required: true, autocomplete: 'new-password', minlength: 12 }))),
  h('button', { type: 'submit' }, 'Create user'));
  return h('section.card', { 'aria-labelledby': 'us-h' }, h('h2#us-h', `Users of ${session.me.mspId}`),
    h('table.list#users-table', h('caption.sr-only', 'Users'),
      h('thead', h('tr', ['User', 'Role', 'State', 'Actions'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', rows)),
    create);
}
