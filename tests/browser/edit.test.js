/**
 * Edit and rerun in Chromium: edits compile through the service and run;
 * mistakes become lint marks on their line; edits survive a reload; a share
 * link reproduces the code; where nothing can compile, the edits are kept
 * and the shipped examples still run. (tests/browser/static-compile.test.js:
 * compiling in the browser on a static host.)
 */
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { serveSite, useBrowserAndSite, SCREENSHOTS, finished, outputLines, code, setCode, openPage, runBrokenEdit, runVirtual } from './browser.js';

const env = useBrowserAndSite();

/* The viewport is tall enough that CodeMirror renders every line of an example. */
const VIEWPORT = { width: 1280, height: 2400 };

/** The editor shows `text` (CodeMirror renders lines asynchronously: wait for it to settle). */
async function expectCode(page, text) {
  await page.waitForFunction((t) => [...document.querySelectorAll('.cm-content .cm-line')].map((e) => e.textContent).join('\n') === t, text, { timeout: 5000 })
    .catch(() => {});
  expect(await code(page)).toBe(text);
}

test('edit, run, see the new output; a syntax error is marked on its line; edits survive a reload', async () => {
  const context = await env.browser.newContext({ viewport: VIEWPORT });
  const page = await openPage(context, `${env.site.url}?example=event_loop`);
  const original = await code(page);
  await setCode(page, original.replace('puts("A: done");', 'puts("A: finished, edited");'));
  expect(await page.isVisible('#edited')).toBe(true);
  await runVirtual(page);
  expect(await outputLines(page)).toEqual(['A: start', 'B: start', 'B: done', 'A: finished, edited']);

  const broken = await runBrokenEdit(page);
  expect(await page.locator('#output .line.error').first().textContent()).toMatch(/line \d+:\d+: expected/);
  await page.screenshot({ path: join(SCREENSHOTS, 'edit-error.png') });

  await page.reload();
  await page.locator('#run:not([disabled])').waitFor();
  await expectCode(page, broken);
  expect(await page.isVisible('#edited')).toBe(true);

  await page.click('#reset');
  await expectCode(page, original);
  expect(await page.isVisible('#edited')).toBe(false);
  await context.close();
});

test('a share link reproduces the code in a fresh browser', async () => {
  const context = await env.browser.newContext({ viewport: VIEWPORT, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await openPage(context, `${env.site.url}?example=count_async`);
  const edited = (await code(page)).replace('puts("Two");', 'puts("Two (shared)");');
  await setCode(page, edited);
  await page.click('#share');
  await page.waitForFunction(() => location.hash.startsWith('#code='));
  const link = page.url();
  await context.close();

  const fresh = await env.browser.newContext({ viewport: VIEWPORT });
  const other = await openPage(fresh, link);
  await expectCode(other, edited);
  await runVirtual(other);
  expect((await outputLines(other)).filter((l) => l === 'Two (shared)')).toHaveLength(3);
  await fresh.close();
});

test('where nothing can compile (no service, the toolchain unreachable), edits are kept and examples still run', async () => {
  const plain = await serveSite({ compile: false });
  try {
    const context = await env.browser.newContext({ viewport: VIEWPORT });
    await context.route('**/toolchain/**', (route) => route.abort('connectionrefused'));
    const page = await openPage(context, `${plain.url}?example=cancel`);
    const original = await code(page);
    await setCode(page, original.replace('Tick %d', 'Tock %d'));
    await page.click('#run');
    await finished(page);
    expect(await page.locator('#status').textContent()).toBe('Cannot compile here');
    expect(await page.locator('#output .line.error').textContent()).toMatch(/can't be compiled here.*kept in this browser/);
    expect(await code(page)).toContain('Tock %d');
    await page.click('#reset');
    await runVirtual(page);
    expect(await outputLines(page)).toEqual(['Tick 0', 'Tick 1', 'Tick 2']);
    await context.close();
  } finally {
    plain.server.close();
  }
});

test('Share works on a 300 KB program', async () => {
  /* text that deflate cannot squeeze much: a link of over 200 KB */
  const lines = ['static const char *blob[] = {'];
  for (let len = 0; len < 300000; len += 81) lines.push(`  "${randomBytes(57).toString('base64')}",`);
  const program = `${lines.join('\n')}\n};\nint main(void) { return 0; }\n`;
  /* into the editor the way a link brings it (typing 300 KB through the driver is not what is tested) */
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.site.url}?example=event_loop#code=${deflateRawSync(program).toString('base64url')}`);
  await page.locator('#run:not([disabled])').waitFor();
  await page.evaluate(() => history.replaceState(null, '', '?example=event_loop'));
  await page.click('#share');
  await page.waitForFunction(() => location.hash.startsWith('#code='), null, { timeout: 10000 });
  const hash = new URL(page.url()).hash.slice('#code='.length);
  expect(hash.length).toBeGreaterThan(200000);
  expect(inflateRawSync(Buffer.from(hash, 'base64url')).toString('utf8')).toBe(program);
  expect(errors).toEqual([]);
  await context.close();
});

test('after a compile request fails (the server restarting), the next Run asks the service again', async () => {
  const context = await env.browser.newContext({ viewport: VIEWPORT });
  await context.route('**/toolchain/**', (route) => route.abort('connectionrefused'));
  await context.route('**/api/compile', (route) => route.abort('connectionrefused'));
  const page = await openPage(context, `${env.site.url}?example=event_loop`);
  await setCode(page, (await code(page)).replace('puts("A: done");', 'puts("A: done, again");'));
  await runVirtual(page);
  expect(await page.locator('#status').textContent()).toBe('Cannot compile here');
  const said = await page.locator('#output .line.error').textContent();
  expect(said).toMatch(/the compile service cannot be reached, and the in-browser compiler could not be loaded/);
  expect(said).not.toMatch(/worker error/);
  await context.unroute('**/api/compile');
  await page.click('#run');
  await finished(page);
  expect(await page.locator('#status').textContent()).toMatch(/^Finished/);
  expect(await outputLines(page)).toEqual(['A: start', 'B: start', 'B: done', 'A: done, again']);
  await context.close();
});
