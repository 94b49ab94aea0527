/**
 * The in-browser toolchain (wasm/toolchain/wasicc.js: @yowasp/clang and binaryen.js),
 * run under Node: every example and every runtime test program compiled
 * with it behaves exactly as its Emscripten build does (same output events:
 * task, text and virtual time), and faults get the same messages.
 */
import { jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileProgram } from '../../wasm/toolchain/wasicc.js';
import { parseDiagnostics } from '../../web/compile/diagnostics.js';
import { nodeToolchain, nodeRuntime } from '../../wasm/toolchain/wasicc.mjs';
import { runWasm } from '../../wasm/host/host.js';
import { BUILD, ROOT, EXAMPLES, exampleInput, expectedOutput } from './helpers.js';

jest.setTimeout(120000);

let tools;
let runtime;
beforeAll(async () => {
  tools = await nodeToolchain();
  runtime = nodeRuntime();
});

const UNIT_HEADERS = () => Object.fromEntries(['check.h', 'model.h'].map((h) => [h, readFileSync(join(ROOT, 'tests', 'c', h))]));

async function compile(file, opts) {
  const r = await compileProgram(tools, runtime, readFileSync(file, 'utf8'), opts);
  if (!r.ok) throw new Error(`${file} does not compile:\n${r.stderr}`);
  return r.wasm;
}

/* What a user sees of a run: each output event's task, stream, text and time. */
async function outputs(bytes, input) {
  const r = await runWasm(bytes, { env: { ASYNC_CLOCK: 'virtual' }, input });
  return {
    status: r.status,
    error: r.error,
    events: r.events.filter((e) => e.kind === 'output').map(({ task, stream, text, time }) => ({ task, stream, text, time })),
  };
}

const emscripten = (path) => readFileSync(join(BUILD, 'wasm', path));

test.each(EXAMPLES)('example %s: same output events as the Emscripten build', async (name) => {
  const input = exampleInput(name);
  const mine = await outputs(await compile(join(ROOT, 'examples', `${name}.c`), { name: `${name}.c` }), input);
  const theirs = await outputs(emscripten(`examples/${name}.wasm`), input);
  expect(mine).toEqual(theirs);
  expect(mine.events.map((e) => e.text).join('')).toBe(expectedOutput(name));
});

const SUITES = ['test_schedule', 'test_clock', 'test_run', 'test_events', 'test_scale', 'test_cancel', 'test_wait', 'test_queue_event', 'test_errors', 'test_model'];
test.each(SUITES)('unit tests %s: pass, with the same report as the Emscripten build', async (suite) => {
  const mine = await outputs(await compile(join(ROOT, 'tests', 'c', `${suite}.c`), { headers: UNIT_HEADERS() }));
  const theirs = await outputs(emscripten(`tests/${suite}.wasm`));
  expect(mine.status).toBe(0);
  expect(mine.events.map((e) => e.text).join('')).toMatch(/\n\d+ passed, 0 failed\n$/);
  expect(mine.events.map((e) => e.text)).toEqual(theirs.events.map((e) => e.text));
});

/* Both built with line tables: the same function and line, though binaryen.js could not carry them (source-lines.js moves them). */
test.each(['overflow', 'divide', 'exit', 'hog', 'null', 'wild', 'bigarray', 'overrun'])('fault program %s: same message and status, place included', async (name) => {
  const mine = await outputs(await compile(join(ROOT, 'tests', 'programs', `${name}.c`), { name: `${name}.c` }));
  const theirs = await outputs(emscripten(`programs/${name}.wasm`));
  expect(mine.status).toBe(theirs.status);
  expect(mine.error).toBe(theirs.error);
});

test('a division by zero names its function and line, also without the file name main.c', async () => {
  const mine = await outputs(await compile(join(ROOT, 'tests', 'programs', 'divide.c')));
  expect(mine.error).toBe("task 'divider': division by zero in divider(), line 11 (divide by zero)");
  /* without line tables: the task only */
  const plain = await outputs(await compile(join(ROOT, 'tests', 'programs', 'divide.c'), { lines: false }));
  expect(plain.error).toBe("task 'divider': division by zero (divide by zero)");
});

/* Emscripten's abort() exits, wasi-libc's traps (then the host explains the trap): the libc message and status agree. */
test('a failed assert: the same assertion message and status', async () => {
  const file = join(ROOT, 'tests', 'programs', 'assert.c');
  const mine = await outputs(await compile(file, { name: 'assert.c' }));
  const theirs = await outputs(emscripten('programs/assert.wasm'));
  const stderr = (r) => r.events.filter((e) => e.stream === 2).map((e) => e.text.replace(/\(\S*assert\.c/, '(assert.c')).join('');
  expect(stderr(mine)).toBe(stderr(theirs));
  expect(stderr(mine)).toMatch(/^Assertion failed: balance >= 0 \(assert\.c: checker: 10\)/);
  expect(mine.error).toMatch(/ in checker\(\), line 10 \(unreachable\)$/);
  expect(mine.status).toBe(theirs.status);
});

test('compile errors become the same diagnostics: line, column and message', async () => {
  const source = '#include "async.h"\nint main(void) {\n  async_sleep(1)\n  return 0;\n}\n';
  const r = await compileProgram(tools, runtime, source);
  expect(r.ok).toBe(false);
  const { diagnostics } = parseDiagnostics(r.stderr, source);
  expect(diagnostics[0]).toMatchObject({ line: 3, column: 17, severity: 'error', message: "expected ';' after expression" });
});

test('an undefined function is a link error placed on the line that calls it', async () => {
  const source = '#include "async.h"\nvoid nowhere(void);\nint main(void) {\n  nowhere();\n  return 0;\n}\n';
  const r = await compileProgram(tools, runtime, source);
  expect(r.ok).toBe(false);
  const { diagnostics } = parseDiagnostics(r.stderr, source);
  expect(diagnostics).toContainEqual(expect.objectContaining({ line: 4, severity: 'error', message: 'undefined symbol: nowhere' }));
});

/* Standard C input (stdin_wasm.c) relies on musl's FILE layout, which wasi-libc shares with Emscripten's libc. */
test.each([['stdin', ['Ada Lovelace', 'second line', 'xy']], ['readfd', ['abc', 'defgh']]])('stdin program %s: same output events', async (name, input) => {
  const mine = await outputs(await compile(join(ROOT, 'tests', 'programs', `${name}.c`)), input);
  const theirs = await outputs(emscripten(`programs/${name}.wasm`), input);
  expect(mine).toEqual(theirs);
  expect(mine.status).toBe(0);
});
