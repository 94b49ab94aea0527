#!/usr/bin/env node
/*
 * serve.mjs - serves build/site on http://127.0.0.1:PORT (default 8000).
 *   node web/server/serve.mjs [--port N] [--root DIR]
 */
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { join, normalize, extname, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCompileService } from './compile-service.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.txt': 'text/plain; charset=utf-8', '.h': 'text/plain; charset=utf-8',
};

const SECURITY = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };

/* The site's own pages run user programs only in workers, as wasm: no
 * inline script, no eval; CodeMirror writes its styles into <style>
 * elements. embed.html is meant to be framed by any page (no frame-ancestors:
 * `*` would refuse opaque origins), the others by none. Other HTML under the root (a docs site served for a test) gets none. */
const PAGES = { '/index.html': false, '/tutorial.html': false, '/reference.html': false, '/embed.html': true };
function pagePolicy(path) {
  const framed = PAGES[path];
  if (framed === undefined) return {};
  const csp = ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval' blob:", "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:", "connect-src 'self'", "object-src 'none'",
    "base-uri 'none'", "form-action 'none'", ...(framed ? [] : ["frame-ancestors 'none'"])].join('; ');
  return { 'content-security-policy': csp, ...(framed ? {} : { 'x-frame-options': 'DENY' }) };
}

/* A .br or .gz is used only if it is at least as new as the file it compresses. */
function fresh(path, st) {
  try { return statSync(path).mtimeMs >= st.mtimeMs; } catch { return false; }
}

/**
 * The decoded path of a request target, or null when it is malformed
 * (bad percent-encoding, an unparsable absolute form, a NUL byte).
 * @param {string} target  req.url: origin form "/a?b" or absolute form "http://h/a"
 * @returns {string|null}
 */
export function requestPath(target) {
  let raw;
  if (target.startsWith('/')) raw = target.replace(/[?#].*$/s, '');
  else {
    try { raw = new URL(target).pathname; } catch { return null; }
  }
  let path;
  try { path = decodeURIComponent(raw); } catch { return null; }
  if (path.includes('\0') || !path.startsWith('/')) return null;
  return path.replace(/\/{2,}/g, '/');
}

const CHECKOUT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Start the server: the static site, and the compile service unless
 * compile is false (a plain static host).
 * @param {{port?: number, root?: string, host?: string, compile?: boolean|object}} [opts]
 *   compile: an object passes options (cacheDir, limits, flags) to web/server/compile-service.mjs
 * @returns {Promise<import('node:http').Server>} with .compileService; emits
 *   'served' ({path, encoding, bytes}) for each static file it sends
 */
export function serve({ port = 8000, root, host = '127.0.0.1', compile = true } = {}) {
  const base = root || join(CHECKOUT, 'build', 'site');
  const service = compile ? createCompileService({ root: CHECKOUT, ...(typeof compile === 'object' ? compile : {}) }) : null;
  const server = createServer((req, res) => {
    // Nothing a client sends may throw out of here: an uncaught error would stop the server.
    try { handle(req, res); } catch (e) {
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { 'content-type': 'text/plain' }).end(`internal error: ${e.message}`);
    }
  });
  function handle(req, res) {
    const pathname = requestPath(req.url);
    if (pathname === null) { res.writeHead(400, { 'content-type': 'text/plain', connection: 'close' }).end('bad request: malformed URL'); return; }
    if (service && service.handle(req, res, pathname)) return;
    const url = { pathname };
    let path = normalize(pathname).replace(/^(\.\.[/\\])+/, '');
    if (path.endsWith('/')) path += 'index.html';
    const file = join(base, path);
    if (!file.startsWith(base)) { res.writeHead(403).end('forbidden'); return; }
    let st;
    try { st = statSync(file); } catch { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
    if (st.isDirectory()) { res.writeHead(301, { location: `${encodeURI(url.pathname)}/` }).end(); return; }
    if (req.method !== 'GET' && req.method !== 'HEAD') { res.writeHead(405, { allow: 'GET, HEAD' }).end(); return; }
    // The precompressed sibling web/tools/build.mjs wrote, when the client takes it.
    const accepts = String(req.headers['accept-encoding'] || '');
    const encoding = ['br', 'gzip'].find((e) => new RegExp(`\\b${e}\\b`).test(accepts) && fresh(`${file}.${e === 'br' ? 'br' : 'gz'}`, st));
    const body = encoding ? `${file}.${encoding === 'br' ? 'br' : 'gz'}` : file;
    const bytes = encoding ? statSync(body).size : st.size;
    // Any page may embed the demos: their scripts, examples and worker load cross-origin.
    res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'content-length': bytes, 'cache-control': 'no-cache',
      'access-control-allow-origin': '*', vary: 'accept-encoding', ...(encoding ? { 'content-encoding': encoding } : {}),
      ...SECURITY, ...(extname(file) === '.html' ? pagePolicy(path) : {}) });
    server.emit('served', { path: url.pathname, encoding: encoding || 'identity', bytes });
    if (req.method === 'HEAD') res.end();
    else createReadStream(body).on('error', () => res.destroy()).pipe(res);
  }
  server.compileService = service;
  // A request Node cannot parse never reaches the handler: answer it here, then close.
  server.on('clientError', (err, socket) => {
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large'
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    if (socket.writable && !err.code?.startsWith('ECONN')) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (k, d) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : d; };
  const port = Number(arg('--port', process.env.PORT || 8000));
  const server = await serve({ port, root: arg('--root'), compile: !process.argv.includes('--static') });
  console.log(`Async C Playground: http://127.0.0.1:${server.address().port}/${server.compileService ? ' (with the compile service)' : ''}`);
}
