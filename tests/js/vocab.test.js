/**
 * vocab.test.js - C and JavaScript agree on the whole vocabulary: every
 * event kind, its fields, every wait reason and every error code, as the
 * runtime's functions name them (tests/programs/vocab.c, native) and as
 * host.js reads them (build/gen/vocab.js, generated from async.h); and the
 * events of a wasm run that produces every kind and reason decode to the
 * fields the C observer saw.
 */
import { join } from 'node:path';
import { EVENT_KINDS, WAIT_REASONS, OBJECT_OPS, ERRORS } from '../../wasm/host/host.js';
import { BUILD, runNative, runWasmFile } from './helpers.js';

const rows = (stdout, tag) => stdout.split('\n').filter((l) => l.startsWith(`${tag} `)).map((l) => l.slice(tag.length + 1));

let native;
let wasm;
beforeAll(async () => {
  native = await runNative(join(BUILD, 'native', 'programs', 'vocab'), { env: { ASYNC_CLOCK: 'virtual' }, input: ['hello'] });
  wasm = await runWasmFile(join(BUILD, 'wasm', 'programs', 'vocab.wasm'), { env: { ASYNC_CLOCK: 'virtual' }, input: ['hello'] });
});

test('both runs succeed', () => {
  expect(native.status).toBe(0);
  expect(wasm.status).toBe(0);
});

test('event kinds: names by index, and nothing past the table', () => {
  const kinds = rows(native.stdout, 'kind').map((r) => r.split(' '));
  expect(kinds.slice(0, -1).map(([i, name]) => [Number(i), name])).toEqual(EVENT_KINDS.map((k, i) => [i, k.name]));
  expect(kinds.at(-1)).toEqual([String(EVENT_KINDS.length), 'unknown']);
});

test('event fields: the same slot layout per kind', () => {
  const fields = rows(native.stdout, 'fields').map((r) => r.replace(/^\d+ /, ''));
  expect(fields).toEqual(EVENT_KINDS.map((k) => [k.a, k.aType, k.b, k.text, k.site, k.obj].join('|')));
});

test('wait reasons: names, lane states and details by index', () => {
  const names = rows(native.stdout, 'reason').map((r) => r.split(' ')[1]);
  expect(names).toEqual([...WAIT_REASONS.map((r) => r.name), 'unknown']);
  const detail = rows(native.stdout, 'wait').map((r) => r.replace(/^\d+ /, ''));
  expect(detail).toEqual(WAIT_REASONS.map((r) => `${r.state}|${r.detail}`));
  for (const r of WAIT_REASONS) expect(['sleeping', 'ready', 'waiting']).toContain(r.state);
});

test('error codes: names, values and messages', () => {
  const errors = rows(native.stdout, 'error').map((r) => r.match(/^(\S+) (-?\d+) (.*)$/).slice(1));
  expect(errors.at(-1)).toEqual(['ASYNC_OK', '0', 'success']);
  expect(errors.slice(0, -1)).toEqual(ERRORS.map((e) => [e.name, String(e.code), e.message]));
  expect(new Set(ERRORS.map((e) => e.code)).size).toBe(ERRORS.length);
});

test('wasm: every raw event decodes to its kind and fields, and the run covers every kind and reason', () => {
  const raw = wasm.stdout.split('\n').filter((l) => l.startsWith('event ')).map((l) => l.split(' ').slice(1).map(Number));
  const decoded = wasm.events.slice(wasm.events.findIndex((e) => e.kind === 'spawn')); /* after the tables' output */
  expect(raw.length).toBeGreaterThan(20);
  const seenKinds = new Set();
  const seenReasons = new Set();
  raw.forEach(([kind, task, a, b, obj], i) => {
    const k = EVENT_KINDS[kind];
    const ev = decoded[i];
    expect(ev.kind).toBe(k.name);
    expect(ev.task).toBe(task);
    seenKinds.add(k.name);
    if (k.aType === 'reason') {
      const r = WAIT_REASONS[a];
      expect(ev[k.a]).toBe(r.name);
      seenReasons.add(r.name);
      if (r.detail) expect(ev[r.detail]).toBeCloseTo(b, 6);
    } else if (k.aType === 'op') {
      expect(ev[k.a]).toBe(OBJECT_OPS[a].name);
    } else if (k.a) {
      expect(ev[k.a]).toBe(k.aType === 'bool' ? a !== 0 : a);
    }
    if (k.b) expect(ev[k.b]).toBeCloseTo(b, k.b === 'ms' ? 0 : 6);
    if (k.obj) expect(ev[k.obj]).toBe(obj);
    const expected = ['kind', 'task', 'time', k.a, k.b, k.text, k.obj, k.site && 'line', k.site && 'file',
      k.aType === 'reason' && WAIT_REASONS[a].detail].filter(Boolean);
    expect(Object.keys(ev).sort()).toEqual([...new Set(expected)].sort());
  });
  expect([...seenKinds].sort()).toEqual(EVENT_KINDS.map((k) => k.name).sort());
  expect([...seenReasons].sort()).toEqual(WAIT_REASONS.map((r) => r.name).sort());
});

test('native and wasm produce the same raw event stream (bar real-time blocked ms, and idles: when input arrives differs)', () => {
  const strip = (out) => out.split('\n').filter((l) => l.startsWith('event ') && !l.startsWith('event 8 '))
    .map((l) => (l.startsWith('event 7 ') ? 'blocked' : l));
  expect(strip(wasm.stdout)).toEqual(strip(native.stdout));
});

test('the Chrome trace (trace.c) names a slice for every wait reason from the same table', async () => {
  const { mkdtempSync, readFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const file = join(mkdtempSync(join(tmpdir(), 'vocab-')), 't.json');
  const r = await runNative(join(BUILD, 'native', 'programs', 'vocab'), { env: { ASYNC_CLOCK: 'virtual', ASYNC_TRACE: file }, input: ['hello'] });
  expect(r.status).toBe(0);
  const names = new Set(JSON.parse(readFileSync(file, 'utf8')).traceEvents.filter((e) => e.ph === 'X').map((e) => e.name));
  for (const w of WAIT_REASONS) expect(names).toContain(w.state === 'waiting' ? `waiting: ${w.name}` : w.state);
});
