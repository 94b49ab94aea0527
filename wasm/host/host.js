/**
 * host.js - the JavaScript side of the runtime: runs a program compiled
 * against async.h to WebAssembly, provides its WASI and "async" imports
 * (see host_wasm.c), feeds it input and delivers its event stream.
 *
 * One module for Node (wasm/host/run.mjs, the tests) and the page's Web Worker.
 * When the loop waits, the whole module is unwound with Asyncify and the
 * host's event loop runs: timers with setTimeout, zero-delay turns with
 * setImmediate (Node) or a MessageChannel (browsers, where setTimeout(0)
 * is clamped to 4 ms).
 *
 * The event stream crosses in two ways: events with text (spawn, output)
 * one import call each, and all others in bulk from the runtime's ring in
 * the module's memory (wasm/asyncify/ring_wasm.c), drained before each text
 * event, at each wait, when the ring is full, at the end and after a trap
 * (checked then: a trap may have written over it). Consumers get objects
 * (onEvent), or the ring's columns as they are (onEvents, the page's worker).
 */

import { EVENT_KINDS, WAIT_REASONS, OBJECT_OPS, ERRORS } from '../../build/gen/vocab.js';
import { explainFault } from './faults.js';
import { readSourceLines, sourceSite } from './source-lines.js';

/* The vocabulary, generated from async.h's tables (wasm/toolchain/vocab_js.c):
 * EVENT_KINDS[kind] = {name, a, aType, b, text, site, obj}, WAIT_REASONS[reason] =
 * {name, state, detail}, OBJECT_OPS[op] = {name, value}, ERRORS = [{name, code, message}]. */
export { EVENT_KINDS, WAIT_REASONS, OBJECT_OPS, ERRORS };
/** A wake's `by` when no task woke it: ASYNC_BY_TIMER, ASYNC_BY_INPUT (0 is the loop). */
export const BY_TIMER = -1;
export const BY_INPUT = -2;

/**
 * One event of the stream. Times are seconds on the run's clock.
 * @typedef {object} AsyncEvent
 * The fields each kind carries are EVENT_KINDS' (async.h's ASYNC_EV_MAP):
 * @property {string} kind     an EVENT_KINDS name, or 'exit' (status) and 'error' (message) from the host
 * @property {number} task     task id (1 = main, 0 = the loop)
 * @property {number} time     seconds since the run began
 * @property {number} [parent] spawn: the spawner's id
 * @property {string} [name]   spawn: the task's name
 * @property {string} [reason] suspend: a WAIT_REASONS name
 * @property {number} [until]  suspend (sleep, wait_for) and idle: the deadline in seconds, -1 for none
 * @property {number} [target] suspend (await, gather): the id of the task waited for
 * @property {number} [line]   spawn, suspend: the source line of the call (0: unknown)
 * @property {string} [file]   spawn, suspend: its file ('' if unknown)
 * @property {number} [on]     suspend: what it waits on (await, gather, wait_for: a task id; a queue, event or other object: its id; else 0)
 * @property {number} [by]     cancel: the canceller's id (0: the loop); wake: who woke it (a task id, 0 the loop, BY_TIMER, BY_INPUT)
 * @property {string} [op]     object: an OBJECT_OPS name
 * @property {number} [obj]    object: the queue's or event's id
 * @property {number} [value]  object: queue_new the capacity, queue_put/queue_get the size after
 * @property {number} [code]   wake: the code the wait returns (0 or a negative ASYNC_E*)
 * @property {boolean} [cancelled] done: the task had been cancelled
 * @property {number} [stream] output: 1 stdout, 2 stderr
 * @property {string} [text]   output: the text written
 * @property {number} [ms]     blocked: real milliseconds without suspending
 * @property {boolean} [input] idle: waiting for input
 * @property {number} [status] exit: the exit status
 * @property {string} [message] error: what went wrong
 */

/* RUN and SUSPEND come with every switch, so they are built by object
 * literals, which V8 builds far faster than decodeEvent's field-by-field
 * path (make bench, the switch). Each fast path holds only while the table
 * still says exactly what that kind carries; otherwise the generic path runs. */
