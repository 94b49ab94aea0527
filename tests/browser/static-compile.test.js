/**
 * Compile in the browser, on a static host with no /api/compile: the first
 * Run of edited code downloads the toolchain (with a progress bar), compiles
 * in a worker and runs; a mistake becomes a lint mark; after a reload the
 * toolchain comes from the browser's cache, with no request for it reaching
 * the server, and is warmed as the page opens.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { launch, serveSite, ROOT, SCREENSHOTS, finished, outputLines, code, setCode, openPage, runBrokenEdit, runVirtual } from './browser.js';

const VIEWPORT = { width: 1280, height: 2400 };
const MANIFEST = JSON.parse(readFileSync(join(ROOT, 'build', 'site', 'toolchain', 'manifest.json'), 'utf8'));
const TOOLCHAIN_FILES = new Set(MANIFEST.files.map((f) => `/toolchain/${f.name}`));

let browser;
let site;
const served = [];
beforeAll(async () => {
  browser = await launch();
  site = await serveSite({ compile: false });
  site.server.on('served', (s) => served.push(s.path));
  site.server.on('request', (req) => { if (req.url.startsWith('/api/')) served.push(req.url); });
});
afterAll(async () => {
  await browser?.close();
  site?.server.close();
});

test('edit, run, see the output; an error is marked; after a reload the toolchain comes from the cache', async () => {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await openPage(context, `${site.url}?example=event_loop`);
  const original = await code(page);
  await setCode(page, original.replace('puts("B: done");', 'puts("B: done, compiled in the browser");'));
  await page.check('#virtual');
  let sawProgress = false;
  const watch = page.waitForFunction(() => !document.querySelector('#download').hidden && /Downloading the C compiler/.test(document.querySelector('#status').textContent),
    null, { timeout: 30000, polling: 10 }).then(() => { sawProgress = true; }, () => {});
  await page.click('#run');
  await finished(page, 90000);
  await watch;
  expect(sawProgress).toBe(true);
  expect(await page.locator('#status').textContent()).toMatch(/^Finished/);
  expect(await outputLines(page)).toEqual(['A: start', 'B: start', 'B: done, compiled in the browser', 'A: done']);
  expect(await page.isHidden('#download')).toBe(true);
  for (const f of TOOLCHAIN_FILES) expect(served).toContain(f);
  /* the timeline came from the same event stream */
  expect(await page.$$eval('ul.lanes li', (els) => els.map((e) => e.dataset.state))).toEqual(expect.arrayContaining(['done']));

  await runBrokenEdit(page);
  await page.screenshot({ path: join(SCREENSHOTS, 'static-compile-error.png') });

  served.length = 0;
  /* the kept compiler is warmed when the page opens, before any edit */
  const warmed = page.waitForEvent('worker', { predicate: (w) => w.url().includes('compile-worker'), timeout: 10000 });
  await page.reload();
  await page.locator('#run:not([disabled])').waitFor();
  await warmed;
  await setCode(page, original.replace('puts("A: done");', 'puts("A: done, from the cache");'));
  await runVirtual(page);
  expect(await outputLines(page)).toEqual(['A: start', 'B: start', 'B: done', 'A: done, from the cache']);
  expect(served.filter((p) => TOOLCHAIN_FILES.has(p))).toEqual([]);
  await context.close();
});
