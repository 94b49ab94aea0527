/**
 * <async-c-demo> in Chromium: demos in a third-party page (another origin,
 * hostile CSS) run independently; the tutorial's demos all run; nothing
 * heavy loads before a demo is visible or run; the iframe form works.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, serveSite, ROOT, SCREENSHOTS } from './browser.js';
import { serve } from '../../web/server/serve.mjs';
import { axeViolations } from './axe.js';

let browser;
let site;
let docs; // the third-party origin

beforeAll(async () => {
  browser = await launch();
  site = await serveSite();
  // The docs pages are served for real from a second origin, with {{SITE}} filled in
  // (a page fulfilled by page.route would count as public and be refused loopback).
  const dir = mkdtempSync(join(tmpdir(), 'docs-'));
  for (const f of readdirSync(join(ROOT, 'tests', 'browser', 'pages'))) {
    writeFileSync(join(dir, f), readFileSync(join(ROOT, 'tests', 'browser', 'pages', f), 'utf8').replaceAll('{{SITE}}', site.url));
  }
  const server = await serve({ port: 0, root: dir, compile: false });
  docs = { server, url: `http://127.0.0.1:${server.address().port}/` };
});
afterAll(async () => {
  await browser?.close();
  site?.server.close();
  docs?.server.close();
});

/** Open a page of tests/browser/pages on the docs origin; collect errors and requests. */
async function openDocs(name, { viewport = { width: 1280, height: 900 } } = {}) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  const requests = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${docs.url}${name}`);
  return { page, errors, requests };
}

const demoStatus = (demo) => demo.locator('.status').textContent();
const demoLines = (demo) => demo.locator('#output .line.out .text').allTextContents();
const done = (page, demos) => page.waitForFunction((n) => [...document.querySelectorAll('async-c-demo')].slice(0, n)
  .every((d) => /^(Finished|Ended|Does not|No compile|Stopped)/.test(d.shadowRoot.querySelector('.status').textContent)), demos, { timeout: 30000 });
const expected = (name) => readFileSync(join(ROOT, 'examples', `${name}.out`), 'utf8').trimEnd().split('\n');

test('three demos on a third-party page with hostile CSS run independently and look the same', async () => {
  const { page, errors } = await openDocs('third-party.html');
  const demos = page.locator('async-c-demo');
  await page.waitForFunction(() => [...document.querySelectorAll('async-c-demo')].every((d) => d.shadowRoot?.querySelector('.run')));
  expect(await demos.count()).toBe(3);
  // Inside, the host page's CSS changes nothing: compare with the same demo on a plain page.
  const probe = (d) => d.evaluate((host) => ['.run', 'label', '.status', '.open', '.code pre', '#output', '#timeline canvas', '.panes']
    .map((sel) => { const s = getComputedStyle(host.shadowRoot.querySelector(sel));
      return `${sel} ${[s.display, s.visibility, s.color, s.fontSize, s.fontFamily, s.letterSpacing, s.lineHeight, s.borderTopWidth, s.backgroundColor].join('|')}`; }));
  const hostile = await probe(demos.nth(0));
  const plain = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await plain.goto(`${site.url}embed.html#example=event_loop`);
  await plain.locator('async-c-demo .run').waitFor();
  expect(hostile).toEqual(await probe(plain.locator('async-c-demo')));
  await plain.close();
  expect(await demos.nth(0).locator('#output').isVisible()).toBe(true);

  // Each runs on its own; all three at once.
  for (let i = 0; i < 3; i++) await demos.nth(i).locator('.run').click();
  await done(page, 3);
  expect(await demoLines(demos.nth(0))).toEqual(expected('event_loop'));
  expect(await demoLines(demos.nth(1))).toEqual(expected('cancel'));
  expect(await demoLines(demos.nth(2))).toEqual(['ping 0', 'pong 0', 'ping 1', 'pong 1', 'ping 2', 'pong 2']);
  const lanes = await demos.nth(1).locator('#timeline li').evaluateAll((els) => els.map((e) => `${e.dataset.task}:${e.dataset.state}`));
  expect(lanes).toContain('long_task:cancelled');
  // Stopping one leaves the others alone.
  await demos.nth(0).locator('.virtual').uncheck();
  await demos.nth(0).locator('.run').click();
  await demos.nth(1).locator('.run').click();
  await demos.nth(0).locator('.stop').click();
  await done(page, 2);
  expect(await demoStatus(demos.nth(0))).toBe('Stopped');
  expect(await demoStatus(demos.nth(1))).toMatch(/^Finished/);
  await page.screenshot({ path: join(SCREENSHOTS, 'third-party.png') });
  expect(errors).toEqual([]);
  await page.close();
});

