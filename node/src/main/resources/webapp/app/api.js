// The node's API, same origin. A 401 means the session is over: back to login, keeping the place.
import { session } from './session.js';

export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || `HTTP ${status}`);
    this.status = status;
    this.code = e.code || 'HTTP_' + status;
    this.field = e.field || null;
  }
}

export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch (e) {
    throw new ApiError(0, { error: { code: 'UNAVAILABLE', message: 'the node cannot be reached' } });
  }
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (res.status === 401 && path !== '/v1/auth/login') {
    session.expire('Your session has ended. Log in again to continue where you were.');
    throw new ApiError(401, json);
  }
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

export const get = (p) => api('GET', p);
export const post = (p, b) => api('POST', p, b === undefined ? {} : b);

/** Builds a query string from the non-empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== null && v !== undefined && v !== false) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Downloads a response body as a file (the export route answers CSV or JSON). */
export async function download(path, filename) {
  const res = await fetch(path, { headers: { Authorization: `Bearer ${session.token()}` }, cache: 'no-store' });
  if (res.status === 401) {
    session.expire('Your session has ended. Log in again to continue where you were.');
    return;
  }
  if (!res.ok) {
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    throw new ApiError(res.status, body);
  }
  const blob = await res.blob();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.append(a);
  a.click();
  // Out of the page at once: a text-less link left behind fails the next page's accessibility
  // check; the object URL must live a little longer for the browser to read it.
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
