/**
 * event-columns.js - a recorded run's events in typed columns: 32 bytes an
 * event (plus the text of names and output, kept once), read back through
 * one reused record of fixed shape, so folding a stretch of the run again
 * (LoopHistory's replays) reads numbers, not a million objects of a dozen
 * shapes.
 *
 *   const log = new EventColumns();
 *   for (const ev of events) log.push(ev);   // AsyncEvent objects (wasm/host/host.js)
 *   new LoopHistory(log);                     // it is a source: {length, at(i)}
 *
 * at(i) returns the same object every time, refilled: copy what you keep.
 * Its fields are AsyncEvent's (those a kind does not have read 0 or '').
 */
import { REASONS, reasonIndex } from './loop-state.js';

const KINDS = ['spawn', 'run', 'suspend', 'wake', 'cancel', 'done', 'output', 'blocked', 'idle', 'object', 'exit', 'error'];
const KIND = Object.fromEntries(KINDS.map((k, i) => [k, i]));
const OPS = ['queue_new', 'queue_put', 'queue_get', 'queue_free', 'event_new', 'event_set', 'event_clear', 'event_free'];
const OP = Object.fromEntries(OPS.map((k, i) => [k, i]));

const CHUNK = 1 << 16;
/* Per event: kind u8, aux u8 (reason, op, stream, a flag), file u16, task i32, a i32, line i32, time f64, b f64. */
const COLUMNS = { kind: Uint8Array, aux: Uint8Array, file: Uint16Array, task: Int32Array, a: Int32Array, line: Int32Array, time: Float64Array, b: Float64Array };
/** Bytes an event takes in the columns. */
export const BYTES_PER_EVENT = Object.values(COLUMNS).reduce((n, T) => n + T.BYTES_PER_ELEMENT, 0);

function record() {
  return {
    kind: '', task: 0, time: 0, parent: 0, name: '', line: 0, file: '', reason: '', until: -1, on: 0,
    code: 0, by: 0, cancelled: false, stream: 0, text: '', ms: 0, input: false, op: '', obj: 0, value: 0, status: 0, message: '',
  };
}

export class EventColumns {
  constructor() {
    this.chunks = [];
    this.n = 0;
    /** text of names, output and errors, by index */
    this.texts = [''];
    this.files = [''];
    this.fileIndex = new Map([['', 0]]);
    this.rec = record();
  }

  get length() { return this.n; }

  /** Bytes the columns hold (not the texts). */
  bytes() { return this.chunks.length * CHUNK * BYTES_PER_EVENT; }

  fileId(name) {
    let i = this.fileIndex.get(name || '');
    if (i === undefined) {
      i = this.files.length;
      this.files.push(name);
      this.fileIndex.set(name, i);
    }
    return i;
  }

  text(s) {
    this.texts.push(s);
    return this.texts.length - 1;
  }

  /** Append one event (an AsyncEvent). */
  push(ev) {
    const i = this.n & (CHUNK - 1);
    if (i === 0) {
      const c = {};
      for (const [k, T] of Object.entries(COLUMNS)) c[k] = new T(CHUNK);
      this.chunks.push(c);
    }
    const c = this.chunks[this.chunks.length - 1];
    const kind = KIND[ev.kind] ?? KIND.error;
    c.kind[i] = kind;
    c.task[i] = ev.task | 0;
    c.time[i] = ev.time || 0;
    let aux = 0, a = 0, line = 0, file = 0, b = 0;
    switch (kind) {
      case KIND.spawn: a = ev.parent; line = ev.line || 0; file = this.fileId(ev.file); b = this.text(ev.name); break;
      case KIND.suspend: aux = reasonIndex(ev.reason); a = ev.on || 0; line = ev.line || 0; file = this.fileId(ev.file); b = ev.until ?? -1; break;
      case KIND.wake: a = ev.code; b = ev.by || 0; break;
      case KIND.cancel: a = ev.by || 0; break;
      case KIND.done: aux = ev.cancelled ? 1 : 0; break;
      case KIND.output: aux = ev.stream; b = this.text(ev.text); break;
      case KIND.blocked: b = ev.ms; break;
      case KIND.idle: aux = ev.input ? 1 : 0; b = ev.until; break;
      case KIND.object: aux = OP[ev.op] ?? 255; a = ev.obj; b = ev.value; break;
      case KIND.exit: a = ev.status; break;
      case KIND.error: b = this.text(ev.message ?? ev.kind); break;
      default: break;
    }
    c.aux[i] = aux;
    c.a[i] = a;
    c.line[i] = line;
    c.file[i] = file;
    c.b[i] = b;
    this.n++;
  }

  /** Event i, in the shared record. */
  at(i) {
    const c = this.chunks[i >>> 16], j = i & (CHUNK - 1), r = this.rec;
    const kind = c.kind[j], aux = c.aux[j], a = c.a[j], b = c.b[j];
    r.kind = KINDS[kind];
    r.task = c.task[j];
    r.time = c.time[j];
    r.line = c.line[j];
    r.file = this.files[c.file[j]];
    switch (kind) {
      case KIND.spawn: r.parent = a; r.name = this.texts[b]; break;
      case KIND.suspend: r.reason = REASONS[aux] ?? String(aux); r.on = a; r.until = b; break;
      case KIND.wake: r.code = a; r.by = b; break;
      case KIND.cancel: r.by = a; break;
      case KIND.done: r.cancelled = aux === 1; break;
      case KIND.output: r.stream = aux; r.text = this.texts[b]; break;
      case KIND.blocked: r.ms = b; break;
      case KIND.idle: r.input = aux === 1; r.until = b; break;
      case KIND.object: r.op = OPS[aux] ?? String(aux); r.obj = a; r.value = b; break;
      case KIND.exit: r.status = a; break;
      case KIND.error: r.message = this.texts[b]; break;
      default: break;
    }
    return r;
  }
}
