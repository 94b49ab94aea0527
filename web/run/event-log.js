/**
 * event-log.js - the run's events, packed: 31 bytes an event in typed
 * arrays (struct of arrays), never one object per event. The worker packs
 * events into an EventBatch and transfers its buffer; the page folds each
 * batch into its views and appends it to the EventLog, which keeps the run
 * for the trace export (and, later, for scrubbing: it is append-only and
 * indexed by time).
 *
 * A packed event: kind (u8), task (i32), time (f64, s), a (i32), b (f64),
 * s (i32: a string of the batch or log, -1 none; for a kind with an obj
 * field, that number: a suspend's on, a wake's by), line (u16: a spawn's or
 * suspend's source line, cut at 65,535; the page runs one file, so its name
 * is not kept). Which field of an AsyncEvent goes where is LAYOUT's job, the
 * one place that knows it. The runtime in wasm writes the same columns for
 * its events without text (wasm/asyncify/ring_wasm.c, the host's onEvents),
 * and EventBatch.append copies them whole.
 */
import { EVENT_KINDS, WAIT_REASONS, OBJECT_OPS } from '../../build/gen/vocab.js';

/** Kinds the host and the page add to the runtime's: an input line typed by the user is part of the run. */
const HOST_KINDS = ['error', 'exit', 'input'];
/** Every kind, by its code in a packed event: async.h's (ASYNC_EV_MAP, in their order), then the host's. */
export const KINDS = [...EVENT_KINDS.map((k) => k.name), ...HOST_KINDS];
const CODE = new Map(KINDS.map((k, i) => [k, i]));
/** The code of a kind name. */
export const kindCode = (kind) => CODE.get(kind);
const OUTPUT = kindCode('output');

const BOOL = [false, true];
const REASONS = WAIT_REASONS.map((r) => r.name);
const OPS = OBJECT_OPS.map((o) => o.name);
/* kind -> the AsyncEvent fields in a, b and s; [field, names] stores an index
 * into names. The runtime's kinds come from async.h's table (build/gen/vocab.js):
 * a suspend's b is its reason's detail (sleep: until, await: target). */
const LAYOUT = {
  error: { s: 'message' },
  exit: { a: 'status', s: 'why' },
  input: { s: 'text' },
};
for (const k of EVENT_KINDS) {
  const L = {};
  if (k.a) L.a = k.aType === 'reason' ? [k.a, REASONS] : k.aType === 'bool' ? [k.a, BOOL] : k.aType === 'op' ? [k.a, OPS] : k.a;
  if (k.obj) L.n = k.obj; /* a number, in s (these kinds carry no text) */
  if (k.site) L.line = true;
  if (k.b) L.b = k.b;
  if (k.aType === 'reason') L.detail = true;
  if (k.text) L.s = k.text;
  LAYOUT[k.name] = L;
}
/* The AsyncEvent field b holds, given a (a suspend's reason picks it). */
const bField = (L, a) => (L.detail ? WAIT_REASONS[a]?.detail : L.b);

/** Bytes per event in a batch and in the log. */
export const EVENT_BYTES = 31;
/* by kind code: s holds a number, not a string */
const NUMBER_S = KINDS.map((k) => !!LAYOUT[k]?.n);

function views(buf, cap) {
  return {
    time: new Float64Array(buf, 0, cap),
    b: new Float64Array(buf, 8 * cap, cap),
    task: new Int32Array(buf, 16 * cap, cap),
    a: new Int32Array(buf, 20 * cap, cap),
    s: new Int32Array(buf, 24 * cap, cap),
    line: new Uint16Array(buf, 28 * cap, cap),
    kind: new Uint8Array(buf, 30 * cap, cap),
  };
}

/**
 * Events being packed for one postMessage (the worker), or made by the page
 * (a Stop's exit).
 */
export class EventBatch {
  /**
   * @param {number} [capacity]  events it starts with room for
   * @param {number} [max]       events it may grow to (full then)
   */
  constructor(capacity = 256, max = capacity) {
    this.max = Math.max(max, capacity);
    this.count = 0;
    this.lastOutput = -1;
    this.strings = [];
    this.room(capacity);
  }

