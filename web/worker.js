/**
 * worker.js - runs one program in a dedicated Web Worker, so that a busy or
 * runaway program never freezes the page (Stop terminates the worker).
 *
 * Messages in:  {type: 'run', module: WebAssembly.Module, env}
 *               {type: 'input', line} | {type: 'close-input'}
 * Messages out: {type: 'events', events: AsyncEvent[]} in batches; the last
 *               batch ends with the 'exit' event.
 */
import { Program } from '../wasm/host.js';

let program = null;
let batch = [];
let lastFlush = 0;
let flushQueued = false;

function flush() {
  flushQueued = false;
  if (!batch.length) return;
  postMessage({ type: 'events', events: batch });
  batch = [];
  lastFlush = performance.now();
}

/* Events a user must see at once: they also carry everything before them. */
const URGENT = new Set(['output', 'done', 'blocked', 'error', 'exit']);

/* Events arrive synchronously from inside the wasm call: batch them, but
 * post urgent ones at once, because a program that then computes without
 * yielding never gives a microtask or timer the chance to run. */
function onEvent(ev) {
  batch.push(ev);
  if (URGENT.has(ev.kind) || batch.length >= 512 || performance.now() - lastFlush > 16) flush();
  else if (!flushQueued) {
    flushQueued = true;
    queueMicrotask(flush);
  }
}

onmessage = async ({ data }) => {
  if (data.type === 'run' && !program) {
    program = new Program(data.module, { env: data.env || {}, onEvent });
    await program.run();
    flush();
  } else if (data.type === 'input' && program) {
    program.pushInput(data.line);
  } else if (data.type === 'close-input' && program) {
    program.closeInput();
  }
};
