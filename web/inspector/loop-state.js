/**
 * loop-state.js - the event loop's state rebuilt from its event stream, at
 * any event: pure, no DOM. What the inspector's views show.
 *
 * Contract. Events are those of wasm/host/host.js (AsyncEvent, with the call-site
 * fields of async.h's event table: line, file, on, by, and the 'object'
 * events of queues and events), in stream order. `LoopState.apply(ev)` folds
 * one; after event i the state equals the runtime's own (the ready queue, the
 * timer heap, every wait queue) as wasm/native/inspect.c dumps it natively, which
 * tests/js/inspector-oracle.test.js checks event by event. `LoopHistory` keeps
 * checkpoints of the fold so the state after any event is rebuilt by copying
 * the nearest checkpoint and replaying at most one interval of events.
 *
 * The state is a struct of typed arrays indexed by task id (ids are dense:
 * 1, 2, ... in spawn order) and by object id, and waiting lists are
 * intrusive, as in the runtime. A checkpoint keeps the task arrays in pages
 * of PAGE tasks and shares the pages no event touched since the previous
 * one (the fold marks the pages it writes), so a run of 100,000 tasks costs
 * a checkpoint only the tasks that moved, not 5 MB.
 */

/** The loop's phases, in the order a turn goes through them. */
export const PHASES = ['run', 'timers', 'input', 'wait'];
/** Task states (index 0: not spawned yet). */
export const STATES = ['', 'ready', 'running', 'waiting', 'done'];
/** Wait reasons by index: the nine the fold knows first (as ASYNC_WAIT_*), then any other seen, in order
 * (a lock, a semaphore...: the task waits, on the object `on`, in no list the fold keeps). */
export const REASONS = ['sleep', 'yield', 'await', 'gather', 'wait_for', 'queue_get', 'queue_put', 'event', 'input'];
const OTHER_REASONS = new Map();
/** A wait reason's index in REASONS (a new one is added). */
export function reasonIndex(r) {
  switch (r) { /* internalized strings: compares, not a keyed lookup */
    case 'sleep': return 0; case 'yield': return 1; case 'await': return 2; case 'gather': return 3;
    case 'wait_for': return 4; case 'queue_get': return 5; case 'queue_put': return 6; case 'event': return 7;
    case 'input': return 8;
    default: {
      let i = OTHER_REASONS.get(r);
      if (i === undefined) {
        i = REASONS.length;
        if (i > 127) return 127; /* an Int8 */
        REASONS.push(String(r));
        OTHER_REASONS.set(r, i);
      }
      return i;
    }
  }
}

const READY = 1, RUNNING = 2, WAITING = 3, DONE = 4;
const QUEUE = 1, EVENT = 2;
/* which list a waiting task is in: wlist */
const L_JOIN = 1, L_GET = 2, L_PUT = 3, L_INPUT = 4, L_EVENT = 5; /* L_EVENT shares L_GET's lists */
const BY_TIMER = -1, BY_INPUT = -2;

/* What changes as the run goes on: a checkpoint copies these (52 bytes a task). */
const TASK_FIELDS = {
  st: Int8Array, reason: Int8Array, cancelled: Uint8Array, wlist: Int8Array,
  on: Int32Array, line: Int32Array, file: Int32Array, by: Int32Array,
  rprev: Int32Array, rnext: Int32Array, wprev: Int32Array, wnext: Int32Array, jhead: Int32Array, jtail: Int32Array,
  deadline: Float64Array, tseq: Int32Array,
};
const TASK_BYTES = Object.values(TASK_FIELDS).reduce((n, T) => n + T.BYTES_PER_ELEMENT, 0);
const OBJ_FIELDS = {
  okind: Int8Array, oalive: Uint8Array, oset: Uint8Array,
  osize: Int32Array, ocap: Int32Array, ohead: Int32Array, otail: Int32Array, phead: Int32Array, ptail: Int32Array,
};
const SCALARS = ['index', 'time', 'turn', 'phase', 'runsLeft', 'seq', 'rhead', 'rtail', 'rcount',
  'ihead', 'itail', 'maxTask', 'maxObj', 'running', 'timers'];