const kindIndex = (name) => EVENT_KINDS.findIndex((k) => k.name === name);
const carries = (i, fields) => i >= 0 && Object.entries(fields).every(([f, v]) => EVENT_KINDS[i][f] === v);
const EV_RUN = carries(kindIndex('run'), { a: '', b: '', text: '', site: '', obj: '' }) ? kindIndex('run') : -1;
const EV_SUSPEND = carries(kindIndex('suspend'), { a: 'reason', aType: 'reason', b: '', text: '', site: 'line', obj: 'on' })
  ? kindIndex('suspend') : -1;

const HOST_IMPORTS = new Set(['now', 'tick', 'wait', 'block', 'read_line', 'event', 'drain', 'fatal']);

/* The event ring (wasm/asyncify/ring_wasm.c, whose comment is its layout). */
const RING_MAGIC = 0x676e6952;
const RING_HEADER = 16;
/* Kinds that never come through the ring (they carry text). */
const TEXT_KIND = EVENT_KINDS.map((k) => !!k.text);
const KIND_RUN = kindIndex('run'), KIND_SUSPEND = kindIndex('suspend'), KIND_DONE = kindIndex('done');

/**
 * Events without text, as the runtime packed them (ring_wasm.c): columns in
 * web/run/event-log.js's EventBatch codes, so a consumer copies each with
 * one TypedArray.set. Events [0, count) are this delivery's; the arrays are
 * views into the program's memory, valid only during the call (copy what
 * you keep).
 * @typedef {object} PackedEvents
 * @property {number} count
 * @property {Float64Array} time  seconds
 * @property {Float64Array} b     the kind's b (NaN: none)
 * @property {Int32Array} task
 * @property {Int32Array} a       a number, or the index of a reason, op or bool
 * @property {Int32Array} s       the kind's obj (a suspend's on, a wake's by), else -1
 * @property {Uint16Array} line   a suspend's source line (0: none)
 * @property {Uint8Array} kind    the index in EVENT_KINDS
 */

/**
 * Imports of a compiled program that no host provides: the program used a
 * function that exists nowhere (a typo, a missing library).
 * @param {WebAssembly.Module} module
 * @returns {string[]} the missing names, empty when the program can run
 */
export function undefinedSymbols(module) {
  return WebAssembly.Module.imports(module)
    .filter(({ module: m, name, kind }) => kind === 'function' && !(
      (m === 'async' && HOST_IMPORTS.has(name)) ||
      m === 'wasi_snapshot_preview1' ||
      (m === 'env' && name === 'emscripten_notify_memory_growth')))
    .map(({ name }) => name);
}

class ExitStatus {
  constructor(code) { this.code = code; }
}

const UTF8 = new TextDecoder();
const WASI_ENOSYS = 52;
const WASI_EBADF = 8;

/** Zero-delay macrotask: not setTimeout(0), which browsers clamp to 4 ms. */
function makeMacrotask() {
  if (typeof setImmediate === 'function') return (fn) => setImmediate(fn);
  const channel = new MessageChannel();
  const queue = [];
  channel.port1.onmessage = () => queue.shift()();
  return (fn) => { queue.push(fn); channel.port2.postMessage(0); };
}

/** Block the thread for real: Atomics.wait where allowed, else a busy wait. */
function blockFor(ms) {
  if (!(ms > 0)) return;
  if (typeof SharedArrayBuffer === 'function') {
    try {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
      return;
    } catch { /* the main thread of a page may not wait */ }
  }
  const end = performance.now() + ms;
  while (performance.now() < end) { /* the program asked to block */ }
}

/**
 * A running (or finished) program.
 */
export class Program {
  /** The methods a page may call on a running program from afar (web/run/worker.js): its verbs. */
  static VERBS = ['pushInput', 'closeInput', 'stop', 'pause', 'unpause'];

