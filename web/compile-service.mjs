/**
 * compile-service.mjs - POST /api/compile: C source in, a runnable .wasm
 * (or the compiler's diagnostics) out.
 *
 * Untrusted input, so every compile runs wasm/wasmcc inside bubblewrap: no
 * network, no other namespaces, an empty environment, the toolchain and the
 * runtime read-only, a private tmpfs that holds only the source, and
 * prlimit's CPU, memory and file-size caps; a wall-clock limit kills the
 * whole process group. Nothing of the host beyond /usr is visible to it.
 *
 * Answers (JSON):
 *   200 {ok: true, wasm, diagnostics, cached, ms}      wasm: URL of the program
 *   200 {ok: false, error: 'compile'|'timeout', diagnostics, truncated, cached, ms}
 *   400 malformed JSON, empty body, no "source" string   413 source > 64 KiB or body > 128 KiB
 *   415 not application/json   405 not POST   503 busy (Retry-After)   500 internal error
 * Results are cached by a hash of source, flags and toolchain version;
 * timeouts and internal errors never are.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, renameSync, createReadStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDiagnostics, DIAGNOSTICS_LIMIT } from './diagnostics.js';

export const LIMITS = {
  sourceBytes: 64 * 1024,
  bodyBytes: 128 * 1024,
  concurrent: 2,
  queue: 8,
  wallMs: 10000,
  cpuSeconds: 10,
  memoryBytes: 1024 * 1024 * 1024,
  fileBytes: 128 * 1024 * 1024, /* wasm objects store zeroed arrays as bytes; the tmpfs is in RAM */
  diagnostics: DIAGNOSTICS_LIMIT,
  stderrBytes: 256 * 1024,
};

const FLAGS = '-O fast';

class HttpError extends Error {
  constructor(status, message, headers = {}) { super(message); this.status = status; this.headers = headers; }
}

/* Demos embedded in other sites compile too: any origin may call the
 * service (no cookies or credentials are involved). */
const CORS = { 'access-control-allow-origin': '*' };

function json(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...CORS, ...headers });
  res.end(text);
}

/**
 * @param {{root: string, cacheDir?: string, limits?: object}} opts  root: the checkout
 */
