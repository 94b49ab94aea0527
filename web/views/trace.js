/**
 * trace.js - the event stream as Chrome Trace Event JSON (as wasm/native/trace.c
 * writes natively): a track per task named after it, complete slices for
 * each state, instants for output, cancel and done, red "loop blocked"
 * slices. Opens in Perfetto.
 */
import { createTimeline, applyEvent } from './timeline-model.js';

const NAMES = { sleeping: 'sleeping', ready: 'ready', running: 'running' };

/**
 * @param {Iterable<import('../../wasm/host/host.js').AsyncEvent>} events  read once (an EventLog's events())
 * @returns {object} {displayTimeUnit, traceEvents}
 */
export function toChromeTrace(events) {
  const tl = createTimeline({ laneSegments: Infinity, maxSegments: Infinity });
  const output = [];
  for (const ev of events) {
    applyEvent(tl, ev);
    if (ev.kind === 'output') output.push(ev);
  }
  const us = (s) => Math.round(s * 1e9) / 1e3;
  const out = [
    { ph: 'M', pid: 1, tid: 0, name: 'process_name', args: { name: 'async_run' } },
    { ph: 'M', pid: 1, tid: 0, name: 'thread_name', args: { name: 'event loop' } },
  ];
  for (const lane of tl.lanes) {
    out.push({ ph: 'M', pid: 1, tid: lane.id, name: 'thread_name', args: { name: lane.name } });
    out.push({ ph: 'M', pid: 1, tid: lane.id, name: 'thread_sort_index', args: { sort_index: lane.id } });
    for (const s of lane.segments) {
      const end = s.end === null ? tl.now : s.end;
      const name = NAMES[s.state] || `waiting: ${s.reason}`;
      out.push({ ph: 'X', pid: 1, tid: lane.id, name, ts: us(s.start), dur: us(end - s.start) });
      if (s.blocked) out.push({ ph: 'X', pid: 1, tid: lane.id, name: 'loop blocked', ts: us(s.start), dur: us(end - s.start), cname: 'terrible', args: { ms: s.ms } });
    }
    if (lane.cancelAt !== null) out.push({ ph: 'i', s: 't', pid: 1, tid: lane.id, name: 'cancel', ts: us(lane.cancelAt) });
    if (lane.final) out.push({ ph: 'i', s: 't', pid: 1, tid: lane.id, name: lane.final, ts: us(lane.end) });
  }
  for (const s of tl.loop.segments) {
    if (s.state === 'idle') out.push({ ph: 'X', pid: 1, tid: 0, name: 'idle', ts: us(s.start), dur: us((s.end ?? tl.now) - s.start) });
  }
  for (const ev of output) out.push({ ph: 'i', s: 't', pid: 1, tid: ev.task, name: 'output', ts: us(ev.time), args: { text: ev.text } });
  const exit = tl.end === null ? null : { ph: 'i', s: 'g', pid: 1, tid: 0, name: `exit ${tl.status}`, ts: us(tl.end) };
  if (exit) out.push(exit);
  return { displayTimeUnit: 'ms', traceEvents: out };
}