  /**
   * @param {WebAssembly.Module} module   a compiled program
   * @param {object} [opts]
   * @param {string[]} [opts.args]        argv after the program name
   * @param {Object<string,string>} [opts.env]  e.g. {ASYNC_CLOCK: 'virtual'}
   * @param {(ev: AsyncEvent) => void} [opts.onEvent]  every event, in order
   * @param {(events: PackedEvents) => void} [opts.onEvents]  if given, the runtime's
   *   events without text (run, suspend, wake, ...: all but spawn and output) come
   *   here packed, in bulk, and no longer to onEvent; the two calls interleave in
   *   the stream's one order. A suspend's file is not delivered this way.
   * @param {(resume: () => void) => boolean} [opts.pace]  asked before the program
   *   resumes from a wait: false holds it, and the consumer calls resume() once it
   *   has caught up with the events (backpressure); true goes on at once
   * @param {boolean} [opts.paused]  start paused: nothing runs, not even main, until unpause()
   */
  constructor(module, { args = [], env = {}, onEvent = () => {}, onEvents = null, pace = () => true, paused = false } = {}) {
    this.module = module;
    /* Pause: the program goes on no further than its next wait, and the real
     * clock it reads (the loop's and clock_gettime's monotonic one) stands
     * still until unpause(), so no task is charged the paused stretch. */
    this.pausedAt = paused ? performance.now() : null;
    this.pausedMs = 0;
    this.held = null; /* what unpause() goes on with */
    this.args = ['program', ...args];
    this.env = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    this.onEvent = onEvent;
    this.onEvents = onEvents;
    this.ring = null;       /* views of the event ring, made once memory is there */
    this.ringSeq = 0;       /* events drained from the ring so far */
    this.pace = pace;
    this.lines = [];
    this.inputClosed = false;
    this.macrotask = makeMacrotask();
    this.decoders = { 1: new TextDecoder(), 2: new TextDecoder() };
    this.state = 'new';
    /** How often the loop gave the host's event loop a turn. */
    this.hostTurns = 0;
    this.lastTime = 0;
    this.waitToken = 0; /* only the latest wake of a wait resumes the program */
    this.names = new Map(); /* task id -> name, for messages */
    this.running = 0;       /* the task between its run and suspend events */
    this.clockMs = 0;       /* the latest performance.now() reading */
    this.clockDate = 0;     /* Date.now() when it was taken */
    this.files = new Map(); /* __FILE__ pointer -> string: each is decoded once */
  }

  /**
   * Instantiate and run to the end.
   * @returns {Promise<{status: number, error?: string}>} status 0 on success
   */
  run() {
    if (this.state !== 'new') throw new Error('a Program runs once');
    this.state = 'running';
    return new Promise((resolve) => {
      this.resolve = resolve;
      const missing = undefinedSymbols(this.module);
      if (missing.length) return this.finish(127, `undefined symbol: ${missing.join(', ')}`);
      WebAssembly.instantiate(this.module, this.imports()).then((instance) => {
        this.exports = instance.exports;
        this.ringAt = this.exports.async__ring ? this.exports.async__ring() : 0;
        if (this.pausedAt !== null) this.held = () => this.enter(); /* started paused: at t = 0 */
        else this.enter();
      }, (err) => this.finish(1, String(err && err.message || err)));
    });
  }

  /** Queue one line of input (without its newline). */
  pushInput(line) {
    this.lines.push(String(line));
    this.inputArrived();
  }

  /** No more input: waiting readers get ASYNC_EEOF. */
  closeInput() {
    this.inputClosed = true;
    this.inputArrived();
  }

  /** Stop a running program where it is; resolves run() with status 130. */
  stop() {
    if (this.state !== 'running') return;
    clearTimeout(this.timer);
    this.finish(130, 'stopped');
  }

  /** Pause at the next wait (a task that never suspends runs on); the clock stops. */
  pause() {
    if (this.state !== 'running' || this.pausedAt !== null) return;
    this.pausedAt = performance.now();
  }

  /** Go on after pause(): the clock goes on from where it stopped. */
  unpause() {
    if (this.pausedAt === null) return;
    this.pausedMs += performance.now() - this.pausedAt;
    this.pausedAt = null;
    const go = this.held;
    this.held = null;
    if (go && this.state === 'running') go();
  }

  /** performance.now() without the paused stretches. */
  clockNow() { return (this.pausedAt ?? performance.now()) - this.pausedMs; }

  // ---- the driver ---------------------------------------------------------

