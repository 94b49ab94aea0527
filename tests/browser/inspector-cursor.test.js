/**
 * The inspector's cursor on the timeline, as a learner moves it: a mouse
 * press and drag on the lanes, a touch tap, the arrow keys on the cursor's
 * handle; a click on a lane's slice selects its line in the editor, a click
 * on a marker in the editor selects its lane. event_loop.c on the virtual
 * clock: task_a sleeps on the async_sleep(0.5) line from 0 to 0.5 s, task_b
 * wakes at 0.3 s.
 */
import { useBrowserAndSite, openPage, finished } from './browser.js';

const ctx = useBrowserAndSite();
const ROW = 20; /* timeline-view.js: a lane's height; row 0 of the canvas is the axis */

async function runEventLoop(page) {
  await page.selectOption('#example', 'event_loop');
  if (!(await page.isChecked('#virtual'))) await page.check('#virtual');
  await page.click('#run');
  await finished(page);
  await page.getByRole('region', { name: 'Event loop' }).waitFor();
}

/** Client coordinates of run time t (s) on lane `row` (0: the loop, 1: main, 2: task_a, 3: task_b). */
async function at(page, t, row) {
  return page.evaluate(([t, row, ROW]) => {
    const canvas = document.querySelector('#timeline canvas');
    const r = canvas.getBoundingClientRect();
    const g = Number(document.querySelector('#timeline').dataset.gutter);
    const end = Number(/Finished in ([\d.]+) s/.exec(document.querySelector('#status').textContent)[1]);
    const span = Math.max(end, 0.5) * 1.04;
    return { x: r.left + g + (t / span) * (r.width - g - 8), y: r.top + ROW * (row + 1) + ROW / 2 };
  }, [t, row, ROW]);
}

const status = (page) => page.textContent('.lp-status');
const timers = (page) => page.$$eval('.lp-timers li', (els) => els.map((e) => e.textContent.trim()));
const handle = (page) => page.getByRole('slider', { name: 'Inspector cursor' });
const announced = (page) => page.textContent('#timeline [aria-live="polite"]');
/* The editor's selection, as line numbers (CodeMirror keeps its view on the content's DOM). */
const selectedLines = (page) => page.evaluate(() => {
  const view = document.querySelector('.cm-content').cmTile.root.view;
  const { from, to } = view.state.selection.main;
  return [view.state.doc.lineAt(from).number, view.state.doc.lineAt(to).number];
});
const lineOf = (page, text) => page.evaluate((text) => [...document.querySelectorAll('.cm-content .cm-line')].findIndex((l) => l.textContent.includes(text)) + 1, text);

test('a press on the timeline moves the cursor there, a drag scrubs and is announced where it ends', async () => {
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await openPage(context, ctx.site.url);
  await runEventLoop(page);
  expect(await status(page)).toMatch(/^t = 0\.00 s/);
  expect(await handle(page).getAttribute('aria-valuenow')).toBe('0');

  /* a click on the loop's lane at 0.35 s: the state after everything up to 0.35 s (the 0.3 s wake) */
  const p = await at(page, 0.35, 0);
  await page.mouse.click(p.x, p.y);
  expect(await status(page)).toMatch(/^t = 0\.30 s/);
  expect(await timers(page)).toEqual(['task_a at 0.50 s']);
  /* the handle and the stepper's slider agree, and output printed later is dimmed */
  const k = await handle(page).getAttribute('aria-valuenow');
  expect(await page.getByRole('slider', { name: 'Event' }).inputValue()).toBe(k);
  expect(await page.$$eval('#output .line.out.after-cursor', (els) => els.length)).toBeGreaterThan(0);
  expect(await announced(page)).toBe(`Cursor at ${await handle(page).getAttribute('aria-valuetext')}`);

  /* a drag from 0.05 s to 0.2 s: the panel follows; nothing is announced until the button is released */
  const a = await at(page, 0.05, 0), b = await at(page, 0.2, 0);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.evaluate(() => { document.querySelector('#timeline [aria-live="polite"]').textContent = ''; });
  await page.mouse.move(b.x, b.y, { steps: 5 });
  expect(await status(page)).toMatch(/^t = 0\.00 s/); /* nothing happens between 0 and 0.3 s */
  expect(await timers(page)).toEqual(['task_b at 0.30 s', 'task_a at 0.50 s']);
  expect(await announced(page)).toBe('');
  const c = await at(page, 0.6, 0);
  await page.mouse.move(c.x, c.y, { steps: 3 });
  expect(await timers(page)).toEqual([]);
  await page.mouse.up();
  expect(await announced(page)).toMatch(/^Cursor at event \d+ of \d+, 0\.500 s$/);
  await context.close();
});

