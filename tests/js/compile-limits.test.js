/**
 * The compile service under an attacker and a heavy user: its cache stays
 * within its bounds and survives damage, the sandbox lets no file of the
 * host into a program, and one client's bombs do not deny another client.
 * Small limits (through serve's options) keep each case a few seconds.
 */
import { request } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../web/server/serve.mjs';
import { ROOT, runWasmFile } from './helpers.js';

const SITE = join(ROOT, 'build', 'site');
const servers = [];
afterAll(() => servers.forEach((s) => s.close()));

/** A compile service of its own: {port, cacheDir, service}. */
async function start(limits = {}) {
  const cacheDir = mkdtempSync(join(tmpdir(), 'compile-limits-'));
  const server = await serve({ port: 0, root: SITE, compile: { cacheDir, limits } });
  servers.push(server);
  return { port: server.address().port, cacheDir, service: server.compileService };
}

/** POST a source from localAddress (a loopback address: each is a client of its own). */
function post(port, source, localAddress = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ source });
    const req = request({ host: '127.0.0.1', port, path: '/api/compile', method: 'POST', localAddress, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text, json: JSON.parse(text), at: performance.now() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const program = (i) => `#include <stdio.h>\nint main(void) { printf("program ${i}\\n"); return 0; }\n`;
const messages = (r) => r.json.diagnostics.map((d) => d.message).join('\n');
const cacheBytes = (dir) => readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
const keyOf = (r) => r.json.wasm.match(/([0-9a-f]{32})\.wasm$/)[1];

describe('the cache', () => {
  test('stays within its byte bound, dropping the least recently used program first', async () => {
    const probe = await start();
    const one = (await post(probe.port, program(0))).json;
    const size = cacheBytes(probe.cacheDir);
    expect(one.ok).toBe(true);
    // Room for three entries, not four.
    const { port, cacheDir } = await start({ cacheBytes: Math.floor(size * 3.5) });
    const first = await post(port, program(1));
    const second = await post(port, program(2));
    await post(port, program(3));
    expect((await post(port, program(1))).json.cached).toBe(true); // 1 is now the most recently used
    await post(port, program(4)); // evicts 2
    expect(cacheBytes(cacheDir)).toBeLessThanOrEqual(size * 3.5);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.wasm'))).toHaveLength(3);
    expect((await fetch(`http://127.0.0.1:${port}/${second.json.wasm}`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/${first.json.wasm}`)).status).toBe(200);
    const again = await post(port, program(2));
    expect(again.json).toMatchObject({ ok: true, cached: false });
    const r = await runWasmFile(join(cacheDir, `${keyOf(again)}.wasm`));
    expect(r.stdout).toBe('program 2\n');
  }, 30000);

  test('a program over the size of one entry is refused with a clear message, and nothing is kept', async () => {
    const { port, cacheDir } = await start({ programBytes: 1024 });
    const r = await post(port, program(5));
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ ok: false, error: 'limit', cached: false });
    expect(messages(r)).toMatch(/^the program is over 1 KB, more than this service serves$/);
    expect(readdirSync(cacheDir)).toEqual([]);
  });

  test('the 100 MB program of a 121-byte source is refused, and leaves no 100 MB file', async () => {
    const { port, cacheDir } = await start({ wallMs: 60000 }); // the CPU limit still holds; a loaded machine is no timeout
    const source = 'char big[100 << 20] = {1}; int main(int c, char **v) { (void)v; return big[c * 12345]; }';
    const r = await post(port, source);
    expect(r.json).toMatchObject({ ok: false, error: 'limit' });
    expect(messages(r)).toMatch(/^the program is over 16 MB, more than this service serves. Is there a very large array\? Allocate it with malloc/);
    expect(cacheBytes(cacheDir)).toBe(0);
  }, 90000);

  test('a .json cut short is recompiled, not answered with 500', async () => {
    const { port, cacheDir } = await start();
    const first = await post(port, program(6));
    const json = join(cacheDir, `${keyOf(first)}.json`);
    truncateSync(json, Math.floor(statSync(json).size / 2));
    const again = await post(port, program(6));
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ ok: true, cached: false, wasm: first.json.wasm });
    expect(JSON.parse(readFileSync(json, 'utf8')).result.ok).toBe(true);
    expect((await post(port, program(6))).json.cached).toBe(true);
  });

  test('a program cut short, or an entry left by a killed run, is recompiled', async () => {
    const first = await start();
    const r = await post(first.port, program(7));
    const wasm = join(first.cacheDir, `${keyOf(r)}.wasm`);
    truncateSync(wasm, 100);
    expect((await post(first.port, program(7))).json).toMatchObject({ ok: true, cached: false });
    // What a kill between writes leaves: a temporary file, a program without its .json.
    const tmp = join(first.cacheDir, `${keyOf(r)}.json.123.0.tmp`);
    writeFileSync(tmp, '{"bytes": 4');
    utimesSync(tmp, new Date(Date.now() - 3600e3), new Date(Date.now() - 3600e3));
    writeFileSync(join(first.cacheDir, '0123456789abcdef0123456789abcdef.wasm'), 'half');
    const restarted = await serve({ port: 0, root: SITE, compile: { cacheDir: first.cacheDir } });
    servers.push(restarted);
    expect(readdirSync(first.cacheDir).sort()).toEqual([`${keyOf(r)}.json`, `${keyOf(r)}.wasm`]);
    expect((await post(restarted.address().port, program(7))).json).toMatchObject({ ok: true, cached: true });
  });
});

test('the cache key follows the flags the sandbox compiles with', async () => {
  const { port, cacheDir } = await start();
  const other = await serve({ port: 0, root: SITE, compile: { cacheDir, flags: ['-O', 'full'] } });
  servers.push(other);
  const fast = await post(port, program(9));
  const full = await post(other.address().port, program(9));
  expect(full.json).toMatchObject({ ok: true, cached: false });
  expect(full.json.wasm).not.toBe(fast.json.wasm);
  for (const r of [fast, full]) expect((await runWasmFile(join(cacheDir, `${keyOf(r)}.wasm`))).stdout).toBe('program 9\n');
  expect(statSync(join(cacheDir, `${keyOf(full)}.wasm`)).size).not.toBe(statSync(join(cacheDir, `${keyOf(fast)}.wasm`)).size);
});

describe('the sandbox', () => {
  const OS_RELEASE = readFileSync('/usr/lib/os-release', 'utf8');
  test.each([
    ['.incbin of /usr/lib/os-release', 'asm(".incbin \\"/usr/lib/os-release\\"");\nint main(void) { return 0; }\n', /incbin/],
    ['.incbin of /etc/os-release', 'asm(".incbin \\"/etc/os-release\\"");\nint main(void) { return 0; }\n', /incbin/],
    ['.incbin of /proc/version', 'asm(".incbin \\"/proc/version\\"");\nint main(void) { return 0; }\n', /incbin/],
    ['an include of the host\'s own headers', '#include "/usr/include/linux/limits.h"\nint main(void) { return 0; }\n', /file not found/],
    ['an include of /usr/lib/os-release', '#include "/usr/lib/os-release"\nint main(void) { return 0; }\n', /file not found/],
  ])('%s finds nothing, and no program carries it', async (_, source, message) => {
    const { port, cacheDir } = await start();
    const r = await post(port, source);
    expect(r.json).toMatchObject({ ok: false, error: 'compile' });
    expect(messages(r)).toMatch(message);
    expect(r.text).not.toContain(OS_RELEASE.split('\n')[0]);
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.wasm'))).toEqual([]);
  });

  test('shows the compiler its toolchain, headers, sysroot and runtime, not /usr, /etc or /proc', async () => {
    const { service } = await start();
    const binds = service.binds;
    expect(binds).not.toContain('/usr');
    expect(binds.filter((b) => /^\/(etc|proc|sys|home|root|work|var)\b/.test(b))).toEqual([]);
    expect(binds.filter((b) => !/^\/usr\/(bin|lib|share\/emscripten\/cache\/sysroot$)|^\/rt\//.test(b))).toEqual([]);
    expect(binds).toContain('/rt/async.h');
  });
});

describe('fairness', () => {
  /* An include bomb: 2^40 inclusions of itself, each distinct by its comment. */
  const bomb = (i) => `/* bomb ${i} */\n#if __INCLUDE_LEVEL__ < 40\n#include __FILE__\n#include __FILE__\n#endif\n#if __INCLUDE_LEVEL__ == 0\nint main(void) { return 0; }\n#endif\n`;

  test('ten distinct bombs from one client do not deny a second client', async () => {
    const { port } = await start({ wallMs: 2500 }); // time enough for the victim's compile on a loaded machine
    const attack = Array.from({ length: 10 }, (_, i) => post(port, bomb(i), '127.0.0.1'));
    await new Promise((r) => setTimeout(r, 200));
    const victim = await post(port, program(8), '127.0.0.2');
    expect(victim.status).toBe(200);
    expect(victim.json.ok).toBe(true);
    const answers = await Promise.all(attack);
    expect(answers.filter((a) => a.status === 200).map((a) => a.json.error)).toEqual(Array(4).fill('timeout'));
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(6);
    expect(refused[0].headers['retry-after']).toBe('2');
    expect(refused[0].json.error).toMatch(/you have 4 compiles in progress: wait for them to finish/);
    // The victim's answer did not wait for the attacker's line.
    expect(victim.at).toBeLessThan(Math.max(...answers.map((a) => a.at)));
  }, 30000);

  test('a source that timed out is answered again without compiling, for a while', async () => {
    const { port, service } = await start({ wallMs: 500 });
    const first = await post(port, bomb(100));
    expect(first.json).toMatchObject({ ok: false, error: 'timeout', cached: false });
    const compiles = service.stats.compiles;
    const again = await post(port, bomb(100));
    expect(again.json).toMatchObject({ ok: false, error: 'timeout', cached: true });
    expect(messages(again)).toMatch(/^the compiler was stopped after 0.5 s \(this same source, \d+ s ago: it is not compiled again for \d+ s\)$/);
    expect(service.stats.compiles).toBe(compiles);
  }, 20000);
});
