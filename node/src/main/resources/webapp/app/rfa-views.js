// The read-only parts of a request for assistance's page: the record, the items with each one's
// standing, the confidential content as read from this authority's own peer, and the progress of
// the reply leg. Functions of the data only; the page (pages/assistance.js) adds the actions.
import { h, label, when, badge } from './dom.js';
import { sender, receiver, replyDue, itemStates } from './rfa.js';

export function summary(r, received, treaty) {
  const p = r.progress;
  const rows = [
    [received ? 'Received from' : 'Sent to', received ? sender(r) : receiver(r)],
    ['Treaty', treaty && treaty.name ? `${treaty.name} (${r.treatyId})` : r.treatyId],
    ['Agreement', r.agreementId],
    ['Instrument class', label(r.instrumentClass)],
    ['Data classes', (r.dataClasses || []).map(label).join(', ')],
    ['Purposes', (r.purposes || []).map(label).join(', ')],
    ['Urgency', [label(r.urgency), p.urgencyContested ? ' (contested)' : '']],
    ['Items', String(r.itemCount)],
    ['Created', when(r.createdAt)],
    r.unsolicited ? null : ['Acknowledgement due', when(r.acknowledgeDueAt)],
    r.unsolicited ? null : ['Reply due', h('span#rfa-reply-due', when(replyDue(r)), p.estimatedReplyAt ? ' (estimate)' : '')],
    p.finalReplyAt ? ['Final reply', when(p.finalReplyAt)] : null,
    p.restrictedAt ? ['Processing restricted', when(p.restrictedAt)] : null,
    p.purgedAt ? ['Content purged', when(p.purgedAt)] : null,
    ['Content hash', h('span.mono.small', r.payloadHash || '')],
  ].filter(Boolean);
  return h('dl.summary#rfa-summary', rows.map(([k, v]) => [h('dt', k), h('dd', v)]));
}

export function items(r, payload) {
  const states = itemStates(r);
  const described = payload && Array.isArray(payload.items) ? payload.items : [];
  const rows = [];
  for (let n = 1; n <= r.itemCount; n += 1) {
    const s = states[n];
    const it = described[n - 1];
    rows.push(h('tr', { dataset: { item: String(n), outcome: s.outcome || 'OPEN' } },
      h('td', String(n)),
      h('td', it ? label(it.type) : h('span.muted', 'Not readable here')),
      h('td', it ? it.description : ''),
      h('td.outcome', s.outcome ? badge(s.outcome) : h('span.muted', 'Open')),
      h('td.ground', s.ground ? label(s.ground) : '')));
  }
  if (r.unsolicited) {
    return payload ? h('p#rfa-information', payload.information || '') : h('p.muted', 'The information is readable by case officers and investigators.');
  }
  return h('table.list#rfa-items',
    h('caption.sr-only', 'Items and their standing'),
    h('thead', h('tr', h('th', { scope: 'col' }, 'No.'), h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Description'),
      h('th', { scope: 'col' }, 'Outcome'), h('th', { scope: 'col' }, 'Refusal ground'))),
    h('tbody', rows));
}

export function contentPanel(r, content) {
  if (!content) return h('p.muted', 'Your role cannot read the confidential content; a case officer or investigator can.');
  if (content.error) return h('p.error-box#content-error', { role: 'alert' }, content.error.message);
  const p = content.payload || {};
  const period = p.investigationPeriod ? `${p.investigationPeriod.from} to ${p.investigationPeriod.to}` : '';
  const mandate = p.legalMandate ? [p.legalMandate.paragraph, p.legalMandate.disclaimer].filter(Boolean).join(' — ') : '';
  const rows = r.unsolicited
    ? [
      ['Information', p.information],
      ['Message', p.message],
      ['Documents', (p.documents || []).map((d) => `${d.documentId}${d.description ? ` (${d.description})` : ''}`).join('; ')],
    ]
    : [
      ['Facts', p.facts],
      ['Purpose', p.purpose],
      ['Provisions breached', (p.provisionsBreached || []).join('; ')],
      ['Persons concerned', (p.subjects || []).map((s) => [s.name, s.lei, s.role].filter(Boolean).join(', ')).join('; ')],
      ['Accounts', (p.accounts || []).map((a) => [a.accountId, a.venue && (a.venue.mic || a.venue.chainId)].filter(Boolean).join(' at ')).join('; ')],
      ['Wallets', (p.wallets || []).map((w) => `${w.chainId} ${w.address}`).join('; ')],
      ['Legal mandate', mandate],
      ['Confidential', p.confidential === undefined ? '' : p.confidential ? 'Yes' : 'No'],
      ['Investigation period', period],
      ['Reasons for urgency', p.urgencyReasons],
      ['Narrative', p.narrative],
    ];
  return [
    h('dl.summary#rfa-content', rows.filter(([, v]) => v).map(([k, v]) => [h('dt', k), h('dd', v)])),
    h('p.meta', 'Read from this authority\'s own peer. Reply messages stay in the pair\'s collection and are not shown here.'),
  ];
}

export function progress(r) {
  const p = r.progress;
  const events = [{ at: r.createdAt, text: r.unsolicited ? `Shared by ${sender(r)} with ${receiver(r)}` : `Sent by ${r.requester} to ${r.requested}` }];
  if (p.acknowledgedAt) {
    const ack = p.updateFrequencyDays ? `Acknowledged; updates every ${p.updateFrequencyDays} days`
      : (p.updates || []).some((u) => u.kind === 'NEW_ESTIMATE') ? 'Acknowledged with an estimated reply date'
      : `Acknowledged; reply estimated by ${when(p.estimatedReplyAt)}`;
    if (!r.unsolicited) events.push({ at: p.acknowledgedAt, text: ack, id: 'ev-acknowledged' });
  }
  for (const u of p.updates || []) {
    const text = u.kind === 'NEW_ESTIMATE' ? `New estimate: reply by ${when(u.estimatedReplyAt)}`
      : u.kind === 'URGENCY_CONTESTED' ? 'Urgency contested'
      : 'Progress reported';
    events.push({ at: u.at, text });
  }
  for (const o of p.overdue || []) events.push({ at: o.markedAt, text: `Recorded overdue: ${label(o.kind).toLowerCase()} was due ${when(o.dueAt)}`, overdue: true });
  for (const d of p.disclosures || []) events.push({ at: d.notifiedAt, text: `Disclosure to ${d.body} noticed by ${d.by} (${label(d.status)})` });
  for (const s of p.subjectRequests || []) events.push({ at: s.at, text: `Data-subject request: ${label(s.kind)}` });
  events.sort((x, y) => String(x.at).localeCompare(String(y.at)));
  const replies = (p.replies || []).map((rep) => h('li', { dataset: { reply: String(rep.seq) } },
    h('p', h('strong', rep.finalReply ? 'Final reply' : 'Partial reply'), ` ${rep.seq}, ${when(rep.at)}`),
    h('ul', (rep.items || []).map((it) => h('li', { dataset: { item: String(it.itemNo) } },
      `Item ${it.itemNo}: `, badge(it.outcome), it.refusalGround ? ` on the ground: ${label(it.refusalGround)}` : '')))));
  return [
    h('ol.timeline#rfa-timeline', events.map((e) => h('li', { class: e.overdue ? 'overdue' : null },
      h('time', { datetime: e.at }, when(e.at)), h('span', e.text)))),
    h('h3', 'Replies'),
    replies.length ? h('ol.replies#rfa-replies', replies) : h('p.muted#rfa-replies', 'No reply yet.'),
  ];
}
