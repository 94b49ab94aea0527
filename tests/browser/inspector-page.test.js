/**
 * The inspector in the playground page, as a learner uses it: run
 * event_loop.c on the virtual clock, then Step, Back and scrub through the
 * recorded run; the loop panel, the editor's markers and the output follow
 * the cursor.
 */
import { join } from 'node:path';
import { useBrowserAndSite, openPage, withTestPrograms, SCREENSHOTS, runVirtual } from './browser.js';

const ctx = useBrowserAndSite();

async function runExample(page, name) {
  await page.selectOption('#example', name);
  await runVirtual(page);
  await page.getByRole('region', { name: 'Event loop' }).waitFor();
}

const status = (page) => page.textContent('.lp-status');
const step = (page) => page.getByRole('button', { name: 'Step', exact: true }).click();
async function stepUntil(page, pred, arg, max = 300) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate(pred, arg)) return;
    await step(page);
  }
  throw new Error('never got there');
}

test('event_loop.c in the page: the Done-when steps', async () => {
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await openPage(context, ctx.site.url);
  await runExample(page, 'event_loop');
  /* the run is recorded; the cursor waits at its start, t = 0 */
  expect(await status(page)).toMatch(/^t = 0\.00 s · turn 0 · event 0 of \d+$/);
  const first = await page.innerText('.loop-panel');
  await stepUntil(page, () => document.querySelectorAll('.lp-ready li').length === 2);
  expect(await page.$$eval('.lp-ready li', (els) => els.map((e) => e.textContent.trim()))).toEqual(['task_a', 'task_b']);
  await stepUntil(page, () => /task_a sleeps until 0\.50 s/.test(document.querySelector('.lp-sr').textContent));
  const sleepLine = await page.evaluate(() => [...document.querySelectorAll('.cm-content .cm-line')].findIndex((l) => l.textContent.includes('async_sleep(0.5)')) + 1);
  expect(await page.evaluate(() => {
    const m = document.querySelector('.cm-task-marker[data-task="2"]');
    return m ? [...document.querySelectorAll('.cm-content .cm-line')].indexOf(m.closest('.cm-line')) + 1 : 0;
  })).toBe(sleepLine);
  /* output printed after the cursor is dimmed: only "A: start" has been printed */
  expect(await page.$$eval('#output .line.out:not(.after-cursor) .text', (els) => els.map((e) => e.textContent))).toEqual(['A: start']);
  await stepUntil(page, () => document.querySelector('.lp-status').textContent.startsWith('t = 0.30 s'));
  expect(await page.$$eval('.lp-timers li', (els) => els.map((e) => e.textContent.trim()))).toEqual(['task_a at 0.50 s']);
  await page.screenshot({ path: join(SCREENSHOTS, 'inspector-page-event_loop.png') });
  await page.getByRole('slider', { name: 'Event' }).focus();
  await page.keyboard.press('Home');
  expect(await page.innerText('.loop-panel')).toBe(first);
  await context.close();
});

test('a deadlock in the page shows its cycle', async () => {
  const context = await ctx.browser.newContext();
  const page = await context.newPage();
  await withTestPrograms(page, ['cycle']);
  await page.goto(ctx.site.url);
  await page.locator('#run:not([disabled])').waitFor();
  await runExample(page, 'cycle');
  await page.getByRole('button', { name: 'Continue' }).click();
  expect(await page.textContent('.lp-deadlock')).toBe('Deadlock: alice → bob → alice wait on each other, and nothing can wake them.');
  expect(await status(page)).toMatch(/^t = 0\.20 s/);
  await context.close();
});
