/**
 * The event ring (wasm/asyncify/ring_wasm.c): the runtime writes its events
 * without text into the module's memory and the host drains them in bulk.
 * The packed delivery the page's worker uses (Program's onEvents, copied into
 * an EventBatch a column at a time) must give exactly the stream the object
 * delivery gives, in order, across full-ring drains in the middle of a slice,
 * and a trap that writes over the ring must still name the task.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Program } from '../../wasm/host/host.js';
import { EventBatch, EventLog, openBatch } from '../../web/run/event-log.js';
import { BUILD, wasmExample, exampleInput } from './helpers.js';

const program = (name) => join(BUILD, 'wasm', 'programs', `${name}.wasm`);
const modules = new Map();
const moduleOf = async (file) => {
  if (!modules.has(file)) modules.set(file, await WebAssembly.compile(readFileSync(file)));
  return modules.get(file);
};

/* A Program whose drain import is counted: the ring was full (or held a blocked event). */
function counted(p) {
  const imports = p.imports.bind(p);
  p.fullDrains = 0;
  p.imports = () => {
    const i = imports();
    const drain = i.async.drain;
    i.async.drain = () => { p.fullDrains++; drain(); };
    return i;
  };
  return p;
}

async function run(file, { packed, input = [], Class = Program }) {
  const events = [];
  const log = new EventLog();
  let batch = new EventBatch(4096);
  const full = () => { log.append(openBatch(batch.seal())); batch = new EventBatch(4096); };
  const opts = { env: { ASYNC_CLOCK: 'virtual' } };
  if (packed) {
    /* as web/run/worker.js does it */
    opts.onEvent = (ev) => { if (batch.push(ev)) full(); };
    opts.onEvents = (p) => {
      for (let from = 0; from < p.count;) {
        from += batch.append(p, from, p.count - from);
        if (batch.count >= batch.max) full();
      }
    };
  } else {
    opts.onEvent = (ev) => events.push(ev);
  }
  const p = counted(new Class(await moduleOf(file), opts));
  for (const line of input) p.pushInput(line);
  p.closeInput();
  const result = await p.run();
  if (packed) log.append(openBatch(batch.seal()));
  return { result, p, log: packed ? log : EventLog.of(events), events };
}

const CASES = [
  ['many (1,000 tasks: spawns, sleeps, output)', program('many'), []],
  ['producer_consumer (queues)', wasmExample('producer_consumer'), exampleInput('producer_consumer')],
  ['cancel', wasmExample('cancel'), exampleInput('cancel')],
  ['input', wasmExample('input'), exampleInput('input')],
];

test.each(CASES)('%s: the packed stream is the object stream, in order', async (_, file, input) => {
  const objects = await run(file, { packed: false, input });
  const packed = await run(file, { packed: true, input });
  expect(packed.result).toEqual(objects.result);
  const a = [...objects.log.events()], b = [...packed.log.events()];
  expect(b.length).toBe(a.length);
  expect(b).toEqual(a);
  expect(a.filter((e) => e.kind === 'run').length).toBeGreaterThan(3);
  expect(a[a.length - 1].kind).toBe('exit');
  /* the object stream still says which file a suspend is in */
  expect(objects.events.filter((e) => e.kind === 'suspend').every((e) => e.file.endsWith('.c'))).toBe(true);
});

test('a ring that fills in the middle of a slice is drained there, in order', async () => {
  /* many.c's main spawns 1,000 tasks; the loop's first turn then runs each to its sleep: far more than the ring holds */
  const objects = await run(program('many'), { packed: false });
  expect(objects.p.fullDrains).toBeGreaterThan(0);
  const evs = objects.events;
  for (let i = 1; i < evs.length; i++) expect(evs[i].time).toBeGreaterThanOrEqual(evs[i - 1].time);
  /* each task runs after it was spawned and suspends after it ran, in the stream's order */
  const state = new Map();
  for (const e of evs) {
    if (e.kind === 'spawn') state.set(e.task, 'spawned');
    else if (e.kind === 'run') { expect(['spawned', 'suspended']).toContain(state.get(e.task)); state.set(e.task, 'running'); }
    else if (e.kind === 'suspend') { expect(state.get(e.task)).toBe('running'); state.set(e.task, 'suspended'); }
  }
  expect(state.size).toBe(1001);
});

/* A trap that wrote over the ring's memory before the host could drain it. */
class Trampled extends Program {
  explainTrap(e) {
    const R = this.ringViews();
    const n = R.header[1];
    /* garbage in the last event written (the walker's RUN) and in a slot past the count */
    if (n > 0) { R.kind[n - 1] = 250; R.time[n - 1] = NaN; R.task[n - 1] = 123456; }
    R.seq[n] = 7;
    R.header[1] = n + 1;
    return super.explainTrap(e);
  }
}

test('a trap that tramples the ring still names the task, and nothing garbled is shown', async () => {
  const { result, log } = await run(program('overflow'), { packed: true, Class: Trampled });
  expect(result.status).toBe(1);
  expect(result.error).toMatch(/^task 'walker' overflowed its stack/);
  const evs = [...log.events()];
  const err = evs.find((e) => e.kind === 'error');
  expect(err.task).toBe(evs.find((e) => e.kind === 'spawn' && e.name === 'walker').task);
  const known = new Set(['spawn', 'run', 'suspend', 'wake', 'done', 'output', 'error', 'exit']);
  expect(evs.every((e) => known.has(e.kind) && Number.isFinite(e.time))).toBe(true);
  expect(evs.some((e) => e.task === 123456)).toBe(false);
  for (let i = 1; i < evs.length; i++) expect(evs[i].time).toBeGreaterThanOrEqual(evs[i - 1].time);
});

test('a real stack overflow names the task and line through the ring, objects or packed', async () => {
  for (const packed of [false, true]) {
    const { result } = await run(program('overflow'), { packed });
    expect(result.error).toBe("task 'walker' overflowed its stack (32768 bytes) in walk(), line 5: is there a deep recursion or a big local array?");
  }
});
