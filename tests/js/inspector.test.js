/**
 * The inspector's model and markers on real runs (wasm, virtual clock):
 * what the loop panel and the editor show at a given event of event_loop.c,
 * producer_consumer.c and a deadlock, rebuilt by scrubbing a history.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EditorState } from '@codemirror/state';
import { runWasm } from '../../wasm/host/host.js';
import { LoopHistory, LoopState, arraySource } from '../../web/inspector/loop-state.js';
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

describe('checkpoints of a big state', () => {
  /* 1,000 sleepers woken in a scrambled order, so checkpoints share most pages of tasks and copy the
   * few that moved: a rebuild from them, in any order, equals folding the events from the start. */
  const N = 1000;
  const events = [{ kind: 'spawn', task: 1, time: 0, parent: 0, name: 'main', line: 3 }, { kind: 'run', task: 1, time: 0 }];
  for (let t = 2; t <= N + 1; t++) events.push({ kind: 'spawn', task: t, time: 0, parent: 1, name: `s${t}`, line: 5 });
  events.push({ kind: 'suspend', task: 1, time: 0, reason: 'await', on: N + 1, line: 7, until: -1 });
  const until = (t) => ((t * 7919) % N) / 100;
  for (let t = 2; t <= N + 1; t++) {
    events.push({ kind: 'run', task: t, time: 0 }, { kind: 'suspend', task: t, time: 0, reason: 'sleep', line: 9, until: until(t) });
  }
  const order = Array.from({ length: N }, (_, i) => i + 2).sort((a, b) => until(a) - until(b) || a - b);
  for (const t of order) {
    const time = until(t);
    events.push({ kind: 'wake', task: t, time, by: -1 }, { kind: 'run', task: t, time }, { kind: 'done', task: t, time });
    if (t === N + 1) events.push({ kind: 'wake', task: 1, time, by: t });
  }

  test('a rebuild from shared pages equals the fold from the start, jumping back and forth', () => {
    const history = new LoopHistory(arraySource(events), { interval: 16, maxInterval: 16 });
    history.update();
    expect(history.checkpoints.length).toBeGreaterThan(100);
    /* pages are shared: far less than a full copy of 1,000 tasks per checkpoint */
    expect(history.bytes()).toBeLessThan(history.checkpoints.length * N * 52 / 2);
    const straight = new LoopHistory(arraySource(events), { interval: 1e9 });
    let seed = 7;
    for (let i = 0; i < 40; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const k = seed % (events.length + 1);
      const want = new LoopState().copyFrom(straight.stateAt(k)).snapshot();
      expect({ k, state: history.stateAt(k).snapshot() }).toEqual({ k, state: want });
      expect({ k: k - 1, state: history.stateAt(Math.max(0, k - 1)).snapshot() })
        .toEqual({ k: k - 1, state: straight.stateAt(Math.max(0, k - 1)).snapshot() });
    }
  });
});