/** Tasks in a checkpoint's page. */
const PAGE_SHIFT = 6, PAGE = 1 << PAGE_SHIFT;

function grow(arr, n) {
  const out = new arr.constructor(n);
  out.set(arr);
  return out;
}

/**
 * What never changes once seen: each task's name, parent and spawn site, and
 * the file names. Append-only, shared by every state of one history (a
 * checkpoint never copies it).
 */
export class Strings {
  constructor() {
    /** @type {string[]} task names by id */
    this.names = [''];
    /** @type {number[]} by task id */
    this.parent = [0];
    /** @type {number[]} by task id */
    this.spawnLine = [0];
    /** @type {number[]} by task id: index into files */
    this.spawnFile = [0];
    /** @type {string[]} file names by index (0: unknown) */
    this.files = [''];
    this.fileIndex = new Map([['', 0]]);
  }

  file(name) {
    if (!name) return 0;
    if (name === this.lastFile) return this.lastFileIndex; /* nearly always: one source file */
    let i = this.fileIndex.get(name);
    if (i === undefined) {
      i = this.files.length;
      this.files.push(name);
      this.fileIndex.set(name, i);
    }
    this.lastFile = name;
    this.lastFileIndex = i;
    return i;
  }
}

/** The state of the loop after some prefix of the event stream. */
export class LoopState {
  /** @param {Strings} [strings] shared names and files */
  constructor(strings = new Strings(), taskCap = 64, objCap = 16) {
    this.strings = strings;
    this.taskCap = taskCap;
    this.objCap = objCap;
    for (const [k, T] of Object.entries(TASK_FIELDS)) this[k] = new T(taskCap);
    for (const [k, T] of Object.entries(OBJ_FIELDS)) this[k] = new T(objCap);
    /** events applied */
    this.index = 0;
    /** seconds on the run's clock */
    this.time = 0;
    /** turns of the loop begun (0 before the first) */
    this.turn = 0;
    /** index into PHASES */
    this.phase = 0;
    this.runsLeft = 0; /* RUNs left in this turn's run phase */
    this.seq = 0;      /* timers set so far: their tie-break */
    this.rhead = 0; this.rtail = 0; this.rcount = 0;
    this.ihead = 0; this.itail = 0;
    this.maxTask = 0; this.maxObj = 0;
    /** the task running now, 0 if none */
    this.running = 0;
    /** tasks with a timer */
    this.timers = 0;
    /** the run's exit, once seen: {status, error} */
    this.exit = null;
    /** pages of tasks written since the last checkpoint (LoopHistory's head only; null: not tracked) */
    this.dirty = null;
    this.dirtyCount = 0;
    /** the Checkpoint the dirty pages are counted from */
    this.base = null;
  }

  /* Task t's fields are about to be written: its page goes in the next checkpoint. */
  touch(t) {
    const d = this.dirty; /* a page past its end is past every checkpoint's: copied anyway */
    if (d !== null && d[t >> PAGE_SHIFT] === 0) { d[t >> PAGE_SHIFT] = 1; this.dirtyCount++; }
  }

  /** Track the pages the fold writes (for checkpoints that share the others). */
  trackPages() {
    this.dirty = new Uint8Array((this.taskCap >> PAGE_SHIFT) + 1);
    this.dirtyCount = 0;
  }

  /** Bytes held by the arrays (what a checkpoint costs). */
  bytes() {
    let n = 0;
    for (const k of Object.keys(TASK_FIELDS)) n += this[k].byteLength;
    for (const k of Object.keys(OBJ_FIELDS)) n += this[k].byteLength;
    return n;
  }