  enter() {
    if (this.state !== 'running') return;
    try {
      this.exports._start();
    } catch (e) {
      if (e instanceof ExitStatus) return this.finish(e.code);
      return this.finish(1, this.explainTrap(e));
    }
    if (this.unwinding) {
      this.unwinding = false;
      this.exports.asyncify_stop_unwind();
      this.scheduleWake();
    } else {
      this.finish(0);
    }
  }

  /* A timer wait is one setTimeout, rounded up to the millisecond (timers
   * never fire early) and set from a zero-delay turn: a timeout set from a
   * timer callback counts as nested, and browsers clamp the fifth nested one
   * to 4 ms. Zero-delay turns until the deadline would be more precise on an
   * idle machine, but a thread that spins gets preempted, and then wakes later
   * than one timeout would (make bench: Timers in Chromium). */
  scheduleWake() {
    const { timeoutMs, wantInput } = this.waitRequest;
    const token = ++this.waitToken;
    if (wantInput && this.inputReady()) return this.macrotask(() => this.resume(1, token));
    if (timeoutMs === 0) return this.macrotask(() => this.resume(0, token));
    this.waitingForInput = wantInput;
    if (!(timeoutMs > 0)) return;
    const deadline = performance.now() + timeoutMs;
    const due = () => {
      if (token !== this.waitToken) return;
      const left = deadline - performance.now();
      if (left <= 0) this.resume(0, token);
      else this.timer = setTimeout(due, Math.ceil(left)); /* a clock that disagrees by a fraction */
    };
    this.macrotask(() => {
      if (token === this.waitToken) this.timer = setTimeout(due, Math.ceil(timeoutMs));
    });
  }

  inputArrived() {
    if (!this.waitingForInput || !this.inputReady()) return;
    clearTimeout(this.timer);
    const token = ++this.waitToken;
    this.macrotask(() => this.resume(1, token));
  }

  resume(result, token) {
    if (this.state !== 'running' || token !== this.waitToken) return;
    if (this.pausedAt !== null) { this.held = () => this.resume(result, token); return; }
    if (!this.pace(() => this.resume(result, token))) return;
    this.waitToken++;
    this.waitingForInput = false;
    this.waitResult = result;
    this.rewinding = true;
    this.exports.asyncify_start_rewind(this.unwindData);
    this.enter();
  }

  finish(status, error) {
    if (this.state !== 'running') return;
    this.state = 'done';
    clearTimeout(this.timer);
    this.drain();
    for (const fd of [1, 2]) {
      const rest = this.decoders[fd].decode();
      if (rest) this.emitOutput(fd, rest);
    }
    /* After async_run returns the runtime's clock reads 0: end at the last time seen. */
    const time = Math.max(this.now(), this.lastTime);
    if (error) this.onEvent({ kind: 'error', task: this.running, time, message: error });
    this.onEvent({ kind: 'exit', task: 0, time, status });
    this.resolve(error ? { status, error } : { status });
  }

  /** What a trap means, in a learner's words, naming the task that ran and where (faults.js). */
  explainTrap(e) {
    const raw = e && e.message ? e.message : String(e);
    /* the events before it, checked: the trap may have written over the ring */
    try {
      this.drain(true);
      if (this.exports.async__running_task) this.running = this.exports.async__running_task();
    } catch { /* unreadable */ }
    let overflowed = 0;
    if (!(e && e.fatal)) {
      try { overflowed = this.exports.async__stack_overflowed ? this.exports.async__stack_overflowed() : 0; } catch { /* unreadable */ }
    }
    if (this.sourceLines === undefined) this.sourceLines = readSourceLines(this.module);
    /* the task from the stream: the trap may have corrupted the runtime's memory */
    return explainFault({ raw, fatal: !!(e && e.fatal), task: this.taskName(this.running), overflowed, site: sourceSite(this.sourceLines, e && e.stack) });
  }

  taskName(id) {
    const name = this.names.get(id);
    return name ? `task '${name}'` : '';
  }

  inputReady() { return this.lines.length > 0 || this.inputClosed; }

  currentTask() {
    try { return this.exports ? this.exports.async__current_task() : 0; } catch { return 0; }
  }

  now() {
    try { return this.exports ? this.exports.async_now() : 0; } catch { return 0; }
  }

  emitOutput(fd, text) {
    if (text) this.onEvent({ kind: 'output', task: this.currentTask(), time: this.now(), stream: fd, text });
  }

