/**
 * The inspector's views in Chromium, mounted on their own (the page's
 * wiring is not needed): Step, Back and the slider move a cursor through a
 * run recorded with the virtual clock; the loop panel and the editor's task
 * markers show the state there. Screenshots in both themes and two widths;
 * axe-core finds no violation in the inspector's parts (the editor's own
 * theme is the page's).
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runWasm } from '../../wasm/host/host.js';
import { launch, ROOT, SCREENSHOTS } from './browser.js';

let browser, bundle;
const axe = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

beforeAll(async () => {
  const out = await build({
    entryPoints: [join(ROOT, 'tests', 'browser', 'pages', 'inspector-harness.js')],
    bundle: true, format: 'iife', write: false, logLevel: 'warning',
  });
  bundle = out.outputFiles[0].text;
  browser = await launch();
});
afterAll(() => browser?.close());

const HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Inspector</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>:root { color-scheme: light dark; } body { margin: 0; display: flex; flex-wrap: wrap; font-family: system-ui, sans-serif; }
#editor { flex: 1 1 520px; min-width: 0; } #inspector { flex: 1 1 360px; min-width: 0; }
@media (prefers-color-scheme: dark) { body { background: #1e1e1e; color: #eee; } }</style></head>
<body><main><h1 style="font-size:16px;margin:8px">Inspector</h1><div id="editor"></div><div id="inspector"></div></main></body></html>`;

async function open(example, { dark = false, width = 1280, dir = 'examples' } = {}) {
  const file = join(ROOT, dir === 'examples' ? 'examples' : join('tests', 'programs'), `${example}.c`);
  const wasm = join(ROOT, 'build', 'wasm', dir, `${example}.wasm`);
  const { events } = await runWasm(readFileSync(wasm), { env: { ASYNC_CLOCK: 'virtual' }, input: [] });
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: dark ? 'dark' : 'light' });
  await page.setContent(HTML);
  await page.addScriptTag({ content: bundle });
  await page.evaluate(([code, evs]) => window.mountInspector(code, evs), [readFileSync(file, 'utf8'), events]);
  return { page, events, code: readFileSync(file, 'utf8') };
}

const readyNames = (page) => page.$$eval('.lp-ready li', (els) => els.map((e) => e.textContent.trim()));
const timers = (page) => page.$$eval('.lp-timers li', (els) => els.map((e) => e.textContent.trim()));
const status = (page) => page.textContent('.lp-status');
/** Click Step until `pred` holds in the page (at most `max` steps). */
async function stepUntil(page, pred, arg, max = 200) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate(pred, arg)) return;
    await page.getByRole('button', { name: 'Step', exact: true }).click();
  }
  throw new Error('never got there');
}
/** The 1-based editor line holding a task's marker. */
const markerLine = (page, task) => page.evaluate((t) => {
  const m = document.querySelector(`.cm-task-marker[data-task="${t}"]`);
  return m ? [...document.querySelectorAll('.cm-content .cm-line')].indexOf(m.closest('.cm-line')) + 1 : 0;
}, task);

