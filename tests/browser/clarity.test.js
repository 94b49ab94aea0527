/**
 * A run a learner can follow, in Chromium: same-named tasks are numbered
 * everywhere; names and axis ends are whole; the legend shows what is drawn;
 * red is kept for errors; a key stops a run, and Stop a compile or download;
 * the timeline answers arrow keys and taps; the Input box takes focus and
 * keeps lines typed ahead; a blocked loop turns red while it happens; the
 * phone layout keeps controls in two rows and the timeline near.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBrowserAndSite, serveSite, SCREENSHOTS, finished, outputLines, setCode, openPage, runVirtual } from './browser.js';

const env = useBrowserAndSite();
const ROW = 20; // timeline-view.js: the axis, then a row per lane (the loop first)

async function open(name, { viewport = { width: 1280, height: 900 }, ...opts } = {}) {
  const context = await env.browser.newContext({ viewport, ...opts });
  const page = await openPage(context, `${env.site.url}?example=${name}`);
  return { context, page };
}

test('same-named tasks carry a number in the lanes, the output, the details and the trace', async () => {
  const { context, page } = await open('count_async', { acceptDownloads: true });
  await runVirtual(page);
  expect((await page.$$eval('#timeline li', (els) => els.map((e) => e.dataset.task))).sort()).toEqual(['count', 'count #2', 'count #3', 'event loop', 'main']);
  expect(await page.$$eval('#output .line.out .who', (els) => els.map((e) => e.textContent)))
    .toEqual(['count', 'count #2', 'count #3', 'count', 'count #2', 'count #3', 'main']);
  // keyboard: down to the fourth task lane (loop, main, count, count #2), its first event
  await page.focus('#timeline .scroller');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  expect(await page.locator('#timeline [aria-live="polite"]').textContent()).toMatch(/^count #2: running, 0 ms to 0 ms \(task 3 of 4, event 2 of \d+\)$|^count #2: ready/);
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  expect(await page.locator('#timeline .tooltip').textContent()).toMatch(/^count #2: /);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const trace = JSON.parse(readFileSync(await download.path(), 'utf8'));
  const threads = trace.traceEvents.filter((e) => e.name === 'thread_name').map((e) => e.args.name);
  expect(threads).toEqual(['event loop', 'main', 'count', 'count #2', 'count #3']);
  await context.close();
});

test('long names are whole in the lanes, the axis ends inside the canvas, the legend shows the loop', async () => {
  const { context, page } = await open('background');
  await runVirtual(page);
  const fits = await page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = '12px system-ui, sans-serif';
    return { name: ctx.measureText('background_counter').width, gutter: Number(document.querySelector('#timeline').dataset.gutter) };
  });
  expect(fits.gutter).toBeGreaterThanOrEqual(fits.name + 8);
  // The axis band (its labels) near the right end: something drawn just inside, nothing in the last column.
  const band = await page.$eval('#timeline canvas', (c) => {
    const d = devicePixelRatio || 1;
    const img = c.getContext('2d').getImageData(0, Math.round(3 * d), c.width, Math.round(12 * d));
    const alpha = (x, y) => img.data[(y * img.width + x) * 4 + 3];
    let last = 0;
    let inside = 0;
    for (let y = 0; y < img.height; y++) {
      last += alpha(img.width - 1, y) > 0 ? 1 : 0;
      for (let x = img.width - Math.round(40 * d); x < img.width - Math.round(3 * d); x++) inside += alpha(x, y) > 0 ? 1 : 0;
    }
    return { last, inside };
  });
  expect(band.last).toBe(0); // no label cut at the edge
  expect(band.inside).toBeGreaterThan(0); // the last label ends just inside
  const legend = await page.$$eval('#legend .item', (els) => els.map((e) => e.textContent));
  expect(legend).toEqual(expect.arrayContaining(['running (task colour)', 'blocking the loop', 'loop busy', 'loop idle']));
  await context.close();
});

test('output outside any task is in the text colour, not red; stderr is marked', async () => {
  const { context, page } = await open('event_loop');
  await setCode(page, '#include <stdio.h>\nint main(void) { puts("plain"); fprintf(stderr, "to stderr\\n"); return 0; }\n');
  await runVirtual(page);
  const styles = await page.evaluate(() => {
    const text = (sel) => getComputedStyle(document.querySelector(sel)).color;
    return { body: getComputedStyle(document.body).color, out: text('#output .line.out .text'), err: text('#output .line.err .text'),
      errMark: getComputedStyle(document.querySelector('#output .line.err')).boxShadow,
      errLabel: getComputedStyle(document.querySelector('#output .line.err .who'), '::after').content };
  });
  expect(styles.out).toBe(styles.body);
  expect(styles.err).toBe(styles.body);
  expect(styles.errMark).not.toBe('none');
  expect(styles.errLabel).toMatch(/stderr/);
  await context.close();
});

test('Esc and Ctrl-. stop a run; Stop abandons a compile that has not answered', async () => {
  const { context, page } = await open('input'); // runs until it gets a line
  await page.click('#run');
  await page.locator('#output .line.out').first().waitFor();
  await page.keyboard.press('Escape');
  await finished(page);
  expect(await page.locator('#status').textContent()).toBe('Stopped');
  await page.click('#run');
  await page.locator('#output .line.out').first().waitFor();
  await page.click('.cm-content');
  await page.keyboard.press('Control+.');
  await finished(page);
  expect(await page.locator('#status').textContent()).toBe('Stopped');

  await page.route('**/api/compile', () => {}); // the compile never answers
  await setCode(page, (await page.$$eval('.cm-line', (l) => l.map((e) => e.textContent).join('\n'))).replace('tick %d', 'tock %d'));
  await page.click('#run');
  await page.locator('#stop:not([disabled])').waitFor();
  await page.click('#stop');
  expect(await page.locator('#status').textContent()).toBe('Stopped');
  expect(await page.isDisabled('#stop')).toBe(true);
  expect(await page.locator('#output .line.info').last().textContent()).toMatch(/Stopped before the run/);
  await context.close();
});

