/**
 * timeline-model.js - folds the runtime's event stream (wasm/host/host.js,
 * AsyncEvent) into lanes of segments, one lane per task plus one for the
 * loop. Pure data, no DOM: the canvas, the accessible list, the trace export
 * and the tests all read the same model. The caller passes a Set to each
 * apply; the ids of the lanes that changed land in it, and the caller hands
 * that set to every view (the model remembers no view).
 *
 * A lane's `name` is the label shown everywhere (lanes, output, tooltips,
 * the trace): the task's name, numbered from its second namesake on
 * ("count", "count #2", "count #3"), so same-named tasks are told apart;
 * `taskName` is the name as the program gave it.
 *
 * A segment is {state, start, end, reason?, until?, code?, blocked?, ms?};
 * `end` is null while it lasts. States: ready, running, sleeping, waiting
 * (reason: one of async.h's wait reasons); a lane ends as done or
 * cancelled. The loop lane (id 0) is busy or idle.
 *
 * Bounded: a lane with more than `laneSegments` segments, and every lane
 * once all lanes hold `maxSegments`, becomes dense: its segments give way
 * to COLUMNS time columns, each a bit set of the states seen in it and the
 * share of it spent running (drawn one pixel column each), the column width
 * doubling as the run goes on.
 * A dense lane keeps its current segment and its count.
 */
import { KINDS, encodeFields } from '../run/event-log.js';
import { WAIT_REASONS } from '../../build/gen/vocab.js';

/** Time columns of a dense lane. */
export const COLUMNS = 1024;
/** Bits of a dense lane's column, by state. */
export const STATE_BITS = { running: 1, ready: 2, sleeping: 4, waiting: 8, blocked: 16, busy: 32, idle: 64 };

/**
 * @param {{laneSegments?: number, maxSegments?: number}} [caps]  Infinity keeps every segment (the trace export)
 * @returns {object} an empty timeline
 */
export function createTimeline({ laneSegments = 500, maxSegments = 1000000 } = {}) {
  const loop = newLane(0, 'event loop', 0);
  loop.loop = true;
  return {
    lanes: [],          // in spawn order
    byId: new Map(),    // task id -> lane
    loop,
    blocked: [],        // {task, name, start, end, ms}
    now: 0,             // latest time seen (seconds)
    end: null,          // time of exit
    status: null,       // exit status
    error: null,        // {message, task, time} of a crash
    waitingForInput: 0, // tasks waiting in async_read_line
    namesakes: new Map(), // task name -> how many tasks had it so far
    segments: 0,        // segments kept, all lanes
    laneSegments,
    maxSegments,
  };
}

function newLane(id, name, parent, taskName = name) {
  return { id, name, taskName, parent, segments: [], dense: null, count: 0, current: null, lastRun: null,
    final: null, cancelAt: null, end: null, error: null, blocked: false };
}

/* Mark [start, end] of a state in a dense lane's columns, widening them as
 * needed; running time is also summed, as a share of each column (0-255). */
function mark(d, bit, start, end) {
  while (end >= d.width * COLUMNS) {
    for (let i = 0; i < COLUMNS / 2; i++) {
      d.bits[i] = d.bits[2 * i] | d.bits[2 * i + 1];
      d.run[i] = (d.run[2 * i] + d.run[2 * i + 1]) >> 1;
    }
    d.bits.fill(0, COLUMNS / 2);
    d.run.fill(0, COLUMNS / 2);
    d.width *= 2;
  }
  const c1 = Math.floor(end / d.width);
  for (let c = Math.floor(start / d.width); c <= c1; c++) {
    d.bits[c] |= bit;
    if (bit === STATE_BITS.running || bit === STATE_BITS.busy) {
      const share = (Math.min(end, (c + 1) * d.width) - Math.max(start, c * d.width)) / d.width;
      d.run[c] = Math.min(255, d.run[c] + Math.ceil(share * 255));
    }
  }
}

