/**
 * The compile service against hostile and bad input, on loopback: every
 * answer has the status and message a user sees, and no file leaks.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../web/server/serve.mjs';
import { ROOT, runWasmFile } from './helpers.js';

let server;
let base;
let cacheDir;

beforeAll(async () => {
  cacheDir = mkdtempSync(join(tmpdir(), 'compile-cache-'));
  server = await serve({ port: 0, root: join(ROOT, 'build', 'site'), compile: { cacheDir } });
  base = `http://127.0.0.1:${server.address().port}`;
});
afterAll(() => server?.close());

async function post(body, { type = 'application/json', raw = false } = {}) {
  const r = await fetch(`${base}/api/compile`, { method: 'POST', headers: { 'content-type': type }, body: raw ? body : JSON.stringify(body) });
  const text = await r.text();
  return { status: r.status, headers: r.headers, text, json: JSON.parse(text) };
}

const PASSWD = readFileSync('/etc/passwd', 'utf8').split('\n')[0]; // "root:x:0:0:..."
const MAKEFILE_LINE = 'Async C Playground: the runtime';
const messages = (r) => r.json.diagnostics.map((d) => d.message).join('\n');
const noLeak = (r) => {
  expect(r.text).not.toContain(PASSWD.slice(0, 12));
  expect(r.text).not.toContain(MAKEFILE_LINE);
};

test('a good program compiles, runs, and is cached', async () => {
  const source = readFileSync(join(ROOT, 'examples', 'event_loop.c'), 'utf8').replace('A: done', 'A: finished');
  const first = await post({ source });
  expect(first.status).toBe(200);
  expect(first.json).toMatchObject({ ok: true, cached: false });
  const wasm = await fetch(`${base}/${first.json.wasm}`);
  expect(wasm.headers.get('content-type')).toBe('application/wasm');
  const file = join(cacheDir, first.json.wasm.split('/').pop());
  const r = await runWasmFile(file, { env: { ASYNC_CLOCK: 'virtual' } });
  expect(r.stdout).toBe('A: start\nB: start\nB: done\nA: finished\n');
  const again = await post({ source });
  expect(again.json).toMatchObject({ ok: true, cached: true, wasm: first.json.wasm });
});

test('a syntax error comes back as a diagnostic on its line', async () => {
  const r = await post({ source: '#include "async.h"\n\nint main(void) {\n  int x = ;\n}\n' });
  expect(r.status).toBe(200);
  expect(r.json.ok).toBe(false);
  expect(r.json.diagnostics[0]).toEqual({ line: 4, column: 11, severity: 'error', message: 'expected expression' });
});

test('an undefined function is marked where it is called', async () => {
  const r = await post({ source: 'int fooo(void);\nint main(void) {\n  return fooo();\n}\n' });
  expect(r.json.ok).toBe(false);
  expect(r.json.diagnostics[0]).toMatchObject({ line: 3, severity: 'error', message: 'undefined symbol: fooo' });
});

describe('nothing outside the sandbox can be read', () => {
  test.each([
    ['an absolute include', '#include "/etc/passwd"\nint main(void) { return 0; }\n', /file not found/],
    ['a relative include up the tree', '#include "../../Makefile"\nint main(void) { return 0; }\n', /file not found/],
    ['an include through /proc', '#include "/proc/self/cwd/../../work/main/Makefile"\nint main(void) { return 0; }\n', /file not found/],
    ['.incbin in inline assembly', 'asm(".incbin \\"/etc/passwd\\"");\nint main(void) { return 0; }\n', /error/i],
    ['#embed', '#embed "/etc/passwd"\nint main(void) { return 0; }\n', /invalid preprocessing directive|embed/],
  ])('%s', async (_, source, message) => {
    const r = await post({ source });
    expect(r.status).toBe(200);
    expect(r.json.ok).toBe(false);
    expect(messages(r)).toMatch(message);
    noLeak(r);
  });

  test('the environment of the sandbox is empty', async () => {
    const r = await post({ source: '#include "/proc/1/environ"\n#include "/proc/self/environ"\nint main(void) { return 0; }\n' });
    expect(r.status).toBe(200);
    noLeak(r);
    expect(r.text).not.toMatch(/PWD=|USER=|SSH|TOKEN/);
    expect(r.text).not.toContain(ROOT);
  });
});

test('a self-including file stops with a capped list', async () => {
  const r = await post({ source: '#include __FILE__\nint main(void) { return 0; }\n' });
  expect(r.json.ok).toBe(false);
  expect(messages(r)).toMatch(/nested too deeply|include/);
  expect(r.json.diagnostics.length).toBeLessThanOrEqual(51);
});

test('a flood of diagnostics is truncated with a note', async () => {
  const source = Array.from({ length: 200 }, (_, i) => `int f${i}(int x) { }`).join('\n') + '\nint main(void) { return 0; }\n';
  const r = await post({ source });
  expect(r.json.truncated).toBe(true);
  expect(r.json.diagnostics).toHaveLength(51);
  expect(r.json.diagnostics[50].message).toMatch(/^… and \d+ more diagnostics$/);
});

test('a macro-expansion bomb is stopped, within the limits', async () => {
  const defs = ['#define A0 x'];
  for (let i = 1; i <= 40; i++) defs.push(`#define A${i} A${i - 1} A${i - 1}`);
  const source = `${defs.join('\n')}\nint main(void) { A40; return 0; }\n`;
  const t0 = Date.now();
  const r = await post({ source });
  expect(Date.now() - t0).toBeLessThan(15000);
  expect(r.status).toBe(200);
  expect(r.json.ok).toBe(false);
  // clang gives up on the expansion, or the limits stop it: the second kind is remembered, not compiled again.
  if (r.json.error === 'compile') expect(messages(r)).toMatch(/error|undeclared/);
  else {
    expect(messages(r)).toMatch(/^the compiler was stopped( after 10 s|: it needs over 1024 MB of memory)$/);
    const again = await post({ source });
    expect(again.json).toMatchObject({ ok: false, error: r.json.error, cached: true });
    expect(messages(again)).toMatch(/this same source, \d+ s ago: it is not compiled again for \d+ s/);
  }
}, 40000);

test('a compile that hits the wall-clock limit is killed, reported and not cached', async () => {
  const quick = await serve({ port: 0, root: join(ROOT, 'build', 'site'), compile: { cacheDir, limits: { wallMs: 50 } } });
  try {
    const r = await fetch(`http://127.0.0.1:${quick.address().port}/api/compile`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ source: 'int main(void) { return 7; }\n' }) }).then((x) => x.json());
    expect(r).toMatchObject({ ok: false, error: 'timeout', cached: false });
    expect(r.diagnostics[0].message).toBe('the compiler was stopped after 0.05 s');
  } finally {
    quick.close();
  }
});

test('a huge static array is refused with a hint', async () => {
  const r = await post({ source: 'static char big[0x7fffffff];\nint main(int argc, char **argv) { (void)argv; big[argc * 12345u] = 1; return big[argc]; }\n' });
  expect(r.json.ok).toBe(false);
  expect(r.json.error).toBe('limit');
  expect(messages(r)).toMatch(/^the compiler was stopped: it needs over 1024 MB of memory. Is there a very large array\? Allocate it with malloc$/);
});

test('a static array over the file-size limit gets the same hint', async () => {
  const r = await post({ source: 'static int big[50000000];\nint main(int argc, char **argv) { (void)argv; big[argc * 1234] = 1; return big[argc]; }\n' });
  expect(r.json).toMatchObject({ ok: false, error: 'limit', cached: false });
  expect(messages(r)).toMatch(/its output is over 128 MB. Is there a very large array\? Allocate it with malloc/);
});

test('a large static array that fits compiles', async () => {
  const r = await post({ source: 'static int data[10000000];\nint main(int argc, char **argv) { (void)argv; data[argc * 1234] = 1; return data[argc] ; }\n' });
  expect(r.json.ok).toBe(true);
});

test('binary garbage gets compile errors, not a crash', async () => {
  const bytes = Array.from({ length: 2000 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join('');
  const r = await post({ source: bytes });
  expect(r.status).toBe(200);
  expect(r.json.ok).toBe(false);
});

describe('bad requests get clear answers', () => {
  test('an empty body is 400', async () => {
    const r = await post('', { raw: true });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(/empty/);
  });
  test('malformed JSON is 400', async () => {
    const r = await post('{"source": ', { raw: true });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(/not valid JSON/);
  });
  test('JSON without a source string is 400', async () => {
    const r = await post({ code: 'int main(void){}' });
    expect(r.status).toBe(400);
    expect(r.json.error).toMatch(/"source" string/);
  });
  test('the wrong content type is 415', async () => {
    const r = await post('int main(void){}', { raw: true, type: 'text/plain' });
    expect(r.status).toBe(415);
    expect(r.json.error).toMatch(/application\/json/);
  });
  test('a source over 64 KiB is 413', async () => {
    const r = await post({ source: `int main(void) { return 0; }\n/*${'x'.repeat(70 * 1024)}*/\n` });
    expect(r.status).toBe(413);
    expect(r.json.error).toMatch(/the source is \d+ KB; the limit is 64 KB/);
  });
  test('a 10 MB body is 413', async () => {
    const r = await post(JSON.stringify({ source: 'x'.repeat(10 * 1024 * 1024) }), { raw: true });
    expect(r.status).toBe(413);
    expect(r.json.error).toMatch(/the limit is 128 KB/);
  });
  test('GET is 405', async () => {
    const r = await fetch(`${base}/api/compile`);
    expect(r.status).toBe(405);
  });
  test('a program name that is not a hash is 404', async () => {
    expect((await fetch(`${base}/api/program/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    expect((await fetch(`${base}/api/program/0123456789abcdef0123456789abcdef.wasm`)).status).toBe(404);
  });
});

test('50 concurrent requests over 10 sources: each a correct build, or 503 or 429 with Retry-After', async () => {
  const sources = Array.from({ length: 10 }, (_, i) => `#include <stdio.h>\nint main(void) { printf("load %d\\n"); return 0; }\n`.replace('%d', String(i)));
  const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => post({ source: sources[i % 10] }).then((r) => ({ ...r, i }))));
  let built = 0;
  for (const a of answers) {
    if (a.status === 503 || a.status === 429) { // busy, or this client has enough in progress
      expect(a.headers.get('retry-after')).toBe('2');
      continue;
    }
    expect(a.status).toBe(200);
    expect(a.json.ok).toBe(true);
    const r = await runWasmFile(join(cacheDir, a.json.wasm.split('/').pop()));
    expect(r.stdout).toBe(`load ${a.i % 10}\n`);
    built++;
  }
  expect(built).toBeGreaterThanOrEqual(10);
  expect((await post({ source: sources[0] })).status).toBe(200); // alive after
  expect(readdirSync(cacheDir).filter((f) => !/^[0-9a-f]{32}\.(wasm|json)$/.test(f))).toEqual([]);
}, 120000);
