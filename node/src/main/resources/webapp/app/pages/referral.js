// One referral: its summary, the actions allowed now (by role, side and state; the node and the
// chaincode refuse the others anyway), this authority's case work, the payload behind a stated
// purpose, and a timeline of the life cycle and exchanges.
import { h, clear, field, select, label, when, badge, toast } from '../dom.js';
import { get, post } from '../api.js';
import { session } from '../session.js';
import { onInbox } from '../live.js';
import { OUTCOMES, USES } from '../iso.js';

const FINAL = ['CLOSED', 'DECLINED'];

export async function render(main, [referralId]) {
  let off = null;
  let drawn = null; // the version of the referral on the page
  let drawing = Promise.resolve();
  const version = (r) => `${r.status}|${r.updatedAt}`;
  await draw();
  post(`/v1/casework/referrals/${referralId}/read`).catch(() => {});
  // Redraw only when the referral itself changed (a recorded payload view, for one, does not):
  // the user's own work on the page, such as a payload on display, stays.
  off = onInbox(async (item) => {
    if (item.objectId !== referralId) return;
    try {
      await drawing;
      const r = await get(`/v1/referrals/${referralId}`);
      if (version(r) !== drawn) await draw();
    } catch (e) {
      /* the next event or action redraws */
    }
  });
  return () => off && off();

  /** One drawing at a time: a live event and the user's own action never redraw in parallel. */
  function draw() {
    drawing = drawing.then(paint, paint);
    return drawing;
  }

  async function paint() {
    const r = await get(`/v1/referrals/${referralId}`);
    drawn = version(r);
    const me = session.me.mspId;
    const side = r.recipient === me ? 'recipient' : r.originator === me ? 'originator' : 'onward';
    const [casework, treaty] = await Promise.all([
      get(`/v1/casework/referrals/${referralId}`),
      get(`/v1/treaties/${r.treatyId}`).catch(() => null),
    ]);
    const overdue = r.responseDueAt && !FINAL.includes(r.status) && Date.parse(r.responseDueAt) < Date.now();
    clear(main,
      h('div.page-head',
        h('h1', 'Referral ', h('span.mono#referral-id', r.referralId)),
        h('div.head-badges', h('span#referral-status', badge(r.status)), overdue ? h('span.badge.overdue', 'Overdue') : null)),
      h('div.grid',
        h('section.card', { 'aria-labelledby': 'sum-h' }, h('h2#sum-h', 'Summary'), summary(r, side, treaty)),
        h('section.card#actions', { 'aria-labelledby': 'act-h' }, h('h2#act-h', 'Actions'), actions(r, side, treaty))),
      h('div.grid',
        h('section.card#casework', { 'aria-labelledby': 'cw-h' }, h('h2#cw-h', 'Case work (internal to ', me, ')'), await caseworkPanel(casework)),
        session.can('referral:readPayload')
          ? h('section.card#payload-section', { 'aria-labelledby': 'pl-h' }, h('h2#pl-h', 'Confidential content'), payloadPanel(r))
          : null),
      h('section.card#timeline', { 'aria-labelledby': 'tl-h' }, h('h2#tl-h', 'Timeline'), await timeline(r)));
  }

  function summary(r, side, treaty) {
    const rows = [
      [side === 'recipient' ? 'Received from' : 'Sent to', side === 'recipient' ? r.originator : r.recipient],
      ['Treaty', treaty && treaty.name ? `${treaty.name} (${r.treatyId})` : r.treatyId],
      ['Agreement', r.agreementId],
      ['Typology', label(r.typology)],
      ['Instrument class', label(r.instrumentClass)],
      ['Data classes', (r.dataClasses || []).map(label).join(', ')],
      ['Purposes', (r.purposes || []).map(label).join(', ')],
      ['Created', when(r.createdAt)],
      ['Response due', when(r.responseDueAt)],
      r.outcome ? ['Outcome', label(r.outcome)] : null,
      r.refusalGround ? ['Refusal ground', label(r.refusalGround)] : null,
      ['Content hash', h('span.mono.small', r.payloadHash || '')],
    ].filter(Boolean);
    return h('dl.summary', rows.map(([k, v]) => [h('dt', k), h('dd', v)]));
  }

  function act(idAttr, text, path, body, opts = {}) {
    return h(`button#${idAttr}`, {
      type: 'button',
      class: opts.secondary ? 'secondary' : null,
      on: {
        click: async (ev) => {
          const b = ev.currentTarget;
          const payload = typeof body === 'function' ? body() : body;
          if (payload === null) return;
          b.disabled = true;
          try {
            await post(path, payload);
            toast(`${text}: done.`);
            await draw();
          } catch (e) {
            if (e.status !== 401) toast(`${text}: ${e.message}`);
            b.disabled = false;
          }
        },
      },
    }, text);
  }

  function actions(r, side, treaty) {
    const out = [];
    const base = `/v1/referrals/${r.referralId}`;
    const recipient = side === 'recipient';
    if (recipient && session.can('referral:acknowledge') && r.status === 'SUBMITTED') {
      out.push(h('div.action', act('action-acknowledge', 'Acknowledge', `${base}/acknowledge`)));
    }
    if (recipient && session.can('referral:startInvestigation') && r.status === 'ACKNOWLEDGED') {
      out.push(h('div.action', act('action-investigate', 'Open investigation', `${base}/investigation`)));
    }
    if (recipient && session.can('referral:requestInformation') && r.status === 'UNDER_INVESTIGATION') {
      const msg = h('textarea', { rows: 2, maxlength: 20000 });
      out.push(h('div.action', field('Information request to the originator', msg),
        act('action-request-info', 'Request information', `${base}/information-requests`, () => (msg.value.trim() ? { message: msg.value.trim() } : null))));
    }
    if (side === 'originator' && session.can('referral:provideInformation') && r.status === 'INFORMATION_REQUESTED') {
      const msg = h('textarea', { rows: 2, maxlength: 20000 });
      out.push(h('div.action', field('Information for the requested authority', msg),
        act('action-provide-info', 'Provide information', `${base}/information`, () => (msg.value.trim() ? { message: msg.value.trim() } : null))));
    }
    if (recipient && session.can('referral:close') && r.status === 'UNDER_INVESTIGATION') {
      const outcome = select('outcome', OUTCOMES, 'NO_FURTHER_ACTION');
      out.push(h('div.action', field('Outcome', outcome), act('action-close', 'Close', `${base}/close`, () => ({ outcome: outcome.value }))));
    }
    if (recipient && session.can('referral:decline') && ['SUBMITTED', 'ACKNOWLEDGED', 'UNDER_INVESTIGATION'].includes(r.status)) {
      const grounds = (treaty && treaty.terms && treaty.terms.refusalGrounds) || [];
      if (grounds.length) {
        const ground = select('refusalGround', grounds, grounds[0]);
        out.push(h('div.action', field('Refusal ground (from the treaty)', ground),
          act('action-decline', 'Decline', `${base}/decline`, () => ({ refusalGround: ground.value }), { secondary: true })));
      }
    }
    if (session.can('referral:grantConsent') && !FINAL.includes(r.status)) {
      for (const c of r.consents || []) {
        if (side === 'originator' && c.status !== 'GRANTED') {
          out.push(h('div.action', h('p', `${c.recipient} asks consent to use it for ${label(c.use)}.`),
            act(`grant-${c.consentId}`, 'Grant consent', `${base}/consents/${c.consentId}/grant`)));
        }
        const shared = (r.onwardShares || []).some((s) => s.consentId === c.consentId);
        if (recipient && c.status === 'GRANTED' && c.recipient !== session.me.mspId && !shared) {
          out.push(h('div.action', h('p', `Consent granted to share with ${c.recipient} for ${label(c.use)}.`),
            act(`share-${c.consentId}`, 'Share onward', `${base}/consents/${c.consentId}/share`)));
        }
      }
      if (recipient) {
        const members = ((treaty && treaty.members) || []).map((m) => m.msp).filter((m) => m !== r.originator);
        const to = select('consentRecipient', members.map((m) => [m, m === session.me.mspId ? `${m} (us)` : m]), session.me.mspId);
        const use = select('consentUse', USES, 'ENFORCEMENT');
        out.push(h('div.action', h('div.row', field('Consent for', to), field('Use', use)),
          act('action-consent', 'Request consent', `${base}/consents`, () => ({ recipient: to.value, use: use.value }), { secondary: true })));
      }
    }
    if (!out.length) out.push(h('p.muted#no-actions', 'No action is open to you on this referral now.'));
    return out;
  }

  async function caseworkPanel(cw) {
    const parts = [];
    const a = cw.assignment;
    parts.push(h('p#assignee', a ? ['Assigned to ', h('strong', a.assignee), ` by ${a.assignedBy}, ${when(a.assignedAt)}`] : 'Not assigned.'));
    if (session.can('casework:assign')) {
      const officers = (await get('/v1/casework/officers')).items;
      const who = select('assignee', officers.map((o) => [o.username, `${o.username} (${label(o.role)})`]), a ? a.assignee : officers[0] && officers[0].username, { id: 'assign-to' });
      parts.push(h('div.row.end', field('Assign to', who), act('action-assign', 'Assign', `/v1/casework/referrals/${referralId}/assignment`, () => ({ assignee: who.value }))));
    }
    parts.push(h('h3', 'Internal notes'));
    parts.push(cw.notes.length
      ? h('ol.notes#notes', cw.notes.map((n) => h('li', h('p', n.text), h('p.meta', `${n.author}, ${when(n.at)}`))))
      : h('p.muted#notes', 'No notes yet.'));
    if (session.can('casework:write')) {
      const text = h('textarea#note-text', { rows: 2, maxlength: 4000 });
      parts.push(field('New note (stays on this node)', text));
      parts.push(act('action-note', 'Add note', `/v1/casework/referrals/${referralId}/notes`, () => (text.value.trim() ? { text: text.value.trim() } : null), { secondary: true }));
    }
    return parts;
  }

  function payloadPanel(r) {
    const box = h('div#payload-box');
    const purpose = select('purpose', r.purposes || [], (r.purposes || [])[0], { id: 'payload-purpose' });
    const button = h('button#view-payload', { type: 'button', on: { click: view } }, 'View content');
    clear(box,
      h('p.notice#payload-notice', 'Viewing the content is recorded on the shared ledger with your identity and the purpose you give. Both authorities can see the record.'),
      field('Purpose of this view', purpose),
      button);
    return box;

    async function view() {
      button.disabled = true;
      try {
        const v = await post(`/v1/referrals/${r.referralId}/payload-views`, { purpose: purpose.value });
        const viewers = await get(`/v1/referrals/${r.referralId}/payload-views`);
        clear(box,
          h('p.notice', `This view was recorded for ${label(v.purpose || purpose.value)}.`),
          payloadView(v.payload),
          h('h3', 'Recorded views'),
          viewers.available
            ? h('ul#payload-viewers', viewers.items.map((e) => h('li', `${e.actor ? e.actor.msp : ''} ${e.actor && e.actor.role ? `(${label(e.actor.role)})` : ''}, ${when(e.timestamp)}, tx `, h('span.mono.small', e.txId))))
            : h('p.muted#payload-viewers', 'Your role cannot read the audit trail; an investigator or auditor can see who viewed it.'));
      } catch (e) {
        if (e.status !== 401) toast(`View: ${e.message}`);
        button.disabled = false;
      }
    }
  }

  function payloadView(p) {
    const rows = [
      ['Facts', p.facts],
      ['Assistance sought', p.assistanceSought],
      ['Provisions breached', (p.provisionsBreached || []).join('; ')],
      ['Urgency', label(p.urgency)],
      ['Subjects', (p.subjects || []).map((s) => [s.name, s.lei, s.role].filter(Boolean).join(', ')).join('; ')],
      ['Accounts', (p.accounts || []).map((a) => JSON.stringify(a)).join('; ')],
      ['Wallets', (p.wallets || []).map((w) => `${w.chainId} ${w.address}`).join('; ')],
      ['Instruments', (p.instruments || []).map((i) => [i.cfi, i.underlying && (i.underlying.dti || i.underlying.symbol), i.venue && (i.venue.mic || i.venue.chainId)].filter(Boolean).join(' / ')).join('; ')],
      ['Narrative', p.narrative],
    ].filter(([, v]) => v);
    return h('dl.summary#payload', rows.map(([k, v]) => [h('dt', k), h('dd', v)]));
  }

  async function timeline(r) {
    const events = [{ at: r.createdAt, text: `Submitted by ${r.originator} to ${r.recipient}` }];
    for (const e of r.exchanges || []) events.push({ at: e.at, text: `${label(e.kind)} by ${e.by}` });
    for (const c of r.consents || []) {
      events.push({ at: c.requestedAt, text: `Consent requested by ${c.requestedBy} for ${c.recipient} (${label(c.use)})` });
      if (c.grantedAt) events.push({ at: c.grantedAt, text: `Consent granted for ${c.recipient} (${label(c.use)})` });
    }
    for (const s of r.onwardShares || []) events.push({ at: s.sharedAt, text: `Shared onward with ${s.recipient} (${label(s.use)})` });
    let audited = null;
    if (session.can('audit:byActor')) {
      try {
        audited = (await get(`/v1/audit/entries?objectId=${r.referralId}&pageSize=100`)).items;
      } catch (e) {
        audited = null;
      }
    }
    if (audited) {
      return h('ol.timeline', audited.map((e) => h('li',
        h('time', { datetime: e.timestamp }, when(e.timestamp)),
        h('span', `${label(String(e.action).replace(/^referral\./, '').replace(/([a-z])([A-Z])/g, '$1_$2'))} by ${e.actor ? e.actor.msp : '?'}`),
        h('span.meta', 'tx ', h('span.mono.small', e.txId), e.blockNumber !== null && e.blockNumber !== undefined ? `, block ${e.blockNumber}` : ''))));
    }
    if (r.updatedAt && r.updatedAt !== r.createdAt) events.push({ at: r.updatedAt, text: `Last change: now ${label(r.status)}` });
    events.sort((x, y) => String(x.at).localeCompare(String(y.at)));
    return h('ol.timeline', events.map((e) => h('li', h('time', { datetime: e.at }, when(e.at)), h('span', e.text))));
  }
}