  room(capacity) {
    const old = this.count ? views(this.buf, this.capacity) : null;
    this.capacity = capacity;
    this.buf = new ArrayBuffer(EVENT_BYTES * capacity);
    Object.assign(this, views(this.buf, capacity));
    if (old) for (const k of Object.keys(old)) this[k].set(old[k].subarray(0, this.count));
  }

  /** @returns {boolean} true when the batch is full */
  push(ev) {
    const kind = CODE.get(ev.kind);
    if (kind === undefined) return this.count >= this.max; /* a kind nobody reads */
    const n = this.count;
    if (n === this.capacity) this.room(Math.min(this.max, this.capacity * 2));
    const L = LAYOUT[ev.kind];
    if (ev.kind === 'output') {
      /* A flood of small writes becomes lines: a write joins the batch's last
       * output while that is the same task's and stream's and has no newline
       * yet (its time stays the line's start). */
      const j = this.lastOutput;
      if (j >= 0 && this.task[j] === ev.task && this.a[j] === ev.stream && !this.strings[this.s[j]].endsWith('\n')) {
        this.strings[this.s[j]] += ev.text;
        return false;
      }
      this.lastOutput = n;
    }
    this.kind[n] = kind;
    this.task[n] = ev.task;
    this.time[n] = ev.time;
    this.a[n] = 0;
    this.b[n] = NaN;
    this.s[n] = -1;
    this.line[n] = 0;
    if (L) {
      if (L.a) {
        const v = ev[Array.isArray(L.a) ? L.a[0] : L.a];
        this.a[n] = Array.isArray(L.a) ? Math.max(0, L.a[1].indexOf(v)) : v | 0;
      }
      const bf = bField(L, this.a[n]);
      if (bf && ev[bf] !== undefined) this.b[n] = ev[bf];
      if (L.s && ev[L.s] !== undefined) this.s[n] = this.strings.push(String(ev[L.s])) - 1;
      if (L.n) this.s[n] = ev[L.n] | 0;
      if (L.line) this.line[n] = Math.min(65535, ev.line | 0);
    }
    this.count = n + 1;
    return this.count >= this.max;
  }

  /**
   * Append events [from, from + n) of a packed delivery (wasm/host/host.js's
   * PackedEvents: the runtime's kinds, its columns in this batch's codes),
   * one TypedArray.set a column, as many as fit.
   * @param {{time: Float64Array, b: Float64Array, task: Int32Array, a: Int32Array, s: Int32Array, line: Uint16Array, kind: Uint8Array}} p
   * @returns {number} how many were appended (fewer than n: the batch is full)
   */
  append(p, from, n) {
    const at = this.count;
    n = Math.min(n, this.max - at);
    if (n <= 0) return 0;
    if (at + n > this.capacity) {
      let cap = this.capacity;
      while (cap < at + n) cap *= 2;
      this.room(Math.min(this.max, cap));
    }
    const to = from + n;
    this.time.set(p.time.subarray(from, to), at);
    this.b.set(p.b.subarray(from, to), at);
    this.task.set(p.task.subarray(from, to), at);
    this.a.set(p.a.subarray(from, to), at);
    this.s.set(p.s.subarray(from, to), at);
    this.line.set(p.line.subarray(from, to), at);
    this.kind.set(p.kind.subarray(from, to), at);
    this.count = at + n;
    return n;
  }

  /** The kind name of the last event, or null. */
  get lastKind() { return this.count ? KINDS[this.kind[this.count - 1]] : null; }

  /** The message to post (its buffer is transferable). */
  seal() { return { capacity: this.capacity, count: this.count, buf: this.buf, strings: this.strings }; }
}

/**
 * A batch as received: typed arrays over its buffer.
 * @param {{capacity: number, count: number, buf: ArrayBuffer, strings: string[]}} msg
 */
export function openBatch(msg) {
  return { count: msg.count, strings: msg.strings, ...views(msg.buf, msg.capacity) };
}

/**
 * One packed event as an AsyncEvent object (wasm/host/host.js).
 * @param {string} kind
 */
