// Builds DOM nodes from data. Text always goes through textContent, never innerHTML, so nothing
// a counterparty wrote can become markup or script.

/** h('tag.class#id', {attrs, on: {event: fn}}, ...children) */
export function h(spec, attrs, ...children) {
  const m = /^([a-z0-9]+)?((?:[.#][A-Za-z0-9_-]+)*)$/.exec(spec);
  const el = document.createElement(m[1] || 'div');
  for (const part of (m[2] || '').match(/[.#][A-Za-z0-9_-]+/g) || []) {
    if (part[0] === '.') el.classList.add(part.slice(1));
    else el.id = part.slice(1);
  }
  if (attrs && (typeof attrs !== 'object' || attrs instanceof Node || Array.isArray(attrs))) {
    children.unshift(attrs);
    attrs = null;
  }
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'on') {
      for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    } else if (k === 'dataset') {
      Object.assign(el.dataset, v);
    } else if (k === 'value') {
      el.value = v;
    } else if (k === 'checked') {
      el.checked = !!v;
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let uid = 0;
export function id(prefix) {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** A labelled form field with a live error message tied to it by aria-describedby. */
export function field(label, control, hint) {
  const cid = control.id || id('f');
  control.id = cid;
  const err = h('p.error', { id: `${cid}-err`, 'aria-live': 'polite' });
  const hintEl = hint ? h('p.hint', { id: `${cid}-hint` }, hint) : null;
  control.setAttribute('aria-describedby', [hintEl ? `${cid}-hint` : '', `${cid}-err`].join(' ').trim());
  return h('div.field', h('label', { for: cid }, label), hintEl, control, err);
}

/** Shows or clears a field's error; returns whether it is valid. */
export function setError(control, message) {
  const err = document.getElementById(`${control.id}-err`);
  if (err) err.textContent = message || '';
  if (message) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
  return !message;
}

export function select(name, options, value, attrs = {}) {
  return h('select', { name, ...attrs },
    options.map((o) => {
      const [v, text] = Array.isArray(o) ? o : [o, label(o)];
      return h('option', { value: v, selected: v === value ? true : null }, text);
    }));
}

/** SPOOFING -> Spoofing; PERPETUAL_FUTURE -> Perpetual future */
export function label(code) {
  if (!code) return '';
  const s = String(code).replace(/[_-]/g, ' ').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC');
}

export function badge(status) {
  return h(`span.badge.s-${String(status).toLowerCase()}`, label(status));
}

export function toast(message) {
  const t = document.getElementById('toast');
  t.textContent = message;
  t.classList.add('show');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => t.classList.remove('show'), 5000);
}
