/**
 * The packed event log: every example's stream survives packing exactly,
 * in at most 32 bytes an event; small writes coalesce; the bound keeps
 * what a trace needs and counts the rest; a time finds its index.
 */
import { EventBatch, EventLog, EVENT_BYTES, openBatch } from '../../web/run/event-log.js';
import { createTimeline, applyEvent, applyBatch } from '../../web/views/timeline-model.js';
import { runWasmFile, wasmExample, exampleInput, EXAMPLES } from './helpers.js';

function pack(events, capacity = 8192) {
  const batches = [];
  let b = new EventBatch(16, capacity);
  for (const ev of events) if (b.push(ev)) { batches.push(openBatch(b.seal())); b = new EventBatch(16, capacity); }
  if (b.count) batches.push(openBatch(b.seal()));
  return batches;
}

test.each(EXAMPLES)('%s: the stream survives packing, 31 bytes an event', async (name) => {
  const { events: raw } = await runWasmFile(wasmExample(name), { env: { ASYNC_CLOCK: 'virtual' }, input: exampleInput(name) });
  /* the page runs one source file: the log keeps a call's line, not the file's name */
  const events = raw.map(({ file, ...ev }) => ev);
  expect(events.filter((e) => e.kind === 'suspend').every((e) => e.line > 0)).toBe(true);
  const log = new EventLog();
  for (const b of pack(events)) log.append(b);
  /* a write joins the last output while that is the same task's and stream's and has no newline yet */
  const joined = [];
  let last = null;
  for (const ev of events) {
    if (ev.kind === 'output' && last && last.task === ev.task && last.stream === ev.stream && !last.text.endsWith('\n')) last.text += ev.text;
    else joined.push({ ...ev });
    if (ev.kind === 'output' && joined[joined.length - 1].kind === 'output') last = joined[joined.length - 1];
  }
  expect([...log.events()]).toEqual(joined);
  /* read(i) into one shared record (the inspector's replays) says what get(i) says, field by field */
  const src = log.source();
  const defined = (r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined));
  for (let i = 0; i < log.length; i++) expect({ i, ev: defined(src.at(i)) }).toEqual({ i, ev: joined[i] });
  /* allocated as it grows, not a 65,536-event chunk at once: at most twice what it holds, and 31 bytes an event */
  expect(log.bytes).toBeLessThanOrEqual(Math.max(1024, 2 * log.length) * EVENT_BYTES);
  /* in batches of 7, every event survives as well (fewer joins) */
  const small = new EventLog();
  for (const b of pack(events, 7)) small.append(b);
  expect([...small.events()].filter((e) => e.kind !== 'output')).toEqual(events.filter((e) => e.kind !== 'output'));
  expect([...small.events()].filter((e) => e.kind === 'output').map((e) => e.text).join('')).toBe(events.filter((e) => e.kind === 'output').map((e) => e.text).join(''));
  expect(EVENT_BYTES).toBeLessThanOrEqual(32);
});

test('a flood of one-character writes becomes lines, across the task runs too', () => {
  const b = new EventBatch();
  for (const c of 'hello\nworld\n') {
    b.push({ kind: 'run', task: 1, time: 0 });
    b.push({ kind: 'output', task: 1, time: 0, stream: 1, text: c });
    b.push({ kind: 'suspend', task: 1, time: 0, reason: 'yield' });
  }
  b.push({ kind: 'output', task: 2, time: 0, stream: 1, text: 'x' });
  b.push({ kind: 'output', task: 1, time: 0, stream: 1, text: 'y' });
  const o = openBatch(b.seal());
  expect(o.strings).toEqual(['hello\n', 'world\n', 'x', 'y']);
});

test('the bound: past max, only the essential events are kept, and it says from when', () => {
  const log = new EventLog({ max: 100 });
  const events = [{ kind: 'spawn', task: 1, time: 0, parent: 0, name: 'main' }];
  for (let i = 1; i <= 200; i++) events.push({ kind: 'run', task: 1, time: i / 1000 }, { kind: 'suspend', task: 1, time: i / 1000, reason: 'yield' });
  events.push({ kind: 'output', task: 1, time: 1, stream: 1, text: 'end\n' }, { kind: 'done', task: 1, time: 1, cancelled: false }, { kind: 'exit', task: 0, time: 1, status: 0 });
  const firsts = pack(events, 64).map((b) => log.append(b));
  expect(firsts.filter(Boolean)).toHaveLength(1);
  expect(log.length).toBe(103);
  expect(log.dropped).toBe(events.length - 103);
  expect(log.droppedFrom).toBe(0.05);
  expect([...log.events()].slice(-3).map((e) => e.kind)).toEqual(['output', 'done', 'exit']);
  expect(log.indexAt(0.01)).toBe(19);
});

test('the inspector\'s questions: events up to a time, lines printed up to an event', () => {
  const log = EventLog.of([
    { kind: 'spawn', task: 1, time: 0, parent: 0, name: 'main' },
    { kind: 'output', task: 1, time: 0, stream: 1, text: 'A: start\nB: start\n' },
    { kind: 'run', task: 1, time: 0.3 },
    { kind: 'output', task: 1, time: 0.3, stream: 1, text: 'B: done\n' },
    { kind: 'run', task: 1, time: 0.5 },
    { kind: 'output', task: 1, time: 0.5, stream: 1, text: 'A: done\n' },
    { kind: 'exit', task: 0, time: 0.5, status: 0 },
  ]);
  expect(log.length).toBe(7);
  expect([log.countAt(0), log.countAt(0.29), log.countAt(0.3), log.countAt(0.5), log.countAt(-1)]).toEqual([2, 2, 4, 7, 0]);
  expect([log.indexAt(0.3), log.indexAt(0.31)]).toEqual([2, 4]);
  expect([0, 1, 2, 3, 4, 5, 6, 7].map((i) => log.newlines(0, i))).toEqual([0, 0, 2, 2, 3, 3, 4, 4]);
  expect(log.newlines(2, 6)).toBe(2);
});

test('a busy lane becomes per-column aggregates; a quiet one keeps its segments', () => {
  const tl = createTimeline({ laneSegments: 50 });
  const events = [{ kind: 'spawn', task: 1, time: 0, parent: 0, name: 'main' }, { kind: 'spawn', task: 2, time: 0, parent: 1, name: 'busy' }];
  for (let i = 0; i < 1000; i++) events.push({ kind: 'run', task: 2, time: i / 100 }, { kind: 'suspend', task: 2, time: i / 100 + 0.004, reason: 'yield' });
  const changes = new Set();
  for (const b of pack(events)) applyBatch(tl, b, changes);
  const busy = tl.byId.get(2);
  expect(busy.segments).toBeNull();
  expect(busy.count).toBe(2001);
  expect(tl.byId.get(1).segments).toHaveLength(1);
  expect([...changes].sort()).toEqual([0, 1, 2]);
  /* every column up to 10 s saw the task run and wait */
  const { width, bits } = busy.dense;
  const cols = Math.floor(9.9 / width);
  for (let c = 0; c < cols; c++) expect(bits[c] & 3).toBe(3);
  const whole = createTimeline({ laneSegments: Infinity });
  for (const ev of events) applyEvent(whole, ev);
  expect(whole.byId.get(2).segments).toHaveLength(2001);
});