test('nothing heavy loads before a demo is visible or run', async () => {
  const { page, requests } = await openDocs('lazy.html');
  await page.waitForFunction(() => document.querySelectorAll('async-c-demo')[1]?.shadowRoot?.querySelector('.run'));
  await page.waitForTimeout(500);
  // What embed.js imports statically (not its dynamic import of the editor) may load at once.
  const statics = [...readFileSync(join(ROOT, 'build', 'site', 'embed.js'), 'utf8').matchAll(/(?:from|import)\s*"\.\/(chunks\/[^"]+)"/g)].map((m) => m[1]);
  const allowed = new Set(['embed.js', ...statics, 'examples/index.json'].map((p) => `${site.url}${p}`));
  const heavy = (list) => list.filter((u) => u.startsWith(site.url) && !allowed.has(u));
  expect(heavy(requests)).toEqual([]);
  // Scrolled into view, the editable demo loads the editor (once); Run loads the runtime.
  await page.locator('async-c-demo').nth(1).scrollIntoViewIfNeeded();
  await page.locator('async-c-demo').nth(1).locator('.cm-editor').waitFor();
  expect(heavy(requests)).toEqual(expect.arrayContaining([expect.stringContaining('/chunks/editor-')]));
  expect(heavy(requests).some((u) => u.endsWith('worker.js') || u.endsWith('.wasm'))).toBe(false);
  await page.locator('async-c-demo').nth(1).locator('.run').click();
  await page.waitForFunction(() => /^Finished/.test(document.querySelectorAll('async-c-demo')[1].shadowRoot.querySelector('.status').textContent));
  expect(heavy(requests).some((u) => u.endsWith('worker.js'))).toBe(true);
  expect(heavy(requests).some((u) => u.endsWith('/examples/cancel.wasm'))).toBe(true);
  await page.close();
});

