/**
 * compile-worker.js - compiles C in the browser, where there is no compile
 * service (a static host, a docs site, offline). A Worker, so the page never
 * blocks; one per page, kept for later compiles.
 *
 * The toolchain (clang and its sysroot, binaryen.js and its wasm, the runtime) is listed
 * in toolchain/manifest.json at build time and inlined here as TOOLCHAIN.
 * It is fetched once, on the first compile, and kept in Cache Storage under
 * a name that changes with its contents, so a later visit compiles with no
 * network at all.
 *
 * Messages in:  {type: 'compile', id, source, name?}
 *               {type: 'prepare'}  load and warm up now if the cache holds the
 *                 toolchain (no network): the page sends it when the user edits
 * Messages out: {type: 'progress', loaded, total, transfer}  toolchain bytes fetched
 *                 (decoded) of total; transfer: the brotli size of the whole download
 *               {type: 'result', id, ok, wasm?, diagnostics, truncated?, error?, load?}
 *                 load: the toolchain itself could not be loaded
 */
import { compileProgram } from '../../wasm/toolchain/wasicc.js';
import { parseDiagnostics } from './diagnostics.js';
import { TOOLCHAIN_CACHE_PREFIX } from './toolchain-cache.js';

/* global TOOLCHAIN */
/** {version, files: [{name, size, br}], runtime: {header, library, removelist}}: replaced by
 * web/tools/build.mjs; runtime names the files of wasm/runtime.files among them. */
const MANIFEST = TOOLCHAIN;
const BASE = new URL('.', import.meta.url);
const CACHE = `${TOOLCHAIN_CACHE_PREFIX}${MANIFEST.version}`;

/* Cache Storage exists only in secure contexts (https, localhost); elsewhere
 * the toolchain comes from the HTTP cache or the network each visit. */
const cacheOpen = typeof caches === 'object' ? caches.open(CACHE).catch(() => null) : Promise.resolve(null);
const netFetch = globalThis.fetch.bind(globalThis);

/** A toolchain file: from the cache, else the network (then cached), counting its bytes. */
async function fetchFile(file, onBytes) {
  const url = new URL(file.name, BASE).href;
  const cache = await cacheOpen;
  const hit = cache && await cache.match(url);
  if (hit) {
    onBytes(file.size);
    return hit;
  }
  const res = await netFetch(url);
  if (!res.ok) throw new Error(`${file.name}: HTTP ${res.status}`);
  const chunks = [];
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    onBytes(value.length);
  }
  const body = new Blob(chunks, { type: res.headers.get('content-type') || 'application/octet-stream' });
  const stored = new Response(body, { headers: { 'content-type': body.type, 'content-length': String(body.size) } });
  if (cache) await cache.put(url, stored.clone()).catch(() => {}); /* a full quota only costs the next visit a download */
  return stored;
}

let toolchain = null;

/* Each phase of loading and compiling is a User Timing measure in this
 * worker (DevTools shows them; make bench reads them). */
const span = (name, start) => { try { performance.measure(name, { start }); } catch { /* no User Timing */ } };

/* Load everything once: files in parallel, then the modules. @yowasp/clang
 * fetches its own resources with the global fetch it sees when it loads, so
 * it is given one that answers from what was loaded here. */