  /** Make this state a copy of `other`, a state or a Checkpoint (reusing this one's arrays when they fit). */
  copyFrom(other) {
    if (other instanceof Checkpoint) return other.restoreInto(this);
    this.strings = other.strings;
    if (this.taskCap < other.taskCap || this.taskCap > 4 * other.taskCap) {
      this.taskCap = other.taskCap;
      for (const [k, T] of Object.entries(TASK_FIELDS)) this[k] = new T(this.taskCap);
    }
    if (this.objCap < other.objCap || this.objCap > 4 * other.objCap) {
      this.objCap = other.objCap;
      for (const [k, T] of Object.entries(OBJ_FIELDS)) this[k] = new T(this.objCap);
    }
    const nt = other.maxTask + 1, no = other.maxObj + 1;
    for (const k of Object.keys(TASK_FIELDS)) {
      this[k].set(other[k].subarray(0, nt));
      if (this.maxTask >= nt) this[k].fill(0, nt, this.maxTask + 1);
    }
    for (const k of Object.keys(OBJ_FIELDS)) {
      this[k].set(other[k].subarray(0, no));
      if (this.maxObj >= no) this[k].fill(0, no, this.maxObj + 1);
    }
    for (const k of SCALARS) this[k] = other[k];
    this.exit = other.exit;
    return this;
  }

  /** A copy sized to what it holds. */
  clone() {
    const c = new LoopState(this.strings, Math.max(8, this.maxTask + 1), Math.max(4, this.maxObj + 1));
    return c.copyFrom(this);
  }

  task(id) {
    if (id >= this.taskCap) {
      let n = this.taskCap;
      while (n <= id) n *= 2;
      for (const k of Object.keys(TASK_FIELDS)) this[k] = grow(this[k], n);
      this.taskCap = n;
      if (this.dirty) this.dirty = grow(this.dirty, (n >> PAGE_SHIFT) + 1);
    }
    if (id > this.maxTask) this.maxTask = id;
    return id;
  }

  object(id, kind) {
    if (id >= this.objCap) {
      let n = this.objCap;
      while (n <= id) n *= 2;
      for (const k of Object.keys(OBJ_FIELDS)) this[k] = grow(this[k], n);
      this.objCap = n;
    }
    if (id > this.maxObj) this.maxObj = id;
    if (!this.okind[id]) { /* first seen (made before the run): size unknown */
      this.okind[id] = kind;
      this.oalive[id] = 1;
      this.osize[id] = -1;
    }
    return id;
  }

  // ---- the ready queue and the wait lists (intrusive, as in the runtime) ----

  readyPush(t) {
    this.touch(this.rtail);
    this.rprev[t] = this.rtail;
    this.rnext[t] = 0;
    if (this.rtail) this.rnext[this.rtail] = t;
    else this.rhead = t;
    this.rtail = t;
    this.rcount++;
    this.st[t] = READY;
  }

  readyRemove(t) {
    const p = this.rprev[t], n = this.rnext[t];
    this.touch(p); this.touch(n);
    if (p) this.rnext[p] = n;
    else if (this.rhead === t) this.rhead = n;
    else return;
    if (n) this.rprev[n] = p;
    else this.rtail = p;
    this.rprev[t] = this.rnext[t] = 0;
    this.rcount--;
  }

  /* The head/tail arrays and slot of list `kind` owned by `owner`. */
  listPush(t, kind, owner) {
    let heads, tails, i = owner;
    if (kind === L_JOIN) { this.task(owner); this.touch(owner); heads = this.jhead; tails = this.jtail; }
    else if (kind === L_INPUT) { heads = null; }
    else {
      this.object(owner, kind === L_EVENT ? EVENT : QUEUE);
      if (kind === L_PUT) { heads = this.phead; tails = this.ptail; } else { heads = this.ohead; tails = this.otail; }
    }
    const tail = heads ? tails[i] : this.itail;
    this.touch(tail);
    this.wprev[t] = tail;
    this.wnext[t] = 0;
    if (tail) this.wnext[tail] = t;
    else if (heads) heads[i] = t;
    else this.ihead = t;
    if (heads) tails[i] = t;
    else this.itail = t;
    this.wlist[t] = kind;
  }