test('Stop cancels the compiler\'s download on a static host', async () => {
  const plain = await serveSite({ compile: false });
  try {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.route('**/toolchain/**', (route) => (/llvm\.core\.wasm/.test(route.request().url()) ? undefined : route.continue())); // the download hangs on its biggest file
    const page = await openPage(context, `${plain.url}?example=cancel`);
    await setCode(page, (await page.$$eval('.cm-line', (l) => l.map((e) => e.textContent).join('\n'))).replace('Tick %d', 'Tock %d'));
    await page.click('#run');
    await page.waitForFunction(() => !document.querySelector('#download').hidden);
    await page.click('#stop');
    expect(await page.locator('#status').textContent()).toBe('Stopped');
    expect(await page.isHidden('#download')).toBe(true);
    await context.close();
  } finally {
    plain.server.close();
  }
});

test('a tap on a lane shows its details', async () => {
  const { context, page } = await open('event_loop', { hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });
  await runVirtual(page);
  const box = await page.locator('#timeline canvas').boundingBox();
  const gutter = Number(await page.locator('#timeline').getAttribute('data-gutter'));
  const span = 0.5 * 1.04; // event_loop ends at 0.5 s
  const x = gutter + (0.15 / span) * (box.width - gutter - 8);
  await page.locator('#timeline canvas').tap({ position: { x, y: 4 * ROW + ROW / 2 } }); // task_b's lane: after the axis, the loop, main and task_a
  await page.locator('#timeline .tooltip:not([hidden])').waitFor({ timeout: 2000 });
  expect(await page.locator('#timeline .tooltip').textContent()).toBe('task_b: sleeping until 300 ms, 0 ms to 300 ms');
  await context.close();
});

