/**
 * The playground in real Chromium: each seed example runs as its seed
 * describes, with its lanes; runaway programs are stopped and capped while
 * the page keeps answering; the phone layout does not scroll sideways.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBrowserAndSite, ROOT, SCREENSHOTS, finished, outputLines, withTestPrograms, runVirtual } from './browser.js';

const env = useBrowserAndSite();

async function open(name, { viewport = { width: 1280, height: 800 }, programs = [] } = {}) {
  const page = await env.browser.newPage({ viewport });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  if (programs.length) await withTestPrograms(page, programs);
  await page.goto(`${env.site.url}?example=${name}`);
  await page.locator('#run:not([disabled])').waitFor();
  return { page, errors };
}

const lanes = (page) => page.$$eval('#timeline li', (els) => Object.fromEntries(els.map((e) => [e.dataset.task, { state: e.dataset.state, blocked: e.dataset.blocked === 'true' }])));
const expected = (name) => readFileSync(join(ROOT, 'examples', `${name}.out`), 'utf8').trimEnd().split('\n');

const SEEDS = {
  event_loop: ['main', 'task_a', 'task_b'],
  cancel: ['main', 'long_task'],
  background: ['main', 'background_counter'],
  count_async: ['main', 'count'],
  count_sync: ['main'],
  api_requests: ['main', 'fetch'],
};

describe.each(Object.entries(SEEDS))('%s', (name, tasks) => {
  test('runs as its seed describes, with a lane per task', async () => {
    const { page, errors } = await open(name);
    await runVirtual(page);
    expect(await page.locator('#status').textContent()).toMatch(/^Finished/);
    expect(await outputLines(page)).toEqual(expected(name));
    const l = await lanes(page);
    for (const task of tasks) expect(Object.keys(l)).toContain(task);
    expect(l['event loop']).toBeDefined();
    if (name === 'cancel') expect(l.long_task.state).toBe('cancelled');
    if (name === 'count_sync') {
      expect(l.main.blocked).toBe(true);
      expect(await page.locator('#output .line.warning').textContent()).toMatch(/blocked the event loop for \d+ ms/);
    }
    if (name === 'event_loop') {
      const tip = await hoverSegment(page, 'task_b', 0.15);
      expect(tip).toMatch(/^task_b: sleeping until 300 ms, 0 ms to 300 ms$/);
    }
    await page.screenshot({ path: join(SCREENSHOTS, `seed-${name}.png`) });
    expect(errors).toEqual([]);
    await page.close();
  });
});

/** Hover the middle of a lane at time t (s) and read the tooltip. */
async function hoverSegment(page, task, t) {
  const box = await page.locator('#timeline canvas').boundingBox();
  const index = await page.$$eval('#timeline li', (els, name) => els.findIndex((e) => e.dataset.task === name), task);
  // lanes: row 0 is the axis, then the loop, then tasks in spawn order (the list has the loop at its position)
  const order = await page.$$eval('#timeline li', (els) => els.map((e) => e.dataset.task));
  const row = ['event loop', ...order.filter((n) => n !== 'event loop')].indexOf(task) + 1;
  expect(index).toBeGreaterThanOrEqual(0);
  const span = await page.evaluate(() => {
    const st = document.querySelector('#status').textContent;
    return Number(/([\d.]+) s/.exec(st)[1]);
  });
  const x = 110 + (t / (Math.max(span, 0.5) * 1.04)) * (box.width - 118);
  await page.mouse.move(box.x + x, box.y + row * 20 + 10);
  await page.locator('#timeline .tooltip:not([hidden])').waitFor({ timeout: 2000 });
  return page.locator('#timeline .tooltip').textContent();
}

test('the real clock shows the seed timing: count_async in about one second', async () => {
  const { page } = await open('count_async');
  await page.click('#run');
  await finished(page);
  const last = (await outputLines(page)).pop();
  const seconds = Number(/executed in ([\d.]+) seconds/.exec(last)[1]);
  // Sleeps never end early; a loaded machine may make them late, so the upper
  // bound only says the three counts ran concurrently (sequential is 3 s).
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThan(1.5);
  await page.close();
});

