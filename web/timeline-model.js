/**
 * timeline-model.js - folds the runtime's event stream (wasm/host.js,
 * AsyncEvent) into lanes of segments, one lane per task plus one for the
 * loop. Pure data: the canvas view, the accessible list and the tests all
 * read the same model.
 *
 * A lane's `name` is the label shown everywhere (lanes, output, tooltips,
 * the trace): the task's name, numbered from its second namesake on
 * ("count", "count #2", "count #3"), so same-named tasks are told apart;
 * `taskName` is the name as the program gave it.
 *
 * A segment is {state, start, end, reason?, until?, blocked?, ms?}; `end` is
 * null while it lasts. States: ready, running, sleeping, waiting (reason:
 * one of async.h's wait reasons); a lane ends as done or cancelled. The loop
 * lane is busy or idle.
 */
import { WAIT_REASONS } from '../build/gen/vocab.js';

/**
 * @returns {object} an empty timeline
 */
export function createTimeline() {
  return {
    lanes: [],          // in spawn order
    byId: new Map(),    // task id -> lane
    loop: { segments: [], current: null },
    blocked: [],        // {task, name, start, end, ms}
    now: 0,             // latest time seen (seconds)
    end: null,          // time of exit
    status: null,       // exit status
    error: null,        // {message, task, time} of a crash
    dirty: new Set(),   // lane ids changed since the view last looked
    waitingForInput: 0, // tasks waiting in async_read_line
    namesakes: new Map(), // task name -> how many tasks had it so far
  };
}

function open(tl, lane, state, t, extra) {
  close(lane, t);
  const seg = { state, start: t, end: null, ...extra };
  lane.segments.push(seg);
  lane.current = seg;
  tl.dirty.add(lane.id);
  return seg;
}

function close(lane, t) {
  if (lane.current) {
    lane.current.end = t;
    lane.current = null;
  }
}

function loopState(tl, state, t) {
  const l = tl.loop;
  if (l.current && l.current.state === state) return;
  if (l.current) l.current.end = t;
  l.current = { state, start: t, end: null };
  l.segments.push(l.current);
  tl.dirty.add(0);
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
 * Apply one event to the timeline.
 * @param {object} tl  from createTimeline
 * @param {import('../wasm/host.js').AsyncEvent} ev
 */
export function applyEvent(tl, ev) {
  const t = ev.time;
  if (t > tl.now) tl.now = t;
  const lane = tl.byId.get(ev.task);
  switch (ev.kind) {
    case 'spawn': {
      const l = { id: ev.task, name: labelOf(tl, ev.name), taskName: ev.name, parent: ev.parent, segments: [], current: null,
        final: null, cancelAt: null, end: null, error: null };
      tl.lanes.push(l);
      tl.byId.set(ev.task, l);
      open(tl, l, 'ready', t);
      break;
    }
    case 'run':
      if (lane) open(tl, lane, 'running', t);
      loopState(tl, 'busy', t);
      break;
    case 'suspend':
      if (!lane) break;
      open(tl, lane, stateOf(ev.reason), t, ev.reason === 'sleep' ? { reason: ev.reason, until: ev.until } : { reason: ev.reason });
      if (ev.reason === 'input') tl.waitingForInput++;
      break;
    case 'wake':
      if (!lane) break;
      if (lane.current && lane.current.reason === 'input') tl.waitingForInput--;
      open(tl, lane, 'ready', t, ev.code ? { code: ev.code } : undefined);
      break;
    case 'cancel':
      if (lane) { lane.cancelAt = t; tl.dirty.add(lane.id); }
      break;
    case 'done':
      if (!lane) break;
      close(lane, t);
      lane.final = ev.cancelled ? 'cancelled' : 'done';
      lane.end = t;
      tl.dirty.add(lane.id);
      break;
    case 'blocked': {
      if (!lane) break;
      const seg = [...lane.segments].reverse().find((s) => s.state === 'running');
      if (seg) { seg.blocked = true; seg.ms = ev.ms; }
      tl.blocked.push({ task: ev.task, name: lane.name, start: seg ? seg.start : t, end: seg && seg.end !== null ? seg.end : t, ms: ev.ms });
      tl.dirty.add(lane.id);
      break;
    }
    case 'idle':
      loopState(tl, 'idle', t);
      break;
    case 'error':
      tl.error = { message: ev.message, task: ev.task, time: t };
      if (lane) { lane.error = { message: ev.message, time: t }; tl.dirty.add(lane.id); }
      break;
    case 'exit':
      tl.end = t;
      tl.status = ev.status;
      for (const l of tl.lanes) if (l.current) { close(l, t); tl.dirty.add(l.id); }
      if (tl.loop.current) { tl.loop.current.end = t; tl.loop.current = null; }
      tl.waitingForInput = 0;
      break;
    default:
      break;
  }
}

/**
 * A segment's end for drawing: its own, or `now` while it lasts.
 * @param {{end: number|null}} seg
 * @param {number} now
 */
export function segmentEnd(seg, now) {
  return seg.end === null ? Math.max(now, seg.start) : seg.end;
}

/**
 * One line describing a segment, for tooltips and the accessible list.
 * @param {object} lane
 * @param {object} seg
 * @param {number} now
 */
export function describeSegment(lane, seg, now) {
  const ms = (s) => `${Math.round(s * 1000)} ms`;
  const what = seg.blocked ? `running, blocking the loop for ${Math.round(seg.ms)} ms`
    : seg.state === 'waiting' ? `waiting (${seg.reason})`
      : seg.state === 'sleeping' ? `sleeping until ${ms(seg.until)}`
        : seg.state;
  const end = seg.end === null ? 'now' : ms(seg.end);
  return `${lane.name}: ${what}, ${ms(seg.start)} to ${end}`;
}