test('a touch tap on the timeline moves the cursor', async () => {
  const context = await ctx.browser.newContext({ viewport: { width: 390, height: 900 }, hasTouch: true, isMobile: true });
  const page = await openPage(context, ctx.site.url);
  await runEventLoop(page);
  await page.locator('#timeline canvas').scrollIntoViewIfNeeded();
  const p = await at(page, 0.4, 0);
  await page.touchscreen.tap(p.x, p.y);
  await page.waitForFunction(() => /^t = 0\.30 s/.test(document.querySelector('.lp-status').textContent));
  expect(await timers(page)).toEqual(['task_a at 0.50 s']);
  await context.close();
});

test('the cursor\'s handle takes focus; arrow keys move it one event, and it says where it stopped', async () => {
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await openPage(context, ctx.site.url);
  await runEventLoop(page);
  const first = await page.innerText('.loop-panel');
  await handle(page).focus();
  expect(await page.evaluate(() => document.activeElement.getAttribute('aria-label'))).toBe('Inspector cursor');
  await page.keyboard.press('ArrowRight');
  expect(await handle(page).getAttribute('aria-valuenow')).toBe('1');
  expect(await status(page)).toMatch(/ event 1 of \d+\b/);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await handle(page).getAttribute('aria-valuenow')).toBe('3');
  /* step back = one event back */
  await page.keyboard.press('ArrowLeft');
  expect(await status(page)).toMatch(/ event 2 of \d+\b/);
  await page.waitForFunction(() => /^Cursor at event 2 of \d+, 0\.000 s$/.test(document.querySelector('#timeline [aria-live="polite"]').textContent));
  await page.keyboard.press('End');
  expect(await page.getByRole('button', { name: 'Continue' }).isDisabled()).toBe(true);
  await page.keyboard.press('Home');
  expect(await page.innerText('.loop-panel')).toBe(first);
  await context.close();
});

test('a click on a lane\'s slice selects its line in the editor; a click on a marker selects its lane', async () => {
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await openPage(context, ctx.site.url);
  await runEventLoop(page);
  const sleepLine = await lineOf(page, 'async_sleep(0.5)');
  await runEventLoop(page); /* a second run: its inspector takes over the markers, none drawn twice */
  /* a marker in the editor: at 0.1 s task_b sleeps; a click on its marker selects its lane, its slice told */
  const q = await at(page, 0.1, 0);
  await page.mouse.click(q.x, q.y);
  await page.evaluate(() => { document.querySelector('#timeline [aria-live="polite"]').textContent = ''; });
  expect(await page.locator('.cm-task-marker[data-task="3"]').count()).toBe(1);
  await page.click('.cm-task-marker[data-task="3"]');
  expect(await announced(page)).toMatch(/^task_b: sleeping until 300 ms.*\(task 3 of 3, event \d+ of \d+\)$/);
  expect(await page.isVisible('#timeline .tooltip')).toBe(true);
  expect(await page.textContent('#timeline .tooltip')).toMatch(/^task_b: /);

  /* task_a's lane at 0.4 s: it sleeps there, on the async_sleep(0.5) line */
  const p = await at(page, 0.4, 2);
  await page.mouse.click(p.x, p.y);
  expect(await selectedLines(page)).toEqual([sleepLine, sleepLine]);
  expect(await announced(page)).toMatch(/^Cursor at event \d+ of \d+, 0\.300 s; task_a: sleeping until 500 ms/);

  await context.close();
});