test('the tutorial: every demo runs and shows its expected output', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${site.url}tutorial.html`);
  const demos = page.locator('async-c-demo');
  const n = await demos.count();
  expect(n).toBe(8);
  const names = await demos.evaluateAll((els) => els.map((e) => e.getAttribute('example')));
  for (let i = 0; i < n; i++) {
    await demos.nth(i).scrollIntoViewIfNeeded();
    await demos.nth(i).locator('.virtual').check();
    await demos.nth(i).locator('.run').click();
  }
  await done(page, n);
  for (let i = 0; i < n; i++) {
    const lines = await demoLines(demos.nth(i));
    if (names[i]) expect(lines).toEqual(expected(names[i]));
    else expect(lines).toEqual(['alice: step 1', 'bob: step 1', 'alice: step 2', 'bob: step 2', 'alice: step 3', 'bob: step 3', 'both done']);
  }
  expect(errors).toEqual([]);
  for (const [w, h, tag] of [[1280, 900, 'desktop'], [390, 844, 'phone']]) {
    await page.setViewportSize({ width: w, height: h });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SCREENSHOTS, `tutorial-${tag}.png`) });
    await page.evaluate(() => document.querySelector('#sync-vs-async').scrollIntoView());
    await page.screenshot({ path: join(SCREENSHOTS, `tutorial-${tag}-counting.png`) });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(w);
  }
  await page.close();
});

/** Step the demo until fn(shadowRoot) holds. */
async function stepDemoUntil(page, fn, max = 100) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate(`(${fn})(document.querySelector('async-c-demo').shadowRoot)`)) return;
    await page.locator('async-c-demo').getByRole('button', { name: 'Step', exact: true }).click();
  }
  throw new Error(`never: ${fn}`);
}

test('<async-c-demo inspect> on another origin steps through event_loop.c: ready queue, marker, timers, back to 0', async () => {
  const { page, errors, requests } = await openDocs('inspect.html');
  const demo = page.locator('async-c-demo');
  await demo.locator('.run:not([disabled])').waitFor();
  /* light until used: neither the inspector nor the editor load before the first run */
  expect(requests.filter((u) => /\/chunks\/(page|editor)-/.test(u))).toEqual([]);
  await demo.locator('.run').click();
  await demo.locator('.status').filter({ hasText: /^Finished/ }).waitFor({ timeout: 20000 });
  const panel = demo.getByRole('region', { name: 'Event loop' });
  /* the run is recorded and the cursor waits at t = 0 */
  expect(await demo.locator('.lp-status').textContent()).toMatch(/^t = 0\.00 s · turn 0 · event 0 of \d+$/);
  const first = await panel.innerText();
  await stepDemoUntil(page, (r) => r.querySelectorAll('.lp-ready li').length === 2);
  expect(await demo.locator('.lp-ready li').allTextContents()).toEqual(['task_a', 'task_b']);
  await stepDemoUntil(page, (r) => /task_a sleeps until 0\.50 s/.test(r.querySelector('.lp-sr').textContent));
  const marker = demo.locator('.cm-task-marker[data-task="2"]');
  expect(await marker.getAttribute('aria-label')).toMatch(/^task_a, sleeping, line \d+$/);
  expect(await marker.evaluate((m) => m.closest('.cm-line').textContent)).toContain('async_sleep(0.5);');
  expect(await demo.locator('#output .line.out:not(.after-cursor) .text').allTextContents()).toEqual(['A: start']);
  await stepDemoUntil(page, (r) => r.querySelector('.lp-status').textContent.startsWith('t = 0.30 s'));
  expect(await demo.locator('.lp-timers li').allTextContents()).toEqual(['task_a at 0.50 s']);
  /* back to 0 restores the first state */
  await demo.getByRole('slider', { name: 'Event' }).focus();
  await page.keyboard.press('Home');
  expect(await panel.innerText()).toBe(first);
  /* the step keys work inside the demo: . steps, , steps back */
  await demo.locator('#output').focus();
  await page.keyboard.press('.');
  await page.keyboard.press('.');
  await page.keyboard.press(',');
  expect(await demo.locator('.lp-status').textContent()).toMatch(/ · event 1 of /);
  /* paused, in both schemes and on a phone: looked at, and no axe violations */
  await stepDemoUntil(page, (r) => r.querySelector('.lp-status').textContent.startsWith('t = 0.30 s'));
  /* "Open in playground" takes the moment along: the playground replays the run and lands there */
  const here = await demo.locator('.lp-status').textContent();
  const [playground] = await Promise.all([page.context().waitForEvent('page'), demo.locator('.open').click()]);
  await playground.waitForFunction((s) => document.querySelector('.lp-status')?.textContent === s, here, { timeout: 20000 });
  expect(await playground.locator('.lp-timers li').allTextContents()).toEqual(['task_a at 0.50 s']);
  await playground.close();
  for (const [colorScheme, width] of [['light', 1280], ['dark', 1280], ['dark', 390], ['light', 390]]) {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
    await page.waitForFunction((s) => document.querySelector('async-c-demo').shadowRoot.querySelector('.panes').dataset.theme === s, colorScheme);
    await demo.locator('.lp-stepper').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, `embed-inspect-${colorScheme}-${width}.png`) });
    expect((await axeViolations(page)).flatMap((v) => v.nodes.map((n) => `${v.id} ${n}`))).toEqual([]);
  }
  expect(errors).toEqual([]);
  await page.close();
});

test('the iframe form runs an example and reports its height', async () => {
  const page = await browser.newPage();
  await page.setContent(`<iframe src="${site.url}embed.html#example=background&clock=virtual&autorun&inspect" style="width:700px;height:600px"></iframe>
    <script>window.heights = []; addEventListener('message', (e) => { if (e.data && e.data.type === 'async-c-demo:height') heights.push(e.data.height); });</script>`);
  const frame = page.frameLocator('iframe');
  await frame.locator('async-c-demo .status').filter({ hasText: /^Finished/ }).waitFor({ timeout: 20000 });
  expect(await frame.locator('async-c-demo #output .line.out .text').allTextContents()).toEqual(expected('background'));
  /* inspect: the Event loop panel, paused at the start of the run */
  expect(await frame.locator('async-c-demo .lp-status').textContent()).toMatch(/^t = 0\.00 s · turn 0 · event 0 of \d+$/);
  expect(await page.evaluate(() => Math.max(...window.heights))).toBeGreaterThan(200);
  await page.close();
});
