#!/usr/bin/env node
/*
 * flood.mjs - the page under the busiest programs (tests/programs): the
 * main thread's round trip and the renderer's memory 5 s into a yield
 * loop, a 1 ms ticker and a one-character-at-a-time printer, Stop's
 * latency, and the time from Run to "Finished" for 100,000 sleepers.
 *   node tests/bench/flood.mjs [site root, build/site by default]
 */
import { join } from 'node:path';
import { launch, serveSite, withTestPrograms, rendererRss, roundTrip, stopLatency, ROOT } from '../browser/browser.js';

const root = process.argv[2] || join(ROOT, 'build', 'site');
const PROGRAMS = ['yielder', 'ticker', 'chars', 'sleepers'];

export async function measureFloods({ siteRoot = root, seconds = 5 } = {}) {
  const browser = await launch();
  const site = await serveSite({ root: siteRoot });
  const out = {};
  try {
    for (const name of PROGRAMS) {
      const page = await browser.newPage();
      await withTestPrograms(page, PROGRAMS);
      await page.goto(`${site.url}?example=${name}`);
      await page.locator('#run:not([disabled])').waitFor();
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      const t0 = Date.now();
      await page.click('#run');
      if (name === 'sleepers') {
        await page.locator('#status', { hasText: /^Finished/ }).waitFor({ timeout: 300000 });
        out[name] = { finished_ms: Date.now() - t0, rss_mb: rendererRss() / 1e6 };
      } else {
        const trips = [];
        while (Date.now() - t0 < seconds * 1000) {
          trips.push(await roundTrip(page));
          await new Promise((r) => { setTimeout(r, 250); });
        }
        const atEnd = await roundTrip(page);
        const rss = rendererRss();
        const metrics = await cdp.send('Performance.getMetrics');
        const heap = metrics ? metrics.metrics.find((m) => m.name === 'JSHeapUsedSize').value : NaN;
        const stop = await stopLatency(page);
        out[name] = { round_trip_ms_at_5s: atEnd, round_trip_max_ms: Math.max(atEnd, ...trips), js_heap_mb: heap / 1e6, rss_mb: rss / 1e6, stop_ms: stop };
      }
      console.error(name, JSON.stringify(out[name]));
      await page.close();
    }
  } finally {
    await browser.close();
    site.server.close();
  }
  return out;
}

if (process.argv[1] && process.argv[1].endsWith('flood.mjs')) console.log(JSON.stringify(await measureFloods(), null, 2));