test('an infinite loop is stopped by Stop within a second, and the page answers meanwhile', async () => {
  const { page } = await open('spin', { programs: ['spin'] });
  await page.click('#run');
  await page.locator('#output .line.out', { hasText: 'spinning' }).waitFor();
  // The page still answers: a click toggles the clock switch while the program spins.
  const t0 = Date.now();
  await page.click('#virtual');
  expect(await page.isChecked('#virtual')).toBe(true);
  expect(Date.now() - t0).toBeLessThan(1000);
  const took = await page.evaluate(() => new Promise((resolve) => {
    const start = performance.now();
    document.querySelector('#stop').click();
    const check = () => (/^Stopped/.test(document.querySelector('#status').textContent) ? resolve(performance.now() - start) : requestAnimationFrame(check));
    check();
  }));
  expect(took).toBeLessThan(1000);
  expect(await page.locator('#output .line.info').last().textContent()).toMatch(/Stopped at .* you pressed Stop/);
  expect(await page.isDisabled('#stop')).toBe(true);
  // The next Run works.
  await page.selectOption('#example', 'event_loop');
  await page.click('#run');
  await finished(page);
  expect(await outputLines(page)).toEqual(expected('event_loop'));
  await page.close();
});

test('an output flood is capped with a visible notice and the program stopped', async () => {
  const { page } = await open('flood', { programs: ['flood'] });
  await page.click('#run');
  await page.locator('#output .line.truncated').waitFor({ timeout: 20000 });
  await finished(page);
  expect(await page.locator('#status').textContent()).toBe('Stopped');
  const rows = await page.locator('#output .line.out').count();
  expect(rows).toBeLessThanOrEqual(10000);
  expect(rows).toBeGreaterThan(1000);
  const t0 = Date.now();
  await page.click('#virtual');
  expect(Date.now() - t0).toBeLessThan(1000);
  await page.screenshot({ path: join(SCREENSHOTS, 'flood.png') });
  await page.close();
});

test('input: the box is active while the program waits for a line, and the ticker keeps ticking', async () => {
  const { page } = await open('input');
  await page.click('#run');
  await page.locator('#input:not([disabled])').waitFor();
  await page.locator('#output .line.out', { hasText: 'tick 2' }).waitFor();
  await page.fill('#input', 'Ada');
  await page.press('#input', 'Enter');
  await finished(page);
  const lines = await outputLines(page);
  expect(lines).toContain('Hello, Ada!');
  expect(lines.indexOf('tick 2')).toBeLessThan(lines.indexOf('Hello, Ada!'));
  expect(await page.isDisabled('#input')).toBe(true);
  await page.close();
});

test('a 390 px phone: no horizontal scroll, editor above output and timeline', async () => {
  const { page, errors } = await open('background', { viewport: { width: 390, height: 844 } });
  await runVirtual(page);
  const { scrollWidth, editorBottom, outputTop, timelineTop } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    editorBottom: document.querySelector('#editor').getBoundingClientRect().bottom,
    outputTop: document.querySelector('#output').getBoundingClientRect().top,
    timelineTop: document.querySelector('#timeline').getBoundingClientRect().top,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(390);
  expect(outputTop).toBeGreaterThanOrEqual(editorBottom);
  expect(timelineTop).toBeGreaterThan(outputTop);
  await page.screenshot({ path: join(SCREENSHOTS, 'phone-background.png'), fullPage: true });
  expect(errors).toEqual([]);
  await page.close();
});

