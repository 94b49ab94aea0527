/**
 * load.js - what a run loads: compiled programs (cached by URL, so rerunning
 * an example compiles nothing) and worker scripts (from any origin).
 */

const modules = new Map();

/**
 * Fetch and compile a program once per URL.
 * @param {string} url
 * @returns {Promise<WebAssembly.Module>}
 */
export function loadModule(url) {
  if (!modules.has(url)) {
    const p = fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
      return WebAssembly.compileStreaming ? WebAssembly.compileStreaming(r) : r.arrayBuffer().then((b) => WebAssembly.compile(b));
    });
    p.catch(() => modules.delete(url));
    modules.set(url, p);
  }
  return modules.get(url);
}

const blobs = new Map();
/**
 * A module worker's script URL: a worker must come from the page's own
 * origin, so a demo embedded in another site starts it from a same-origin
 * blob that imports the real one.
 * @param {URL|string} url
 * @returns {URL|string}
 */
export function workerScript(url) {
  const href = new URL(url, location.href);
  if (href.origin === location.origin) return href;
  if (!blobs.has(href.href)) {
    blobs.set(href.href, URL.createObjectURL(new Blob([`import ${JSON.stringify(href.href)};`], { type: 'text/javascript' })));
  }
  return blobs.get(href.href);
}
