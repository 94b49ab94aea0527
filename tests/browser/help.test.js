/**
 * Help at hand, in Chromium: the editor completes and explains the API
 * (from async.h), a compile error in the output takes you to its line, the
 * reference page is served with the header and passes axe-core in light and
 * dark, and the playground and the tutorial link to it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useBrowserAndSite, ROOT, SCREENSHOTS, finished, runBrokenEdit, outputLines, withTestPrograms, runVirtual } from './browser.js';

const env = useBrowserAndSite();
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

async function open(path, { colorScheme = 'light', viewport = { width: 1280, height: 900 }, csp = true } = {}) {
  const context = await env.browser.newContext({ colorScheme, viewport, bypassCSP: !csp });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(env.site.url + path);
  return { page, errors, context };
}

/** The 1-based line the editor's cursor is on. */
const cursorLine = (page) => page.evaluate(() => {
  const active = document.querySelector('.cm-content .cm-activeLine');
  return [...document.querySelectorAll('.cm-content .cm-line')].indexOf(active) + 1;
});

test('completion offers async_sleep with its signature and doc, and inserts it', async () => {
  const { page, errors, context } = await open('?example=event_loop');
  await page.locator('#run:not([disabled])').waitFor();
  await page.click('.cm-content');
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('async_sl');
  const option = page.locator('.cm-tooltip-autocomplete li', { hasText: 'async_sleep' }).first();
  await option.waitFor();
  expect(await option.locator('.cm-completionDetail').textContent()).toBe('(double seconds) → int');
  // the selected option's doc: full signature and contract
  await page.locator('.cm-completionInfo .cm-async-doc').waitFor();
  expect(await page.locator('.cm-completionInfo .cm-async-sig').textContent()).toBe('int async_sleep(double seconds)');
  expect(await page.locator('.cm-completionInfo').textContent()).toMatch(/asyncio\.sleep: 0, ASYNC_ECANCELED or ASYNC_EINVAL/);
  await page.screenshot({ path: join(SCREENSHOTS, 'help-completion.png') });
  await page.keyboard.press('Enter');
  const last = await page.$$eval('.cm-content .cm-line', (els) => els[els.length - 1].textContent);
  expect(last).toBe('async_sleep');
  // ASYNC_ constants too
  await page.keyboard.type(';\nASYNC_ECAN');
  await page.locator('.cm-tooltip-autocomplete li', { hasText: 'ASYNC_ECANCELED' }).first().waitFor();
  // ordinary words are left alone
  await page.keyboard.press('Escape');
  await page.keyboard.type(';\nint count');
  await page.waitForTimeout(300);
  expect(await page.locator('.cm-tooltip-autocomplete li', { hasText: 'async_' }).count()).toBe(0);
  expect(errors).toEqual([]);
  await context.close();
});

