/**
 * The API reference is generated from async.h: every function the compiler
 * sees declared there (gcc -aux-info), every async_/ASYNC_ macro (gcc -dM)
 * and every error code appears in it, with its signature, grouped as the
 * header is; the parser survives the header's tables turning into X-macros.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers.js';
import { parseHeader, editorApi } from '../../web/reference/parse-header.js';
import { renderReference } from '../../web/reference/render-reference.js';
import { pendingNotice, noticeFor, NOTICES } from '../../web/reference/notices.js';

const HEADER = join(ROOT, 'wasm', 'async.h');
const source = readFileSync(HEADER, 'utf8');

/** What the compiler says the header declares: function names, and macro names. */
function declared(file) {
  const dir = mkdtempSync(join(tmpdir(), 'ref-'));
  execFileSync('gcc', ['-aux-info', join(dir, 'aux'), '-fsyntax-only', '-x', 'c', file]);
  const functions = [...readFileSync(join(dir, 'aux'), 'utf8').matchAll(/\b(async_\w+) \(/g)].map((m) => m[1]);
  const macros = execFileSync('gcc', ['-dM', '-E', '-x', 'c', file], { encoding: 'utf8' }).split('\n')
    .map((l) => /^#define ((?:async|ASYNC)_\w+)/.exec(l)?.[1]).filter((n) => n && n !== 'ASYNC_H');
  const expanded = execFileSync('gcc', ['-E', '-P', '-x', 'c', file], { encoding: 'utf8' });
  const codes = [...new Set(expanded.match(/\bASYNC_E[A-Z]+\b/g) || [])];
  return { functions, macros, codes };
}

test('every function and macro declared in async.h is in the reference, with its signature and group', () => {
  const model = parseHeader(source);
  const html = renderReference(model);
  const { functions, macros } = declared(HEADER);
  expect(functions.length).toBeGreaterThan(25);
  for (const name of [...functions, ...macros]) {
    expect(html).toContain(`id="${name}"`);
    const entry = model.entries.find((e) => e.name === name);
    expect(entry).toBeDefined();
    if (functions.includes(name)) expect(entry.signature).toMatch(new RegExp(`\\b${name}\\(`));
  }
  // grouped as the header is, in its order
  const titles = [...source.matchAll(/^\/\* -{2,} (.*?) -{2,} \*\/$/gm)].map((m) => m[1]);
  expect(model.groups.map((g) => g.title).filter((t) => t !== 'Types')).toEqual(titles);
  expect(model.entries.find((e) => e.name === 'async_sleep').group).toBe('tasks');
  expect(model.entries.find((e) => e.name === 'async_queue_put').group).toBe('queues-asyncio-queue');
});

test('each call lists the error codes it returns, and each code the calls that return it', () => {
  const model = parseHeader(source);
  const byName = new Map(model.entries.map((e) => [e.name, e]));
  expect(byName.get('async_sleep').errors).toEqual(expect.arrayContaining(['ASYNC_ECANCELED', 'ASYNC_EINVAL']));
  expect(byName.get('async_cancel').errors).toEqual(['ASYNC_EDONE']); // not the ECANCELED the *cancelled task's* waits return
  expect(byName.get('async_queue_free').errors).toEqual([]); // void: it returns nothing
  expect(byName.get('async_read_line').errors).toContain('ASYNC_EEOF');
  expect(byName.get('ASYNC_EDEADLK').calls).toEqual(['async_run']);
  expect(byName.get('ASYNC_ETIMEDOUT').calls).toEqual(['async_wait_for']);
  const html = renderReference(model);
  for (const code of declared(HEADER).codes) expect(html).toContain(`id="${code}"`);
});

test('the reference has the event stream as a table, the differences from asyncio and the notices', () => {
  const html = renderReference(parseHeader(source));
  expect(html).toMatch(/<section id="the-event-stream"[\s\S]*<th scope="col">kind<\/th>[\s\S]*<code>SUSPEND<\/code>/);
  expect(html).toMatch(/<section id="differences-from-asyncio"[\s\S]*<li>Errors are return codes, not exceptions/);
  for (const n of NOTICES) expect(html).toContain(`id="notice-${n.id}"`);
  expect(html).not.toMatch(/<script/);
});

test('a header whose codes become an X-macro table, with a new call, still gives the whole reference', () => {
  const codes = [...source.matchAll(/^#define (ASYNC_E\w+)\s+\((-?\d+)\)\s*\/\*\s*([^]*?)\s*\*\//gm)];
  expect(codes.length).toBeGreaterThan(5);
  const table = `#define ASYNC_ERRNO_MAP(X) \\\n${codes.map(([, n, v, doc]) => `  X(${n.replace('ASYNC_', '')}, ${v}, "${doc.split(':')[0].replace(/\s+/g, ' ')}") /* ${doc.replace(/\s+/g, ' ')} */`).join(' \\\n')}\n`
    + 'typedef enum {\n#define ASYNC__ERRNO(name, value, msg) ASYNC_##name = value,\n  ASYNC_ERRNO_MAP(ASYNC__ERRNO)\n#undef ASYNC__ERRNO\n} async_errno;\n';
  let changed = source.replace(/^#define ASYNC_E\w+[^\n]*(\n\s+[^#\n][^\n]*\*\/)?\n/gm, '');
  changed = changed.replace('#define ASYNC_OK          0\n', `#define ASYNC_OK          0\n${table}`);
  changed = changed.replace('int          async_cancelled(void);',
    'int          async_semaphore_acquire(async_semaphore *s); /* asyncio.Semaphore.acquire: 0, ASYNC_ECANCELED, ASYNC_EINVAL */\nint          async_cancelled(void);')
    .replace('typedef struct async_event async_event;', 'typedef struct async_event async_event;\ntypedef struct async_semaphore async_semaphore;');
  const file = join(mkdtempSync(join(tmpdir(), 'ref-')), 'async.h');
  writeFileSync(file, changed);
  const { functions, codes: declaredCodes } = declared(file); // it still compiles
  expect(functions).toContain('async_semaphore_acquire');
  const model = parseHeader(changed);
  const html = renderReference(model);
  for (const name of [...functions, ...declaredCodes]) expect(html).toContain(`id="${name}"`);
  const byName = new Map(model.entries.map((e) => [e.name, e]));
  expect(byName.get('ASYNC_ETIMEDOUT').value).toBe(-110);
  expect(byName.get('ASYNC_ETIMEDOUT').calls).toEqual(['async_wait_for']);
  expect(byName.get('async_semaphore_acquire').errors).toEqual(['ASYNC_EINVAL', 'ASYNC_ECANCELED']);
});

test('the editor gets every async_ and ASYNC_ name with a signature and a one-line doc', () => {
  const api = editorApi(parseHeader(source));
  const sleep = api.find((e) => e.name === 'async_sleep');
  expect(sleep).toMatchObject({ kind: 'function', signature: 'int async_sleep(double seconds)' });
  expect(sleep.doc).toMatch(/^asyncio\.sleep/);
  expect(api.find((e) => e.name === 'ASYNC_ECANCELED').doc).toMatch(/cancelled/);
  expect(JSON.stringify(api).length).toBeLessThan(20000);
});

test('the pending-tasks notice counts what was left, by state', () => {
  expect(pendingNotice([])).toBeNull();
  expect(pendingNotice([{ state: 'sleeping' }, { state: 'sleeping' }]))
    .toBe('2 tasks were still sleeping when main returned and were cancelled: await or gather them');
  expect(pendingNotice([{ state: 'sleeping' }, { state: 'waiting' }]))
    .toBe('1 task was still sleeping and 1 was waiting when main returned and were cancelled: await or gather them');
  expect(pendingNotice([{ state: 'ready' }])).toBe('1 task was still ready to run when main returned and was cancelled: await or gather it');
  expect(noticeFor("task 'main' blocked the event loop for 1000 ms without suspending").id).toBe('blocked');
  expect(noticeFor('async: deadlock: every task waits and nothing can wake them: \'main\'').id).toBe('deadlock');
});
