// The session lives in this tab only (sessionStorage): a bearer token and when it expires. Forms
// save their drafts here as the user types, so an expired session loses nothing.

const TOKEN = 'regnet.token';
const EXPIRES = 'regnet.expiresAt';
const RETURN = 'regnet.return';
const NOTICE = 'regnet.notice';

export const session = {
  me: null,
  token() {
    const t = sessionStorage.getItem(TOKEN);
    const exp = sessionStorage.getItem(EXPIRES);
    if (!t || (exp && Date.parse(exp) <= Date.now())) return null;
    return t;
  },
  start(token, expiresAt) {
    sessionStorage.setItem(TOKEN, token);
    sessionStorage.setItem(EXPIRES, expiresAt);
  },
  end() {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(EXPIRES);
    session.me = null;
  },
  expiresAt() {
    return sessionStorage.getItem(EXPIRES);
  },
  /** Back to the login page, remembering where the user was and why. */
  expire(notice) {
    if (!location.hash.startsWith('#/login')) sessionStorage.setItem(RETURN, location.hash || '#/');
    sessionStorage.setItem(NOTICE, notice);
    session.end();
    location.hash = '#/login';
  },
  takeReturn() {
    const r = sessionStorage.getItem(RETURN);
    sessionStorage.removeItem(RETURN);
    return r && r !== '#/login' ? r : '#/';
  },
  takeNotice() {
    const n = sessionStorage.getItem(NOTICE);
    sessionStorage.removeItem(NOTICE);
    return n;
  },
  can(permission) {
    return !!session.me && session.me.permissions.includes(permission);
  },
};

/** Keeps a form's values in sessionStorage under `key` and restores them. */
export function keepDraft(form, key) {
  const k = `regnet.draft.${key}`;
  const saved = sessionStorage.getItem(k);
  if (saved) {
    const values = JSON.parse(saved);
    for (const el of form.elements) {
      if (!el.name || !(el.name in values) || el.type === 'password') continue;
      if (el.type === 'checkbox') el.checked = values[el.name].includes(el.value);
      else el.value = values[el.name];
    }
  }
  const save = () => {
    const values = {};
    for (const el of form.elements) {
      if (!el.name || el.type === 'password' || el.dataset.nodraft !== undefined) continue;
      if (el.type === 'checkbox') {
        values[el.name] = values[el.name] || [];
        if (el.checked) values[el.name].push(el.value);
      } else {
        values[el.name] = el.value;
      }
    }
    sessionStorage.setItem(k, JSON.stringify(values));
  };
  form.addEventListener('input', save);
  form.addEventListener('change', save);
  return { clear: () => sessionStorage.removeItem(k), restored: !!saved };
}