test('the Input box takes focus when the program waits and keeps a line typed ahead', async () => {
  const { context, page } = await open('event_loop');
  await setCode(page, `#include <stdio.h>
#include "async.h"
static void *amain(void *arg) {
  (void)arg;
  char a[32], b[32];
  puts("first?");
  if (async_read_line(a, sizeof a) < 0) return NULL;
  printf("got %s\\n", a);
  async_sleep(1);
  puts("second?");
  if (async_read_line(b, sizeof b) < 0) return NULL;
  printf("got %s\\n", b);
  return NULL;
}
int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
`);
  await page.click('#run');
  await page.waitForFunction(() => document.activeElement?.id === 'input', null, { timeout: 30000 });
  await page.keyboard.type('one\n'); // typed straight away: the box has the focus
  await page.locator('#output .line.out', { hasText: 'got one' }).waitFor();
  await page.keyboard.type('two\n'); // typed ahead, while the program sleeps
  await finished(page);
  expect(await outputLines(page)).toEqual(['first?', 'got one', 'second?', 'got two']);
  await context.close();
});

test('a task blocking the loop turns red while it happens, with a notice', async () => {
  const { context, page } = await open('count_sync');
  await page.click('#run'); // the real clock: main sleeps 3 s in sleep(), without suspending
  // Read everything in one go, in the page, the moment the notice shows (a loaded machine must not let the run end in between).
  const during = await (await page.waitForFunction((row) => {
    const notice = document.querySelector('#timeline .blocking');
    if (notice.hidden) return null;
    const c = document.querySelector('#timeline canvas');
    const d = devicePixelRatio || 1;
    const gutter = Number(document.querySelector('#timeline').dataset.gutter);
    /* main's lane, along its row: where its stretch begins depends on the machine's speed, and its edges are blended */
    const lane = c.getContext('2d').getImageData(Math.round(gutter * d), Math.round((2 * row + row / 2) * d), c.width - Math.round(gutter * d), 1).data;
    const colours = [];
    for (let i = 0; i < lane.length; i += 4) colours.push(`${lane[i]},${lane[i + 1]},${lane[i + 2]}`);
    const red = colours.includes('224,38,43') ? [224, 38, 43] : [...new Set(colours)]; /* else every colour the lane has, for the message */
    return { status: document.querySelector('#status').textContent, warnings: document.querySelectorAll('#output .line.warning').length, text: notice.textContent, red,
      border: getComputedStyle(notice).borderTopColor };
  }, ROW, { timeout: 10000, polling: 'raf' })).jsonValue();
  expect(during.status).toMatch(/^Running/);
  expect(during.warnings).toBe(0); // the runtime's own report comes only when main suspends, at the end
  expect(during.text).toMatch(/^'main' has run for \d+ ms without suspending/);
  expect(during.red).toEqual([224, 38, 43]);
  expect(during.border).toBe('rgb(224, 38, 43)'); // the notice in the lanes' red
  await finished(page);
  expect(await page.isHidden('#timeline .blocking')).toBe(true);
  await context.close();
});

test('a 390 px phone: controls in two rows, the timeline on the first screen, legend swatches with their labels, a steady header', async () => {
  const { context, page } = await open('count_async', { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  /* the controls; the Help links (Tutorial, API reference, Keyboard shortcuts) are a row of their own, under them */
  const rows = await page.$$eval('header :is(button, select, .clock):not(.links *)', (els) => {
    const tops = els.filter((e) => e.offsetParent).map((e) => e.getBoundingClientRect()).map((r) => r.top + r.height / 2);
    return [...new Set(tops.map((t) => Math.round(t / 12)))].length;
  });
  expect(rows).toBeLessThanOrEqual(2);
  expect(await page.evaluate(() => document.querySelector('#timeline').getBoundingClientRect().top)).toBeLessThan(844);
  const apart = await page.$$eval('#legend .item', (els) => els.filter((e) => {
    const i = e.querySelector('i');
    if (!i) return false;
    return Math.abs(i.getBoundingClientRect().top - e.getBoundingClientRect().top) > 8 || e.getBoundingClientRect().height > 24;
  }).map((e) => e.textContent));
  expect(apart).toEqual([]);
  const before = await page.evaluate(() => document.querySelector('header').getBoundingClientRect().height);
  await runVirtual(page);
  await page.evaluate(() => { document.querySelector('#status').textContent = 'Crashed after 0.12 s of virtual time: see the output, and a long explanation besides'; });
  expect(await page.evaluate(() => document.querySelector('header').getBoundingClientRect().height)).toBe(before);
  await page.screenshot({ path: join(SCREENSHOTS, 'phone-count_async.png'), fullPage: true });
  await context.close();
});
