/**
 * The page under the busiest programs (tests/programs): a yield loop, a
 * 1 ms ticker, one flushed character at a time, and 100,000 sleepers. The
 * page keeps answering, Stop works within a second, memory stays bounded
 * and the sleepers finish soon after the runtime does. Bounds are loose
 * (the machine is shared); `node tests/bench/flood.mjs` measures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBrowserAndSite, SCREENSHOTS, withTestPrograms, roundTrip, stopLatency, outputLines, rendererRss } from './browser.js';

const env = useBrowserAndSite();
const PROGRAMS = ['yielder', 'ticker', 'chars', 'sleepers'];

async function open(name, { colorScheme = 'light' } = {}) {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await withTestPrograms(page, PROGRAMS);
  await page.goto(`${env.site.url}?example=${name}`);
  await page.locator('#run:not([disabled])').waitFor();
  return { page, errors };
}

/** Run for `seconds`, probing the main thread every 250 ms: the longest round trip (ms). */
async function busyFor(page, seconds) {
  await page.click('#run');
  const t0 = Date.now();
  let worst = 0;
  while (Date.now() - t0 < seconds * 1000) {
    worst = Math.max(worst, await roundTrip(page, 20000));
    await new Promise((r) => { setTimeout(r, 250); });
  }
  return worst;
}

async function heapMB(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'JSHeapUsedSize').value / 1e6;
}

test('a yield loop: the page answers, Stop ends it within a second, and the trace ends with the exit', async () => {
  const { page, errors } = await open('yielder');
  const worst = await busyFor(page, 5);
  /* A frozen page never answers (60 s and more before the event log); on a
   * quiet machine the worst probe is tens of ms, but a probe crosses CDP,
   * which a loaded machine alone can delay past a second. */
  expect(worst).toBeLessThan(2000);
  // A click is answered: the clock switch toggles at once.
  const t0 = Date.now();
  await page.click('#virtual', { timeout: 5000 });
  expect(await page.isChecked('#virtual')).toBe(true);
  expect(Date.now() - t0).toBeLessThan(1000);
  expect(await heapMB(page)).toBeLessThan(500);
  expect(rendererRss() / 1e6).toBeLessThan(500); /* the worker lives in the renderer too */
  await page.screenshot({ path: join(SCREENSHOTS, 'flood-yielder-running.png') });
  expect(await stopLatency(page, 20000)).toBeLessThan(1000);
  /* Batches taken before the Stop may still add the log-full notice after it. */
  expect((await page.locator('#output .line.info .text').allTextContents()).filter((t) => /^Stopped at [\d.]+ s: you pressed Stop\.$/.test(t))).toHaveLength(1);
  // Over a million events: the log says it dropped detail; the timeline still shows the lane.
  expect(await page.locator('#output .line.info', { hasText: 'The event log is full' }).count()).toBe(1);
  expect(await page.locator('#timeline li[data-task="spinner"]').getAttribute('data-segments')).toMatch(/slices, drawn per pixel column/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const trace = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(trace.traceEvents.filter((e) => /^exit /.test(e.name)).map((e) => e.name)).toEqual(['exit 130']);
  expect(errors).toEqual([]);
  await page.close();
}, 60000);

test('100,000 sleepers: "Finished" soon after Run, and the lanes are listed up to a bound', async () => {
  const { page, errors } = await open('sleepers');
  const t0 = Date.now();
  await page.click('#run');
  await page.locator('#status', { hasText: /^Finished/ }).waitFor({ timeout: 15000 });
  expect(Date.now() - t0).toBeLessThan(15000);
  expect(await outputLines(page)).toEqual(['100000 sleepers woke']);
  expect(await page.locator('#timeline li').last().textContent()).toMatch(/^and [\d,]+ more tasks/);
  expect(await roundTrip(page)).toBeLessThan(1000);
  expect(errors).toEqual([]);
  await page.close();
}, 60000);

test('a 1 ms ticker: the page answers and Stop works, on the real clock and on the virtual one (minutes of ticks in seconds)', async () => {
  const { page } = await open('ticker');
  expect(await busyFor(page, 3)).toBeLessThan(1000);
  expect(await outputLines(page)).toContain('tick 1000');
  expect(await stopLatency(page, 20000)).toBeLessThan(1000);
  await page.check('#virtual');
  expect(await busyFor(page, 4)).toBeLessThan(1000);
  expect(await outputLines(page)).toContain('tick 20000');
  expect(await stopLatency(page, 20000)).toBeLessThan(1000);
  await page.close();
}, 60000);

test('one flushed character at a time: the page answers and shows whole lines', async () => {
  const { page } = await open('chars', { colorScheme: 'dark' });
  expect(await busyFor(page, 3)).toBeLessThan(1000);
  await page.screenshot({ path: join(SCREENSHOTS, 'flood-chars-dark.png') });
  const lines = await outputLines(page);
  expect(lines.length).toBeGreaterThan(10);
  for (const line of lines.slice(0, 10)) expect(line).toHaveLength(63);
  if (!/^Stopped/.test(await page.locator('#status').textContent())) expect(await stopLatency(page, 20000)).toBeLessThan(1000);
  await page.close();
}, 60000);