export function decodeFields(kind, task, time, a, b, s, line = 0) {
  const ev = { kind, task, time };
  const L = LAYOUT[kind];
  if (!L) return ev;
  if (L.a) { if (Array.isArray(L.a)) ev[L.a[0]] = L.a[1][a]; else ev[L.a] = a; }
  const bf = bField(L, a);
  if (bf && !Number.isNaN(b)) ev[bf] = b;
  if (L.s && s !== null) ev[L.s] = s;
  if (L.n) ev[L.n] = s;
  if (L.line) ev.line = line;
  return ev;
}

/* Every field an AsyncEvent of any kind may have: a record of fixed shape (EventLog.read) has them all. */
const FIELDS = [...new Set(Object.values(LAYOUT).flatMap((L) => [
  Array.isArray(L.a) ? L.a[0] : L.a, L.b, L.s, L.n, L.line ? 'line' : null,
  ...(L.detail ? WAIT_REASONS.map((r) => r.detail) : []),
]))].filter((f) => f && !['kind', 'task', 'time'].includes(f));

/** An AsyncEvent's a, b and s (a string or null), as a packed event holds them. */
export function encodeFields(ev) {
  const L = LAYOUT[ev.kind] || {};
  let a = 0;
  if (L.a) { const v = ev[Array.isArray(L.a) ? L.a[0] : L.a]; a = Array.isArray(L.a) ? Math.max(0, L.a[1].indexOf(v)) : v | 0; }
  const bf = bField(L, a);
  const b = bf && ev[bf] !== undefined ? ev[bf] : NaN;
  const s = L.n ? ev[L.n] | 0 : L.s && ev[L.s] !== undefined ? String(ev[L.s]) : null;
  return [a, b, s];
}

const CHUNK = 1 << 16, FIRST = 1 << 10; /* a chunk's events, at most and at first */
/* What the log keeps once it holds `max` events: the events a trace needs to name and end tasks. */
const ESSENTIAL = new Set(['spawn', 'cancel', 'done', 'output', 'blocked', 'error', 'exit', 'input'].map((k) => CODE.get(k)));

/**
 * The run's events, append-only, in chunks of 65,536 (the last one grows
 * to that by doubling, so a short run holds little). Bounded: past `max`
 * events only the essential ones are kept (names, ends, output, errors),
 * and past `max` + `max`/4 none but the exit; `dropped` counts the rest
 * and `droppedFrom` says from when.
 */
export class EventLog {
  /** @param {{max?: number}} [opts] */
  constructor({ max = 1000000 } = {}) {
    this.max = max;
    this.hard = max + (max >> 2);
    this.chunks = [];
    this.length = 0;
    this.strings = [];
    this.dropped = 0;
    this.droppedFrom = null;
  }

  /** Append every event of an opened batch (openBatch). @returns {boolean} whether this batch was the first to drop events */
  append(batch) {
    const firstDrop = this.dropped === 0;
    for (let i = 0; i < batch.count; i++) {
      const kind = batch.kind[i];
      if (this.length >= this.max && (this.length >= this.hard ? KINDS[kind] !== 'exit' : !ESSENTIAL.has(kind))) {
        if (this.dropped++ === 0) this.droppedFrom = batch.time[i];
        continue;
      }
      const n = this.length & (CHUNK - 1);
      if (n === 0) this.chunks.push(views(new ArrayBuffer(EVENT_BYTES * FIRST), FIRST));
      let c = this.chunks[this.chunks.length - 1];
      if (n === c.kind.length) c = this.growLast();
      c.kind[n] = kind;
      c.task[n] = batch.task[i];
      c.time[n] = batch.time[i];
      c.a[n] = batch.a[i];
      c.b[n] = batch.b[i];
      c.s[n] = NUMBER_S[kind] || batch.s[i] < 0 ? batch.s[i] : this.strings.push(batch.strings[batch.s[i]]) - 1;
      c.line[n] = batch.line[i];
      this.length++;
    }
    return firstDrop && this.dropped > 0;
  }