  /** UTF-8 text of a write; a character split across writes is completed by the next. */
  decodeOutput(fd, ptr, len) {
    return this.decoders[fd].decode(new Uint8Array(this.mem(), ptr, len), { stream: true });
  }

  // ---- imports --------------------------------------------------------------

  mem() { return this.exports.memory.buffer; }

  /* Task names arrive once per spawn: short ASCII is built directly, which
   * costs a fraction of a TextDecoder call (make bench: Scale). */
  string(ptr, len) {
    const bytes = new Uint8Array(this.mem(), ptr, len);
    if (len <= 64 && bytes.every((c) => c < 0x80)) return String.fromCharCode.apply(null, bytes);
    return UTF8.decode(bytes);
  }

  imports() {
    const async = {
      now: () => (this.clockMs = this.clockNow()),
      /* The loop reads the clock once per switch. performance.now() costs
       * more than a switch in Chromium, Date.now() a fraction of that. So a
       * reading is taken again only when the millisecond has changed: never
       * behind an earlier reading, at most 1 ms behind the time. */
      tick: () => {
        const d = Date.now();
        if (d !== this.clockDate) {
          this.clockDate = d;
          this.clockMs = this.clockNow();
        }
        return this.clockMs;
      },
      wait: (timeoutMs, wantInput) => {
        if (this.rewinding) {
          this.rewinding = false;
          this.exports.asyncify_stop_rewind();
          return this.waitResult;
        }
        this.drain();
        this.waitRequest = { timeoutMs, wantInput };
        this.hostTurns++;
        this.unwindData = this.exports.async__main_unwind();
        this.unwinding = true;
        this.exports.asyncify_start_unwind(this.unwindData);
        return 0;
      },
      block: (ms) => blockFor(ms),
      read_line: (buf, size) => {
        if (!this.lines.length) return this.inputClosed ? -2 : -1;
        const bytes = new TextEncoder().encode(this.lines.shift());
        const n = Math.min(bytes.length, size);
        new Uint8Array(this.mem(), buf, n).set(bytes.subarray(0, n));
        return n;
      },
      event: (kind, task, time, a, b, text, len, line, file, obj) => {
        this.drain();
        this.lastTime = time;
        const ev = this.decodeEvent(kind, task, time, a, b, text, len, line, file, obj);
        if (ev.kind === 'spawn') this.names.set(task, ev.name);
        else if (ev.kind === 'run') this.running = task;
        else if (ev.kind === 'suspend' || ev.kind === 'done') this.running = 0;
        this.onEvent(ev);
      },
      drain: () => this.drain(),
      fatal: (msg, len) => { throw Object.assign(new Error(this.string(msg, len)), { fatal: true }); },
    };
    const wasi = {
      args_sizes_get: (argc, size) => this.sizes(this.args, argc, size),
      args_get: (argv, buf) => this.strings(this.args, argv, buf),
      environ_sizes_get: (n, size) => this.sizes(this.env, n, size),
      environ_get: (env, buf) => this.strings(this.env, env, buf),
      fd_write: (fd, iovs, n, written) => this.fdWrite(fd, iovs, n, written),
      fd_read: (fd, iovs, n, read) => { new DataView(this.mem()).setUint32(read, 0, true); return fd === 0 ? 0 : WASI_EBADF; },
      fd_close: () => 0,
      fd_seek: () => WASI_ESPIPE,
      fd_fdstat_get: (fd, stat) => {
        if (fd > 2) return WASI_EBADF;
        const v = new DataView(this.mem());
        v.setUint8(stat, 2); /* character device: libc then line-buffers stdout */
        v.setUint16(stat + 2, 0, true);
        v.setBigUint64(stat + 8, 0n, true);
        v.setBigUint64(stat + 16, 0n, true);
        return 0;
      },
      proc_exit: (code) => { throw new ExitStatus(code); },
      clock_time_get: (id, precision, out) => {
        const ns = id === 0 ? BigInt(Date.now()) * 1000000n : BigInt(Math.round(this.clockNow() * 1e6));
        new DataView(this.mem()).setBigUint64(out, ns, true);
        return 0;
      },
      random_get: (buf, len) => { crypto.getRandomValues(new Uint8Array(this.mem(), buf, len)); return 0; },
      sched_yield: () => 0,
    };
    const fallback = (name) => () => WASI_ENOSYS;
    return {
      async,
      wasi_snapshot_preview1: new Proxy(wasi, { get: (t, k) => t[k] || fallback(k) }),
      env: new Proxy({ emscripten_notify_memory_growth: () => {} }, { get: (t, k) => t[k] || fallback(k) }),
    };
  }

