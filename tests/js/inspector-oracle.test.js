/**
 * The inspector's oracle: the loop state the page rebuilds from the event
 * stream (web/inspector/loop-state.js, fed by wasm/host/host.js from the wasm
 * build) equals the runtime's own state (wasm/native/inspect.c, ASYNC_INSPECT, from
 * the native build) after every event: the ready queue in order, the timers
 * in firing order, each task's state, line, reason and what it waits on,
 * queues with their size, getters and putters, events with their waiters,
 * input readers, the turn and the phase of the loop. For every example and
 * the scheduler model's random programs (tests/c/model.h, 200 seeds), with
 * the virtual clock. Checkpointed rebuilds (LoopHistory) must agree too.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Program } from '../../wasm/host/host.js';
import { LoopState, LoopHistory } from '../../web/inspector/loop-state.js';
import { EventLog } from '../../web/run/event-log.js';
import { BUILD, EXAMPLES, ROOT, exampleInput } from './helpers.js';

/* Neither carries state, and their number depends on the backend (how
 * writes are split) or on real time (a slow machine). */
const STATELESS = new Set(['output', 'blocked', 'exit', 'error']);

/* The dump comes through descriptor 3; each line is {"i":N,"ev":{...},STATE}: the
 * event is parsed, the state kept as text (compared as text, parsed on a mismatch). */
function nativeDump(file, { args = [], stdin = null } = {}) {
  /* stdin from a file: a pipe may deliver a line a turn later than wasm's host does */
  const fd = stdin ? openSync(stdin, 'r') : 'ignore';
  const r = spawnSync(file, args, {
    env: { ...process.env, ASYNC_CLOCK: 'virtual', ASYNC_INSPECT: 'fd:3' },
    stdio: [fd, 'pipe', 'pipe', 'pipe'], maxBuffer: 1 << 30, encoding: 'utf8',
  });
  if (stdin) closeSync(fd);
  const lines = [];
  for (const line of r.output[3].split('\n')) {
    if (!line) continue;
    const at = line.indexOf(',"turn"');
    const ev = JSON.parse(line.slice(line.indexOf('"ev":') + 5, at));
    if (!STATELESS.has(ev.kind)) lines.push({ ev, state: line.slice(at + 1, -1) });
  }
  return { status: r.status, lines };
}

/* C's %.17g, as inspect.c prints deadlines. */
function g17(x) {
  if (Number.isInteger(x) && Math.abs(x) < 1e17) return String(x);
  const [m, e] = x.toExponential(16).split('e');
  const exp = Number(e);
  if (exp < -4 || exp >= 17) return `${m.replace(/\.?0+$/, '')}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return x.toPrecision(17).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}

/* A snapshot as inspect.c prints it. */
function dumpText(s) {
  const list = (a) => `[${a.join(',')}]`;
  return `"turn":${s.turn},"phase":"${s.phase}","ready":${list(s.ready)},` +
    `"timers":[${s.timers.map(([t, d]) => `[${t},${g17(d)}]`).join(',')}],` +
    `"tasks":[${s.tasks.map(([id, st, line, spawn, reason, on, c]) => `[${id},"${st}",${line},${spawn},${reason === null ? 'null' : `"${reason}"`},${on},${c}]`).join(',')}],` +
    `"queues":[${s.queues.map(([id, size, cap, g, p]) => `[${id},${size},${cap},${list(g)},${list(p)}]`).join(',')}],` +
    `"events":[${s.events.map(([id, set, w]) => `[${id},${set},${list(w)}]`).join(',')}],"input":${list(s.input)}`;
}

const modules = new Map();
async function wasmEvents(file, { args = [], input = [] } = {}) {
  if (!modules.has(file)) modules.set(file, await WebAssembly.compile(readFileSync(file)));
  const events = [];
  const program = new Program(modules.get(file), { args, env: { ASYNC_CLOCK: 'virtual' }, onEvent: (ev) => events.push(ev) });
  for (const line of input) program.pushInput(line);
  program.closeInput();
  const r = await program.run();
  return { status: r.status, events: events.filter((e) => !STATELESS.has(e.kind)) };
}


/** Fold the wasm events and compare with the native dump at every event; returns the events compared. */
function compare(name, native, wasm) {
  expect({ name, status: wasm.status }).toEqual({ name, status: native.status });
  const n = native.lines.length;
  expect({ name, events: wasm.events.length }).toEqual({ name, events: n });
  const state = new LoopState();
  const snapshots = [];
  for (let i = 0; i < n; i++) {
    const ev = wasm.events[i], want = native.lines[i];
    if (!ev) break;
    if (ev.kind !== want.ev.kind || ev.task !== want.ev.task || ev.time !== want.ev.time) {
      expect({ name, i, kind: ev.kind, task: ev.task, time: ev.time })
        .toEqual({ name, i, kind: want.ev.kind, task: want.ev.task, time: want.ev.time });
    }
    state.apply(ev);
    const snap = state.snapshot();
    snapshots.push(snap);
    if (dumpText(snap) !== want.state) {
      expect({ name, i, event: ev, state: snap }).toEqual({ name, i, event: ev, state: JSON.parse(`{${want.state}}`) });
    }
  }
  /* Rebuilt from checkpoints over the page's packed log, in a scrubbing order (back and forth), the same states. */
  const log = EventLog.of(wasm.events);
  const history = new LoopHistory(log.source(), { interval: 16, maxInterval: 16 });
  history.update();
  const order = [n, 0, Math.floor(n / 2), 1, n - 1, Math.floor(n / 3), Math.floor(n / 3) + 1, 17, 16, 15];
  for (const k of order) {
    if (k < 1 || k > n) continue;
    expect({ name, k, state: history.stateAt(k).snapshot() }).toEqual({ name, k, state: snapshots[k - 1] });
  }
  return snapshots;
}

test.each(EXAMPLES)('examples/%s.c: the page\'s loop state equals the runtime\'s after every event', async (name) => {
  const input = exampleInput(name);
  const inFile = join(ROOT, 'examples', `${name}.in`);
  const stdin = existsSync(inFile) ? inFile : null;
  const native = nativeDump(join(BUILD, 'native', 'examples', name), { stdin });
  const wasm = await wasmEvents(join(BUILD, 'wasm', 'examples', `${name}.wasm`), { input });
  expect(compare(name, native, wasm).length).toBeGreaterThan(2);
});

test('200 random model programs: the page\'s loop state equals the runtime\'s after every event', async () => {
  let events = 0, queueWaits = 0, joins = 0, timers = 0;
  for (let seed = 1; seed <= 200; seed++) {
    const args = [String(seed)];
    const native = nativeDump(join(BUILD, 'native', 'tests', 'inspect_model'), { args });
    const wasm = await wasmEvents(join(BUILD, 'wasm', 'tests', 'inspect_model.wasm'), { args });
    const snapshots = compare(`model seed ${seed}`, native, wasm);
    events += snapshots.length;
    for (const s of snapshots) {
      queueWaits += s.queues.reduce((n, q) => n + q[3].length + q[4].length, 0) + s.events.reduce((n, e) => n + e[2].length, 0);
      joins += s.tasks.filter((t) => t[5] > 0 && /await|gather|wait_for/.test(t[4])).length;
      timers += s.timers.length;
    }
  }
  /* The programs exercise what is compared. */
  expect(events).toBeGreaterThan(50000);
  expect(queueWaits).toBeGreaterThan(1000);
  expect(joins).toBeGreaterThan(1000);
  expect(timers).toBeGreaterThan(1000);
}, 600000);
