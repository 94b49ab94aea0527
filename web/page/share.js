/**
 * share.js - a program in the URL fragment, deflated and base64url-encoded
 * (#code=...), so a link reproduces it exactly and no server sees it; and a
 * moment of its run, after the code, readable:
 *
 *   #code=...&clock=virtual&at=17&t=0.300
 *
 * at: the inspector's cursor (after this many events); clock: the clock the
 * run used, which the page replays it on; t: the run's time there, in
 * seconds. On the virtual clock a replay records the same events, so `at`
 * is exact; a real-clock replay can differ, and lands on the last event at
 * or before `t` instead.
 */

/* In slices: spreading a whole program into one call overflows the stack past about 100 KB. */
function toBinaryString(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return s;
}
const toBase64Url = (bytes) => btoa(toBinaryString(bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

async function pipe(bytes, stream) {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
}

/**
 * @param {string} code
 * @returns {Promise<string>} the fragment, without '#'
 */
export async function encodeCode(code) {
  return `code=${toBase64Url(await pipe(new TextEncoder().encode(code), new CompressionStream('deflate-raw')))}`;
}

/**
 * @param {string} hash  location.hash
 * @returns {Promise<string|null>} the code, or null if the fragment has none (or is damaged)
 */
export async function decodeCode(hash) {
  const m = /(?:^#|&)code=([\w-]+)/.exec(hash || '');
  if (!m) return null;
  try {
    return new TextDecoder().decode(await pipe(fromBase64Url(m[1]), new DecompressionStream('deflate-raw')));
  } catch {
    return null;
  }
}

/**
 * @typedef {{at: number, clock: 'virtual'|'real', t: number}} Moment
 */

/**
 * The fragment's tail for a moment of the run (after encodeCode's part).
 * @param {Moment} m
 */
export function encodeMoment({ at, clock, t }) {
  return `clock=${clock === 'real' ? 'real' : 'virtual'}&at=${Math.max(0, Math.round(at))}&t=${t.toFixed(3)}`;
}

/**
 * @param {string} hash  location.hash
 * @returns {Moment|null} the moment a link points at, or null if it has none
 */
export function decodeMoment(hash) {
  const p = new URLSearchParams((hash || '').replace(/^#/, ''));
  if (!/^\d+$/.test(p.get('at') ?? '')) return null;
  const at = Number(p.get('at'));
  const t = Number(p.get('t'));
  return { at, clock: p.get('clock') === 'real' ? 'real' : 'virtual', t: Number.isFinite(t) ? t : 0 };
}
