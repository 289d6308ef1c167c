// What the pages for requests for assistance share: the MMoU vocabularies, which side of a request
// this authority is on, when a deadline counts as missed, the sub-navigation, and reading every
// page of a box (the chaincode lists oldest first, 100 at most per page).
import { h } from './dom.js';
import { get, query } from './api.js';

export const TYPES = ['DOCUMENTS', 'RECORDS', 'BANK_RECORDS', 'BENEFICIAL_OWNERSHIP_RECORDS', 'TESTIMONY', 'ON_SITE_VISIT',
  'COMPELLED_ATTENDANCE', 'AUDIT_WORKING_PAPERS', 'ASSET_FREEZE', 'ISP_RECORDS', 'TELEPHONE_RECORDS'];
/** The EMMoU's additional powers: only between two EMMoU signatories (the chaincode checks). */
export const EMMOU_ONLY = ['COMPELLED_ATTENDANCE', 'AUDIT_WORKING_PAPERS', 'ASSET_FREEZE', 'ISP_RECORDS', 'TELEPHONE_RECORDS'];
export const RFA_STATUSES = ['SUBMITTED', 'ACKNOWLEDGED', 'PARTIALLY_ANSWERED', 'ANSWERED'];
export const URGENCIES = ['ROUTINE', 'PRIORITY', 'URGENT'];
export const ITEM_OUTCOMES = ['PROVIDED', 'REFUSED', 'DEFERRED'];

const MAX_PAGES = 20;

/** Every request of a box, newest first; `truncated` when more than MAX_PAGES pages exist. */
export async function listBox(box) {
  const items = [];
  let bookmark = '';
  for (let i = 0; i < MAX_PAGES; i += 1) {
    const page = await get(`/v1/assistance/${box}${query({ pageSize: 100, bookmark })}`);
    items.push(...(page.items || []));
    if (!page.bookmark || (page.items || []).length < 100) {
      return { items: items.sort(newestFirst), truncated: false };
    }
    bookmark = page.bookmark;
  }
  return { items: items.sort(newestFirst), truncated: true };
}

function newestFirst(a, b) {
  return String(b.createdAt).localeCompare(String(a.createdAt));
}

/** Unsolicited information has the provider in the requested position (decision 0031). */
export const sender = (r) => (r.unsolicited ? r.requested : r.requester);
export const receiver = (r) => (r.unsolicited ? r.requester : r.requested);

/** The reply deadline in force: the latest estimate once given, else the request's due date. */
export function replyDue(r) {
  return (r.progress && r.progress.estimatedReplyAt) || r.replyDueAt || null;
}

/**
 * The deadlines passed now, as the chaincode's markOverdue judges them: the acknowledgement while
 * not acknowledged, the reply deadline in force while not answered. Unsolicited information has
 * none.
 */
export function passed(r, now = Date.now()) {
  if (r.unsolicited) return [];
  const p = r.progress || {};
  const out = [];
  if (!p.acknowledgedAt && r.acknowledgeDueAt && Date.parse(r.acknowledgeDueAt) < now) out.push('ACKNOWLEDGEMENT');
  const due = replyDue(r);
  if (p.status !== 'ANSWERED' && due && Date.parse(due) < now) out.push('REPLY');
  return out;
}

/** The passed deadlines not yet recorded (the reply's once per due date, as the chaincode does). */
export function missed(r, now = Date.now()) {
  const marks = (r.progress && r.progress.overdue) || [];
  const due = { ACKNOWLEDGEMENT: r.acknowledgeDueAt, REPLY: replyDue(r) };
  return passed(r, now).filter((k) => !marks.some((m) => m.kind === k && m.dueAt === due[k]));
}

/** Overdue now: a deadline has passed, recorded on the ledger yet or not. */
export function overdue(r) {
  return passed(r).length > 0;
}

/** Each item's standing from the replies so far: its last outcome and ground, or open. */
export function itemStates(r) {
  const states = {};
  for (let n = 1; n <= r.itemCount; n += 1) states[n] = { outcome: null, ground: null, reply: null };
  for (const reply of (r.progress && r.progress.replies) || []) {
    for (const it of reply.items || []) states[it.itemNo] = { outcome: it.outcome, ground: it.refusalGround || null, reply: reply.seq };
  }
  return states;
}

export const closed = (s) => s.outcome === 'PROVIDED' || s.outcome === 'REFUSED';

/** The tabs of the assistance pages, by what the role may do. */
export function tabs(can, current) {
  const t = [
    ['inbox', '#/assistance?box=inbox', 'Received', 'assistance:listInbox'],
    ['outbox', '#/assistance?box=outbox', 'Sent', 'assistance:listOutbox'],
    ['new', '#/assistance/new', 'New request', 'assistance:submit'],
    ['share', '#/assistance/share', 'Share information', 'assistance:offer'],
    ['statistics', '#/assistance/statistics', 'Statistics', 'assistance:statistics'],
  ].filter(([, , , p]) => can(p));
  return h('nav.tabs', { 'aria-label': 'Requests for assistance' },
    t.map(([key, href, text]) => h('a', { href, id: `tab-${key}`, 'aria-current': key === current ? 'page' : null }, text)));
}

/** A date input's day as an instant: the end of that day in UTC for deadlines. */
export function endOfDay(date) {
  return date ? `${date}T23:59:59Z` : null;
}
