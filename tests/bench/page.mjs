/**
 * page.mjs - the playground page measured in Chromium on loopback:
 * navigation to the first output line of event_loop.c (Run pressed as soon
 * as it is enabled), bytes transferred (gzip) for the page, editor and one
 * example, and frame times while 1,000 tasks stream into the timeline.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { launch, serveSite, ROOT } from '../browser/browser.js';

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };

/** @returns {Promise<object>} the page's figures */
export async function measurePage({ runs = 5 } = {}) {
  const browser = await launch();
  const site = await serveSite();
  try {
    const firstOutput = [];
    let bytes = null;
    for (let i = 0; i < runs; i++) {
      const sizes = bytes ? null : new Map();
      firstOutput.push(await navigationToFirstOutput(browser, site.url, sizes));
      if (!bytes) bytes = Object.fromEntries(sizes);
    }
    const frames = await streamFrames(browser, site.url);
    const total = Object.values(bytes).reduce((s, b) => s + b.gzip, 0);
    return {
      first_output_ms: { median: median(firstOutput), runs: firstOutput },
      transfer_gzip_bytes: total,
      transfer: bytes,
      frames_1000_tasks: frames,
    };
  } finally {
    await browser.close();
    site.server.close();
  }
}

/**
 * Navigation to the first output line of event_loop.c in a fresh context (an
 * empty cache), Run pressed as soon as it is enabled, the page served at url.
 * @param {Map<string, {raw: number, gzip: number}>} [sizes]  filled with each response's size, by path
 * @returns {Promise<number>} ms
 */
export async function navigationToFirstOutput(browser, url, sizes = null) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    if (sizes) {
      page.on('response', async (r) => {
        try { const b = await r.body(); sizes.set(new URL(r.url()).pathname, { raw: b.length, gzip: gzipSync(b).length }); } catch { /* redirects */ }
      });
    }
    await page.goto(`${url}?example=event_loop`);
    await page.locator('#run:not([disabled])').waitFor();
    await page.click('#run');
    await page.locator('#output .line.out').first().waitFor();
    const ms = await page.evaluate(() => performance.now() - performance.getEntriesByType('navigation')[0].startTime);
    await page.waitForFunction(() => /^Finished/.test(document.querySelector('#status').textContent));
    return ms;
  } finally {
    await context.close();
  }
}

/**
 * Frame times while 1,000 tasks stream into the timeline (tests/programs/many.c
 * of `root`, the tree whose site is served at `url`), the page as it opens.
 * @returns {Promise<{lanes: number, frames: number, median_ms: number, p95_ms: number, max_ms: number}>}
 */
export async function streamFrames(browser, url, root = ROOT) {
  const page = await browser.newPage();
  try {
    await page.route('**/examples/index.json', async (route) => {
      const list = await (await route.fetch()).json();
      list.push({ name: 'many', title: '1,000 tasks', seed: false, source: readFileSync(join(root, 'tests', 'programs', 'many.c'), 'utf8') });
      await route.fulfill({ json: list });
    });
    await page.route('**/examples/many.wasm', (route) => route.fulfill({ body: readFileSync(join(root, 'build', 'wasm', 'programs', 'many.wasm')), contentType: 'application/wasm' }));
    await page.goto(`${url}?example=many`);
    await page.locator('#run:not([disabled])').waitFor();
    await page.evaluate(() => {
      window.frames_ = [];
      let last = performance.now();
      const tick = (t) => { window.frames_.push(t - last); last = t; if (!/^Finished/.test(document.querySelector('#status').textContent)) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    });
    await page.click('#run');
    await page.waitForFunction(() => /^Finished/.test(document.querySelector('#status').textContent), null, { timeout: 30000 });
    const frames = (await page.evaluate(() => window.frames_)).slice(1);
    const lanes = await page.locator('#timeline li').count();
    return { lanes, frames: frames.length, median_ms: median(frames), p95_ms: pct(frames, 0.95), max_ms: Math.max(...frames) };
  } finally {
    await page.close();
  }
}

if (process.argv[1] && process.argv[1].endsWith('page.mjs')) console.log(JSON.stringify(await measurePage(), null, 2));
