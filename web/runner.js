/**
 * runner.js - starts and stops programs: each run gets a fresh Worker
 * (worker.js) and streams its events back. Compiled modules are cached by
 * URL, so rerunning an example compiles nothing.
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

export class Runner {
  /**
   * @param {{workerUrl: URL|string, onEvents: (events: object[]) => void}} opts
   */
  constructor({ workerUrl, onEvents }) {
    this.workerUrl = workerUrl;
    this.onEvents = onEvents;
    this.worker = null;
  }

  /** True while a program runs. */
  get running() { return this.worker !== null; }

  /**
   * Run a compiled program; a running one is stopped first.
   * @param {WebAssembly.Module} module
   * @param {{clock?: 'real'|'virtual'}} [opts]
   */
  start(module, { clock = 'real' } = {}) {
    this.stop();
    const worker = new Worker(workerScript(this.workerUrl), { type: 'module' });
    this.worker = worker;
    worker.onmessage = ({ data }) => {
      if (worker !== this.worker || data.type !== 'events') return;
      if (data.events.some((e) => e.kind === 'exit')) this.finished();
      this.onEvents(data.events);
    };
    worker.onerror = (e) => {
      if (worker !== this.worker) return;
      this.finished();
      this.onEvents([{ kind: 'error', task: 0, time: 0, message: e.message || 'the worker failed' },
        { kind: 'exit', task: 0, time: 0, status: 1 }]);
    };
    worker.postMessage({ type: 'run', module, env: clock === 'virtual' ? { ASYNC_CLOCK: 'virtual' } : {} });
  }

  finished() {
    const w = this.worker;
    this.worker = null;
    if (w) setTimeout(() => w.terminate(), 0);
  }

  /** End the running program at once. @returns {boolean} whether one was running */
  stop() {
    if (!this.worker) return false;
    this.worker.terminate();
    this.worker = null;
    return true;
  }

  /** Send a line to async_read_line. */
  input(line) {
    if (this.worker) this.worker.postMessage({ type: 'input', line });
  }
}
