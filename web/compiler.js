/**
 * compiler.js - compiles edited code: with the compile service
 * (POST api/compile) where the server has one, else in the browser, in a
 * Worker (toolchain/compile-worker.js) that loads clang once and keeps it
 * in the browser's cache. Both give the same diagnostics and programs.
 */
import { loadModule, workerScript } from './runner.js';
import { TOOLCHAIN_CACHE_PREFIX } from './toolchain-cache.js';

/** Thrown when there is no compile service to ask. */
export class NoCompileService extends Error {}

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
  if (res.status === 404 || res.status === 405 || res.status === 501) throw new NoCompileService('this server has no compile service');
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
      for (const done of pending.values()) done({ ok: false, load: true, diagnostics: [], error: `the compiler failed to start (${e.message || 'worker error'})` });
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

/* Bases known to have no compile service: their later compiles go straight to the browser. */
const serviceless = new Set();

const MB = (n) => (n / 1e6).toFixed(1);

/**
 * Compile for a Run and report on the way, as the page and every demo do:
 * progress with the time taken, each diagnostic as an editor mark and an
 * output line, and why nothing runs when it does not compile.
 * @param {string} code
 * @param {object} opts
 * @param {string|URL} [opts.base]            where api/ lives
 * @param {() => boolean} [opts.isCurrent]    false once a newer Run took over
 * @param {(text: string) => void} opts.onStatus
 * @param {(kind: string, text: string) => void} opts.notice  a line in the output pane
 * @param {(diagnostics: object[]) => void} [opts.showDiagnostics]  marks in the editor
 * @param {(fraction: number|null) => void} [opts.onProgress]  the toolchain's download, 0 to 1; null when done
 * @param {(why: string) => string} opts.noService  what to say when nothing can compile here
 * @returns {Promise<WebAssembly.Module|null>} null: nothing to run
 */
export async function compileForRun(code, { base, isCurrent = () => true, onStatus, notice, showDiagnostics = () => {}, onProgress = () => {}, noService }) {
  const t0 = performance.now();
  const seconds = () => ((performance.now() - t0) / 1000).toFixed(1);
  let downloading = null;
  const tick = setInterval(() => { if (isCurrent() && !downloading) onStatus(`Compiling… ${seconds()} s`); }, 100);
  onStatus('Compiling…');
  const where = String(base || document.baseURI);
  const progress = ({ loaded, total, transfer }) => {
    if (!isCurrent()) return;
    downloading = loaded < total;
    onProgress(downloading ? loaded / total : null);
    onStatus(downloading ? `Downloading the C compiler (once): ${MB(transfer * loaded / total)} of ${MB(transfer)} MB` : `Compiling… ${seconds()} s`);
  };
  try {
    let r;
    if (!serviceless.has(where)) {
      try {
        r = await compileSource(code, { base: where });
      } catch (e) {
        if (!(e instanceof NoCompileService)) throw e;
        serviceless.add(where);
      }
    }
    if (!r) {
      r = await compileInBrowser(code, { base: where, onProgress: progress });
      if (r.load) throw new NoCompileService(r.error);
    }
    if (!isCurrent()) return null;
    showDiagnostics(r.diagnostics);
    for (const d of r.diagnostics) {
      notice(d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'info', `${d.line ? `line ${d.line}:${d.column}: ` : ''}${d.message}`);
    }
    if (!r.ok) {
      if (!r.diagnostics.length) notice('error', `could not compile: ${r.error}`);
      onStatus(`Does not compile: ${r.diagnostics.filter((d) => d.severity === 'error').length || 1} error(s)`);
      return null;
    }
    onStatus(`Compiled in ${seconds()} s${r.cached ? ' (cached)' : r.browser ? ' in this browser' : ''}`);
    return r.module;
  } catch (e) {
    if (!(e instanceof NoCompileService)) throw e;
    notice('error', noService(e.message));
    onStatus('Cannot compile here');
    return null;
  } finally {
    clearInterval(tick);
    onProgress(null);
  }
}
