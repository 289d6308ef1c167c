import { h, clear, field } from '../dom.js';
import { post } from '../api.js';
import { session } from '../session.js';

export function render(main, params, { onLogin }) {
  const notice = session.takeNotice();
  const user = h('input', { name: 'username', autocomplete: 'username', required: true, autocapitalize: 'off', spellcheck: 'false' });
  const pass = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const status = h('p.error-box', { role: 'alert', hidden: true });
  const button = h('button#login-submit', { type: 'submit' }, 'Log in');
  const form = h('form.card.login', { on: { submit } },
    h('h1', 'Log in to regnet'),
    notice ? h('p.notice#session-notice', { role: 'status' }, notice) : null,
    field('User name', user),
    field('Password', pass),
    status,
    button);
  clear(main, form);
  user.focus();

  async function submit(ev) {
    ev.preventDefault();
    status.hidden = true;
    button.disabled = true;
    try {
      const r = await post('/v1/auth/login', { username: user.value.trim(), password: pass.value });
      pass.value = '';
      onLogin(r.token, r.expiresAt);
    } catch (e) {
      status.textContent = e.code === 'LOCKED' ? 'Too many failed attempts; try again later.' : 'Invalid user name or password.';
      status.hidden = false;
      button.disabled = false;
      pass.focus();
    }
  }
}
