/**
 * compile-service.mjs - POST /api/compile: C source in, a runnable .wasm
 * (or the compiler's diagnostics) out; GET /api/program/KEY.wasm: that program.
 *
 * This module is the HTTP side and the policy; each part has its own module
 * under server/: sandbox.mjs (what the compiler may see, and its limits),
 * cache.mjs (results on disk, bounded), queue.mjs (compile slots shared
 * fairly between clients), verdicts.mjs (sources stopped by a limit,
 * remembered for a while), http.mjs (errors, JSON answers, the body).
 *
 * Answers (JSON):
 *   200 {ok: true, wasm, diagnostics, cached, ms}      wasm: URL of the program
 *   200 {ok: false, error: 'compile'|'timeout'|'limit', diagnostics, truncated, cached, ms}
 *   400 malformed JSON, empty body, no "source" string   413 source > 64 KiB or body > 128 KiB
 *   415 not application/json   405 not POST   429 this client has too many compiles in progress
 *   503 busy (both with Retry-After)   500 internal error
 * Results are cached on disk by a hash of the source, the compile command
 * (its flags), the toolchain's version and the runtime; a compile stopped by
 * a limit (time, memory, output size) never is, but its verdict is answered
 * again for `rememberMs` without compiling.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, createReadStream, fstatSync } from 'node:fs';
import { join } from 'node:path';
import { parseDiagnostics, DIAGNOSTICS_LIMIT } from '../compile/diagnostics.js';
import { HttpError, CORS, json, readBody } from './http.mjs';
import { createSandbox } from './sandbox.mjs';
import { createCache } from './cache.mjs';
import { createQueue } from './queue.mjs';
import { createVerdicts } from './verdicts.mjs';
import { runtimeFiles } from '../../wasm/toolchain/runtime-files.mjs';
import { packMovedSourceLines, splitModules } from '../../wasm/host/source-lines.js';

export const LIMITS = {
  sourceBytes: 64 * 1024,
  bodyBytes: 128 * 1024,
  concurrent: 2,
  queue: 8,
  perClient: 1, /* compiles one address may run at once (queue.mjs says why) */
  perClientQueue: 3, /* and have waiting */
  wallMs: 10000,
  cpuSeconds: 10,
  memoryBytes: 1024 * 1024 * 1024,
  fileBytes: 128 * 1024 * 1024, /* wasm objects store zeroed arrays as bytes; the tmpfs is in RAM */
  diagnostics: DIAGNOSTICS_LIMIT,
  stderrBytes: 256 * 1024,
  programBytes: 16 * 1024 * 1024, /* the largest program served (and cached) */
  cacheBytes: 512 * 1024 * 1024, /* the whole cache, programs and results */
  rememberMs: 10 * 60 * 1000, /* how long a source stopped by a limit is answered without compiling */
  remembered: 10000,
};

/* The key of a client for fairness: its address; IPv6 by its /64, which one
 * host usually holds whole. */
function clientOf(req) {
  const a = String(req.socket.remoteAddress || '?').replace(/^::ffff:/, '');
  return a.includes(':') ? a.split(':').slice(0, 4).join(':') : a;
}