  listRemove(t) {
    const kind = this.wlist[t];
    if (!kind) return;
    const i = this.on[t];
    let heads = null, tails = null;
    if (kind === L_JOIN) { heads = this.jhead; tails = this.jtail; this.touch(i); }
    else if (kind === L_GET || kind === L_EVENT) { heads = this.ohead; tails = this.otail; }
    else if (kind === L_PUT) { heads = this.phead; tails = this.ptail; }
    const p = this.wprev[t], n = this.wnext[t];
    this.touch(p); this.touch(n);
    if (p) this.wnext[p] = n;
    else if (heads) heads[i] = n;
    else this.ihead = n;
    if (n) this.wprev[n] = p;
    else if (tails) tails[i] = p;
    else this.itail = p;
    this.wprev[t] = this.wnext[t] = 0;
    this.wlist[t] = 0;
  }

  // ---- the fold ---------------------------------------------------------------

  /* Which phase an event says the loop is in; -1: no change. */
  static phaseOf(ev) {
    switch (ev.kind) {
      case 'run': return 0;
      case 'wake': return ev.by === BY_TIMER ? 1 : ev.by === BY_INPUT ? 2 : -1;
      case 'idle': return 3;
      default: return -1;
    }
  }

  /**
   * Fold one event (an AsyncEvent of wasm/host/host.js) into the state.
   * @param {object} ev
   */
  apply(ev) {
    this.index++;
    if (ev.time > this.time) this.time = ev.time;
    /* Turns: a turn runs the tasks that were ready when it began, then fires
     * timers, hands out input, and may wait (IDLE). A RUN after the turn's
     * runs are used up, or any phase after a wait, begins a new turn. */
    const p = LoopState.phaseOf(ev);
    if (p === 0) {
      if (this.runsLeft === 0) { this.turn++; this.runsLeft = this.rcount; }
      this.runsLeft--;
      this.phase = 0;
    } else if (p > 0) {
      if (this.phase === 3) { this.turn++; this.runsLeft = 0; }
      this.phase = p;
    }
    const t = ev.task;
    if (this.dirty !== null) this.touch(t); /* before task(t) grows the arrays: touch reads only the page index */
    switch (ev.kind) {
      case 'spawn':
        this.task(t);
        this.strings.names[t] = ev.name;
        this.strings.parent[t] = ev.parent;
        this.strings.spawnLine[t] = ev.line || 0;
        this.strings.spawnFile[t] = this.strings.file(ev.file);
        this.tseq[t] = -1;
        this.readyPush(t);
        break;
      case 'run':
        if (t > this.maxTask) this.task(t);
        this.readyRemove(t);
        this.st[t] = RUNNING;
        this.running = t; /* line[t] stays: it resumed there (the runtime knows no better: snapshot() says 0) */
        break;
      case 'suspend': {
        if (t > this.maxTask) this.task(t);
        if (this.running === t) this.running = 0;
        const r = reasonIndex(ev.reason);
        this.reason[t] = r;
        this.line[t] = ev.line || 0;
        this.file[t] = this.strings.file(ev.file);
        const on = ev.on || 0;
        this.on[t] = on;
        if (r === 1) { /* yield: back of the ready queue */
          this.readyPush(t);
          break;
        }
        this.st[t] = WAITING;
        if (ev.until >= 0) { /* sleep, wait_for, wait... with a timer */
          this.deadline[t] = ev.until;
          this.tseq[t] = this.seq++;
          this.timers++;
        }
        if (r >= 2 && r <= 4) { if (on > 0) this.listPush(t, L_JOIN, on); }
        else if (r === 5) this.listPush(t, L_GET, on);
        else if (r === 7) this.listPush(t, L_EVENT, on);
        else if (r === 6) this.listPush(t, L_PUT, on);
        else if (r === 8) this.listPush(t, L_INPUT, 0);
        break;
      }
      case 'wake':
        if (t > this.maxTask) this.task(t);
        this.listRemove(t);
        if (this.tseq[t] >= 0) { this.tseq[t] = -1; this.timers--; }
        this.by[t] = ev.by;
        this.readyPush(t);
        break;
      case 'cancel':
        if (t > this.maxTask) this.task(t);
        this.cancelled[t] = 1;
        break;
      case 'done':
        if (t > this.maxTask) this.task(t);
        this.readyRemove(t);
        this.listRemove(t);
        if (this.tseq[t] >= 0) { this.tseq[t] = -1; this.timers--; }
        this.st[t] = DONE;
        if (this.running === t) this.running = 0;
        break;
      case 'object': {
        const o = ev.obj;
        switch (ev.op) {
          case 'queue_new': this.object(o, QUEUE); this.ocap[o] = ev.value; this.osize[o] = 0; break;
          case 'queue_put': case 'queue_get': this.object(o, QUEUE); this.osize[o] = ev.value; break;
          case 'event_new': this.object(o, EVENT); break;
          case 'event_set': this.object(o, EVENT); this.oset[o] = 1; break;
          case 'event_clear': this.object(o, EVENT); this.oset[o] = 0; break;
          case 'queue_free': case 'event_free': this.object(o, 0); this.oalive[o] = 0; break;
          default: break;
        }
        break;
      }
      case 'exit': this.exit = { status: ev.status }; break;
      default: break; /* output, blocked, idle, error: no state */
    }
  }

