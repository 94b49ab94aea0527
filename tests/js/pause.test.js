/**
 * Pausing a run on the real clock (wasm/host.js pause, unpause, paused): the
 * program goes no further than its next wait, and the clock it reads stands
 * still meanwhile, so the task that sleeps across a pause is not charged it,
 * on the loop's clock nor on clock_gettime's monotonic one. A run can start
 * paused, at t = 0. tests/programs/napper.c sleeps 0.4 s and says how long
 * that took; the pauses here are a second, so a charged pause cannot hide.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Program } from '../../wasm/host/host.js';
import { BUILD } from './helpers.js';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let module;
beforeAll(async () => { module = await WebAssembly.compile(readFileSync(join(BUILD, 'wasm', 'programs', 'napper.wasm'))); });

function start(opts = {}) {
  const events = [];
  let out = '';
  const program = new Program(module, { ...opts, onEvent: (ev) => { events.push(ev); if (ev.kind === 'output') out += ev.text; } });
  const done = program.run();
  return { program, events, done, out: () => out };
}
/* napper's report: [loop clock, monotonic] seconds */
const slept = (out) => /slept ([\d.]+) s \(loop clock\), ([\d.]+) s \(monotonic\)/.exec(out).slice(1).map(Number);

test('a pause while a task sleeps is not charged to it, on either clock', async () => {
  const r = start();
  while (!r.out().includes('napping')) await sleep(5);
  r.program.pause();
  await sleep(1000);
  expect(r.out()).not.toMatch(/slept/); /* held at the wait */
  r.program.unpause();
  expect((await r.done).status).toBe(0);
  const [loop, mono] = slept(r.out());
  expect(loop).toBeGreaterThanOrEqual(0.4);
  expect(loop).toBeLessThan(0.9);
  expect(mono).toBeLessThan(0.9);
  /* the events' times exclude it too: the run ends before 1 s */
  expect(r.events[r.events.length - 1].time).toBeLessThan(0.9);
});

test('a run can start paused at t = 0: nothing runs until it goes on', async () => {
  const r = start({ paused: true });
  await sleep(300);
  expect(r.events).toEqual([]);
  r.program.unpause();
  expect((await r.done).status).toBe(0);
  expect(r.events[0].kind).toBe('spawn');
  expect(r.events[0].time).toBeLessThan(0.1); /* the 0.3 s before it went on are not the run's */
  expect(slept(r.out())[0]).toBeLessThan(0.9);
});
