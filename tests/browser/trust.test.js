/**
 * Edits are never lost, in Chromium: a link's code opens as a draft of its
 * own beside the saved edit; after Share, newer edits win on reload; a second
 * tab's saves are followed or offered, never silently overwritten; "New"
 * makes a program of the user's own; storage that keeps nothing is announced.
 */
import { join } from 'node:path';
import { useBrowserAndSite, SCREENSHOTS, outputLines, code, setCode, openPage, runVirtual } from './browser.js';

const env = useBrowserAndSite();
const VIEWPORT = { width: 1280, height: 2400 }; // every editor line rendered

/** The editor shows `text` (CodeMirror renders lines asynchronously). */
async function expectCode(page, text) {
  await page.waitForFunction((t) => [...document.querySelectorAll('.cm-content .cm-line')].map((e) => e.textContent).join('\n') === t, text, { timeout: 15000 })
    .catch(() => {});
  expect(await code(page)).toBe(text);
}
const picked = (page) => page.$eval('#example', (s) => s.selectedOptions[0].textContent);

test('share, edit again, reload: the newer edit wins, and ?example= shows it too', async () => {
  const context = await env.browser.newContext({ viewport: VIEWPORT, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await openPage(context, `${env.site.url}?example=cancel`);
  const original = await code(page);
  const first = original.replace('Tick %d', 'Tock %d');
  await setCode(page, first);
  await page.click('#share');
  await page.waitForFunction(() => location.hash.startsWith('#code='));
  const second = first.replace('Tock %d', 'Tack %d');
  await setCode(page, second);
  expect(await page.evaluate(() => location.hash)).toBe(''); // the address bar no longer holds the older code
  await page.reload();
  await page.locator('#run:not([disabled])').waitFor();
  await expectCode(page, second);
  await page.goto(`${env.site.url}?example=cancel`);
  await page.locator('#run:not([disabled])').waitFor();
  await expectCode(page, second);
  await context.close();
});

test('a shared link opens as a draft of its own; the saved edit is one click away', async () => {
  const context = await env.browser.newContext({ viewport: VIEWPORT, permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await openPage(context, `${env.site.url}?example=cancel`);
  const original = await code(page);
  const shared = original.replace('Tick %d', 'Shared %d');
  await setCode(page, shared);
  await page.click('#share');
  await page.waitForFunction(() => location.hash.startsWith('#code='));
  const link = page.url();
  const mine = original.replace('Tick %d', 'Mine %d');
  await setCode(page, mine);

  await page.goto(link);
  await page.locator('#run:not([disabled])').waitFor();
  await expectCode(page, shared);
  expect(await picked(page)).toBe('cancel.c (from a link)');
  expect(await page.title()).toMatch(/^cancel\.c \(from a link\) · /);
  const note = page.locator('.note[data-key="link"]');
  expect(await note.textContent()).toMatch(/opened as a draft of its own.*nothing of yours was replaced/);
  await page.screenshot({ path: join(SCREENSHOTS, 'trust-link-draft.png') });
  await note.getByRole('button', { name: 'Open my edit of cancel.c' }).click();
  await expectCode(page, mine);
  expect(await picked(page)).toMatch(/^cancel\.c — /);
  // the draft is kept among the user's programs; opening the link again reuses it
  await page.selectOption('#example', { label: 'cancel.c (from a link)' });
  await expectCode(page, shared);
  await page.goto(link);
  await page.locator('#run:not([disabled])').waitFor();
  expect(await page.$$eval('#example optgroup[label="Your programs"] option', (o) => o.length)).toBe(1);
  await context.close();
});

test('the tutorial\'s "Open in playground" opens its own program, not an example\'s title', async () => {
  const context = await env.browser.newContext({ viewport: VIEWPORT });
  const tutorial = await context.newPage();
  await tutorial.goto(`${env.site.url}tutorial.html`);
  const demo = tutorial.locator('async-c-demo[editable]');
  await demo.scrollIntoViewIfNeeded();
  const [page] = await Promise.all([context.waitForEvent('page'), demo.locator('.open').click()]);
  await page.locator('#run:not([disabled])').waitFor();
  expect(await code(page)).toContain('async_spawn_named("alice"');
  expect(await picked(page)).toBe('Program from a link');
  expect(await page.title()).not.toMatch(/event_loop/);
  await context.close();
});

test('a second tab follows the first one\'s saves, or, with edits of its own, asks instead of overwriting', async () => {
  const context = await env.browser.newContext({ viewport: VIEWPORT });
  const a = await openPage(context, `${env.site.url}?example=event_loop`);
  const b = await openPage(context, `${env.site.url}?example=event_loop`);
  const original = await code(a);
  const fromA = original.replace('puts("A: done");', 'puts("A: done (tab A)");');
  await setCode(a, fromA);
  await expectCode(b, fromA); // b had no edits: it follows
  const fromB = fromA.replace('puts("B: done");', 'puts("B: done (tab B)");');
  await setCode(b, fromB);
  // a has edits of its own: it says so, and its next edit does not overwrite b's save
  const note = a.locator('.note[data-key="conflict"]');
  await note.waitFor();
  expect(await note.textContent()).toMatch(/changed in another tab/);
  await a.click('.cm-content');
  await a.keyboard.press('Control+End');
  await a.keyboard.insertText('\n// more from tab A');
  expect(await b.evaluate(() => localStorage.getItem('async-c-playground:edit:event_loop'))).toBe(fromB);
  await note.getByRole('button', { name: 'Load the other tab\'s version' }).click();
  await expectCode(a, fromB);
  await setCode(a, `${fromB}// kept`);
  await expectCode(b, fromB); // b has edits now: it asks
  await b.locator('.note[data-key="conflict"]').getByRole('button', { name: 'Keep mine' }).click();
  expect(await a.evaluate(() => localStorage.getItem('async-c-playground:edit:event_loop'))).toBe(fromB);
  await context.close();
});

test('"New" makes a program of the user\'s own, with its own name, that runs, survives a reload, and can be renamed and deleted', async () => {
  const context = await env.browser.newContext({ viewport: VIEWPORT });
  const page = await openPage(context, `${env.site.url}?example=event_loop`);
  const example = await code(page);
  await page.click('#new');
  expect(await picked(page)).toBe('My program');
  expect(await page.evaluate(() => new URLSearchParams(location.search).get('program'))).toBeTruthy();
  const mine = (await code(page)).replace('Hello from a task', 'Hello from my own program');
  await setCode(page, mine);
  await runVirtual(page);
  expect(await outputLines(page)).toEqual(['Hello from my own program']);
  await page.click('#new');
  expect(await picked(page)).toBe('My program 2');
  await page.reload();
  await page.locator('#run:not([disabled])').waitFor();
  expect(await picked(page)).toBe('My program 2');
  await page.selectOption('#example', { label: 'My program' });
  await expectCode(page, mine);
  await page.selectOption('#example', 'event_loop');
  await expectCode(page, example); // the example was not touched
  expect(await page.isHidden('#rename')).toBe(true); // examples keep their names

  await page.selectOption('#example', { label: 'My program' });
  page.once('dialog', (d) => d.accept('Counting sheep'));
  await page.click('#rename');
  expect(await picked(page)).toBe('Counting sheep');
  expect(await page.title()).toMatch(/^Counting sheep · /);
  await page.reload();
  await page.locator('#run:not([disabled])').waitFor();
  expect(await picked(page)).toBe('Counting sheep');
  await expectCode(page, mine);
  page.once('dialog', (d) => d.accept());
  await page.click('#delete');
  expect(await page.$$eval('#example option', (o) => o.map((e) => e.textContent))).not.toContain('Counting sheep');
  await context.close();
});

test('with storage blocked or full, the page says edits are not kept', async () => {
  const blocked = await env.browser.newContext({ viewport: VIEWPORT });
  await blocked.addInitScript(() => Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } }));
  const page = await openPage(blocked, `${env.site.url}?example=event_loop`);
  expect(await page.locator('.note[data-key="storage"]').textContent()).toMatch(/keeps no storage for this page/);
  await blocked.close();

  const full = await env.browser.newContext({ viewport: VIEWPORT });
  await full.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      if (window.storageFull) throw new DOMException('full', 'QuotaExceededError');
      return setItem.call(this, k, v);
    };
  });
  const other = await openPage(full, `${env.site.url}?example=event_loop`);
  const saved = (await code(other)).replace('A: done', 'A: saved');
  await setCode(other, saved);
  expect(await other.locator('.note[data-key="storage"]').count()).toBe(0);
  await other.evaluate(() => { window.storageFull = true; });
  const edited = saved.replace('A: saved', 'A: not saved');
  await setCode(other, edited);
  expect(await other.locator('.note[data-key="storage"]').textContent()).toMatch(/storage for the page is full/);
  await expectCode(other, edited); // the edit stays on the page,
  await other.selectOption('#example', 'cancel');
  await other.selectOption('#example', 'event_loop');
  await expectCode(other, edited); // also after looking at another example (storage still holds the older one)
  await full.close();
});