  // ---- reading ---------------------------------------------------------------

  /** Task ids in the ready queue, in the order they will run (the first `limit`; rcount says how many in all). */
  ready(limit = Infinity) {
    const out = [];
    for (let t = this.rhead; t && out.length < limit; t = this.rnext[t]) out.push(t);
    return out;
  }

  /**
   * Tasks with a timer, in firing order (deadline, then the order set).
   * @param {number} [limit] at most this many (the first ones)
   * @returns {{task: number, deadline: number}[]}
   */
  timerList(limit = Infinity) {
    const dl = this.deadline, seq = this.tseq, st = this.st;
    const before = (a, b) => dl[a] < dl[b] || (dl[a] === dl[b] && seq[a] < seq[b]);
    const ids = [];
    if (limit < this.timers) { /* the first few of many (100,000 sleepers): keep a sorted few, O(n log limit) */
      let lastD = Infinity, lastS = 0; /* the last one kept, once there are `limit` */
      for (let t = 1; t <= this.maxTask; t++) {
        if (seq[t] < 0 || st[t] !== WAITING) continue;
        if (ids.length === limit && (dl[t] > lastD || (dl[t] === lastD && seq[t] > lastS))) continue;
        let lo = 0, hi = ids.length;
        while (lo < hi) { const mid = (lo + hi) >> 1; if (before(ids[mid], t)) lo = mid + 1; else hi = mid; }
        ids.splice(lo, 0, t);
        if (ids.length > limit) ids.length = limit;
        if (ids.length === limit) { lastD = dl[ids[limit - 1]]; lastS = seq[ids[limit - 1]]; }
      }
    } else {
      for (let t = 1; t <= this.maxTask; t++) if (this.tseq[t] >= 0 && this.st[t] === WAITING) ids.push(t);
      ids.sort((a, b) => this.deadline[a] - this.deadline[b] || this.tseq[a] - this.tseq[b]);
      if (ids.length > limit) ids.length = limit;
    }
    return ids.map((t) => ({ task: t, deadline: this.deadline[t] }));
  }

  /* the waiting tasks of one list, in the order they began to wait */
  list(head) {
    const out = [];
    for (let t = head; t; t = this.wnext[t]) if (this.st[t] === WAITING) out.push(t);
    return out;
  }

  /** Readers waiting for a line of input, in order. */
  inputWaiters() { return this.list(this.ihead); }

  /** Tasks waiting for task `id` to finish (await, gather, wait_for). */
  joiners(id) { return id <= this.maxTask ? this.list(this.jhead[id]) : []; }

  /**
   * One task as a view shows it.
   * @param {number} id
   */
  taskInfo(id) {
    const st = this.st[id], s = this.strings;
    const waiting = st === WAITING;
    const hasTimer = waiting && this.tseq[id] >= 0;
    return {
      id, name: s.names[id] || `task ${id}`, state: STATES[st],
      line: this.line[id], file: s.files[this.file[id]],
      spawnLine: s.spawnLine[id] || 0, spawnFile: s.files[s.spawnFile[id] || 0], parent: s.parent[id] || 0,
      reason: waiting || (st === READY && this.reason[id] === 1 && this.line[id]) ? REASONS[this.reason[id]] : null,
      on: waiting ? this.on[id] : 0,
      until: hasTimer ? this.deadline[id] : null,
      cancelled: this.cancelled[id] === 1, by: this.by[id],
    };
  }

