// One request for assistance (or unsolicited information): the record both parties hold, the
// confidential content read from this authority's own peer, the reply leg (acknowledgement and
// estimate, urgency contest, updates, overdue marks, replies with each item's outcome and ground),
// and the steps open to this user now, by role, side and state (the node and the chaincode refuse
// the others anyway).
import { h, clear, field, select, label, badge, toast } from '../dom.js';
import { get, post, download } from '../api.js';
import { session } from '../session.js';
import { onInbox } from '../live.js';
import { ITEM_OUTCOMES, receiver, missed, overdue, itemStates, closed, tabs, endOfDay } from '../rfa.js';
import { summary, items, contentPanel, progress } from '../rfa-views.js';

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
}
