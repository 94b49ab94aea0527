/**
 * share.js - a program in the URL fragment, deflated and base64url-encoded
 * (#code=...), so a link reproduces it exactly and no server sees it.
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