  /* The last chunk, full below CHUNK events, doubled (so the log holds at most 2x its last chunk's events). */
  growLast() {
    const old = this.chunks[this.chunks.length - 1], cap = old.kind.length * 2;
    const c = views(new ArrayBuffer(EVENT_BYTES * cap), cap);
    for (const k of Object.keys(c)) c[k].set(old[k]);
    this.chunks[this.chunks.length - 1] = c;
    return c;
  }

  /** Event i as an AsyncEvent object. */
  get(i) {
    const c = this.chunks[i >> 16];
    const n = i & (CHUNK - 1);
    const k = c.kind[n];
    return decodeFields(KINDS[k], c.task[n], c.time[n], c.a[n], c.b[n], NUMBER_S[k] ? c.s[n] : c.s[n] < 0 ? null : this.strings[c.s[n]], c.line[n]);
  }

  /**
   * Event i into `r`, a record of fixed shape made by EventLog.record(): the
   * fields its kind has are set, the others undefined, as get(i) would make
   * them. For folding long stretches (the inspector's replays): no object an event.
   */
  read(i, r) {
    const c = this.chunks[i >> 16];
    const n = i & (CHUNK - 1);
    const k = c.kind[n], kind = KINDS[k], L = LAYOUT[kind];
    for (let f = 0; f < FIELDS.length; f++) r[FIELDS[f]] = undefined;
    r.kind = kind;
    r.task = c.task[n];
    r.time = c.time[n];
    if (!L) return r;
    const a = c.a[n], b = c.b[n], s = c.s[n];
    if (L.a) { if (Array.isArray(L.a)) r[L.a[0]] = L.a[1][a]; else r[L.a] = a; }
    const bf = bField(L, a);
    if (bf && !Number.isNaN(b)) r[bf] = b;
    if (L.n) r[L.n] = s;
    else if (L.s && s >= 0) r[L.s] = this.strings[s];
    if (L.line) r.line = c.line[n];
    return r;
  }

  /** A record for read(). */
  static record() {
    const r = { kind: '', task: 0, time: 0 };
    for (const f of FIELDS) r[f] = undefined;
    return r;
  }

  /**
   * The log as a source of events for the inspector ({length, at(i)}): at(i)
   * returns one shared record, refilled (copy what you keep).
   */
  source() {
    const r = EventLog.record();
    return { log: this, get length() { return this.log.length; }, at: (i) => this.read(i, r) };
  }

  /** The time of event i (s). */
  timeAt(i) { return this.chunks[i >> 16].time[i & (CHUNK - 1)]; }

  /** The index of the first event at or after time t (s): the index a scrubber starts from. */
  indexAt(t) { return this.search((time) => time < t); }

  /** The number of events at or before time t (s): the inspector's cursor for a press at t. */
  countAt(t) { return this.search((time) => time <= t); }

  /* The first index whose time fails `before` (times never decrease). */
  search(before) {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(this.timeAt(mid))) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** Newlines the program printed in events [from, to): output is line-buffered, one row of the output pane each. */
  newlines(from, to) {
    let n = 0;
    for (let i = from; i < to; i++) {
      const c = this.chunks[i >> 16], j = i & (CHUNK - 1);
      if (c.kind[j] !== OUTPUT) continue;
      const text = this.strings[c.s[j]] || '';
      for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) n++;
    }
    return n;
  }

  /**
   * A log of AsyncEvent objects (a recorded run in Node, a test), packed as
   * the worker packs them.
   * @param {Iterable<object>} events
   * @param {{max?: number}} [opts]
   */
  static of(events, opts) {
    const log = new EventLog(opts);
    let batch = new EventBatch(4096);
    for (const ev of events) {
      if (batch.push(ev)) { log.append(openBatch(batch.seal())); batch = new EventBatch(4096); }
    }
    log.append(openBatch(batch.seal()));
    return log;
  }

  /** Every event, in order, as objects. */
  *events() { for (let i = 0; i < this.length; i++) yield this.get(i); }

  /** Bytes the log holds in its arrays (strings aside). */
  get bytes() { return this.chunks.reduce((n, c) => n + c.kind.length, 0) * EVENT_BYTES; }
}