const size = (n) => (n >= 2 ** 20 ? `${Math.round(n / 2 ** 20)} MB` : `${Math.round(n / 1024)} KB`);
const hint = (source) => (/\[\s*(0x[0-9a-f]{6,}|\d{7,})|<<\s*\d\d/i.test(source) ? '. Is there a very large array? Allocate it with malloc' : '');

/**
 * @param {{root: string, cacheDir?: string, limits?: object, flags?: string[]}} opts
 *   root: the checkout; limits: any of LIMITS; flags: wasmcc's (sandbox.mjs's FLAGS)
 */
export function createCompileService({ root, cacheDir = join(root, 'build', 'compile-cache'), limits = {}, flags }) {
  const L = { ...LIMITS, ...limits };
  L.programBytes = Math.min(L.programBytes, Math.floor(L.cacheBytes / 2)); // so that a program always fits the cache
  const files = runtimeFiles(join(root, 'wasm'));
  const rt = {
    wasmcc: join(root, 'wasm', 'toolchain', 'wasmcc'),
    header: files.header,
    syms: files.imports,
    removelist: files.removelist,
    lib: join(root, 'build', 'wasm', 'libasync.a'),
    toolchain: join(root, 'build', 'wasm', 'toolchain.env'),
  };
  for (const f of Object.values(rt)) if (!existsSync(f)) throw new Error(`${f} is missing: run make first`);
  const version = readFileSync(rt.toolchain, 'utf8').match(/ASYNC_TOOLCHAIN_VERSION='([^']*)'/)?.[1] || '?';
  const runtimeHash = createHash('sha256').update(readFileSync(rt.lib)).update(readFileSync(rt.header))
    .update(readFileSync(rt.wasmcc)).update(readFileSync(rt.removelist)).update(readFileSync(rt.syms))
    .update(readFileSync(new URL('../../wasm/host/source-lines.js', import.meta.url))).digest('hex'); /* it packs what is cached */
  /* with -g the sandbox's output is the program and the program before Binaryen (about as big, plus
   * libc's line tables): room for both, and the packed program is held to programBytes below */
  const sandbox = createSandbox(rt, { ...L, outputBytes: 2 * L.programBytes + (1 << 20) }, flags);
  const cache = createCache({ dir: cacheDir, maxBytes: L.cacheBytes, maxEntryBytes: L.programBytes });
  const queue = createQueue(L);
  const verdicts = createVerdicts({ ms: L.rememberMs, max: L.remembered });
  const inflight = new Map();
  const stats = { compiles: 0, hits: 0, timeouts: 0, remembered: 0, cache: cache.stats, queue: queue.stats };

  /* The command the sandbox runs is hashed whole: a change of flags is a new key. */
  const command = JSON.stringify(sandbox.command);
  const keyOf = (source) => createHash('sha256').update(`${version}\0${command}\0${runtimeHash}\0${source}`).digest('hex').slice(0, 32);

  /** A compile stopped by a limit: never cached on disk, remembered for a while. */
  function stopped(key, base, error, diagnostics, truncated) {
    const result = { ok: false, error, diagnostics, ...(truncated ? { truncated } : {}) };
    verdicts.remember(key, result);
    return { ...base, ...result };
  }
  const note = (message) => ({ line: 0, column: 0, severity: 'error', message });

  async function compile(source, key) {
    stats.compiles++;
    const r = await sandbox.run(source);
    const base = { cached: false, ms: Math.round(r.ms) };
    if (r.timedOut) {
      stats.timeouts++;
      return stopped(key, base, 'timeout', [note(`the compiler was stopped after ${L.wallMs / 1000} s`)]);
    }
    const tooLarge = () => stopped(key, base, 'limit', [note(`the program is over ${size(L.programBytes)}, more than this service serves${hint(source)}`)]);
    if (r.tooLarge) return tooLarge();
    const limit = /File size limit exceeded/.test(r.stderr) ? `its output is over ${size(L.fileBytes)}`
      : /LLVM ERROR: out of memory|Allocation failed|std::bad_alloc/.test(r.stderr) ? `it needs over ${size(L.memoryBytes)} of memory` : null;
    if (limit) return stopped(key, base, 'limit', [note(`the compiler was stopped: ${limit}${hint(source)}`)]);
    const { diagnostics, truncated } = parseDiagnostics(r.stderr, source, L.diagnostics);
    if (r.code === 0 && r.wasm.length > 8 && r.wasm.readUInt32LE(0) === 0x6d736100) {
      const result = { ok: true, wasm: `api/program/${key}.wasm`, diagnostics, truncated };
      /* wasmcc -g: the program, then itself before Binaryen; main.c's line rows are moved onto it (wasm/host/source-lines.js) */
      const [program, linked] = splitModules(r.wasm);
      const packed = Buffer.from(linked ? packMovedSourceLines(linked, program, '/w/main.c') : program);
      if (packed.length > L.programBytes) return tooLarge();
      if (!cache.put(key, result, packed)) throw new Error('the program could not be stored (is the disk full?)');
      return { ...base, ...result };
    }
    if (r.signal || !diagnostics.some((d) => d.severity === 'error')) {
      // Killed by a limit, or failed without saying why: not the source's fault alone, never cached.
      const why = r.signal === 'SIGXCPU' || r.signal === 'SIGKILL' ? 'the compiler ran out of time or memory' : 'the compiler failed';
      const result = [...diagnostics, note(`${why} (${r.signal || `exit ${r.code}`})`)];
      return r.signal ? stopped(key, base, 'limit', result, truncated) : { ...base, ok: false, error: 'limit', diagnostics: result, truncated };
    }
    const result = { ok: false, error: 'compile', diagnostics, truncated };
    cache.put(key, result);
    return { ...base, ...result };
  }

  async function handleCompile(req, res) {
    if (req.method !== 'POST') throw new HttpError(405, 'use POST with {"source": "..."}', { allow: 'POST' });
    if (!/^application\/json\b/.test(req.headers['content-type'] || '')) throw new HttpError(415, 'send the source as application/json: {"source": "..."}');
    const body = await readBody(req, L.bodyBytes);
    if (!body.trim()) throw new HttpError(400, 'the request body is empty: send {"source": "..."}');
    let parsed;
    try { parsed = JSON.parse(body); } catch (e) { throw new HttpError(400, `the request is not valid JSON (${e.message})`); }
    if (!parsed || typeof parsed.source !== 'string') throw new HttpError(400, 'expected a JSON object with a "source" string');
    const { source } = parsed;
    const bytes = Buffer.byteLength(source);
    if (bytes > L.sourceBytes) throw new HttpError(413, `the source is ${Math.round(bytes / 1024)} KB; the limit is ${L.sourceBytes / 1024} KB`);
    const started = performance.now();
    const key = keyOf(source);
    const hit = cache.get(key);
    if (hit) {
      stats.hits++;
      return json(res, 200, { ...hit, cached: true, ms: Math.round(performance.now() - started) });
    }
    const seen = verdicts.recall(key);
    if (seen) {
      stats.remembered++;
      const d = seen.result.diagnostics;
      return json(res, 200, { ...seen.result, diagnostics: [...d.slice(0, -1), { ...d[d.length - 1], message: `${d[d.length - 1].message} (this same source, ${Math.round(seen.ago / 1000)} s ago: it is not compiled again for ${Math.round((L.rememberMs - seen.ago) / 1000)} s)` }],
        cached: true, ms: Math.round(performance.now() - started) });
    }
    let p = inflight.get(key);
    if (!p) {
      p = queue.schedule(clientOf(req), () => compile(source, key));
      inflight.set(key, p);
      p.finally(() => inflight.delete(key)).catch(() => {});
    }
    return json(res, 200, await p);
  }

  function handleProgram(req, res, name) {
    const key = /^([0-9a-f]{32})\.wasm$/.exec(name)?.[1];
    if (!key) throw new HttpError(404, 'no such program');
    if (!cache.hasProgram(key)) throw new HttpError(404, 'no such program (compile it first)');
    const file = cache.programPath(key);
    let stream;
    try { stream = createReadStream(file); } catch { throw new HttpError(404, 'no such program (compile it first)'); }
    stream.on('open', (fd) => {
      cache.touch(key);
      res.writeHead(200, { 'content-type': 'application/wasm', 'content-length': fstatSync(fd).size, 'cache-control': 'public, max-age=31536000, immutable', ...CORS });
      stream.pipe(res);
    });
    stream.on('error', () => {
      if (res.headersSent) res.destroy();
      else json(res, 404, { ok: false, error: 'no such program (compile it first)' });
    });
  }

  return {
    stats,
    /** What the sandbox shows the compiler, read-only (paths inside it). */
    binds: sandbox.binds,
    /**
     * Answer the request if it is for the compile service.
     * @param {string} path  the request's decoded path (serve.mjs's requestPath)
     * @returns {boolean} whether it was
     */
    handle(req, res, path) {
      if (path.startsWith('/api/') && req.method === 'OPTIONS') { // a cross-origin preflight
        res.writeHead(204, { ...CORS, 'access-control-allow-methods': 'POST, GET', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '86400' });
        res.end();
        return true;
      }
      let work;
      if (path === '/api/compile') work = () => handleCompile(req, res);
      else if (path.startsWith('/api/program/')) work = async () => handleProgram(req, res, path.slice('/api/program/'.length));
      else return false;
      work().catch((e) => {
        if (res.headersSent) { res.destroy(); return; }
        if (e instanceof HttpError) json(res, e.status, { ok: false, error: e.message }, { ...e.headers, ...(e.status === 413 ? { connection: 'close' } : {}) });
        else json(res, 500, { ok: false, error: `internal error: ${e.message}` });
      });
      return true;
    },
  };
}
