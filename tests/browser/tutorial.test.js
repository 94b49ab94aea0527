/**
 * The tutorial, finished against the seeds: count_sync over count_async run
 * together on one time axis (the 3 s run drawn three times as wide as the
 * 1 s run), demos that open on their code (header comment folded,
 * highlighted), vuer's spawn_task named, and the API-requests story told
 * both ways.
 */
import { join } from 'node:path';
import { useBrowserAndSite, SCREENSHOTS } from './browser.js';
import { axeViolations, summarize } from './axe.js';

const env = useBrowserAndSite();

async function open({ colorScheme = 'light', viewport = { width: 1280, height: 900 } } = {}) {
  const context = await env.browser.newContext({ colorScheme, viewport, bypassCSP: true }); /* bypassCSP: axe is injected */
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(`${env.site.url}tutorial.html`);
  return { page, errors, context };
}

const demo = (page, id) => page.locator(`#${id}`);
const shadow = (page, id, fn) => page.evaluate(fn, id);
const out = (page, id) => page.evaluate((i) => [...document.getElementById(i).shadowRoot.querySelectorAll('#output .line.out .text')].map((e) => e.textContent), id);

/**
 * Where the event-loop lane's drawing ends, in CSS px from the time axis's
 * zero: the loop lane spans the whole run, so this is the run's length as drawn.
 */
const drawnLength = (page, id) => page.evaluate((i) => {
  const canvas = document.getElementById(i).shadowRoot.querySelector('#timeline canvas');
  const ratio = canvas.width / canvas.clientWidth;
  const ctx = canvas.getContext('2d');
  const y = Math.round(30 * ratio); // the loop lane: row 1 of 20 px, its middle
  const row = ctx.getImageData(0, y, canvas.width, 1).data;
  let last = -1;
  for (let x = Math.round(110 * ratio); x < canvas.width; x++) if (row[x * 4 + 3] > 30) last = x; // past the 110 px name gutter
  return (last + 1) / ratio - 110;
}, id);

test('count_sync over count_async, run together, on one time scale: the 3 s bar is three times the 1 s bar', async () => {
  const { page, errors, context } = await open();
  const sync = demo(page, 'count-sync');
  const async_ = demo(page, 'count-async');
  // stacked, the same width: one over the other
  const [a, b] = [await sync.boundingBox(), await async_.boundingBox()];
  expect(b.y).toBeGreaterThan(a.y + a.height - 1);
  expect(Math.abs(a.width - b.width)).toBeLessThan(1);
  await sync.scrollIntoViewIfNeeded();
  await page.click('button.run-both[data-demos="count-sync count-async"]');
  // both running at once
  await page.waitForFunction(() => ['count-sync', 'count-async'].every((i) => /^Running/.test(document.getElementById(i).shadowRoot.querySelector('.status').textContent)));
  await page.waitForFunction(() => ['count-sync', 'count-async'].every((i) => /^Finished/.test(document.getElementById(i).shadowRoot.querySelector('.status').textContent)), null, { timeout: 20000 });
  await page.waitForTimeout(200); // the last frame drawn
  // each program reports its own run time: "count_sync.c executed in 3.00 seconds."
  const seconds = async (id) => Number(/executed in ([\d.]+) seconds/.exec((await out(page, id)).join('\n'))[1]);
  const [tSync, tAsync] = [await seconds('count-sync'), await seconds('count-async')];
  const [wSync, wAsync] = [await drawnLength(page, 'count-sync'), await drawnLength(page, 'count-async')];
  expect(wAsync).toBeGreaterThan(50);
  // drawn to one scale: widths in the ratio of the runs' times, and that ratio about 3 as the seed says
  expect(wSync / wAsync).toBeGreaterThan(2.85);
  expect(wSync / wAsync).toBeLessThan(3.15);
  expect(Math.abs(wSync / wAsync - tSync / tAsync) / (tSync / tAsync)).toBeLessThan(0.05);
  await sync.screenshot({ path: join(SCREENSHOTS, 'tutorial-counts-sync.png') });
  await page.locator('figure.compare').screenshot({ path: join(SCREENSHOTS, 'tutorial-counts.png') });
  expect(errors).toEqual([]);
  await context.close();
});

