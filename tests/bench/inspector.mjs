/**
 * inspector.mjs - the inspector's scale (issue 15): the loop state rebuilt
 * at any event of a long run, from checkpoints (web/inspector/loop-state.js).
 * For a run of 1,000,000 events (two tasks ping-ponging: switch.wasm) and
 * one of 100,000 sleeping tasks (sleepers.wasm, the biggest state), kept
 * in the page's own log (web/event-log.js):
 *   - fold: ns per event, folding the stream as it arrives;
 *   - checkpoints: bytes per event they hold;
 *   - scrub: ms to rebuild the state at random events and read what the
 *     views show there (the panel's first 50 ready and timers, the editor's
 *     markers), the way a cursor moves: random jumps (scrub_ms), then one
 *     event back (step_back_ms): p50, p95, max.
 *   - log_bytes_per_event: the page's log (event-log.js) as allocated.
 * Prints one JSON line; node tests/bench/inspector.mjs [--json]
 */
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Program } from '../../wasm/host/host.js';
import { LoopHistory } from '../../web/inspector/loop-state.js';
import { markersFor } from '../../web/inspector/markers.js';
import { EventLog, EVENT_BYTES } from '../../web/event-log.js';

const BUILD = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'build');

async function events(name, args) {
  const out = [];
  const p = new Program(await WebAssembly.compile(readFileSync(join(BUILD, 'wasm', 'bench', `${name}.wasm`))),
    { args: args.map(String), env: { ASYNC_CLOCK: 'virtual' }, onEvent: (e) => { if (e.kind !== 'output') out.push(e); } });
  await p.run();
  return out;
}

/* what a move of the cursor reads (panel.js, markers.js) */
const view = (s) => { s.ready(50); s.timerList(50); markersFor(s); };
const pct = (a, p) => a.slice().sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(p * a.length))];

async function measure(name, args) {
  const evs = await events(name, args);
  let t0 = performance.now();
  const log = EventLog.of(evs, { max: Infinity });
  const logMs = performance.now() - t0;
  const history = new LoopHistory({ get length() { return log.length; }, at: (i) => log.get(i) });
  t0 = performance.now();
  history.update();
  const foldMs = performance.now() - t0;
  let seed = 1;
  const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const jumps = [], steps = [];
  for (let i = 0; i < 200; i++) {
    const k = rnd(evs.length + 1);
    let t = performance.now();
    view(history.stateAt(k));
    jumps.push(performance.now() - t);
    t = performance.now();
    view(history.stateAt(Math.max(0, k - 1))); /* step back */
    steps.push(performance.now() - t);
  }
  return {
    program: `${name} ${args.join(' ')}`, events: evs.length, tasks: history.head.maxTask,
    log_bytes_per_event: +(log.bytes / evs.length).toFixed(2), packed_event_bytes: EVENT_BYTES, log_ns_per_event: +(logMs * 1e6 / evs.length).toFixed(1),
    fold_ns_per_event: +(foldMs * 1e6 / evs.length).toFixed(1),
    checkpoints: history.checkpoints.length,
    checkpoint_bytes_per_event: +(history.bytes() / evs.length).toFixed(2),
    scrub_ms: { p50: +pct(jumps, 0.5).toFixed(2), p95: +pct(jumps, 0.95).toFixed(2), max: +Math.max(...jumps).toFixed(2) },
    step_back_ms: { p50: +pct(steps, 0.5).toFixed(2), p95: +pct(steps, 0.95).toFixed(2), max: +Math.max(...steps).toFixed(2) },
  };
}

const results = [await measure('switch', [500000, 0]), await measure('sleepers', [100000])];
console.log(JSON.stringify(results, null, process.argv.includes('--json') ? 0 : 1));