function loadToolchain() {
  if (toolchain) return toolchain;
  toolchain = (async () => {
    const total = MANIFEST.files.reduce((s, f) => s + f.size, 0);
    const transfer = MANIFEST.files.reduce((s, f) => s + f.br, 0);
    let loaded = 0;
    let last = 0;
    const onBytes = (n) => {
      loaded += n;
      const now = performance.now();
      if (now - last > 100 || loaded >= total) {
        last = now;
        postMessage({ type: 'progress', loaded, total, transfer });
      }
    };
    const t0 = performance.now();
    const responses = new Map(await Promise.all(MANIFEST.files.map(async (f) => [new URL(f.name, BASE).href, await fetchFile(f, onBytes)])));
    span('toolchain: files', t0);
    const t1 = performance.now();
    const bytes = async (name) => new Uint8Array(await responses.get(new URL(name, BASE).href).clone().arrayBuffer());
    globalThis.fetch = (input, init) => {
      const r = responses.get(new URL(String(input instanceof Request ? input.url : input), BASE).href);
      return r ? Promise.resolve(r.clone()) : netFetch(input, init);
    };
    const [clang, binaryen] = await Promise.all([
      import('@yowasp/clang').then(async (m) => {
        await m.runClang(null, {}, { fetchProgress: () => {} }); /* compile its modules, unpack the sysroot */
        span('toolchain: clang ready', t1);
        return m;
      }),
      /* binaryen.js exports a factory given binaryen.wasm's bytes (web/tools/split-binaryen.mjs) */
      Promise.all([responses.get(new URL('binaryen.js', BASE).href).clone().blob(), bytes('binaryen.wasm')]).then(async ([blob, wasm]) => {
        const url = URL.createObjectURL(blob);
        try { const b = await (await import(url)).default(wasm); span('toolchain: binaryen.js ready', t1); return b; } finally { URL.revokeObjectURL(url); }
      }),
    ]);
    const runtime = {
      header: await bytes(MANIFEST.runtime.header),
      library: await bytes(MANIFEST.runtime.library),
      removelist: new TextDecoder().decode(await bytes(MANIFEST.runtime.removelist)).trim(),
    };
    for (const key of await (typeof caches === 'object' ? caches.keys().catch(() => []) : [])) {
      if (key.startsWith(TOOLCHAIN_CACHE_PREFIX) && key !== CACHE) caches.delete(key); /* an older toolchain */
    }
    return { tools: { clang: clang.runClang, binaryen }, runtime };
  })();
  toolchain.catch(() => { toolchain = null; }); /* a failed download is retried by the next compile */
  return toolchain;
}

/* A compiler's first run is much slower than the next (the engine compiles
 * its code on first use): a tiny program pays for that up front. */
const WARM_UP = '#include "async.h"\nstatic void *amain(void *arg) { async_sleep(0); return arg; }\nint main(void) { return async_run(amain, 0) ? 1 : 0; }\n';

let asked = false; /* a compile was requested */
let queue = Promise.resolve(); /* compiles run one at a time, in order */

async function prepare() {
  const cache = await cacheOpen;
  if (toolchain || !cache) return;
  for (const f of MANIFEST.files) if (!await cache.match(new URL(f.name, BASE).href)) return;
  const tc = await loadToolchain();
  if (asked) return; /* a real compile warms it up as well */
  queue = queue.then(() => { const t = performance.now(); return compileProgram(tc.tools, tc.runtime, WARM_UP).finally(() => span('warm-up compile', t)); }).catch(() => {});
}


onmessage = async ({ data }) => {
  if (data.type === 'prepare') {
    prepare().catch(() => {}); /* the next compile loads, and reports, for itself */
    return;
  }
  if (data.type !== 'compile') return;
  asked = true;
  const { id, source, name } = data;
  let tc;
  try {
    tc = await loadToolchain();
  } catch (e) {
    postMessage({ type: 'result', id, ok: false, load: true, diagnostics: [], error: `the compiler could not be loaded: ${e.message}` });
    return;
  }
  /* one compile at a time: a second Run's compile waits for the first */
  const turn = queue.then(() => { const t = performance.now(); return compileProgram(tc.tools, tc.runtime, source, name ? { name } : {}).finally(() => span('compile', t)); });
  queue = turn.catch(() => {});
  try {
    const r = await turn;
    const { diagnostics, truncated } = parseDiagnostics(r.stderr, source);
    const msg = { type: 'result', id, ok: r.ok, diagnostics, truncated };
    if (r.ok) {
      const wasm = r.wasm.slice().buffer; /* its own buffer, to transfer */
      postMessage({ ...msg, wasm }, [wasm]);
    } else postMessage({ ...msg, error: 'compile' });
  } catch (e) {
    postMessage({ type: 'result', id, ok: false, diagnostics: [], error: `the compiler failed: ${e.message}` });
  }
};