const bitOf = (seg) => STATE_BITS[seg.blocked ? 'blocked' : seg.state] || 0;

function densify(tl, lane) {
  const d = { width: 2 ** -20, bits: new Uint8Array(COLUMNS), run: new Uint8Array(COLUMNS) };
  lane.dense = d;
  for (const seg of lane.segments) if (seg.end !== null) mark(d, bitOf(seg), seg.start, seg.end);
  tl.segments -= lane.segments.length;
  lane.segments = null;
}

function close(lane, t) {
  const seg = lane.current;
  if (!seg) return;
  seg.end = t;
  lane.current = null;
  if (lane.dense) mark(lane.dense, bitOf(seg), seg.start, t);
}

function open(tl, lane, state, t, extra, changes) {
  close(lane, t);
  const seg = extra ? Object.assign({ state, start: t, end: null }, extra) : { state, start: t, end: null };
  lane.current = seg;
  lane.count++;
  if (!lane.dense) {
    lane.segments.push(seg);
    if (++tl.segments > tl.maxSegments || lane.segments.length > tl.laneSegments) densify(tl, lane);
  }
  changes?.add(lane.id);
  return seg;
}

/* A wait reason's lane state (sleeping, ready, waiting): async.h's ASYNC_WAIT_MAP. */
const STATE_OF = new Map(WAIT_REASONS.map((r) => [r.name, r.state]));
function stateOf(reason) {
  return STATE_OF.get(reason) || 'waiting';
}

/** The label of a newly spawned task: its name, with "#n" from its second namesake on. */
function labelOf(tl, name) {
  const n = (tl.namesakes.get(name) || 0) + 1;
  tl.namesakes.set(name, n);
  return n === 1 ? name : `${name} #${n}`;
}

/**
 * Apply one packed event (event-log.js): the page's path, no object per event.
 * @param {object} tl  from createTimeline
 * @param {string} kind
 * @param {string|null} s  the event's string (name, text, message)
 * @param {Set<number>} [changes]  receives the ids of the lanes that changed
 */
export function applyPacked(tl, kind, task, t, a, b, s, changes) {
  if (t > tl.now) tl.now = t;
  const lane = tl.byId.get(task);
  switch (kind) {
    case 'spawn': {
      const l = newLane(task, labelOf(tl, s), a, s);
      tl.lanes.push(l);
      tl.byId.set(task, l);
      open(tl, l, 'ready', t, undefined, changes);
      break;
    }
    case 'run':
      if (lane) lane.lastRun = open(tl, lane, 'running', t, undefined, changes);
      if (tl.loop.current?.state !== 'busy') open(tl, tl.loop, 'busy', t, undefined, changes);
      break;
    case 'suspend': {
      if (!lane) break;
      const reason = WAIT_REASONS[a]?.name || String(a);
      open(tl, lane, stateOf(reason), t, reason === 'sleep' ? { reason, until: b } : { reason, ...(reason === 'input' && b === 1 ? { blocks: true } : {}) }, changes);
      if (reason === 'input') tl.waitingForInput++;
      break;
    }
    case 'wake':
      if (!lane) break;
      if (lane.current && lane.current.reason === 'input') tl.waitingForInput--;
      open(tl, lane, 'ready', t, a ? { code: a } : undefined, changes);
      break;
    case 'cancel':
      if (lane) { lane.cancelAt = t; changes?.add(lane.id); }
      break;
    case 'done':
      if (!lane) break;
      close(lane, t);
      lane.final = a ? 'cancelled' : 'done';
      lane.end = t;
      changes?.add(lane.id);
      break;
    case 'blocked': {
      if (!lane) break;
      const seg = lane.lastRun;
      if (seg) {
        seg.blocked = true;
        seg.ms = b;
        if (lane.dense && seg.end !== null) mark(lane.dense, STATE_BITS.blocked, seg.start, seg.end);
      }
      lane.blocked = true;
      tl.blocked.push({ task, name: lane.name, start: seg ? seg.start : t, end: seg && seg.end !== null ? seg.end : t, ms: b });
      changes?.add(lane.id);
      break;
    }
    case 'idle':
      if (tl.loop.current?.state !== 'idle') open(tl, tl.loop, 'idle', t, undefined, changes);
      break;
    case 'error':
      tl.error = { message: s, task, time: t };
      if (lane) { lane.error = { message: s, time: t }; changes?.add(lane.id); }
      break;
    case 'exit':
      tl.end = t;
      tl.status = a;
      for (const l of tl.lanes) if (l.current) { close(l, t); changes?.add(l.id); }
      close(tl.loop, t);
      changes?.add(0);
      tl.waitingForInput = 0;
      break;
    default:
      break;
  }
}

