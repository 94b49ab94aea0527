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