test('hovering an API name shows its docs and a link to its reference entry', async () => {
  const { page, errors, context } = await open('?example=event_loop');
  await page.locator('#run:not([disabled])').waitFor();
  const text = await page.locator('.cm-content .cm-line', { hasText: 'async_sleep(0.5)' }).first().textContent();
  const col = text.indexOf('async_sleep') + 5; // the pointer over the middle of the name
  const measured = await page.evaluate(({ line, col }) => {
    const el = [...document.querySelectorAll('.cm-content .cm-line')].find((l) => l.textContent.includes(line));
    const range = document.createRange();
    let node = el; let offset = col;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while ((node = walker.nextNode())) { if (offset <= node.length) break; offset -= node.length; }
    range.setStart(node, offset); range.setEnd(node, offset + 1);
    const r = range.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, { line: 'async_sleep(0.5)', col });
  await page.mouse.move(measured.x, measured.y);
  const tip = page.locator('.cm-tooltip-hover .cm-async-doc');
  await tip.waitFor({ timeout: 5000 });
  expect(await tip.locator('.cm-async-sig').textContent()).toBe('int async_sleep(double seconds)');
  expect(await tip.textContent()).toMatch(/Error codes: ASYNC_EINVAL, ASYNC_ECANCELED/);
  const href = await tip.locator('a').getAttribute('href');
  expect(href).toBe(`${env.site.url}reference.html#async_sleep`);
  await page.screenshot({ path: join(SCREENSHOTS, 'help-hover.png') });
  // the link leads to the entry
  const ref = await context.newPage();
  await ref.goto(href);
  expect(await ref.locator('#async_sleep .sig').textContent()).toBe('int async_sleep(double seconds);');
  // nothing for a name that is not the API's
  await page.mouse.move(0, 0);
  await tip.waitFor({ state: 'detached' });
  expect(errors).toEqual([]);
  await context.close();
});

test('clicking a compile error in the output puts the cursor on its line', async () => {
  const { page, errors, context } = await open('?example=event_loop', { viewport: { width: 1280, height: 1000 } });
  await page.locator('#run:not([disabled])').waitFor();
  const broken = await runBrokenEdit(page);
  const goto = page.locator('#output .line.error button.goto').first();
  await goto.waitFor();
  const target = Number(await goto.getAttribute('data-line'));
  expect(broken.split('\n')[target - 1] + broken.split('\n')[target]).toMatch(/int x = ;/);
  await page.click('.cm-content .cm-line >> nth=0');
  await page.keyboard.press('Control+Home');
  expect(await cursorLine(page)).toBe(1);
  await goto.click();
  expect(await cursorLine(page)).toBe(target);
  expect(await page.evaluate(() => document.activeElement.closest('.cm-editor') !== null)).toBe(true);
  // the keyboard reaches it too
  await page.keyboard.press('Control+Home');
  await goto.focus();
  await page.keyboard.press('Enter');
  expect(await cursorLine(page)).toBe(target);
  expect(errors).toEqual([]);
  await context.close();
});

test('the header is served at /async.h, and the playground and the tutorial link to the reference', async () => {
  const res = await fetch(`${env.site.url}async.h`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  expect(await res.text()).toBe(readFileSync(join(ROOT, 'wasm', 'async.h'), 'utf8'));
  for (const path of ['index.html', 'tutorial.html']) {
    const { page, context } = await open(path);
    await page.click('a[href="reference.html"]');
    await page.locator('h1', { hasText: 'API reference' }).waitFor();
    expect(await page.locator('#async_run').count()).toBe(1);
    await context.close();
  }
});

describe.each(['light', 'dark'])('the reference page, %s', (colorScheme) => {
  test('passes axe-core with no violations, under its own CSP with no script errors', async () => {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
      const { page, errors, context } = await open('reference.html', { colorScheme, viewport });
      expect(await page.locator('section#the-event-stream table').count()).toBeGreaterThanOrEqual(2); // event kinds, wait reasons
      expect(await page.locator('section#the-event-stream #ASYNC_EV_SUSPEND').textContent()).toMatch(/reason's detail/);
      expect(await page.locator('section#differences-from-asyncio li').count()).toBeGreaterThan(3);
      expect(await page.locator('#ASYNC_EDEADLK').textContent()).toMatch(/async_run/);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth)).toBe(true);
      await page.screenshot({ path: join(SCREENSHOTS, `reference-${colorScheme}-${viewport.width}.png`) });
      await page.evaluate(AXE); // evaluated by the test driver, not as a page script
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});


test('main returning with tasks still sleeping: a notice says so and links to why, and how to fix it', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await withTestPrograms(page, ['pending', 'deadlock']);
  await page.goto(`${env.site.url}?example=pending`);
  await page.locator('#run:not([disabled])').waitFor();
  await page.click('#run');
  await finished(page);
  const notice = page.locator('#output .line.warning', { hasText: 'when main returned' });
  expect(await notice.locator('.text').textContent())
    .toBe('2 tasks were still sleeping when main returned and were cancelled: await or gather them why, and how to fix it');
  // after main's done, before the workers' ignored cancellation lets them print
  const rows = await page.$$eval('#output .line', (els) => els.map((e) => e.querySelector('.text').textContent));
  expect(rows.findIndex((t) => t.startsWith('2 tasks'))).toBeGreaterThan(rows.indexOf('main done'));
  expect(rows.findIndex((t) => t.startsWith('2 tasks'))).toBeLessThan(rows.indexOf('worker a done at 0.1 s'));
  const why = notice.locator('a.why');
  expect(await why.getAttribute('href')).toBe(`${env.site.url}reference.html#notice-pending`);
  await page.screenshot({ path: join(SCREENSHOTS, 'help-pending-notice.png') });
  const [ref] = await Promise.all([context.waitForEvent('page'), why.click()]);
  await ref.waitForLoadState();
  expect(await ref.locator('#notice-pending h3').textContent()).toBe('Tasks were still pending when main returned');
  expect(await ref.locator('#notice-pending').textContent()).toMatch(/async_await\(t, NULL\)/);
  // the blocked-loop notice links to its own entry
  await page.selectOption('#example', 'count_sync');
  await runVirtual(page);
  expect(await page.locator('#output .line.warning a.why').first().getAttribute('href')).toBe(`${env.site.url}reference.html#notice-blocked`);
  // and the runtime's own deadlock message on stderr to the deadlock entry
  await page.selectOption('#example', 'deadlock');
  await page.click('#run');
  await finished(page);
  const deadlock = page.locator('#output .line.err', { hasText: 'async: deadlock' });
  expect(await deadlock.locator('a.why').getAttribute('href')).toBe(`${env.site.url}reference.html#notice-deadlock`);
  // a program's own output never gets one
  expect(await page.locator('#output .line.out a.why').count()).toBe(0);
  expect(errors).toEqual([]);
  await context.close();
});

test('scanf answers a typed line; meanwhile the task\'s lane shows it blocked on input, and Ctrl-D ends the input', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await withTestPrograms(page, ['stdin']);
  await page.goto(`${env.site.url}?example=stdin`);
  await page.locator('#run:not([disabled])').waitFor();
  await page.click('#run');
  await page.locator('#input:not([disabled])').waitFor();
  expect(await page.locator('#input-end').isDisabled()).toBe(false);
  await page.waitForTimeout(600); // nobody types for a while: the ticker's 0.1 s timer is due, but the loop is blocked
  const lane = (name) => page.$eval(`#timeline li[data-task="${name}"]`, (e) => e.dataset.segments);
  expect(await lane('main')).toMatch(/blocked-on-input \d+-$/);
  expect(await outputLines(page)).toEqual(['tick 0']);
  await page.fill('#input', 'Ada Lovelace');
  await page.press('#input', 'Enter');
  await page.locator('#output .line.out', { hasText: 'Hello, Ada!' }).waitFor();
  await page.fill('#input', 'second line');
  await page.press('#input', 'Enter');
  await page.locator('#input:not([disabled])').waitFor(); // getchar() waits for more
  await page.press('#input', 'Control+d');
  await finished(page);
  expect(await outputLines(page)).toEqual(['tick 0', 'Your name? Hello, Ada!', 'fgets: second line', '0 more bytes, then end of input (feof: 1)', 'tick 1', 'tick 2']);
  const segs = await lane('main');
  const first = /blocked-on-input (\d+)-(\d+)/.exec(segs);
  expect(Number(first[2]) - Number(first[1])).toBeGreaterThan(500);
  // the ticker's sleep ran on while main was blocked: it could only tick after the line came
  const tickerSleep = /sleeping (\d+)-(\d+)/.exec(await lane('ticker'));
  expect(Number(tickerSleep[2])).toBeGreaterThanOrEqual(Number(first[2]));
  await page.screenshot({ path: join(SCREENSHOTS, 'help-stdin.png') });
  expect(errors).toEqual([]);
  await context.close();
});
