// One request for assistance (or unsolicited information): the record both parties hold, the
// confidential content read from this authority's own peer, the reply leg (acknowledgement and
// estimate, urgency contest, updates, overdue marks, replies with each item's outcome and ground),
// and the steps open to this user now, by role, side and state (the node and the chaincode refuse
// the others anyway).
import { h, clear, field, select, label, when, badge, toast } from '../dom.js';
import { get, post, download } from '../api.js';
import { session } from '../session.js';
import { onInbox } from '../live.js';
import { ITEM_OUTCOMES, sender, receiver, replyDue, missed, overdue, itemStates, closed, tabs, endOfDay } from '../rfa.js';

const OPEN = ['ACKNOWLEDGED', 'PARTIALLY_ANSWERED'];

export async function render(main, [requestId]) {
  let drawn = null;
  let drawing = Promise.resolve();
  let gone = false; // left for another page: a drawing still under way must not paint over it
  const version = (r) => `${r.progress.status}|${r.progress.updatedAt}`;
  await draw();
  const off = onInbox(async (item) => {
    if (item.objectId !== requestId) return;
    try {
      await drawing;
      const r = await get(`/v1/assistance/${requestId}`);
      if (version(r) !== drawn) await draw();
    } catch (e) {
      /* the next event or action redraws */
    }
  });
  return () => {
    gone = true;
    off();
  };

  function draw() {
    drawing = drawing.then(paint, paint);
    return drawing;
  }

  async function paint() {
    const r = await get(`/v1/assistance/${requestId}`);
    drawn = version(r);
    const me = session.me.mspId;
    const received = receiver(r) === me;
    const [content, treaty] = await Promise.all([
      session.can('assistance:content') ? get(`/v1/assistance/${requestId}/content`).catch((e) => ({ error: e })) : null,
      get(`/v1/treaties/${r.treatyId}`).catch(() => null),
    ]);
    if (gone) return;
    const payload = content && !content.error ? content.payload || {} : null;
    const kind = r.unsolicited ? 'Unsolicited information' : 'Request for assistance';
    clear(main,
      h('div.page-head',
        h('h1', kind, ' ', h('span.mono#rfa-id', r.requestId)),
        h('div.head-badges', h('span#rfa-status', badge(r.progress.status)),
          overdue(r) ? h('span.badge.overdue#rfa-overdue', 'Overdue') : null)),
      tabs(session.can, received ? 'inbox' : 'outbox'),
      h('div.grid',
        h('section.card', { 'aria-labelledby': 'sum-h' }, h('h2#sum-h', 'Record'), summary(r, received, treaty)),
        h('section.card#actions', { 'aria-labelledby': 'act-h' }, h('h2#act-h', 'Actions'), actions(r, treaty, payload))),
      h('section.card#items-section', { 'aria-labelledby': 'items-h' }, h('h2#items-h', r.unsolicited ? 'Information' : 'Items asked for'), items(r, payload)),
      h('div.grid',
        h('section.card#content-section', { 'aria-labelledby': 'content-h' }, h('h2#content-h', 'Confidential content'), contentPanel(r, content)),
        h('section.card#progress', { 'aria-labelledby': 'prog-h' }, h('h2#prog-h', 'Progress'), progress(r))));
  }

  function summary(r, received, treaty) {
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

  /** A button that posts and redraws; an API error goes to `errorBox` (and a toast). */
  function act(idAttr, text, path, body, errorBox, opts = {}) {
    return h(`button#${idAttr}`, {
      type: 'button',
      class: opts.secondary ? 'secondary' : null,
      on: {
        click: async (ev) => {
          const b = ev.currentTarget;
          const payload = typeof body === 'function' ? body() : body;
          if (payload === null) return;
          b.disabled = true;
          if (errorBox) errorBox.hidden = true;
          try {
            await post(path, payload);
            toast(`${text}: done.`);
            await draw();
          } catch (e) {
            if (e.status === 401) return;
            const message = `${e.message}${e.field ? ` (${e.field})` : ''}`;
            if (errorBox) {
              errorBox.textContent = `${text}: ${message}`;
              errorBox.hidden = false;
            }
            toast(`${text}: ${message}`);
            b.disabled = false;
          }
        },
      },
    }, text);
  }

  function errorBox(idAttr) {
    return h(`p.error-box#${idAttr}`, { role: 'alert', hidden: true });
  }

  /** Requires a value: shows why on the field, or returns it. */
  function required(control, message) {
    const v = control.value.trim();
    const err = document.getElementById(`${control.id}-err`);
    if (err) err.textContent = v ? '' : message;
    if (v) control.removeAttribute('aria-invalid');
    else control.setAttribute('aria-invalid', 'true');
    return v || null;
  }

  function actions(r, treaty, payload) {
    const out = [];
    const base = `/v1/assistance/${r.requestId}`;
    const status = r.progress.status;
    const requested = !r.unsolicited && r.requested === session.me.mspId;
    if (requested && status === 'SUBMITTED' && session.can('assistance:acknowledge')) {
      const date = h('input#ack-estimate', { type: 'date', name: 'estimatedReplyAt' });
      const every = h('input#ack-frequency', { type: 'number', min: 1, max: 90, name: 'updateFrequencyDays' });
      const err = errorBox('ack-error');
      out.push(h('div.action',
        h('div.row', field('Estimated reply date', date, 'When you expect to reply in full.'),
          field('Or: updates every (days)', every, 'When no date can be given yet.')),
        act('action-acknowledge', 'Acknowledge', `${base}/acknowledge`, () => {
          if (date.value) return { estimatedReplyAt: endOfDay(date.value) };
          if (every.value) return { updateFrequencyDays: Number(every.value) };
          const e = document.getElementById(`${date.id}-err`);
          if (e) e.textContent = 'Give an estimated reply date or an update frequency.';
          date.setAttribute('aria-invalid', 'true');
          return null;
        }, err),
        err));
    }
    if (requested && r.urgency !== 'ROUTINE' && !r.progress.urgencyContested && status !== 'ANSWERED' && session.can('assistance:contestUrgency')) {
      const msg = h('textarea#contest-message', { rows: 2, maxlength: 20000 });
      const err = errorBox('contest-error');
      out.push(h('div.action', field('Why the urgency is contested', msg),
        act('action-contest', 'Contest urgency', `${base}/contest-urgency`, () => {
          const m = required(msg, 'Give the reasons.');
          return m ? { message: m } : null;
        }, err, { secondary: true }), err));
    }
    if (requested && OPEN.includes(status) && session.can('assistance:reply')) {
      out.push(replyForm(r, treaty, payload));
    }
    if (requested && OPEN.includes(status) && session.can('assistance:reportProgress')) {
      const msg = h('textarea#progress-message', { rows: 2, maxlength: 20000 });
      const err = errorBox('progress-error');
      out.push(h('div.action', field('Progress update for the requester', msg),
        act('action-progress', 'Report progress', `${base}/progress`, () => {
          const m = required(msg, 'Write the update.');
          return m ? { message: m } : null;
        }, err, { secondary: true }), err));
    }
    if (requested && OPEN.includes(status) && session.can('assistance:reestimate')) {
      const date = h('input#reestimate-date', { type: 'date' });
      const msg = h('textarea#reestimate-message', { rows: 2, maxlength: 20000 });
      const err = errorBox('reestimate-error');
      out.push(h('div.action', h('div.row', field('New estimated reply date', date), field('Why the reply is later', msg)),
        act('action-reestimate', 'Give a new estimate', `${base}/reestimate`, () => {
          const d = required(date, 'Choose a date.');
          const m = required(msg, 'Give the reasons.');
          return d && m ? { estimatedReplyAt: endOfDay(d), message: m } : null;
        }, err, { secondary: true }), err));
    }
    if (missed(r).length && session.can('assistance:markOverdue')) {
      const err = errorBox('overdue-error');
      out.push(h('div.action',
        h('p', `The ${missed(r).map((k) => label(k).toLowerCase()).join(' and ')} deadline has passed. Recording it tells both parties.`),
        act('action-overdue', 'Record as overdue', `${base}/overdue`, {}, err, { secondary: true }), err));
    }
    if (!r.unsolicited && session.can('assistance:content')) {
      const err = errorBox('export-error');
      out.push(h('div.action',
        h('button#export-auth001.secondary', {
          type: 'button',
          on: {
            click: async () => {
              err.hidden = true;
              try {
                await download(`${base}/auth001`, `${r.requestId}-auth001.xml`);
              } catch (e) {
                err.textContent = `Export: ${e.message}`;
                err.hidden = false;
              }
            },
          },
        }, 'Export as ISO 20022 auth.001'), err));
    }
    if (!out.length) out.push(h('p.muted#no-actions', 'No action is open to you on this request now.'));
    return out;
  }

  function replyForm(r, treaty, payload) {
    const states = itemStates(r);
    const open = Object.keys(states).map(Number).filter((n) => !closed(states[n]));
    const grounds = (treaty && treaty.terms && treaty.terms.refusalGrounds) || [];
    const rows = open.map((n) => {
      const outcome = select(`outcome-${n}`, ITEM_OUTCOMES.map((o) => [o, label(o)]), 'PROVIDED', { id: `reply-outcome-${n}` });
      const ground = select(`ground-${n}`, grounds.map((g) => [g, label(g)]), grounds[0], { id: `reply-ground-${n}`, disabled: true });
      outcome.addEventListener('change', () => { ground.disabled = outcome.value !== 'REFUSED'; });
      const item = payload && payload.items && payload.items[n - 1];
      return { n, outcome, ground, row: h('tr', { dataset: { item: String(n) } },
        h('th', { scope: 'row' }, String(n), item ? ` · ${label(item.type)}` : ''),
        h('td', h('label.sr-only', { for: outcome.id }, `Outcome of item ${n}`), outcome),
        h('td', h('label.sr-only', { for: ground.id }, `Refusal ground of item ${n}`), ground)) };
    });
    const final = h('input#reply-final', { type: 'checkbox', name: 'finalReply' });
    const msg = h('textarea#reply-message', { rows: 3, maxlength: 20000 });
    const err = errorBox('reply-error');
    return h('div.action#reply-form',
      h('h3', 'Reply'),
      h('table.list#reply-items',
        h('caption.sr-only', 'Outcome per open item'),
        h('thead', h('tr', h('th', { scope: 'col' }, 'Item'), h('th', { scope: 'col' }, 'Outcome'), h('th', { scope: 'col' }, 'Ground (if refused)'))),
        h('tbody', rows.map((x) => x.row))),
      grounds.length ? null : h('p.hint', 'The treaty lists no refusal grounds, so no item can be refused.'),
      h('div.checks', h('label', final, ' Final reply (answers every open item; nothing may be deferred)')),
      field('Message to the requester (confidential)', msg),
      act('action-reply', 'Send reply', `/v1/assistance/${r.requestId}/replies`, () => {
        const m = required(msg, 'Write the reply.');
        if (!m) return null;
        return {
          finalReply: final.checked,
          items: rows.map((x) => (x.outcome.value === 'REFUSED'
            ? { itemNo: x.n, outcome: 'REFUSED', refusalGround: x.ground.value }
            : { itemNo: x.n, outcome: x.outcome.value })),
          message: m,
        };
      }, err),
      err);
  }

  function items(r, payload) {
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

  function contentPanel(r, content) {
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

  function progress(r) {
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
}
