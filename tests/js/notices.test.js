/**
 * The pending-tasks notice: natively on stderr when main returns with tasks
 * still pending (tasks the program cancelled itself not counted); in wasm the
 * runtime stays quiet and the page words the same notice from the event
 * stream (the lanes alive at main's DONE), as this test does with the page's
 * own timeline model.
 */
import { join } from 'node:path';
import { BUILD, EXAMPLES, runNative, runWasmFile, nativeExample, exampleInput } from './helpers.js';
import { createTimeline, applyEvent } from '../../web/views/timeline-model.js';
import { pendingNotice } from '../../web/reference/notices.js';

const NOTICE = '2 tasks were still sleeping when main returned and were cancelled: await or gather them';

test('natively, main returning with two sleepers says so on stderr', async () => {
  const r = await runNative(join(BUILD, 'native', 'programs', 'pending'), { env: { ASYNC_CLOCK: 'virtual' } });
  expect(r.stderr).toBe(`async: ${NOTICE}\n`);
  expect(r.stdout.split('\n')).toEqual(expect.arrayContaining(['main done', 'worker a done at 0.1 s', 'worker b done at 0.1 s']));
  expect(r.status).toBe(0);
});

test('no example leaves a task pending (cancel.c cancels its own, which is not a mistake)', async () => {
  for (const name of EXAMPLES) {
    const r = await runNative(nativeExample(name), { env: { ASYNC_CLOCK: 'virtual' }, input: exampleInput(name) });
    expect([name, r.stderr]).not.toEqual([name, expect.stringContaining('when main returned')]);
  }
});

test('in wasm the runtime is quiet, and the event stream gives the page the same notice', async () => {
  const r = await runWasmFile(join(BUILD, 'wasm', 'programs', 'pending.wasm'), { env: { ASYNC_CLOCK: 'virtual' } });
  expect(r.stderr).toBe('');
  const tl = createTimeline();
  let text = null;
  for (const ev of r.events) {
    applyEvent(tl, ev);
    if (ev.kind === 'done' && ev.task === 1) {
      text = pendingNotice(tl.lanes.filter((l) => !l.final && l.cancelAt === null).map((l) => ({ state: l.current.state })));
    }
  }
  expect(text).toBe(NOTICE);
});