test('export: the trace downloads as Chrome Trace Event JSON', async () => {
  const { page } = await open('event_loop');
  await runVirtual(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const trace = JSON.parse(readFileSync(await download.path(), 'utf8'));
  const names = trace.traceEvents.filter((e) => e.name === 'thread_name').map((e) => e.args.name);
  expect(names).toEqual(expect.arrayContaining(['task_a', 'task_b']));
  await page.close();
});

test('keyboard: Ctrl-Enter in the editor runs the program', async () => {
  const { page } = await open('event_loop');
  await page.check('#virtual');
  await page.click('.cm-content');
  await page.keyboard.press('Control+Enter');
  await finished(page);
  const status = await page.locator('#status').textContent();
  expect({ status, lines: await outputLines(page) }).toEqual({ status: expect.stringMatching(/^Finished/), lines: expected('event_loop') });
  await page.close();
});

test('a program that never suspends: after 5 s the page offers to stop it', async () => {
  const { page } = await open('spin', { programs: ['spin'] });
  await page.click('#run');
  const stall = page.locator('.stall');
  await stall.waitFor({ state: 'visible', timeout: 10000 });
  expect(await stall.textContent()).toMatch(/^Task 'main' has run for \d+ s without suspending/);
  await stall.getByRole('button', { name: 'Let it run' }).click();
  expect(await stall.isHidden()).toBe(true);
  await stall.waitFor({ state: 'visible', timeout: 10000 });
  await stall.getByRole('button', { name: 'Stop it' }).click();
  expect(await page.locator('#status').textContent()).toBe('Stopped');
  expect(await stall.isHidden()).toBe(true);
  await page.close();
}, 40000);

test('a cancelled task that keeps looping is reported as blocking the loop; Stop ends it', async () => {
  const { page } = await open('stubborn', { programs: ['stubborn'] });
  await page.click('#run');
  const stall = page.locator('.stall');
  await stall.waitFor({ state: 'visible', timeout: 10000 });
  expect(await stall.textContent()).toMatch(/^Task 'worker' was cancelled but has run for \d+ s without suspending: it blocks the loop/);
  expect(await outputLines(page)).toEqual(['working', 'working', 'cancelled: tidying up, forever']);
  await stall.getByRole('button', { name: 'Stop it' }).click();
  expect(await page.locator('#status').textContent()).toBe('Stopped');
  await page.close();
}, 40000);

test('a crash is a runtime error naming the task, marked on its lane; the next Run works', async () => {
  const { page } = await open('overflow', { programs: ['overflow', 'divide', 'exit', 'hog', 'null', 'wild'] });
  await runVirtual(page);
  expect(await page.locator('#status').textContent()).toMatch(/^Crashed after .*: see the output$/);
  expect(await page.locator('#output .line.error').textContent()).toContain("runtime error: task 'walker' overflowed its stack (32768 bytes)");
  const walker = page.locator('#timeline li[data-task="walker"]');
  expect(await walker.getAttribute('data-error')).toMatch(/overflowed its stack/);
  await page.screenshot({ path: join(SCREENSHOTS, 'crash-overflow.png') });

  await page.selectOption('#example', 'divide');
  await page.click('#run');
  await finished(page);
  expect(await page.locator('#output .line.error').textContent()).toMatch(/runtime error: task 'divider': division by zero/);

  await page.selectOption('#example', 'exit');
  await page.click('#run');
  await finished(page);
  expect(await page.locator('#status').textContent()).toMatch(/^Ended with status 3/);

  await page.selectOption('#example', 'hog');
  await page.click('#run');
  await finished(page);
  expect(await page.locator('#output .line.error').textContent()).toMatch(/runtime error: task 'hog': out of memory \(limit 2048 MB\): malloc of 67108864 bytes failed/);

  await page.selectOption('#example', 'null');
  await page.click('#run');
  await finished(page);
  expect(await page.locator('#output .line.error').textContent()).toMatch(/runtime error: task 'teller' wrote through a NULL pointer \(to address 4\)/);
  expect(await page.locator('#timeline li[data-task="teller"]').getAttribute('data-error')).toMatch(/NULL pointer/);

  await page.selectOption('#example', 'wild');
  await page.click('#run');
  await finished(page);
  expect(await page.locator('#output .line.error').textContent()).toMatch(/runtime error: task 'scorer': invalid memory access: a null or wild pointer/);

  await page.selectOption('#example', 'event_loop');
  await page.click('#run');
  await finished(page);
  expect(await outputLines(page)).toEqual(expected('event_loop'));
  await page.close();
});