  /* Views of the ring over the current memory (a grown memory is a new buffer). */
  ringViews() {
    const buf = this.mem(), at = this.ringAt;
    if (this.ring && this.ring.buf === buf) return this.ring;
    const cap = this.ring ? this.ring.cap : new Int32Array(buf, at, 4)[2]; /* read once, before any trap */
    const col = (T, off, size) => new T(buf, at + RING_HEADER + off * cap, size);
    this.ring = {
      buf, cap,
      header: new Int32Array(buf, at, 4),
      end: new Uint32Array(buf, (at + RING_HEADER + 39 * cap + 3) & ~3, 1),
      time: col(Float64Array, 0, cap), b: col(Float64Array, 8, cap),
      task: col(Int32Array, 16, cap), a: col(Int32Array, 20, cap), s: col(Int32Array, 24, cap),
      file: col(Int32Array, 28, cap), seq: col(Int32Array, 32, cap),
      line: col(Uint16Array, 36, cap), kind: col(Uint8Array, 38, cap),
    };
    this.ring.packed = { count: 0, time: this.ring.time, b: this.ring.b, task: this.ring.task, a: this.ring.a,
      s: this.ring.s, line: this.ring.line, kind: this.ring.kind };
    return this.ring;
  }

  /**
   * Deliver the events waiting in the ring, in order, and empty it. checked:
   * after a trap, which may have written over it: each event is checked
   * (its seq, kind, time, task) and the first bad one and all after it are
   * dropped. Unchecked, a ring whose header or last event looks wrong (a
   * program that wrote through a wild pointer) is checked the same way.
   */
  drain(checked = false) {
    if (!this.ringAt || !this.exports) return;
    const R = this.ringViews(), h = R.header;
    const written = Math.min(Math.max(h[1] | 0, 0), R.cap);
    if (!written) return;
    let n = written;
    if (checked || h[0] !== RING_MAGIC || R.end[0] !== RING_MAGIC || h[1] !== written || h[3] !== this.ringSeq ||
        R.seq[n - 1] !== this.ringSeq + n - 1) n = this.ringValid(R, n);
    this.ringSeq += written;
    h[0] = RING_MAGIC; h[1] = 0; h[3] = this.ringSeq; R.end[0] = RING_MAGIC;
    if (!n) return;
    this.lastTime = R.time[n - 1];
    for (let i = n - 1; i >= 0; i--) {
      const k = R.kind[i];
      if (k === KIND_RUN) { this.running = R.task[i]; break; }
      if (k === KIND_SUSPEND || k === KIND_DONE) { this.running = 0; break; }
    }
    if (this.onEvents) {
      R.packed.count = n;
      this.onEvents(R.packed);
      return;
    }
    for (let i = 0; i < n; i++) {
      this.onEvent(this.decodeEvent(R.kind[i], R.task[i], R.time[i], R.a[i], R.b[i], 0, 0, R.line[i], R.file[i], R.s[i]));
    }
  }

  /* How many of the ring's first n events are sound: in sequence, of a kind without text, at a finite time no earlier than the one before, of a known task. */
  ringValid(R, n) {
    let t = this.lastTime;
    for (let i = 0; i < n; i++) {
      const k = R.kind[i], time = R.time[i], task = R.task[i];
      if (R.seq[i] !== this.ringSeq + i || k >= EVENT_KINDS.length || TEXT_KIND[k] || !Number.isFinite(time) || time < t ||
          (task !== 0 && !this.names.has(task))) return i;
      t = time;
    }
    return n;
  }