test('demos open on their code: the header comment folded away, the code highlighted, the whole file run', async () => {
  const { page, errors, context } = await open();
  await demo(page, 'api-sequential').scrollIntoViewIfNeeded(); // highlighted once in view
  await page.waitForFunction(() => document.getElementById('api-sequential').shadowRoot.querySelector('.text .tok-keyword') !== null);
  const view = await shadow(page, 'api-sequential', (i) => {
    const r = document.getElementById(i).shadowRoot;
    return { shown: r.querySelector('.text').textContent, open: r.querySelector('details.about').open,
      folded: r.querySelector('details.about pre').textContent, string: r.querySelector('.text .tok-string').textContent };
  });
  expect(view.shown.startsWith('#include <stdio.h>')).toBe(true);
  expect(view.open).toBe(false);
  expect(view.folded).toMatch(/^\/\*\n \* api_sequential\.c - /);
  expect(view.string).toBe('"async.h"');
  // the story told both ways: one request after the other, then both at once
  await page.click('button.run-both[data-demos="api-sequential api-concurrent"]');
  await page.waitForFunction(() => ['api-sequential', 'api-concurrent'].every((i) => /^Finished/.test(document.getElementById(i).shadowRoot.querySelector('.status').textContent)), null, { timeout: 20000 });
  expect((await out(page, 'api-sequential')).slice(0, 3)).toEqual(['request 1: sent to /api/archive (slow)', 'request 1: got 52000 bytes after 1.5 s', 'request 2: sent to /api/latest (fast)']);
  expect((await out(page, 'api-concurrent')).slice(0, 3)).toEqual(['request 1: sent to /api/archive (slow)', 'request 2: sent to /api/latest (fast)', 'request 2: got 800 bytes after 0.4 s']);
  const [wSeq, wCon] = [await drawnLength(page, 'api-sequential'), await drawnLength(page, 'api-concurrent')];
  expect(wSeq / wCon).toBeGreaterThan(1.9 / 1.5 * 0.95);
  expect(wSeq / wCon).toBeLessThan(1.9 / 1.5 * 1.05);
  // vuer's spawn_task is named where background.c appears
  expect(await page.locator('#background p', { hasText: 'sess.spawn_task' }).count()).toBe(1);
  expect(errors).toEqual([]);
  await context.close();
});

describe.each(['light', 'dark'])('tutorial screenshots, %s', (colorScheme) => {
  test('desktop and 390 px, no sideways scroll', async () => {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
      const { page, errors, context } = await open({ colorScheme, viewport });
      await demo(page, 'count-sync').scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
      await page.screenshot({ path: join(SCREENSHOTS, `tutorial-${colorScheme}-${viewport.width}.png`) });
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});

describe.each(['light', 'dark'])('%s', (scheme) => {
  test('the event-loop walkthrough: each numbered step of the text shows the state it describes', async () => {
    const { page, errors, context } = await open({ colorScheme: scheme });
    const demo = page.locator('#event-loop-demo');
    const seen = async () => ({
      time: /^t = ([\d.]+) s/.exec(await demo.locator('.lp-status').textContent())[1],
      ready: await demo.locator('.lp-ready li').allTextContents(),
      timers: await demo.locator('.lp-timers li').allTextContents(),
      shown: await demo.locator('#output .line.out:not(.after-cursor) .text').allTextContents(),
      markers: await demo.locator('.cm-task-marker').evaluateAll((ms) => ms.map((m) => `${m.textContent} @ ${m.closest('.cm-line').textContent.replace(m.textContent, '').trim()}`)),
    });
    const show = async (n) => {
      await page.getByRole('button', { name: `Show step ${n}` }).click();
      await page.waitForFunction((k) => document.querySelector(`button.show-step[aria-current]`)?.textContent === `Show step ${k}`
        && !/event 0 of/.test(document.getElementById('event-loop-demo').shadowRoot.querySelector('.lp-status')?.textContent ?? 'event 0 of'), n, { timeout: 20000 });
      await page.waitForFunction(() => document.getElementById('event-loop-demo').shadowRoot.querySelectorAll('.cm-task-marker').length > 0);
    };
    /* 1. task_a printed "A: start" and sleeps on its async_sleep(0.5) line until 0.50 s; task_b is next */
    await show(1);
    const one = await seen();
    expect([one.time, one.ready, one.timers, one.shown]).toEqual(['0.00', ['task_b'], ['task_a at 0.50 s'], ['A: start']]);
    expect(one.markers).toEqual(expect.arrayContaining(['task_a · sleeping @ async_sleep(0.5);']));
    await page.screenshot({ path: join(SCREENSHOTS, `tutorial-walkthrough-${scheme}-1280.png`) });
    /* 2. task_b printed "B: start" and sleeps too: nothing ready, timers B at 0.30 then A at 0.50 */
    await show(2);
    const two = await seen();
    expect([two.time, two.ready, two.timers, two.shown]).toEqual(['0.00', [], ['task_b at 0.30 s', 'task_a at 0.50 s'], ['A: start', 'B: start']]);
    expect(two.markers).toEqual(expect.arrayContaining(['task_a · sleeping @ async_sleep(0.5);', 'task_b · sleeping @ async_sleep(0.3);']));
    /* 3. after 0.3 s task_b is resumed and prints "B: done"; only task_a's timer is left */
    await show(3);
    const three = await seen();
    expect([three.time, three.timers, three.shown]).toEqual(['0.30', ['task_a at 0.50 s'], ['A: start', 'B: start', 'B: done']]);
    expect(three.markers).toEqual(expect.arrayContaining(['task_b · running (resumed here) @ async_sleep(0.3);']));
    /* 4. after 0.5 s task_a is resumed and prints "A: done"; no timers left */
    await show(4);
    const four = await seen();
    expect([four.time, four.timers, four.shown]).toEqual(['0.50', [], ['A: start', 'B: start', 'B: done', 'A: done']]);
    expect(four.markers).toEqual(expect.arrayContaining(['task_a · running (resumed here) @ async_sleep(0.5);']));
    /* back to step 1: the same state again */
    await show(1);
    expect((await seen()).shown).toEqual(['A: start']);
    expect(summarize(await axeViolations(page))).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    await demo.locator('.loop-panel').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, `tutorial-walkthrough-${scheme}-390.png`) });
    expect((await axeViolations(page)).flatMap((v) => v.nodes)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
