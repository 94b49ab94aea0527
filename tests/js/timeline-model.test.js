/**
 * The timeline model, fed with the real event streams of the examples.
 */
import { createTimeline, applyEvent, describeSegment } from '../../web/views/timeline-model.js';
import { toChromeTrace } from '../../web/views/trace.js';
import { runWasmFile, wasmExample } from './helpers.js';

async function timelineOf(name, input = []) {
  const { events } = await runWasmFile(wasmExample(name), { env: { ASYNC_CLOCK: 'virtual' }, input });
  const tl = createTimeline();
  for (const ev of events) applyEvent(tl, ev);
  return { tl, events };
}

const lane = (tl, name) => tl.lanes.find((l) => l.name === name);
const states = (l) => l.segments.map((s) => `${s.state}${s.reason && s.state === 'waiting' ? `(${s.reason})` : ''}@${s.start}-${s.end}`);

test('event_loop: a lane per task with exact segments', async () => {
  const { tl } = await timelineOf('event_loop');
  expect(tl.lanes.map((l) => l.name)).toEqual(['main', 'task_a', 'task_b']);
  expect(states(lane(tl, 'task_b'))).toEqual(['ready@0-0', 'running@0-0', 'sleeping@0-0.3', 'ready@0.3-0.3', 'running@0.3-0.3']);
  expect(lane(tl, 'task_a').segments.find((s) => s.state === 'sleeping')).toMatchObject({ start: 0, end: 0.5, until: 0.5 });
  expect(states(lane(tl, 'main'))).toContain('waiting(gather)@0-0.5');
  expect(lane(tl, 'task_a').final).toBe('done');
  expect(tl.end).toBe(0.5);
  expect(tl.status).toBe(0);
});

test('cancel: the cancelled lane ends cancelled at 2.5 s', async () => {
  const { tl } = await timelineOf('cancel');
  const l = lane(tl, 'long_task');
  expect(l.cancelAt).toBe(2.5);
  expect(l.final).toBe('cancelled');
  expect(l.end).toBe(2.5);
  expect(l.segments.filter((s) => s.state === 'sleeping').map((s) => [s.start, s.end])).toEqual([[0, 1], [1, 2], [2, 2.5]]);
});

test('count_sync: one blocked stretch of three seconds', async () => {
  const { tl } = await timelineOf('count_sync');
  expect(tl.blocked).toHaveLength(1);
  expect(tl.blocked[0]).toMatchObject({ name: 'main', start: 0, end: 3 });
  expect(tl.blocked[0].ms).toBeGreaterThanOrEqual(2900);
  const seg = lane(tl, 'main').segments.find((s) => s.blocked);
  expect(describeSegment(lane(tl, 'main'), seg, tl.now)).toMatch(/^main: running, blocking the loop for \d+ ms, 0 ms to 3000 ms$/);
});

test('the loop lane is idle while everyone sleeps', async () => {
  const { tl } = await timelineOf('event_loop');
  expect(tl.loop.segments.map((s) => `${s.state}@${s.start}-${s.end}`)).toEqual(['busy@0-0', 'idle@0-0.3', 'busy@0.3-0.3', 'idle@0.3-0.5', 'busy@0.5-0.5']);
});

test('input: waiting for input is counted while it lasts', async () => {
  const tl = createTimeline();
  const { events } = await runWasmFile(wasmExample('input'), { env: { ASYNC_CLOCK: 'virtual' }, input: ['Ada'] });
  const seen = [];
  for (const ev of events) { applyEvent(tl, ev); seen.push(tl.waitingForInput); }
  expect(Math.max(...seen)).toBe(1);
  expect(tl.waitingForInput).toBe(0);
  expect(states(lane(tl, 'main'))).toContain('waiting(input)@0-0');
});

test('the exported trace has a track per task and exact slices', async () => {
  const { events } = await timelineOf('event_loop');
  const { traceEvents } = toChromeTrace(events);
  const tid = (name) => traceEvents.find((e) => e.name === 'thread_name' && e.args.name === name).tid;
  expect(traceEvents.filter((e) => e.ph === 'X' && e.tid === tid('task_b') && e.name === 'sleeping'))
    .toEqual([expect.objectContaining({ ts: 0, dur: 300000 })]);
  expect(traceEvents.filter((e) => e.name === 'output' && e.tid === tid('task_a')).map((e) => e.args.text)).toEqual(['A: start\n', 'A: done\n']);
  JSON.parse(JSON.stringify({ traceEvents }));
});