  /** Every task spawned so far (done ones included), in spawn order. */
  tasks() {
    const out = [];
    for (let t = 1; t <= this.maxTask; t++) if (this.st[t]) out.push(this.taskInfo(t));
    return out;
  }

  /** Live queues: {id, size (-1: unknown), capacity, getters, putters}. */
  queues() {
    const out = [];
    for (let o = 1; o <= this.maxObj; o++) {
      if (this.okind[o] !== QUEUE || !this.oalive[o]) continue;
      out.push({ id: o, size: this.osize[o], capacity: this.ocap[o], getters: this.list(this.ohead[o]), putters: this.list(this.phead[o]) });
    }
    return out;
  }

  /** Live events: {id, set, waiters}. */
  events() {
    const out = [];
    for (let o = 1; o <= this.maxObj; o++) {
      if (this.okind[o] !== EVENT || !this.oalive[o]) continue;
      out.push({ id: o, set: this.oset[o] === 1, waiters: this.list(this.ohead[o]) });
    }
    return out;
  }

  /**
   * Cycles of tasks waiting on each other (await, gather, wait_for): each
   * waits on at most one task, so the graph is functional and each cycle is
   * found by walking it once.
   * @returns {number[][]} each cycle in wait order (a waits on b ...)
   */
  cycles() {
    const n = this.maxTask + 1, mark = new Int32Array(n), out = [];
    const next = (t) => {
      if (this.st[t] !== WAITING) return 0;
      const r = this.reason[t];
      return r >= 2 && r <= 4 && this.on[t] > 0 && this.on[t] < n ? this.on[t] : 0;
    };
    for (let s = 1; s < n; s++) {
      if (mark[s] || this.st[s] !== WAITING) continue;
      let t = s;
      while (t && !mark[t]) { mark[t] = s; t = next(t); }
      if (t && mark[t] === s) { /* closed a cycle in this walk */
        const cyc = [t];
        for (let u = next(t); u !== t; u = next(u)) cyc.push(u);
        out.push(cyc);
      }
    }
    return out;
  }

  /**
   * A deadlock: nothing is ready or running, no timer and no reader can wake
   * anyone, and tasks still wait. Null if the loop can go on.
   * @returns {{waiting: number[], cycles: number[][]} | null}
   */
  deadlock() {
    if (this.rcount || this.running || this.timers || this.ihead) return null;
    const waiting = [];
    for (let t = 1; t <= this.maxTask; t++) if (this.st[t] === WAITING) waiting.push(t);
    return waiting.length ? { waiting, cycles: this.cycles() } : null;
  }

  /**
   * The state in wasm/native/inspect.c's dump format (the oracle test compares the two).
   */
  snapshot() {
    const tasks = [];
    for (let t = 1; t <= this.maxTask; t++) {
      const st = this.st[t];
      if (!st || st === DONE) continue;
      const w = st === WAITING;
      tasks.push([t, STATES[st], st === RUNNING ? 0 : this.line[t], this.strings.spawnLine[t] || 0,
        w ? REASONS[this.reason[t]] : null, w ? this.on[t] : 0, this.cancelled[t]]);
    }
    return {
      turn: this.turn, phase: PHASES[this.phase], ready: this.ready(),
      timers: this.timerList().map(({ task, deadline }) => [task, deadline]),
      tasks,
      queues: this.queues().map((q) => [q.id, q.size, q.capacity, q.getters, q.putters]),
      events: this.events().map((e) => [e.id, e.set ? 1 : 0, e.waiters]),
      input: this.inputWaiters(),
    };
  }
}

const TASK_KEYS = Object.keys(TASK_FIELDS), OBJ_KEYS = Object.keys(OBJ_FIELDS);

