/**
 * browser.js - Debian's Chromium driven by playwright-core (no downloaded
 * browsers), and the built site served on loopback.
 */
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../web/server/serve.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCREENSHOTS = join(ROOT, 'build', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });

/** Launch Chromium; playwright gives every launch a fresh, empty profile. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Serve build/site (or root, or $SITE_ROOT: an older build, to see a test fail) on a free loopback port: {server, url}; compile: false for a plain static host. */
export async function serveSite({ compile = true, root = process.env.SITE_ROOT || join(ROOT, 'build', 'site') } = {}) {
  const server = await serve({ port: 0, root, compile });
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

/**
 * For a test file: Chromium and the served site, started before its tests
 * and closed after them. The returned object is filled in by beforeAll.
 * @returns {{browser: import('playwright-core').Browser, site: {server, url: string}}}
 */
export function useBrowserAndSite() {
  const ctx = {};
  beforeAll(async () => {
    ctx.browser = await launch();
    ctx.site = await serveSite();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    ctx.site?.server.close();
  });
  return ctx;
}

// ---- the playground page, as a user drives it --------------------------------

/** The run ended, one way or another: the status line says how. */
export const finished = (page, timeout = 30000) => page.waitForFunction(
  () => /^(Finished|Ended|Stopped|Crashed|Does not compile|Cannot compile here)/.test(document.querySelector('#status').textContent), null, { timeout });

/** Tick "Virtual clock", click Run, and wait until the run ends (see finished). */
export async function runVirtual(page, timeout) {
  await page.check('#virtual');
  await page.click('#run');
  await finished(page, timeout);
}

/** The program's output lines (not notices). */
export const outputLines = (page) => page.$$eval('#output .line.out .text', (els) => els.map((e) => e.textContent));

/** The editor's text (every line must be rendered: use a tall viewport). */
export const code = (page) => page.$$eval('.cm-content .cm-line', (els) => els.map((e) => e.textContent).join('\n'));

/** Replace the editor's text as a user would: select all, then type (paste) the new text. */
export async function setCode(page, text) {
  await page.click('.cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

/** A new page at url, once its Run button is enabled. */
export async function openPage(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('#run:not([disabled])').waitFor();
  return page;
}

/** The 1-based editor line that holds the first error mark. */
export async function errorMarkLine(page) {
  await page.locator('.cm-lintRange-error').first().waitFor();
  return page.evaluate(() => {
    const line = document.querySelector('.cm-lintRange-error').closest('.cm-line');
    return [...document.querySelectorAll('.cm-content .cm-line')].indexOf(line) + 1;
  });
}

/**
 * Break event_loop.c in the editor (an `int x = ;` after B's first line) and
 * Run: the status says it does not compile and the error mark is on that line
 * or the one before ("expected ';'" lands at the end of the previous line).
 * Returns the broken text.
 */
export async function runBrokenEdit(page) {
  const broken = (await code(page)).replace('puts("B: start");', 'puts("B: start")\n  int x = ;');
  await setCode(page, broken);
  await page.click('#run');
  await finished(page);
  expect(await page.locator('#status').textContent()).toMatch(/^Does not compile/);
  const badLine = broken.split('\n').findIndex((l) => l.includes('int x = ;')) + 1;
  expect([badLine - 1, badLine]).toContain(await errorMarkLine(page));
  return broken;
}

/**
 * Test programs (tests/programs/NAME.c, built to build/wasm/programs) join
 * the page's example list, as if they were shipped.
 */
export async function withTestPrograms(page, names) {
  await page.route('**/examples/index.json', async (route) => {
    const list = await (await route.fetch()).json();
    for (const name of names) list.push({ name, title: `test program ${name}`, seed: false, source: readFileSync(join(ROOT, 'tests', 'programs', `${name}.c`), 'utf8') });
    await route.fulfill({ json: list });
  });
  for (const name of names) {
    await page.route(`**/examples/${name}.wasm`, (route) => route.fulfill({
      body: readFileSync(join(ROOT, 'build', 'wasm', 'programs', `${name}.wasm`)), contentType: 'application/wasm' }));
  }
}

/** Resident memory (bytes) of the largest renderer process of the Chromium this process launched. */
export function rendererRss() {
  const parents = new Map();
  const renderers = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      parents.set(pid, stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) renderers.push(pid);
    } catch { /* gone */ }
  }
  const ours = (pid) => { for (let p = pid; p && p !== '0'; p = parents.get(p)) if (p === String(process.pid)) return true; return false; };
  let max = 0;
  for (const pid of renderers.filter(ours)) {
    try {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
      max = Math.max(max, kb * 1024);
    } catch { /* gone */ }
  }
  return max;
}

/** A promise's value, or `fallback` after `ms`. */
function within(promise, ms, fallback) {
  let timer;
  return Promise.race([promise, new Promise((r) => { timer = setTimeout(() => r(fallback), ms); })]).finally(() => clearTimeout(timer));
}

/** Milliseconds for the page's main thread to answer (a round trip through it); `cap` when it does not within cap. */
export async function roundTrip(page, cap = 60000) {
  const t0 = Date.now();
  await within(page.evaluate(() => 0), cap);
  return Date.now() - t0;
}

/** Click Stop and time (ms, in the page) until the status says Stopped: what a user waits. */
export async function stopLatency(page, cap = 60000) {
  return within(page.evaluate(() => new Promise((resolve) => {
    const start = performance.now();
    document.querySelector('#stop').click();
    const check = () => (/^Stopped/.test(document.querySelector('#status').textContent) ? resolve(performance.now() - start) : requestAnimationFrame(check));
    check();
  })), cap, cap);
}
