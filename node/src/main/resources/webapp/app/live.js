// The live inbox: the node's Server-Sent Events stream read with fetch(), because EventSource
// cannot send the Authorization header. Reconnects after the last position it saw.
import { session } from './session.js';
import { get } from './api.js';

const listeners = new Set();
let controller = null;
let position = 0;

export function onInbox(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** The current end of the inbox, so the stream sends only what is new. */
async function end() {
  let after = 0;
  for (;;) {
    const page = await get(`/v1/inbox?after=${after}&limit=500`);
    after = page.next;
    if (page.items.length < 500) return after;
  }
}

export async function startLive() {
  stopLive();
  const mine = new AbortController();
  controller = mine;
  try {
    position = await end();
  } catch (e) {
    return;
  }
  while (controller === mine && session.token()) {
    try {
      const res = await fetch(`/v1/inbox/stream?after=${position}`, {
        headers: { Authorization: `Bearer ${session.token()}`, Accept: 'text/event-stream' },
        signal: mine.signal,
        cache: 'no-store',
      });
      if (res.status === 401) {
        session.expire('Your session has ended. Log in again to continue where you were.');
        return;
      }
      if (!res.ok || !res.body) throw new Error(`stream ${res.status}`);
      setLiveState(true);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          dispatch(block);
        }
      }
    } catch (e) {
      if (mine.signal.aborted) return;
    }
    setLiveState(false);
    await new Promise((r) => setTimeout(r, 3000));
  }
}

function dispatch(block) {
  let id = null;
  let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('id: ')) id = Number(line.slice(4));
    else if (line.startsWith('data: ')) data += line.slice(6);
  }
  if (id !== null) position = Math.max(position, id);
  if (!data) return;
  let item;
  try {
    item = JSON.parse(data);
  } catch (e) {
    return;
  }
  for (const fn of listeners) fn(item);
}

function setLiveState(on) {
  const el = document.getElementById('live');
  if (el) {
    el.textContent = on ? 'Live' : 'Reconnecting…';
    el.dataset.on = on ? 'true' : 'false';
  }
}

export function stopLive() {
  if (controller) controller.abort();
  controller = null;
  setLiveState(false);
}