/**
 * A state kept for later: the task arrays in pages of PAGE tasks, each page
 * an object of one typed array per field, shared with the previous
 * checkpoint when no event touched it since; the objects' arrays and the
 * scalars copied whole (objects are few).
 */
export class Checkpoint {
  /**
   * @param {LoopState} state  with trackPages() on: its dirty pages are copied, then cleared
   * @param {Checkpoint|null} prev  the checkpoint before, whose clean pages are shared
   */
  constructor(state, prev) {
    this.index = state.index;
    this.maxTask = state.maxTask;
    this.maxObj = state.maxObj;
    /** bytes this checkpoint added (its new pages and its objects) */
    this.bytes = 0;
    const n = (state.maxTask >> PAGE_SHIFT) + 1, d = state.dirty;
    this.pages = new Array(n);
    for (let p = 0; p < n; p++) {
      if (prev && p < prev.pages.length && !(d && d[p])) { this.pages[p] = prev.pages[p]; continue; }
      const page = {}, from = p << PAGE_SHIFT;
      for (const k of TASK_KEYS) {
        const T = TASK_FIELDS[k], a = new T(PAGE);
        a.set(state[k].subarray(from, Math.min(from + PAGE, state.taskCap)));
        page[k] = a;
      }
      this.pages[p] = page;
      this.bytes += PAGE * TASK_BYTES;
    }
    if (d) { d.fill(0); state.dirtyCount = 0; }
    this.objs = {};
    for (const k of OBJ_KEYS) {
      this.objs[k] = state[k].slice(0, state.maxObj + 1);
      this.bytes += this.objs[k].byteLength;
    }
    this.scalars = SCALARS.map((k) => state[k]);
    this.exit = state.exit;
    this.strings = state.strings;
  }

  /** Make `s` this checkpoint's state. @param {LoopState} s */
  restoreInto(s) {
    /* A page s holds already: one it has not written since its base (dirty pages tracked) that the base shares with this. */
    const base = s.dirty && s.base && s.strings === this.strings ? s.base : null;
    s.strings = this.strings;
    const cap = this.pages.length << PAGE_SHIFT;
    let fresh = false;
    if (s.taskCap < cap) {
      s.taskCap = cap;
      for (const k of TASK_KEYS) s[k] = new TASK_FIELDS[k](cap);
      fresh = true;
    } else if (s.maxTask >= cap) {
      for (const k of TASK_KEYS) s[k].fill(0, cap, s.maxTask + 1);
    }
    const same = base && !fresh ? base.pages : [], d = s.dirty;
    for (let p = 0; p < this.pages.length; p++) {
      const page = this.pages[p];
      if (same[p] === page && !d[p]) continue;
      const at = p << PAGE_SHIFT;
      for (const k of TASK_KEYS) s[k].set(page[k], at);
    }
    const no = this.maxObj + 1;
    if (s.objCap < no) {
      s.objCap = Math.max(4, no);
      for (const k of OBJ_KEYS) s[k] = new OBJ_FIELDS[k](s.objCap);
    }
    for (const k of OBJ_KEYS) {
      s[k].set(this.objs[k]);
      if (s.maxObj >= no) s[k].fill(0, no, s.maxObj + 1);
    }
    SCALARS.forEach((k, i) => { s[k] = this.scalars[i]; });
    s.exit = this.exit;
    if (s.dirty) { /* what s writes from here on, it writes over this checkpoint's pages */
      const n = (s.taskCap >> PAGE_SHIFT) + 1;
      if (s.dirty.length < n) s.dirty = new Uint8Array(n); else s.dirty.fill(0);
      s.dirtyCount = 0;
    }
    s.base = this;
    return s;
  }
}

/**
 * Events in an array, as a history's source.
 * @param {object[]} events
 */
export function arraySource(events) {
  return { get length() { return events.length; }, at: (i) => events[i] };
}