/**
 * Apply one event object.
 * @param {object} tl  from createTimeline
 * @param {import('../../wasm/host/host.js').AsyncEvent} ev
 * @param {Set<number>} [changes]
 */
export function applyEvent(tl, ev, changes) {
  const [a, b, s] = encodeFields(ev);
  applyPacked(tl, ev.kind, ev.task, ev.time, a, b, s, changes);
}

/**
 * Apply every event of an opened batch (event-log.js openBatch).
 * @returns {Set<number>} the lanes that changed
 */
export function applyBatch(tl, batch, changes = new Set()) {
  for (let i = 0; i < batch.count; i++) {
    const s = batch.s[i];
    applyPacked(tl, KINDS[batch.kind[i]], batch.task[i], batch.time[i], batch.a[i], batch.b[i], s < 0 ? null : batch.strings[s], changes);
  }
  return changes;
}

/** The lane drawn on row i: the loop first, then the tasks in spawn order. */
export function laneAt(tl, i) {
  return i === 0 ? tl.loop : tl.lanes[i - 1];
}

/** A lane's state now: its end, or its current segment's state. */
export function laneState(lane) {
  return lane.final || (lane.current ? lane.current.state : lane.segments?.length ? lane.segments[lane.segments.length - 1].state : 'ready');
}

/**
 * A segment's end for drawing: its own, or `now` while it lasts.
 * @param {{end: number|null}} seg
 * @param {number} now
 */
export function segmentEnd(seg, now) {
  return seg.end === null ? Math.max(now, seg.start) : seg.end;
}

const ms = (s) => `${Math.round(s * 1000)} ms`;

/**
 * One line describing a segment, for tooltips and the accessible list.
 * @param {object} lane
 * @param {object} seg
 * @param {number} now
 */
export function describeSegment(lane, seg, now) {
  const what = seg.blocked ? `running, blocking the loop for ${Math.round(seg.ms)} ms`
    : seg.blocks ? 'blocked on input (the loop waits too)'
    : seg.state === 'waiting' ? `waiting (${seg.reason})`
      : seg.state === 'sleeping' ? `sleeping until ${ms(seg.until)}`
        : seg.state;
  const end = seg.end === null ? 'now' : ms(seg.end);
  return `${lane.loop ? 'event loop' : lane.name}: ${what}, ${ms(seg.start)} to ${end}`;
}

/**
 * One line describing column c of a dense lane (many short segments).
 * @param {object} lane  a lane with `dense`
 * @param {number} c
 */
export function describeColumn(lane, c) {
  const { width, bits } = lane.dense;
  const states = Object.entries(STATE_BITS).filter(([, bit]) => bits[c] & bit).map(([name]) => name);
  const busy = Math.round((lane.dense.run[c] / 255) * 100);
  return `${lane.loop ? 'event loop' : lane.name}: ${states.join(', ') || 'nothing'} from ${ms(c * width)} to ${ms((c + 1) * width)}, ${lane.loop ? 'busy' : 'running'} ${busy}% of it (${lane.count.toLocaleString('en')} slices in all: drawn per pixel column)`;
}