  /** The string at a __FILE__ pointer (NUL-terminated, lives as long as the program). */
  fileName(ptr) {
    if (!ptr) return '';
    if (ptr === this.lastFilePtr) return this.lastFile; /* nearly always: one source file */
    let name = this.files.get(ptr);
    if (name === undefined) {
      const bytes = new Uint8Array(this.mem(), ptr);
      name = this.string(ptr, bytes.indexOf(0));
      this.files.set(ptr, name);
    }
    this.lastFilePtr = ptr;
    this.lastFile = name;
    return name;
  }

  /* Fields by the table; a kind the table lacks (a program built against
   * another async.h) is an error event, not a silent fall-through. */
  decodeEvent(kind, task, time, a, b, text, len, line = 0, file = 0, obj = 0) {
    if (kind === EV_RUN) return { kind: 'run', task, time };
    if (kind === EV_SUSPEND && WAIT_REASONS[a]) {
      const r = WAIT_REASONS[a];
      if (!r.detail) return { kind: 'suspend', task, time, reason: r.name, line, file: this.fileName(file), on: obj };
      return { kind: 'suspend', task, time, reason: r.name, [r.detail]: b, line, file: this.fileName(file), on: obj };
    }
    const k = EVENT_KINDS[kind];
    if (!k) return { kind: 'error', task, time, message: `unknown event kind ${kind}: the program was built against another async.h` };
    const ev = { kind: k.name, task, time };
    if (k.aType === 'reason') {
      const r = WAIT_REASONS[a];
      ev[k.a] = r ? r.name : `unknown (${a})`;
      if (r && r.detail) ev[r.detail] = b;
    } else if (k.aType === 'op') {
      ev[k.a] = OBJECT_OPS[a] ? OBJECT_OPS[a].name : `unknown (${a})`;
    } else if (k.a) {
      ev[k.a] = k.aType === 'bool' ? a !== 0 : a;
    }
    if (k.b) ev[k.b] = b;
    if (k.text) ev[k.text] = k.name === 'output' ? this.decodeOutput(a === 2 ? 2 : 1, text, len) : this.string(text, len);
    if (k.site) { ev.line = line; ev.file = this.fileName(file); }
    if (k.obj) ev[k.obj] = obj;
    return ev;
  }

  fdWrite(fd, iovs, n, written) {
    const v = new DataView(this.mem());
    let total = 0;
    for (let i = 0; i < n; i++) total += v.getUint32(iovs + 8 * i + 4, true);
    /* Back to the runtime, which makes it an OUTPUT event. Every program has
     * async__output: both toolchains link with --wrap=malloc, whose wrapper
     * (oom_wasm.c) pulls in the loop and host_wasm.c, which exports it. */
    if ((fd === 1 || fd === 2) && total > 0) this.exports.async__output(fd, iovs, n);
    v.setUint32(written, total, true);
    return fd === 1 || fd === 2 ? 0 : WASI_EBADF;
  }

  sizes(list, countPtr, sizePtr) {
    const v = new DataView(this.mem());
    v.setUint32(countPtr, list.length, true);
    v.setUint32(sizePtr, list.reduce((s, x) => s + new TextEncoder().encode(x).length + 1, 0), true);
    return 0;
  }

  strings(list, ptrs, buf) {
    const v = new DataView(this.mem());
    const bytes = new Uint8Array(this.mem());
    for (const [i, s] of list.entries()) {
      v.setUint32(ptrs + 4 * i, buf, true);
      const enc = new TextEncoder().encode(s);
      bytes.set(enc, buf);
      bytes[buf + enc.length] = 0;
      buf += enc.length + 1;
    }
    return 0;
  }
}

const WASI_ESPIPE = 70;

/**
 * Compile and run a program in one call.
 * @param {BufferSource} bytes  the .wasm file
 * @param {object} [opts]       as for Program, plus input: lines to feed (then input closes)
 * @returns {Promise<{status: number, error?: string, events: AsyncEvent[]}>}
 */
export async function runWasm(bytes, opts = {}) {
  const events = [];
  const onEvent = opts.onEvent || ((ev) => events.push(ev));
  const program = new Program(await WebAssembly.compile(bytes), { ...opts, onEvent });
  if (opts.input) {
    for (const line of opts.input) program.pushInput(line);
    program.closeInput();
  }
  const result = await program.run();
  return { ...result, events };
}