/**
 * The state after any event of a growing stream, without re-running.
 *
 * Checkpoints (Checkpoint: the pages of tasks that changed) every
 * `interval` events at least, further apart when many tasks changed, so they
 * cost about `bytesPerEvent` bytes per event, but never more than
 * `maxInterval` apart, which bounds a replay; `stateAt(i)` copies the
 * nearest one at or before i and replays the rest.
 */
export class LoopHistory {
  /**
   * @param {{length: number, at: (i: number) => object}} source  the events (e.g. arraySource)
   * @param {object} [opts]
   * @param {number} [opts.interval=4096]    events between checkpoints, at least
   * @param {number} [opts.bytesPerEvent=32] what checkpoints may cost per event
   * @param {number} [opts.maxInterval=16384] events between checkpoints, at most
   */
  constructor(source, { interval = 4096, bytesPerEvent = 32, maxInterval = 16384 } = {}) {
    this.source = source;
    this.interval = interval;
    this.maxInterval = Math.max(interval, maxInterval);
    this.bytesPerEvent = bytesPerEvent;
    this.strings = new Strings();
    /** the state after every event folded so far */
    this.head = new LoopState(this.strings);
    this.head.trackPages();
    /** checkpoints in index order; the first is the empty state */
    this.checkpoints = [new Checkpoint(this.head, null)];
    this.checkpointBytes = this.checkpoints[0].bytes;
    this.scratch = new LoopState(this.strings);
    this.scratch.trackPages();
    /* Checkpoints made during the latest long replay, so stepping back from
     * there replays an eighth of it (they share the pages it did not touch). */
    this.recent = [];
    this.sinceCheckpoint = 0;
  }

  /** Events recorded so far (folded or not). */
  get length() { return this.source.length; }

  /** Fold the events the source has gained, up to `limit` (all by default): folding is lazy, so a
   * stream that floods in costs nothing until someone looks past where the fold is. */
  update(limit = Infinity) {
    const src = this.source, head = this.head;
    for (let i = head.index, n = Math.min(src.length, limit); i < n; i++) {
      head.apply(src.at(i));
      const since = ++this.sinceCheckpoint;
      if (since >= this.interval && (since >= this.maxInterval ||
          since * this.bytesPerEvent >= (head.dirtyCount << PAGE_SHIFT) * TASK_BYTES + (head.maxObj + 1) * 32)) {
        const cp = new Checkpoint(head, this.checkpoints[this.checkpoints.length - 1]);
        this.checkpoints.push(cp);
        this.checkpointBytes += cp.bytes;
        this.sinceCheckpoint = 0;
      }
    }
    return this;
  }

  /** Bytes the checkpoints hold (shared pages once). */
  bytes() { return this.checkpointBytes; }

  /**
   * The state after the first `count` events (0: before any). The returned
   * state is reused by the next call: clone() it to keep it.
   * @param {number} count
   * @returns {LoopState}
   */
  stateAt(count) {
    count = Math.max(0, Math.min(count, this.source.length));
    this.update(count);
    if (count === this.head.index) return this.head;
    const cps = this.checkpoints;
    let lo = 0, hi = cps.length - 1;
    while (lo < hi) { /* the last checkpoint with index <= count */
      const mid = (lo + hi + 1) >> 1;
      if (cps[mid].index <= count) lo = mid; else hi = mid - 1;
    }
    let from = cps[lo];
    for (const r of this.recent) if (r.index <= count && r.index > from.index) from = r;
    const s = this.scratch;
    /* replaying forward from the scratch state is cheaper when it is nearer */
    if (!(s.index <= count && s.index >= from.index)) s.copyFrom(from);
    const span = count - s.index;
    if (span > 2 * this.interval) { /* a long replay: keep eight checkpoints along the way */
      const stride = Math.ceil(span / 8);
      this.recent = [];
      let next = s.index + stride;
      for (let i = s.index; i < count; i++) {
        s.apply(this.source.at(i));
        if (i + 1 === next && next < count) {
          s.base = new Checkpoint(s, s.base);
          this.recent.push(s.base);
          next += stride;
        }
      }
    } else {
      for (let i = s.index; i < count; i++) s.apply(this.source.at(i));
    }
    return s;
  }
}
