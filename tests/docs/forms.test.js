/**
 * The authoring forms on a plain page (no generator): a template's
 * diagnostics count the lines the reader sees; an editable demo replaces the
 * page's code block with its editor; a demo with no code says so; the
 * theme attribute and the host's data-theme.
 */
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, ROOT } from '../browser/browser.js';
import { serveDocs } from './server.js';

const SHARED = join(ROOT, 'tests', 'docs', 'sites', 'shared');
/* Line 3 of the snippet is broken; the template puts 5 lines before it. */
const BROKEN = 'static void *worker(void *arg) {\n  (void)arg;\n  int x = ;\n  return NULL;\n}\n';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>forms</title>
<script type="module" src="/playground/embed.js"></script></head><body><main>
<div class="highlight"><pre><code>${BROKEN}</code></pre></div>
<async-c-demo template="main.c" clock="virtual"></async-c-demo>
<div class="highlight"><pre><code><span>static void *worker(void *arg) {</span>
<span>  printf("%s\\n", (char *)arg);</span>
<span>  return NULL;</span>
<span>}</span></code></pre></div>
<p><async-c-demo template="main.c" clock="virtual" editable></async-c-demo></p>
<async-c-demo theme="dark"></async-c-demo>
</main></body></html>`;

let browser;
let docs;
let page;
const errors = [];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'forms-'));
  writeFileSync(join(dir, 'index.html'), PAGE);
  copyFileSync(join(SHARED, 'main.c'), join(dir, 'main.c'));
  browser = await launch();
  docs = await serveDocs(dir);
  page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(docs.url);
  await page.waitForFunction(() => [...document.querySelectorAll('async-c-demo')].every((d) => d.shadowRoot?.querySelector('.status')));
});
afterAll(async () => {
  await browser?.close();
  docs?.close();
});

const demo = (i) => page.locator('async-c-demo').nth(i);
const status = (i) => demo(i).locator('.status').textContent();

test('a template\'s compile errors count the snippet\'s own lines', async () => {
  await demo(0).locator('.run:not([disabled])').click();
  await page.waitForFunction(() => /^Does not compile/.test(document.querySelector('async-c-demo').shadowRoot.querySelector('.status').textContent), null, { timeout: 60000 });
  const notices = await demo(0).locator('#output .line.error .text').allTextContents();
  expect(notices[0]).toMatch(/^line 3:\d+: expected expression/);
});

test('an editable demo shows the code block in its editor, hides the page\'s copy, and runs the edit', async () => {
  await demo(1).locator('.cm-content').waitFor();
  expect(await demo(1).locator('.cm-line').allTextContents())
    .toEqual(['static void *worker(void *arg) {', '  printf("%s\\n", (char *)arg);', '  return NULL;', '}']);
  expect(await page.locator('.highlight').nth(1).isVisible()).toBe(false);
  expect(await page.locator('.highlight').nth(0).isVisible()).toBe(true); /* a read-only demo leaves its block alone */
  expect(await demo(0).locator('.code').isVisible()).toBe(false); /* ... and does not show it twice */
  await demo(1).locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('End');
  await page.keyboard.insertText('\n  printf("edited\\n");');
  await demo(1).locator('.run').click();
  await page.waitForFunction(() => /^(Finished|Does not|Cannot)/.test(document.querySelectorAll('async-c-demo')[1].shadowRoot.querySelector('.status').textContent), null, { timeout: 60000 });
  expect([await status(1), ...await demo(1).locator('#output .line:not(.out) .text').allTextContents()])
    .toEqual([expect.stringMatching(/^Finished/)]);
  expect(await demo(1).locator('#output .line.out .text').allTextContents()).toEqual(['0.1', 'edited', '0.3', 'edited']);
});

test('a demo with no code before it says what it needs; theme="dark" holds whatever the page says', async () => {
  expect(await status(2)).toBe('No code to run');
  expect(await demo(2).locator('#output').textContent()).toMatch(/no code: put a C code block just before the demo/);
  expect(await demo(2).locator('.run').isDisabled()).toBe(true);
  const themes = () => page.$$eval('async-c-demo', (ds) => ds.map((d) => d.shadowRoot.querySelector('.panes').dataset.theme));
  expect(await themes()).toEqual(['light', 'light', 'dark']);
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  await page.waitForFunction(() => document.querySelector('async-c-demo').shadowRoot.querySelector('.panes').dataset.theme === 'dark');
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'));
  await page.waitForFunction(() => document.querySelector('async-c-demo').shadowRoot.querySelector('.panes').dataset.theme === 'light');
  expect(await themes()).toEqual(['light', 'light', 'dark']);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.evaluate(() => document.documentElement.removeAttribute('data-theme'));
  await page.waitForFunction(() => document.querySelector('async-c-demo').shadowRoot.querySelector('.panes').dataset.theme === 'dark');
  expect(errors).toEqual([]);
});
