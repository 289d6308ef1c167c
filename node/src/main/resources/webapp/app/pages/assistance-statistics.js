// Cooperation statistics per counterparty (IOSCO monitoring), computed by the chaincode from the
// records both parties hold, so the two sides' figures agree. The CSV export is fetched with the
// session's bearer token and saved as a file (no cookies, no token in a URL).
import { h, clear, label, when, toast } from '../dom.js';
import { get, download } from '../api.js';
import { session } from '../session.js';
import { tabs } from '../rfa.js';

export async function render(main) {
  const report = await get('/v1/assistance/statistics');
  const error = h('p.error-box#stats-error', { role: 'alert', hidden: true });
  clear(main,
    h('div.page-head', h('h1', 'Cooperation statistics'),
      h('button#stats-csv.secondary', { type: 'button', on: { click: csv } }, 'Download CSV')),
    tabs(session.can, 'statistics'),
    h('p.lede', `Requests for assistance of ${report.authority}, per counterparty and direction, as of ${when(report.asOf)}. Unsolicited information is counted apart, never as a request or in the response times.`),
    error,
    (report.counterparties || []).length ? table(report.counterparties) : h('p.empty#no-stats', 'No request has been sent or received yet.'));
  return null;

  async function csv() {
    error.hidden = true;
    try {
      await download('/v1/assistance/statistics?format=csv', 'cooperation-statistics.csv');
      toast('Statistics downloaded.');
    } catch (e) {
      error.textContent = `Download: ${e.message}`;
      error.hidden = false;
    }
  }
}

/** Seconds as days and hours (response times run in days). */
function duration(s) {
  if (s === null || s === undefined) return '—';
  const d = Math.floor(s / 86400);
  const hrs = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d) return `${d} d ${hrs} h`;
  if (hrs) return `${hrs} h ${m} min`;
  return m ? `${m} min ${s % 60} s` : `${s} s`;
}

function table(rows) {
  const head = ['Counterparty', 'Direction', 'Requests', 'Acknowledged', 'Answered', 'Overdue',
    'Time to acknowledge (median / p90)', 'Time to final reply (median / p90)', 'Refusals by ground', 'Unsolicited information'];
  const line = (c, dir) => {
    const d = c[dir] || {};
    const refusals = Object.entries(d.refusalsByGround || {}).map(([g, n]) => `${label(g)}: ${n}`).join('; ');
    return h('tr', { dataset: { counterparty: c.counterparty, direction: dir } },
      dir === 'sent' ? h('th', { scope: 'row', rowspan: 2 }, c.counterparty) : null,
      h('td', dir === 'sent' ? 'Sent' : 'Received'),
      h('td.requests', String(d.requests || 0)),
      h('td.acknowledged', String(d.acknowledged || 0)),
      h('td.answered', String(d.answered || 0)),
      h('td.overdue', String(d.overdue || 0)),
      h('td.ack-times', `${duration(d.acknowledgeMedianSeconds)} / ${duration(d.acknowledgeP90Seconds)}`),
      h('td.reply-times', `${duration(d.finalReplyMedianSeconds)} / ${duration(d.finalReplyP90Seconds)}`),
      h('td.refusals', refusals || '—'),
      h('td.unsolicited', String((dir === 'sent' ? c.unsolicitedSent : c.unsolicitedReceived) || 0)));
  };
  return h('table.list#stats-table',
    h('caption.sr-only', 'Cooperation statistics per counterparty'),
    h('thead', h('tr', head.map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', rows.map((c) => [line(c, 'sent'), line(c, 'received')])));
}
