/**
 * runtime-limits.test.js - issue 19's runtime cases, natively and in wasm:
 * a line longer than the reader's buffer (and than ASYNC_LINE_MAX) is cut
 * to size-1 and the rest of it dropped, the same way in both; abort() ends
 * the run with a message naming the task.
 */
import { join } from 'node:path';
import { BUILD, runNative, runWasmFile } from './helpers.js';

const native = (name) => join(BUILD, 'native', 'programs', name);
const wasm = (name) => join(BUILD, 'wasm', 'programs', `${name}.wasm`);
const LINES = ['a'.repeat(10000), 'next', 'b'.repeat(5000), 'c'.repeat(4096), 'd'.repeat(200)];
const EXPECTED = 'small 99 aaa\nbig 4 nex 4\nsmall 99 bbb\nbig 4096 ccc 4096\nsmall 99 ddd\nend end of input\n';

test('long input lines are cut to size-1 (and ASYNC_LINE_MAX), the rest dropped: natively', async () => {
  const r = await runNative(native('longline'), { input: LINES });
  expect(r.stdout).toBe(EXPECTED);
  expect(r.status).toBe(0);
});

test('long input lines are cut to size-1 (and ASYNC_LINE_MAX), the rest dropped: in wasm', async () => {
  const r = await runWasmFile(wasm('longline'), { input: LINES });
  expect(r.stdout).toBe(EXPECTED);
  expect(r.status).toBe(0);
});

test('abort() names the task: natively', async () => {
  const r = await runNative(native('aborts'));
  expect(r.stdout).toBe('about to abort\n');
  expect(r.stderr).toContain("task 'quitter': aborted: abort() was called");
  expect(r.status).not.toBe(0);
});

test('abort() names the task: in wasm', async () => {
  const r = await runWasmFile(wasm('aborts'));
  expect(r.stdout).toBe('about to abort\n');
  expect(r.error).toContain("task 'quitter': aborted: abort() was called");
  expect(r.status).not.toBe(0);
});
