/**
 * compiler.js - compiles edited code: with the compile service
 * (POST api/compile) where the server has one, else in the browser, in a
 * Worker (toolchain/compile-worker.js) that loads clang once and keeps it
 * in the browser's cache. Both give the same diagnostics and programs.
 * It returns a module and diagnostics; showing them is the caller's job.
 */
import { loadModule, workerScript } from './load.js';
import { TOOLCHAIN_CACHE_PREFIX } from './toolchain-cache.js';

/** Thrown when there is no compile service to ask; `definite` when the server said so (not a network failure). */
export class NoCompileService extends Error {
  constructor(message, { definite = false } = {}) {
    super(message);
    this.definite = definite;
  }
}

/**
 * @param {string} source
 * @param {{base?: string|URL}} [opts]  where api/ lives (the page by default)
 * @returns {Promise<{ok: boolean, module?: WebAssembly.Module, diagnostics: object[], error?: string, cached?: boolean}>}
 */
export async function compileSource(source, { base = document.baseURI } = {}) {
  let res;
  try {
    res = await fetch(new URL('api/compile', base), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ source }),
    });
  } catch {
    throw new NoCompileService('the compile service cannot be reached');
  }
  if (res.status === 404 || res.status === 405 || res.status === 501) throw new NoCompileService('this server has no compile service', { definite: true });
  let body;
  try { body = await res.json(); } catch { throw new NoCompileService(`the compile service answered HTTP ${res.status}`); }
  if (res.status === 503) return { ok: false, diagnostics: [], error: `${body.error} (busy)` };
  if (res.status !== 200) return { ok: false, diagnostics: [], error: body.error || `HTTP ${res.status}` };
  if (!body.ok) return { ok: false, diagnostics: body.diagnostics || [], error: body.error, truncated: body.truncated };
  return { ok: true, module: await loadModule(new URL(body.wasm, base).href), diagnostics: body.diagnostics || [], cached: body.cached };
}

/* One compile worker per site (the page's, or the one a demo comes from). */
const compilers = new Map();

function compileWorker(base) {
  const key = String(base);
  if (!compilers.has(key)) {
    const worker = new Worker(workerScript(new URL('toolchain/compile-worker.js', base)), { type: 'module' });
    const pending = new Map();
    const entry = { worker, pending, seq: 0, progress: new Set() };
    worker.onmessage = ({ data }) => {
      if (data.type === 'progress') for (const fn of entry.progress) fn(data);
      else if (data.type === 'result' && pending.has(data.id)) {
        pending.get(data.id)(data);
        pending.delete(data.id);
      }
    };
    worker.onerror = (e) => {
      compilers.delete(key); /* the next compile starts a fresh worker */
      for (const done of pending.values()) done({ ok: false, load: true, diagnostics: [], error: `the in-browser compiler could not be loaded${e.message ? ` (${e.message})` : ''}` });
      pending.clear();
    };
    compilers.set(key, entry);
  }
  return compilers.get(key);
}

/**
 * Compile in the browser. The first call downloads the toolchain (or
 * reads it from the cache); onProgress hears about the download.
 * @param {string} source
 * @param {{base?: string|URL, name?: string, onProgress?: (p: {loaded: number, total: number, transfer: number}) => void}} [opts]
 * @returns {Promise<{ok: boolean, module?: WebAssembly.Module, diagnostics: object[], error?: string, load?: boolean}>}
 *   load: the toolchain itself could not be loaded
 */
export async function compileInBrowser(source, { base = document.baseURI, name, onProgress } = {}) {
  const c = compileWorker(base);
  const id = ++c.seq;
  if (onProgress) c.progress.add(onProgress);
  try {
    const r = await new Promise((resolve) => {
      c.pending.set(id, resolve);
      c.worker.postMessage({ type: 'compile', id, source, name });
    });
    if (!r.ok) return r;
    return { ok: true, module: await WebAssembly.compile(r.wasm), diagnostics: r.diagnostics, browser: true };
  } finally {
    c.progress.delete(onProgress);
  }
}

const prepared = new Set(); /* sites whose cache was asked about */

/**
 * The user started editing: if this browser keeps the toolchain from an
 * earlier visit, load and warm it up now, so the first Run is as quick as
 * the next. Never downloads anything.
 * @param {{base?: string|URL}} [opts]
 */
export function prepareCompiler({ base = document.baseURI } = {}) {
  const key = String(base);
  if (prepared.has(key) || compilers.has(key) || typeof caches !== 'object') return;
  prepared.add(key); /* asked once per site and page: this runs on every edit */
  caches.keys().then((keys) => {
    /* no toolchain kept (a site with a compile service, say): no worker either */
    if (keys.some((k) => k.startsWith(TOOLCHAIN_CACHE_PREFIX)) && !compilers.has(key)) compileWorker(key).worker.postMessage({ type: 'prepare' });
  }, () => {});
}

/* Bases whose server said it has no compile service (404, 405, 501): their
 * later compiles go straight to the browser. A service that could not be
 * reached (a server restarting) is asked again next time. */
const serviceless = new Set();

/**
 * Compile for a Run: with the compile service where the site has one, else
 * (or when it cannot be reached) in the browser. Presents nothing: the
 * caller shows the diagnostics and the progress.
 * @param {string} code
 * @param {{base?: string|URL, onProgress?: (p: {loaded: number, total: number, transfer: number}) => void}} [opts]
 * @returns {Promise<{ok: boolean, module?: WebAssembly.Module, diagnostics: object[], error?: string,
 *   how: 'service'|'cached'|'browser', fellBack?: string}>}  fellBack: why the service was not used this time
 * @throws {NoCompileService} nothing here can compile (its message says why)
 */
export async function compile(code, { base = document.baseURI, onProgress } = {}) {
  const where = String(base);
  let fellBack;
  if (!serviceless.has(where)) {
    try {
      const r = await compileSource(code, { base: where });
      return { ...r, how: r.cached ? 'cached' : 'service' };
    } catch (e) {
      if (!(e instanceof NoCompileService)) throw e;
      if (e.definite) serviceless.add(where);
      else fellBack = e.message;
    }
  }
  const r = await compileInBrowser(code, { base: where, onProgress });
  if (r.load) throw new NoCompileService(fellBack ? `${fellBack}, and ${r.error}` : r.error);
  return { ...r, how: 'browser', fellBack };
}
