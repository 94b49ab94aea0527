/**
 * compiler.js - compiles edited code with the compile service
 * (POST api/compile) and loads the result. A page served by a plain static
 * host has no service: that is reported as such, so the caller can keep
 * the edits and say what still works.
 */
import { loadModule } from './runner.js';

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
 * @param {(why: string) => string} opts.noService  what to say without a compile service
 * @returns {Promise<WebAssembly.Module|null>} null: nothing to run
 */
export async function compileForRun(code, { base, isCurrent = () => true, onStatus, notice, showDiagnostics = () => {}, noService }) {
  const t0 = performance.now();
  const seconds = () => ((performance.now() - t0) / 1000).toFixed(1);
  const tick = setInterval(() => { if (isCurrent()) onStatus(`Compiling… ${seconds()} s`); }, 100);
  onStatus('Compiling…');
  try {
    const r = await compileSource(code, base ? { base } : {});
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
    onStatus(`Compiled in ${seconds()} s${r.cached ? ' (cached)' : ''}`);
    return r.module;
  } catch (e) {
    if (!(e instanceof NoCompileService)) throw e;
    notice('error', noService(e.message));
    onStatus('No compile service');
    return null;
  } finally {
    clearInterval(tick);
  }
}
