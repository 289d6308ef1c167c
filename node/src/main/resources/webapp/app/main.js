// The application shell: session, header with who the user is, navigation by role, live inbox
// with the unread count, and a hash router (no server routes needed; identifiers that must stay
// private never go into the hash: flag lookups are POST bodies only).
import { h, clear, toast, label } from './dom.js';
import { get, post } from './api.js';
import { session } from './session.js';
import { startLive, stopLive, onInbox } from './live.js';
import * as login from './pages/login.js';
import * as referrals from './pages/referrals.js';
import * as newReferral from './pages/new-referral.js';
import * as referral from './pages/referral.js';
import * as audit from './pages/audit.js';
import * as flags from './pages/flags.js';
import * as admin from './pages/admin.js';
import * as assistanceList from './pages/assistance-list.js';
import * as assistance from './pages/assistance.js';
import * as newAssistance from './pages/new-assistance.js';
import * as newUnsolicited from './pages/new-unsolicited.js';
import * as assistanceStatistics from './pages/assistance-statistics.js';

const ROUTES = [
  [/^#\/login$/, login, null],
  [/^#\/referrals\/new$/, newReferral, 'referral:submit'],
  [/^#\/referrals\/(REF-[0-9a-f]{16})$/, referral, 'referral:get'],
  [/^#\/referrals(?:\?(.*))?$/, referrals, 'referral:listInbox'],
  [/^#\/assistance\/new$/, newAssistance, 'assistance:submit'],
  [/^#\/assistance\/share$/, newUnsolicited, 'assistance:offer'],
  [/^#\/assistance\/statistics$/, assistanceStatistics, 'assistance:statistics'],
  [/^#\/assistance\/(RFA-[0-9a-f]{16})$/, assistance, 'assistance:get'],
  [/^#\/assistance(?:\?(.*))?$/, assistanceList, 'assistance:listInbox'],
  [/^#\/audit(?:\?(.*))?$/, audit, 'audit:byActor'],
  [/^#\/flags$/, flags, 'flag:lookup'],
  [/^#\/admin$/, admin, 'treaty:get'],
];

let cleanup = null;
let expiryTimer = null;
let listening = false;

async function route() {
  const hash = location.hash || '#/';
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  const main = document.getElementById('main');
  if (!session.token()) {
    if (session.me || sessionStorage.getItem('regnet.token')) {
      session.expire('Your session has ended. Log in again to continue where you were.');
      return;
    }
    if (hash !== '#/login') {
      sessionStorage.setItem('regnet.return', hash);
      location.hash = '#/login';
      return;
    }
  }
  if (hash === '#/login') {
    hideShell();
    cleanup = login.render(main, [], { onLogin }) || null;
    return;
  }
  if (!session.me) {
    try {
      session.me = await get('/v1/me');
    } catch (e) {
      return;
    }
    showShell();
  }
  if (hash === '#/' || hash === '#') {
    location.hash = session.can('referral:listInbox') ? '#/referrals?box=inbox' : '#/admin';
    return;
  }
  const found = ROUTES.find(([re]) => re.test(hash));
  markNav(hash);
  if (!found) {
    clear(main, h('h1', 'Not found'), h('p', 'There is no such page.'));
    return;
  }
  const [re, page, permission] = found;
  if (permission && !session.can(permission)) {
    clear(main, h('h1', 'Not available'), h('p', 'Your role does not give access to this page.'));
    return;
  }
  const params = re.exec(hash).slice(1);
  try {
    cleanup = (await page.render(main, params, { refreshUnread })) || null;
  } catch (e) {
    if (e.status !== 401) {
      clear(main, h('h1', 'Something went wrong'), h('p.error-box', { role: 'alert' }, e.message));
    }
  }
  main.focus({ preventScroll: true });
}

async function onLogin(token, expiresAt) {
  session.start(token, expiresAt);
  session.me = null;
  location.hash = session.takeReturn();
}

function hideShell() {
  stopLive();
  clearTimeout(expiryTimer);
  document.getElementById('top').hidden = true;
}

function showShell() {
  const me = session.me;
  const nav = [];
  if (session.can('referral:listInbox')) {
    nav.push(h('a', { href: '#/referrals?box=inbox', dataset: { nav: 'inbox' } }, 'Inbox ',
      h('span.count#unread', '')));
    nav.push(h('a', { href: '#/referrals?box=outbox', dataset: { nav: 'outbox' } }, 'Outbox'));
  }
  if (session.can('referral:submit')) nav.push(h('a#nav-new', { href: '#/referrals/new', dataset: { nav: 'new' } }, 'New referral'));
  if (session.can('assistance:listInbox')) nav.push(h('a#nav-assistance', { href: '#/assistance?box=inbox', dataset: { nav: 'assistance' } }, 'Assistance'));
  if (session.can('flag:lookup')) nav.push(h('a#nav-flags', { href: '#/flags', dataset: { nav: 'flags' } }, 'Flags'));
  if (session.can('audit:byActor')) nav.push(h('a#nav-audit', { href: '#/audit', dataset: { nav: 'audit' } }, 'Audit trail'));
  if (session.can('treaty:found') || session.can('users:admin')) nav.push(h('a#nav-admin', { href: '#/admin', dataset: { nav: 'admin' } }, 'Administration'));
  const top = document.getElementById('top');
  clear(top,
    h('div.brand', h('span.logo', { 'aria-hidden': 'true' }, 'r'), h('span', 'regnet'), h('span.authority', me.authority)),
    h('nav', { 'aria-label': 'Main' }, nav),
    h('div.who',
      h('span#live.live', { dataset: { on: 'false' }, role: 'status' }, 'Connecting…'),
      h('span#whoami', h('strong', me.username), ' · ', label(me.role), ' · ', me.mspId),
      h('button#logout.secondary', { type: 'button', on: { click: logout } }, 'Log out')));
  top.hidden = false;
  const expires = Date.parse(session.expiresAt() || '') - Date.now();
  clearTimeout(expiryTimer);
  if (expires > 0) {
    expiryTimer = setTimeout(() => session.expire('Your session has expired. Log in again to continue where you were.'), expires);
  }
  if (session.can('inbox:read')) {
    if (!listening) {
      listening = true;
      onInbox((item) => {
        if (String(item.event).startsWith('regnet.referral.')) {
          refreshUnread();
          if (item.event === 'regnet.referral.submitted') toast('A new referral has arrived.');
        }
        if (item.event === 'regnet.assistance.submitted') toast('A new request for assistance has arrived.');
        if (item.event === 'regnet.assistance.offered') toast('Information has been shared with your authority.');
      });
    }
    startLive();
  }
  refreshUnread();
}

async function refreshUnread() {
  const el = document.getElementById('unread');
  if (!el || !session.can('referral:listInbox')) return;
  try {
    const r = await get('/v1/casework/referrals?box=inbox');
    el.textContent = r.unread > 0 ? String(r.unread) : '';
    el.dataset.count = String(r.unread);
  } catch (e) {
    /* the count is a convenience; the page shows errors */
  }
}

function markNav(hash) {
  const key = hash.startsWith('#/assistance') ? 'assistance'
    : hash.startsWith('#/referrals/new') ? 'new'
    : hash.includes('box=outbox') ? 'outbox'
    : hash.startsWith('#/referrals') ? 'inbox'
    : hash.replace(/^#\//, '').split(/[/?]/)[0];
  for (const a of document.querySelectorAll('#top nav a')) {
    if (a.dataset.nav === key) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

async function logout() {
  try {
    await post('/v1/auth/logout');
  } catch (e) {
    /* the token is dropped locally either way */
  }
  session.end();
  hideShell();
  location.hash = '#/login';
}

window.addEventListener('hashchange', route);
route();
