/**
 * Every example, native and wasm, prints exactly its .out under the virtual
 * clock; under the real clock the seed's timings hold (within 5 %).
 */
import { EXAMPLES, exampleInput, expectedOutput, runNative, runWasmFile, nativeExample, wasmExample,
  reportedSeconds } from './helpers.js';

const virtual = { ASYNC_CLOCK: 'virtual' };

describe.each(EXAMPLES)('%s', (name) => {
  test('native output equals its .out (virtual clock)', async () => {
    const r = await runNative(nativeExample(name), { env: virtual, input: exampleInput(name) });
    expect(r.stdout).toBe(expectedOutput(name));
    expect(r.status).toBe(0);
  });

  test('wasm output equals its .out (virtual clock)', async () => {
    const r = await runWasmFile(wasmExample(name), { env: virtual, input: exampleInput(name) });
    expect(r.stdout).toBe(expectedOutput(name));
    expect(r.status).toBe(0);
  });
});

describe('the seed timings under the real clock', () => {
  const cases = [['count_async', 1.0], ['count_sync', 3.0]];
  test.each(cases)('%s reports %s s natively and in wasm', async (name, seconds) => {
    const [native, wasm] = await Promise.all([
      runNative(nativeExample(name)),
      runWasmFile(wasmExample(name)),
    ]);
    for (const r of [native, wasm]) {
      expect(r.status).toBe(0);
      expect(Math.abs(reportedSeconds(r.stdout) - seconds)).toBeLessThanOrEqual(seconds * 0.05);
    }
  });

  test('count_sync is reported as blocking the loop, count_async is not', async () => {
    const blocked = async (name) => (await runWasmFile(wasmExample(name), { env: virtual }))
      .events.filter((e) => e.kind === 'blocked');
    const sync = await blocked('count_sync');
    expect(sync.length).toBe(1);
    expect(sync[0].ms).toBeGreaterThanOrEqual(2900);
    expect(await blocked('count_async')).toEqual([]);
  });
});

describe('output is attributed to the task that printed it', () => {
  test('event_loop: task_a and task_b lines carry their task ids', async () => {
    const r = await runWasmFile(wasmExample('event_loop'), { env: virtual });
    const names = new Map(r.events.filter((e) => e.kind === 'spawn').map((e) => [e.task, e.name]));
    const lines = r.events.filter((e) => e.kind === 'output')
      .map((e) => `${names.get(e.task)}@${e.time.toFixed(1)}: ${e.text.trim()}`);
    expect(lines).toEqual([
      'task_a@0.0: A: start', 'task_b@0.0: B: start', 'task_b@0.3: B: done', 'task_a@0.5: A: done',
    ]);
  });

  test('native and wasm report the same output events (task, text, time) for background', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const file = join(mkdtempSync(join(tmpdir(), 'out-')), 't.json');
    await runNative(nativeExample('background'), { env: { ...virtual, ASYNC_TRACE: file } });
    const trace = JSON.parse(readFileSync(file, 'utf8')).traceEvents;
    const tracks = new Map(trace.filter((e) => e.name === 'thread_name').map((e) => [e.tid, e.args.name]));
    const native = trace.filter((e) => e.name === 'output').map((e) => `${tracks.get(e.tid)}@${(e.ts / 1e6).toFixed(1)}: ${e.args.text}`);
    const r = await runWasmFile(wasmExample('background'), { env: virtual });
    const names = new Map(r.events.filter((e) => e.kind === 'spawn').map((e) => [e.task, e.name]));
    const wasm = r.events.filter((e) => e.kind === 'output').map((e) => `${names.get(e.task)}@${e.time.toFixed(1)}: ${e.text}`);
    expect(wasm).toEqual(native);
    expect(wasm.slice(0, 4)).toEqual([
      'main@0.0: Main: 0\n', 'background_counter@0.0: Background: 0\n', 'main@0.5: Main: 1\n', 'background_counter@1.0: Background: 1\n',
    ]);
  });
});

test('input: the ticker keeps ticking while main waits for a line (real clock)', async () => {
  // Natively, with the line arriving 1.2 s after start.
  const { spawn } = await import('node:child_process');
  const child = spawn(nativeExample('input'), [], { env: { ...process.env, ASYNC_CLOCK: '' } });
  let out = '';
  child.stdout.on('data', (d) => { out += d; });
  setTimeout(() => child.stdin.end('Ada\n'), 1200);
  const status = await new Promise((res) => child.on('close', res));
  expect(status).toBe(0);
  const before = out.slice(0, out.indexOf('Hello, Ada!'));
  expect(before.match(/tick \d/g).length).toBeGreaterThanOrEqual(3); /* ticks at 0, 0.5, 1.0 */
});
