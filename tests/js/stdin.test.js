/**
 * Standard C input: scanf, getchar, fgets and read(0) read stdin natively and
 * the host's input lines in wasm, with the same results; in wasm a read with
 * no line yet blocks the whole loop (a SUSPEND for input that blocks) until
 * the line comes, while time stands still on the virtual clock.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { BUILD, runNative, runWasmFile } from './helpers.js';
import { Program } from '../../wasm/host/host.js';

const prog = (name) => join(BUILD, 'native', 'programs', name);
const wasm = (name) => join(BUILD, 'wasm', 'programs', `${name}.wasm`);
const INPUT = ['Ada Lovelace', 'second line', 'xy'];
const EXPECTED = 'tick 0\nYour name? Hello, Ada!\nfgets: second line\n3 more bytes, then end of input (feof: 1)\ntick 1\ntick 2\n';

test('natively, scanf, getchar and fgets read stdin', async () => {
  const r = await runNative(prog('stdin'), { env: { ASYNC_CLOCK: 'virtual' }, input: INPUT });
  expect(r.stdout).toBe(EXPECTED);
  expect(r.status).toBe(0);
});

test('natively, scanf at the end of input at once', async () => {
  const r = await runNative(prog('stdin'), { env: { ASYNC_CLOCK: 'virtual' }, input: [] });
  expect(r.stdout).toBe('tick 0\nYour name? no name\ntick 1\ntick 2\n');
});

test('in wasm, the same program reads the host\'s lines the same way', async () => {
  const r = await runWasmFile(wasm('stdin'), { env: { ASYNC_CLOCK: 'virtual' }, input: INPUT });
  expect(r.stdout).toBe(EXPECTED);
  expect(r.status).toBe(0);
});

test('read(0, ...) gives the same bytes natively and in wasm', async () => {
  const expected = 'read 4: "abc\n"\nread 4: "defg"\nread 2: "h\n"\nread returned 0 at the end of input\n';
  expect((await runNative(prog('readfd'), { input: ['abc', 'defgh'] })).stdout).toBe(expected);
  expect((await runWasmFile(wasm('readfd'), { input: ['abc', 'defgh'] })).stdout).toBe(expected);
});

test('in wasm, scanf with nothing typed blocks the loop until the line comes: the ticker waits too', async () => {
  const module = await WebAssembly.compile(readFileSync(wasm('stdin')));
  const events = [];
  const program = new Program(module, { env: { ASYNC_CLOCK: 'virtual' }, onEvent: (e) => events.push(e) });
  const done = program.run();
  await new Promise((r) => setTimeout(r, 300)); // nobody types for a while
  const blocked = events.filter((e) => e.kind === 'suspend' && e.reason === 'input');
  expect(blocked).toHaveLength(1);
  expect(blocked[0]).toMatchObject({ task: 1, blocks: 1 });
  // the ticker's 0.1 s timer is due, but nothing runs while main is blocked on input
  expect(events.filter((e) => e.kind === 'output').map((e) => e.text).join('')).toBe('tick 0\nYour name? ');
  program.pushInput('Grace Hopper');
  program.pushInput('and more');
  program.closeInput();
  expect((await done).status).toBe(0);
  const text = events.filter((e) => e.kind === 'output').map((e) => e.text).join('');
  expect(text).toBe('tick 0\nYour name? Hello, Grace!\nfgets: and more\n0 more bytes, then end of input (feof: 1)\ntick 1\ntick 2\n');
  // virtual time stood still while the loop waited for the line
  const wake = events.find((e) => e.kind === 'wake' && e.task === 1 && e.time === blocked[0].time);
  expect(wake).toBeDefined();
});

test('in wasm, an observer that reads stdin finds the end of input at once, even while input is open', async () => {
  /* test_errors' observer calls getchar(): with input still open, a read
   * that waited would unwind through the emit calls Asyncify leaves alone */
  const module = await WebAssembly.compile(readFileSync(join(BUILD, 'wasm', 'tests', 'test_errors.wasm')));
  let out = '';
  const program = new Program(module, { onEvent: (e) => { if (e.kind === 'output' && e.stream === 1) out += e.text; } });
  const done = program.run();
  const r = await Promise.race([done, new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5000))]);
  program.closeInput();
  await done;
  expect(r).toMatchObject({ status: 0 });
  expect(out).toContain('ok   an_observer_cannot_wait');
});
