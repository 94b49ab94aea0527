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

test('the reference has the event stream, the differences from asyncio and the notices', () => {
  const html = renderReference(parseHeader(source));
  // the event kinds and wait reasons, each with what its row's comment says
  expect(html).toMatch(/<section id="the-event-stream"[\s\S]*<tr id="ASYNC_EV_SUSPEND"><th scope="row"><code>ASYNC_EV_SUSPEND<\/code><\/th><td><code>2<\/code><\/td><td>b: the reason's detail<\/td>/);
  expect(html).toMatch(/<tr id="ASYNC_WAIT_SLEEP">[\s\S]*?the deadline, seconds/);
  expect(html).toMatch(/<section id="differences-from-asyncio"[\s\S]*<li>Errors are return codes, not exceptions/);
  for (const n of NOTICES) expect(html).toContain(`id="notice-${n.id}"`);
  expect(html).not.toMatch(/<script/);
});

test('a new call and a new error code added to the header appear, with the codes the call returns', () => {
  const changed = source
    .replace(/(#define ASYNC_ERRNO_MAP\(X\)[^\n]*\n)/, '$1  X(ESTALE,    -1100, "stale handle") /* async_widget_poke: the widget was */ \\\n    /* replaced meanwhile */ \\\n')
    .replace('int          async_cancelled(void);',
      'int          async_widget_poke(async_widget *w); /* pokes w: 0, ASYNC_ECANCELED, ASYNC_EINVAL */\nint          async_cancelled(void);')
    .replace('typedef struct async_event async_event;', 'typedef struct async_event async_event;\ntypedef struct async_widget async_widget;');
  expect(changed).not.toBe(source);
  const file = join(mkdtempSync(join(tmpdir(), 'ref-')), 'async.h');
  writeFileSync(file, changed);
  const { functions, codes } = declared(file); // it still compiles
  expect(functions).toContain('async_widget_poke');
  expect(codes).toContain('ASYNC_ESTALE');
  const model = parseHeader(changed);
  const html = renderReference(model);
  for (const name of [...functions, ...codes]) expect(html).toContain(`id="${name}"`);
  const byName = new Map(model.entries.map((e) => [e.name, e]));
  expect(byName.get('ASYNC_ESTALE')).toMatchObject({ value: -1100, doc: 'async_widget_poke: the widget was replaced meanwhile', calls: ['async_widget_poke'] });
  expect(byName.get('async_widget_poke').errors).toEqual(expect.arrayContaining(['ASYNC_EINVAL', 'ASYNC_ECANCELED', 'ASYNC_ESTALE']));
});

test('the editor gets every async_ and ASYNC_ name with a signature and a one-line doc', () => {
  const api = editorApi(parseHeader(source));
  const sleep = api.find((e) => e.name === 'async_sleep');
  expect(sleep).toMatchObject({ kind: 'function', signature: 'int async_sleep(double seconds)' });
  expect(sleep.doc).toMatch(/^asyncio\.sleep/);
  expect(api.find((e) => e.name === 'ASYNC_ECANCELED').doc).toMatch(/cancelled/);
  expect(JSON.stringify(api).length).toBeLessThan(40000); // it ships with the editor
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
