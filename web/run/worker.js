/**
 * worker.js - runs one program in a dedicated Web Worker, so that a busy or
 * runaway program never freezes the page (Stop terminates the worker).
 * Its side of the run contract in run.js:
 *
 * Messages in:  {type: 'run', module: WebAssembly.Module, env, paused}  (paused: start at t = 0, paused)
 *               {type: 'verb', verb, args}  a Program method (pushInput...)
 *               {type: 'ack'}               the page has taken one batch
 * Messages out: {type: 'events', batch}     an EventBatch (event-log.js),
 *               its buffer transferred; the last one ends with 'exit'.
 *
 * The runtime's events without text come packed (Program's onEvents) and are
 * copied into the batch a column at a time; spawns, output and the host's
 * own events come one by one (onEvent), in the same order.
 *
 * Backpressure: with AHEAD batches unacknowledged, the program is not
 * resumed from its next wait until the page catches up, so the runtime
 * runs only as fast as the page can take its events.
 */
import { Program } from '../../wasm/host/host.js';
import { EventBatch, kindCode } from './event-log.js';

const AHEAD = 4;
/* Events a user must see at once (a program may then compute for ever without a wait): */
const URGENT = new Set(['output', 'blocked', 'error', 'exit']);
const URGENT_CODES = [...URGENT].map(kindCode);

let program = null;
const BATCH = [256, 8192]; /* events: a batch starts small and grows to at most 8,192 (237 KB) */
let batch = new EventBatch(...BATCH);
let inflight = 0;
let held = null; /* the program's resume, while the page is behind */
let flushQueued = false;
let lastFlush = 0;

function flush() {
  flushQueued = false;
  if (!batch.count) return;
  const msg = batch.seal();
  postMessage({ type: 'events', batch: msg }, [msg.buf]);
  batch = new EventBatch(...BATCH);
  inflight++;
  lastFlush = performance.now();
}

/* Events arrive synchronously from inside the wasm call: batch them and
 * post when the program returns to the worker's event loop (a microtask),
 * when a batch is full, or at once for urgent ones unless the page is
 * behind and a batch went out a moment ago. */
function onEvent(ev) {
  if (batch.push(ev)) return flush();
  flushSoon(URGENT.has(ev.kind), ev.kind === 'exit');
}

/* A packed delivery: as many batches as it fills. */
function onEvents(p) {
  for (let from = 0; from < p.count;) {
    from += batch.append(p, from, p.count - from);
    if (batch.count >= batch.max) flush();
  }
  const kinds = p.kind.subarray(0, p.count);
  flushSoon(URGENT_CODES.some((c) => kinds.includes(c)), false);
}

/* After events went into the batch: post it now (urgent), or once the program returns. */
function flushSoon(urgent, exit) {
  if (urgent && (exit || inflight < AHEAD || performance.now() - lastFlush > 50)) return flush();
  if (!flushQueued) {
    flushQueued = true;
    queueMicrotask(flush);
  }
}

/** The host asks before it resumes the program from a wait. */
function pace(resume) {
  if (inflight < AHEAD) return true;
  held = resume;
  return false;
}

onmessage = async ({ data }) => {
  if (data.type === 'ack') {
    inflight--;
    if (held && inflight < AHEAD) {
      const resume = held;
      held = null;
      resume();
    }
  } else if (data.type === 'run' && !program) {
    program = new Program(data.module, { env: data.env || {}, onEvent, onEvents, pace, paused: !!data.paused });
    await program.run();
    flush();
  } else if (data.type === 'verb' && program && Program.VERBS.includes(data.verb)) {
    program[data.verb](...data.args);
  }
};
