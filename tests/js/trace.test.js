/**
 * ASYNC_TRACE writes Chrome Trace Event JSON with a named track per task.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers.js';

test('make -s run EX=examples/event_loop.c with ASYNC_TRACE writes a loadable trace', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'trace-')), 't.json');
  const stdout = execFileSync('make', ['-s', 'run', 'EX=examples/event_loop.c'], {
    cwd: ROOT, env: { ...process.env, ASYNC_TRACE: file, ASYNC_CLOCK: 'virtual' }, encoding: 'utf8',
  });
  expect(stdout).toBe('A: start\nB: start\nB: done\nA: done\n');
  const trace = JSON.parse(readFileSync(file, 'utf8'));
  const events = trace.traceEvents;
  const tracks = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [e.args.name, e.tid]));
  expect([...tracks.keys()]).toEqual(expect.arrayContaining(['task_a', 'task_b', 'main', 'event loop']));
  const slices = (task, name) => events.filter((e) => e.ph === 'X' && e.tid === tracks.get(task) && e.name === name);
  // task_b sleeps 0.3 s from t = 0, task_a 0.5 s: exact under the virtual clock (µs).
  expect(slices('task_b', 'sleeping')).toEqual([expect.objectContaining({ ts: 0, dur: 300000 })]);
  expect(slices('task_a', 'sleeping')).toEqual([expect.objectContaining({ ts: 0, dur: 500000 })]);
  const output = events.filter((e) => e.ph === 'i' && e.name === 'output' && e.tid === tracks.get('task_b'));
  expect(output.map((e) => e.args.text)).toEqual(['B: start\n', 'B: done\n']);
  for (const e of events.filter((x) => x.ph === 'X')) expect(e.dur).toBeGreaterThanOrEqual(0);
});
