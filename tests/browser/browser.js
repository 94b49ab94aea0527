/**
 * browser.js - Debian's Chromium driven by playwright-core (no downloaded
 * browsers), and the built site served on loopback.
 */
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../web/serve.mjs';

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

/** Serve build/site on a free loopback port: {server, url}; compile: false for a plain static host. */
export async function serveSite({ compile = true } = {}) {
  const server = await serve({ port: 0, root: join(ROOT, 'build', 'site'), compile });
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
