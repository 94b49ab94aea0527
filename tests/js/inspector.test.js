/**
 * The inspector's model and markers on real runs (wasm, virtual clock):
 * what the loop panel and the editor show at a given event of event_loop.c,
 * producer_consumer.c and a deadlock, rebuilt by scrubbing a history.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EditorState } from '@codemirror/state';
import { runWasm } from '../../wasm/host/host.js';
import { LoopHistory, arraySource } from '../../web/inspector/loop-state.js';
import { markersFor, setTaskMarkers, shownMarkers, taskMarkers } from '../../web/inspector/markers.js';
import { describeEvent, waitText } from '../../web/inspector/describe.js';
import { BUILD, ROOT } from './helpers.js';

async function record(file) {
  const { events } = await runWasm(readFileSync(file), { env: { ASYNC_CLOCK: 'virtual' }, input: [] });
  const history = new LoopHistory(arraySource(events), { interval: 4 });
  history.update();
  return { events, history };
}

const names = (s, ids) => ids.map((id) => s.strings.names[id]);
const lineOf = (src, text) => src.split('\n').findIndex((l) => l.includes(text)) + 1;
/** The first event count after which `pred(state)` holds. */
function firstWhere(history, pred) {
  for (let k = 0; k <= history.length; k++) if (pred(history.stateAt(k))) return k;
  return -1;
}

describe('event_loop.c', () => {
  const src = readFileSync(join(ROOT, 'examples', 'event_loop.c'), 'utf8');
  let run;
  beforeAll(async () => { run = await record(join(BUILD, 'wasm', 'examples', 'event_loop.wasm')); });

  test('after the first steps the ready queue lists task_a and task_b, in that order', () => {
    const k = firstWhere(run.history, (s) => s.ready().length === 2);
    const s = run.history.stateAt(k);
    expect(names(s, s.ready())).toEqual(['task_a', 'task_b']);
    expect(s.taskInfo(1)).toMatchObject({ name: 'main', state: 'running' });
    /* then main suspends in gather, waiting on task_a, at the gather's line */
    const after = run.history.stateAt(k + 2);
    expect(after.taskInfo(1)).toMatchObject({ state: 'waiting', reason: 'gather', on: 2, line: lineOf(src, 'async_gather(') });
    expect(after.phase).toBe(0);
  });

  test('after task_a suspends, its marker sits on the async_sleep(0.5) line', () => {
    const k = firstWhere(run.history, (s) => s.st[2] === 3);
    const s = run.history.stateAt(k);
    const marker = markersFor(s).find((m) => m.name === 'task_a');
    expect(marker).toMatchObject({ line: lineOf(src, 'async_sleep(0.5)'), text: 'task_a · sleeping' });
    expect(marker.label).toBe(`task_a, sleeping, line ${lineOf(src, 'async_sleep(0.5)')}`);
    /* in an editor: the extension shows it there */
    const ext = taskMarkers();
    let state = EditorState.create({ doc: src, extensions: [ext] });
    state = state.update({ effects: setTaskMarkers.of(markersFor(s)) }).state;
    expect(shownMarkers(state, ext)).toEqual(expect.arrayContaining([
      { task: 2, line: lineOf(src, 'async_sleep(0.5)'), text: 'task_a · sleeping' }]));
    /* an edit above moves the marker with its line */
    state = state.update({ changes: { from: 0, insert: '// a new first line\n' } }).state;
    expect(shownMarkers(state, ext).find((m) => m.task === 2).line).toBe(lineOf(src, 'async_sleep(0.5)') + 1);
  });

  test('at t = 0.3 s the timers list task_a at 0.50 and the loop is firing timers', () => {
    const k = firstWhere(run.history, (s) => s.time >= 0.3);
    const s = run.history.stateAt(k);
    expect(run.events[k - 1]).toMatchObject({ kind: 'wake', by: -1 });
    expect(s.timerList().map(({ task, deadline }) => [s.strings.names[task], deadline])).toEqual([['task_a', 0.5]]);
    expect(s.phase).toBe(1);
    expect(describeEvent(run.events[k - 1], s)).toBe('its timer wakes task_b: it is ready');
    expect(names(s, s.ready())).toEqual(['task_b']);
  });

  test('scrubbing back to 0 restores the first state, and forward again the same states', () => {
    const n = run.history.length;
    const first = JSON.stringify(run.history.stateAt(0).snapshot());
    const all = [];
    for (let k = 0; k <= n; k++) all.push(JSON.stringify(run.history.stateAt(k).snapshot()));
    for (let k = n; k >= 0; k--) expect(JSON.stringify(run.history.stateAt(k).snapshot())).toBe(all[k]);
    expect(JSON.stringify(run.history.stateAt(0).snapshot())).toBe(first);
    expect(run.history.stateAt(0).tasks()).toEqual([]);
  });
});

test('producer_consumer.c: the queue\'s items and its waiting putters at a chosen moment', async () => {
  const { history } = await record(join(BUILD, 'wasm', 'examples', 'producer_consumer.wasm'));
  /* the moment the producer first waits on a full queue */
  const k = firstWhere(history, (s) => s.queues().some((q) => q.putters.length > 0));
  expect(k).toBeGreaterThan(0);
  const s = history.stateAt(k);
  const [q] = s.queues();
  expect(q).toMatchObject({ size: 2, capacity: 2, getters: [] });
  expect(names(s, q.putters)).toEqual(['producer']);
  expect(waitText(s, s.taskInfo(q.putters[0]))).toBe(`waits to put into queue ${q.id}`);
  /* both consumers are asleep working on jobs 1 and 2 */
  expect(names(s, s.timerList().map((t) => t.task)).sort()).toEqual(['consumer_1', 'consumer_2']);
});

test('a deadlock: the cycle of tasks that await each other', async () => {
  const { events, history } = await record(join(BUILD, 'wasm', 'programs', 'cycle.wasm'));
  expect(events.at(-1)).toMatchObject({ kind: 'exit', status: 0 }); /* async_run said ASYNC_EDEADLK */
  const s = history.stateAt(history.length);
  const dead = s.deadlock();
  expect(dead).not.toBeNull();
  expect(names(s, dead.waiting)).toEqual(['main', 'alice', 'bob']);
  expect(dead.cycles.map((c) => names(s, c).sort())).toEqual([['alice', 'bob']]);
  /* not before: while bob still sleeps, alice's wait is no deadlock */
  const k = firstWhere(history, (x) => x.st[2] === 3 && x.taskInfo(2).reason === 'await');
  expect(history.stateAt(k).deadlock()).toBeNull();
});
