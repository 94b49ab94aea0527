/**
 * browser-compile.mjs - compiling in the browser on a static host (no
 * compile service), Chromium on loopback, edit to first output line:
 *   first visit (download, then compile), a later visit with the toolchain
 *   in the cache (Run at once after the edit, and Run 3 s after it, as
 *   after typing), and warm edits; plus the toolchain's download size.
 * With each, where the time went: the compile worker's User Timing measures
 * (compile-worker.js, wasicc.js), in ms from the Run click (start) and long.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { launch, serveSite, ROOT, SCREENSHOTS } from '../browser/browser.js';

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

export async function measureBrowserCompile({ runs = 5, warm = 5 } = {}) {
  const site = await serveSite({ compile: false });
  const sent = [];
  site.server.on('served', (s) => sent.push(s));
  const browser = await launch();
  const R = { first_visit_ms: [], cached_at_once_ms: [], cached_after_typing_ms: [], warm_ms: [], phases: {} };
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } }); /* an empty cache */
      const page = await context.newPage();
      let n = 0;
      /* The compile worker's phases since the last call, from the Run click at `click` (epoch ms). */
      const phases = async (click) => {
        const w = page.workers().find((x) => /compile-worker/.test(x.url()));
        if (!w) return [];
        const m = await w.evaluate(() => {
          const r = performance.getEntriesByType('measure').map((e) => ({ name: e.name, at: performance.timeOrigin + e.startTime, ms: e.duration }));
          performance.clearMeasures();
          return r;
        });
        return m.map(({ name, at, ms }) => ({ name, start_ms: Math.round(at - click), ms: Math.round(ms) }));
      };
      /* edit to first output line: append a comment, press Run */
      const editRun = async ({ pause = 0, scenario = 'warm edit' } = {}) => {
        await page.click('.cm-content');
        await page.keyboard.press('Control+End');
        await page.keyboard.insertText(`\n// edit ${++n}\n`);
        if (pause) await page.waitForTimeout(pause);
        const t0 = performance.now();
        const click = Date.now();
        await page.click('#run');
        await page.locator('#output .line.out').first().waitFor({ timeout: 120000 });
        const ms = performance.now() - t0;
        await page.waitForFunction(() => /^(Finished|Ended)/.test(document.querySelector('#status').textContent));
        R.phases[`${scenario}`] = await phases(click);
        return ms;
      };
      const open = async () => {
        await page.goto(`${site.url}?example=event_loop`);
        await page.locator('#run:not([disabled])').waitFor();
        await page.check('#virtual');
      };
      await open();
      sent.length = 0;
      if (run === 0) {
        page.waitForFunction(() => document.querySelector('#download').value > 0.3, null, { polling: 10, timeout: 60000 })
          .then(() => page.screenshot({ path: join(SCREENSHOTS, 'compiler-download.png') })).catch(() => {});
      }
      R.first_visit_ms.push(await editRun({ scenario: 'first visit' }));
      R.download_br_bytes = sent.filter((s) => s.path.startsWith('/toolchain/')).reduce((t, s) => t + s.bytes, 0);
      for (let i = 0; i < warm; i++) R.warm_ms.push(await editRun());
      await open();
      R.cached_at_once_ms.push(await editRun({ scenario: 'later visit, Run at once' }));
      await open();
      R.cached_after_typing_ms.push(await editRun({ pause: 3000, scenario: 'later visit, Run 3 s after the edit' }));
      await context.close();
    }
  } finally {
    await browser.close();
    site.server.close();
  }
  const manifest = JSON.parse(readFileSync(join(ROOT, 'build', 'site', 'toolchain', 'manifest.json'), 'utf8'));
  return {
    first_visit_ms: median(R.first_visit_ms),
    cached_at_once_ms: median(R.cached_at_once_ms),
    cached_after_typing_ms: median(R.cached_after_typing_ms),
    warm_ms: median(R.warm_ms),
    phases: R.phases, /* the last run's */
    download_br_bytes: R.download_br_bytes,
    download_uncompressed_bytes: manifest.files.reduce((t, f) => t + f.size, 0)
      + statSync(join(ROOT, 'build', 'site', 'toolchain', 'compile-worker.js')).size,
    files: manifest.files.map(({ name, size, br }) => ({ name, size, br })),
  };
}

if (process.argv[1] && process.argv[1].endsWith('browser-compile.mjs')) {
  console.log(JSON.stringify(await measureBrowserCompile({ runs: Number(process.argv[2] || 3) }), null, 1));
}