test('event_loop.c: step, read the loop panel and the markers, scrub back to 0', async () => {
  const { page, code } = await open('event_loop');
  await expect(page.getByRole('region', { name: 'Event loop' }).isVisible()).resolves.toBe(true);
  const first = await page.innerText('.loop-panel');
  expect(await status(page)).toMatch(/^t = 0\.00 s · turn 0 · event 0 of \d+$/);

  /* after the first steps the ready queue lists task_a and task_b */
  await stepUntil(page, () => document.querySelectorAll('.lp-ready li').length === 2);
  expect(await readyNames(page)).toEqual(['task_a', 'task_b']);
  expect(await page.textContent('.lp-line.lp-now')).toContain('task.run_until_await()   # main');

  /* after task_a suspends, its marker sits on the async_sleep(0.5) line */
  await stepUntil(page, () => /task_a sleeps until 0\.50 s/.test(document.querySelector('.lp-sr').textContent));
  const sleepLine = code.split('\n').findIndex((l) => l.includes('async_sleep(0.5)')) + 1;
  expect(await markerLine(page, 2)).toBe(sleepLine);
  const marker = page.locator('.cm-task-marker[data-task="2"]');
  expect(await marker.getAttribute('aria-label')).toBe(`task_a, sleeping, line ${sleepLine}`);
  expect(await marker.textContent()).toBe('task_a · sleeping');
  await page.screenshot({ path: join(SCREENSHOTS, 'inspector-event_loop-light-1280.png') });
  await marker.click();
  expect(await page.evaluate(() => window.selectedTask)).toBe(2);

  /* at t = 0.3 s the timers list task_a at 0.50 */
  await stepUntil(page, () => document.querySelector('.lp-status').textContent.startsWith('t = 0.30 s'));
  expect(await timers(page)).toEqual(['task_a at 0.50 s']);
  expect(await page.textContent('.lp-line.lp-now')).toContain('wake_tasks_whose_timer_is_due()');
  expect(await page.textContent('.lp-sr')).toBe('0.30 s: its timer wakes task_b: it is ready');

  /* Back undoes one event; Home on the slider returns to 0 and the first state */
  const before = await status(page);
  await page.getByRole('button', { name: 'Step back' }).click();
  expect(await status(page)).not.toBe(before);
  await page.getByRole('slider', { name: 'Event' }).focus();
  await page.keyboard.press('Home');
  expect(await page.innerText('.loop-panel')).toBe(first);
  expect(await page.$$('.cm-task-marker')).toHaveLength(0);
  /* Next turn: to the first event of each turn of the loop */
  const nextTurn = page.getByRole('button', { name: 'Next turn' });
  await nextTurn.click();
  expect(await status(page)).toMatch(/^t = 0\.00 s · turn 1 · event 2 of \d+, main running$/);
  await nextTurn.click();
  expect(await status(page)).toMatch(/turn 2 · event \d+ of \d+, task_a running$/);
  expect(await readyNames(page)).toEqual(['task_b']);
  await page.getByRole('slider', { name: 'Event' }).focus();
  await page.keyboard.press('Home');
  /* the keyboard: "." steps, "," steps back, from anywhere but a text field */
  await page.locator('.lp-status').click();
  await page.keyboard.press('.');
  await page.keyboard.press('.');
  expect(await status(page)).toMatch(/event 2 of/);
  await page.keyboard.press(',');
  expect(await status(page)).toMatch(/event 1 of/);
  await page.close();
});

test('a deadlock shows its cycle', async () => {
  const { page } = await open('cycle', { dir: 'programs' });
  await page.getByRole('slider', { name: 'Event' }).focus();
  await page.keyboard.press('End');
  expect(await page.textContent('.lp-deadlock')).toBe('Deadlock: alice → bob → alice wait on each other, and nothing can wake them.');
  expect(await page.$$eval('.lp-waits .lp-cycle', (els) => els.map((e) => e.textContent))).toEqual(['alice', 'bob']);
  await page.close();
});

test('producer_consumer.c: the queue\'s items and its waiting putters', async () => {
  const { page } = await open('producer_consumer');
  await stepUntil(page, () => /putters waiting: producer/.test(document.querySelector('.lp-objects').textContent), null, 400);
  expect(await page.$$eval('.lp-objects li', (els) => els.map((e) => e.textContent)))
    .toEqual([expect.stringMatching(/^queue \d+: 2 of 2 items; getters waiting: none; putters waiting: producer$/)]);
  expect(await page.textContent('.lp-waits')).toMatch(/producer waits to put into queue \d+ \(line \d+\)/);
  await page.close();
});

test.each([[false, 1280], [true, 1280], [false, 390], [true, 390]])('paused event_loop, dark %s, %i px: screenshot, and axe finds nothing', async (dark, width) => {
  const { page } = await open('event_loop', { dark, width });
  await stepUntil(page, () => /task_b sleeps until/.test(document.querySelector('.lp-sr').textContent));
  await page.screenshot({ path: join(SCREENSHOTS, `inspector-event_loop-${dark ? 'dark' : 'light'}-${width}.png`), fullPage: true });
  await page.addScriptTag({ content: axe });
  const violations = await page.evaluate(async () => (await window.axe.run({ include: [['#inspector'], ['.cm-task-marker']] }, { resultTypes: ['violations'] })).violations
    .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.any.map((a) => a.message).join(' ')}`).join(', ')}`));
  expect(violations).toEqual([]);
  await page.close();
});