export function createCompileService({ root, cacheDir = join(root, 'build', 'compile-cache'), limits = {} }) {
  const L = { ...LIMITS, ...limits };
  const rt = {
    wasmcc: join(root, 'wasm', 'wasmcc'),
    header: join(root, 'wasm', 'async.h'),
    syms: join(root, 'wasm', 'imports.syms'),
    removelist: join(root, 'wasm', 'asyncify-removelist.txt'),
    lib: join(root, 'build', 'wasm', 'libasync.a'),
    toolchain: join(root, 'build', 'wasm', 'toolchain.env'),
  };
  for (const f of Object.values(rt)) if (!existsSync(f)) throw new Error(`${f} is missing: run make first`);
  const version = readFileSync(rt.toolchain, 'utf8').match(/ASYNC_TOOLCHAIN_VERSION='([^']*)'/)?.[1] || '?';
  const runtimeHash = createHash('sha256').update(readFileSync(rt.lib)).update(readFileSync(rt.header))
    .update(readFileSync(rt.wasmcc)).update(readFileSync(rt.removelist)).digest('hex');
  mkdirSync(cacheDir, { recursive: true });

  const inflight = new Map();
  const waiting = [];
  let running = 0;
  const stats = { compiles: 0, hits: 0, busy: 0, timeouts: 0 };

  const keyOf = (source) => createHash('sha256').update(`${version}\0${FLAGS}\0${runtimeHash}\0${source}`).digest('hex').slice(0, 32);

  function sandboxed(source) {
    const args = [
      `--cpu=${L.cpuSeconds}`, `--as=${L.memoryBytes}`, `--fsize=${L.fileBytes}`, '--core=0',
      'bwrap', '--unshare-all', '--die-with-parent', '--new-session', '--clearenv',
      '--setenv', 'PATH', '/usr/bin:/bin', '--setenv', 'HOME', '/w',
      '--setenv', 'ASYNC_RT', '/rt', '--setenv', 'ASYNC_TOOLCHAIN', '/rt/toolchain.env',
      '--setenv', 'EM_FROZEN_CACHE', '1',
      '--ro-bind', '/usr', '/usr', '--symlink', 'usr/bin', '/bin', '--symlink', 'usr/lib', '/lib',
      '--symlink', 'usr/lib64', '/lib64', '--proc', '/proc', '--dev', '/dev',
      '--tmpfs', '/w', '--tmpfs', '/tmp',
      '--ro-bind', rt.wasmcc, '/rt/wasmcc', '--ro-bind', rt.header, '/rt/async.h',
      '--ro-bind', rt.syms, '/rt/imports.syms', '--ro-bind', rt.lib, '/rt/libasync.a',
      '--ro-bind', rt.removelist, '/rt/asyncify-removelist.txt',
      '--ro-bind', rt.toolchain, '/rt/toolchain.env',
      '--file', '0', '/w/main.c', '--chdir', '/w',
      'sh', '-c', '/rt/wasmcc -O fast -o /w/main.wasm /w/main.c </dev/null && cat /w/main.wasm',
    ];
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const child = spawn('prlimit', args, { detached: true, env: { PATH: '/usr/bin:/bin' }, stdio: ['pipe', 'pipe', 'pipe'] });
      const out = [];
      let outBytes = 0;
      let err = '';
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
      }, L.wallMs);
      child.stdout.on('data', (d) => { outBytes += d.length; if (outBytes <= L.fileBytes) out.push(d); });
      child.stderr.on('data', (d) => { if (err.length < L.stderrBytes) err += d.toString('utf8'); });
      child.on('error', (e) => { clearTimeout(timer); reject(e); });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, timedOut, wasm: Buffer.concat(out), stderr: err, ms: performance.now() - started });
      });
      child.stdin.on('error', () => {});
      child.stdin.end(source);
    });
  }

  async function compile(source, key) {
    stats.compiles++;
    const r = await sandboxed(source);
    const base = { cached: false, ms: Math.round(r.ms) };
    if (r.timedOut) {
      stats.timeouts++;
      return { ...base, ok: false, error: 'timeout', diagnostics: [{ line: 0, column: 0, severity: 'error', message: `the compiler was stopped after ${L.wallMs / 1000} s` }] };
    }
    const limit = /File size limit exceeded/.test(r.stderr) ? `its output is over ${L.fileBytes / 2 ** 20} MB`
      : /LLVM ERROR: out of memory|Allocation failed|std::bad_alloc/.test(r.stderr) ? `it needs over ${L.memoryBytes / 2 ** 20} MB of memory` : null;
    if (limit) { // a resource limit, not a verdict on the source: never cached
      return { ...base, ok: false, error: 'limit', diagnostics: [{ line: 0, column: 0, severity: 'error',
        message: `the compiler was stopped: ${limit}${/\[\s*(0x[0-9a-f]{6,}|\d{7,})/i.test(source) ? '. Is there a very large array? Allocate it with malloc' : ''}` }] };
    }
    const { diagnostics, truncated } = parseDiagnostics(r.stderr, source, L.diagnostics);
    if (r.code === 0 && r.wasm.length > 8 && r.wasm.readUInt32LE(0) === 0x6d736100) {
      writeFileSync(join(cacheDir, `${key}.wasm.tmp`), r.wasm);
      renameSync(join(cacheDir, `${key}.wasm.tmp`), join(cacheDir, `${key}.wasm`));
      const result = { ok: true, wasm: `api/program/${key}.wasm`, diagnostics, truncated };
      writeFileSync(join(cacheDir, `${key}.json`), JSON.stringify(result));
      return { ...base, ...result };
    }
    if (r.signal || !diagnostics.some((d) => d.severity === 'error')) {
      // Killed by a limit, or failed without saying why: not the source's fault alone, never cached.
      const why = r.signal === 'SIGXCPU' || r.signal === 'SIGKILL' ? 'the compiler ran out of time or memory' : 'the compiler failed';
      return { ...base, ok: false, error: 'limit', diagnostics: [...diagnostics, { line: 0, column: 0, severity: 'error', message: `${why} (${r.signal || `exit ${r.code}`})` }], truncated };
    }
    const result = { ok: false, error: 'compile', diagnostics, truncated };
    writeFileSync(join(cacheDir, `${key}.json`), JSON.stringify(result));
    return { ...base, ...result };
  }

  /** Run fn when a compile slot is free; 503 when the queue is full. */
  function schedule(fn) {
    if (running >= L.concurrent && waiting.length >= L.queue) {
      stats.busy++;
      throw new HttpError(503, 'the compile service is busy: try again in a moment', { 'retry-after': '2' });
    }
    return new Promise((resolve, reject) => {
      const go = () => {
        running++;
        fn().then(resolve, reject).finally(() => {
          running--;
          const next = waiting.shift();
          if (next) next();
        });
      };
      if (running < L.concurrent) go();
      else waiting.push(go);
    });
  }

  /* Read at most bodyBytes; a larger body is drained (up to a hard cap) so
   * that the client, still sending, gets its 413 rather than a reset. */
  function readBody(req) {
    return new Promise((resolve, reject) => {
      const declared = Number(req.headers['content-length'] || 0);
      const chunks = [];
      let size = 0;
      req.on('data', (d) => {
        size += d.length;
        if (size <= L.bodyBytes) chunks.push(d);
        else if (size > 256 * L.bodyBytes) req.destroy(); /* 32 MiB drained at most */
      });
      req.on('end', () => {
        const total = Math.max(size, declared);
        if (total > L.bodyBytes) reject(new HttpError(413, `the request is ${Math.round(total / 1024)} KB; the limit is ${L.bodyBytes / 1024} KB`));
        else resolve(Buffer.concat(chunks).toString('utf8'));
      });
      req.on('error', reject);
    });
  }

  async function handleCompile(req, res) {
    if (req.method !== 'POST') throw new HttpError(405, 'use POST with {"source": "..."}', { allow: 'POST' });
    if (!/^application\/json\b/.test(req.headers['content-type'] || '')) throw new HttpError(415, 'send the source as application/json: {"source": "..."}');
    const body = await readBody(req);
    if (!body.trim()) throw new HttpError(400, 'the request body is empty: send {"source": "..."}');
    let parsed;
    try { parsed = JSON.parse(body); } catch (e) { throw new HttpError(400, `the request is not valid JSON (${e.message})`); }
    if (!parsed || typeof parsed.source !== 'string') throw new HttpError(400, 'expected a JSON object with a "source" string');
    const { source } = parsed;
    const bytes = Buffer.byteLength(source);
    if (bytes > L.sourceBytes) throw new HttpError(413, `the source is ${Math.round(bytes / 1024)} KB; the limit is ${L.sourceBytes / 1024} KB`);
    const started = performance.now();
    const key = keyOf(source);
    const cached = join(cacheDir, `${key}.json`);
    if (existsSync(cached)) {
      stats.hits++;
      return json(res, 200, { ...JSON.parse(readFileSync(cached, 'utf8')), cached: true, ms: Math.round(performance.now() - started) });
    }
    let p = inflight.get(key);
    if (!p) {
      p = schedule(() => compile(source, key));
      inflight.set(key, p);
      p.finally(() => inflight.delete(key)).catch(() => {});
    }
    return json(res, 200, await p);
  }

  function handleProgram(req, res, name) {
    if (!/^[0-9a-f]{32}\.wasm$/.test(name)) throw new HttpError(404, 'no such program');
    const file = join(cacheDir, name);
    if (!existsSync(file)) throw new HttpError(404, 'no such program (compile it first)');
    res.writeHead(200, { 'content-type': 'application/wasm', 'content-length': statSync(file).size, 'cache-control': 'public, max-age=31536000, immutable', ...CORS });
    createReadStream(file).pipe(res);
  }

  return {
    stats,
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
