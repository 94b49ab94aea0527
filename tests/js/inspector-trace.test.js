/**
 * The native Chrome trace (ASYNC_TRACE) carries where each task is: a
 * waiting slice has the line and file of the call and what it waits on, a
 * ready slice after a wake says who woke the task, a task's first slice the
 * line of its spawn.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILD } from './helpers.js';

test('event_loop.c: slices carry lines, waits and wakers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trace-'));
  const file = join(dir, 't.json');
  execFileSync(join(BUILD, 'native', 'examples', 'event_loop'), { env: { ...process.env, ASYNC_TRACE: file, ASYNC_CLOCK: 'virtual' } });
  const events = JSON.parse(readFileSync(file, 'utf8')).traceEvents;
  rmSync(dir, { recursive: true, force: true });
  const tid = (name) => events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === name).tid;
  const slices = (task, name) => events.filter((e) => e.ph === 'X' && e.tid === tid(task) && e.name === name);
  const [sleepA] = slices('task_a', 'sleeping');
  expect(sleepA.args).toEqual({ line: 14, file: expect.stringMatching(/event_loop\.c$/) });
  expect(slices('task_b', 'sleeping')[0].args.line).toBe(22);
  /* spawned at line 29; woken by its timer */
  expect(slices('task_a', 'ready').map((s) => s.args)).toEqual([
    { line: 29, file: expect.stringMatching(/event_loop\.c$/) }, { woken_by: 'timer' }]);
  /* main waits in gather on task_a (id 2) and is woken by it */
  const main = slices('main', 'waiting: gather');
  expect(main[0].args).toMatchObject({ line: 29, on: 2 });
  expect(slices('main', 'ready').at(-1).args).toEqual({ woken_by: 2 });
});
