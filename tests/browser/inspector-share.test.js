/**
 * The inspector, shared and explained, in the playground page: a Share link
 * made at a moment of a run opens in a fresh browser (no storage) on the
 * same moment (the same Event loop panel, markers and dimmed output), and
 * the Keyboard shortcuts overlay is a real dialog (focus kept in it, Escape
 * closes it, focus comes back) listing the step keys.
 */
import { join } from 'node:path';
import { useBrowserAndSite, openPage, finished, SCREENSHOTS } from './browser.js';
import { axeViolations, summarize } from './axe.js';

const ctx = useBrowserAndSite();

const step = (page) => page.getByRole('button', { name: 'Step', exact: true }).click();
async function stepUntil(page, pred, max = 300) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate(pred)) return;
    await step(page);
  }
  throw new Error('never got there');
}

/** What the learner sees of the moment: the panel, the markers in the code, the output not dimmed. */
const moment = (page) => page.evaluate(() => ({
  panel: document.querySelector('.loop-panel').innerText,
  markers: [...document.querySelectorAll('.cm-task-marker')].map((m) => `${m.getAttribute('aria-label')} @ ${m.closest('.cm-line').textContent.replace(m.textContent, '').trim()}`),
  shown: [...document.querySelectorAll('#output .line.out:not(.after-cursor) .text')].map((e) => e.textContent),
  dimmed: [...document.querySelectorAll('#output .line.out.after-cursor .text')].map((e) => e.textContent),
}));

test('a Share link made at a moment of a run lands a fresh browser on the same moment', async () => {
  const teacher = await ctx.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await openPage(teacher, `${ctx.site.url}?example=event_loop`);
  await page.check('#virtual');
  await page.click('#run');
  await finished(page);
  /* the moment B finishes: "B: done" printed (a first step: output after the cursor is dimmed once it moves) */
  await step(page);
  await stepUntil(page, () => [...document.querySelectorAll('#output .line.out:not(.after-cursor) .text')].some((e) => e.textContent === 'B: done'));
  const there = await moment(page);
  expect(there.shown).toEqual(['A: start', 'B: start', 'B: done']);
  expect(there.dimmed).toEqual(['A: done']);
  expect(there.panel).toMatch(/^t = 0\.30 s/m);
  const at = await page.evaluate(() => Number(/event (\d+) of/.exec(document.querySelector('.lp-status').textContent)[1]));
  await page.click('#share');
  await page.waitForFunction(() => /&at=\d+/.test(location.hash));
  const link = page.url();
  /* readable: the code, the clock, the cursor, the time */
  expect(link).toMatch(new RegExp(`\\?example=event_loop#code=[\\w-]+&clock=virtual&at=${at}&t=0\\.300$`));
  expect(await page.textContent('#status')).toBe(`Link copied: it reproduces this code and this moment of its run (event ${at}, t = 0.30 s)`);
  await teacher.close();

  /* a fresh browser: no storage, nothing run */
  const student = await ctx.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const other = await student.newPage();
  await other.goto(link);
  await finished(other);
  await other.waitForFunction((n) => new RegExp(`event ${n} of`).test(document.querySelector('.lp-status')?.textContent), at);
  expect(await other.isChecked('#virtual')).toBe(true);
  expect(await moment(other)).toEqual(there);
  expect(await other.textContent('.note[data-key="moment"]')).toContain(`The link points at a moment of the run: event ${at}, t = 0.30 s`);
  await other.screenshot({ path: join(SCREENSHOTS, 'share-moment-landed.png') });
  /* and it is a live inspector there: Back steps from that moment */
  await other.getByRole('button', { name: 'Step back' }).click();
  expect(await other.textContent('.lp-status')).toMatch(new RegExp(`event ${at - 1} of`));
  await student.close();
});

test('a real-clock moment replays on the real clock and lands on the last event at or before its time', async () => {
  const teacher = await ctx.browser.newContext();
  const page = await openPage(teacher, `${ctx.site.url}?example=event_loop`);
  await page.click('#share');
  await page.waitForFunction(() => location.hash.startsWith('#code='));
  /* at 0.2 s both tasks sleep: B's timer at 0.3 s is the next thing to happen (at= is not used on this clock) */
  const link = `${page.url()}&clock=real&at=999&t=0.200`;
  await teacher.close();
  const student = await ctx.browser.newContext();
  const other = await student.newPage();
  await other.goto(link);
  await finished(other);
  await other.waitForFunction(() => !/ event 0 of/.test(document.querySelector('.lp-status')?.textContent ?? ' event 0 of'));
  expect(await other.isChecked('#virtual')).toBe(false);
  expect(await other.$$eval('#output .line.out:not(.after-cursor) .text', (els) => els.map((e) => e.textContent))).toEqual(['A: start', 'B: start']);
  expect(await other.$$eval('.lp-timers li', (els) => els.map((e) => e.textContent.trim()))).toEqual([expect.stringMatching(/^task_b at 0\.3\d s$/), expect.stringMatching(/^task_a at 0\.5\d s$/)]); /* real time: a little later */
  await student.close();
});

test('a link without a moment opens the code and runs nothing', async () => {
  const context = await ctx.browser.newContext();
  const page = await openPage(context, `${ctx.site.url}?example=event_loop`);
  await page.click('#share'); /* no run yet: the code only */
  await page.waitForFunction(() => location.hash.startsWith('#code='));
  expect(page.url()).not.toMatch(/[&#]at=/);
  const other = await (await ctx.browser.newContext()).newPage();
  await other.goto(page.url());
  await other.locator('#run:not([disabled])').waitFor();
  expect(await other.textContent('#status')).toBe('Ready: press Run (or Ctrl-Enter)');
  await other.context().close();
  await context.close();
});

describe.each(['light', 'dark'])('%s', (scheme) => {
  test('the Keyboard shortcuts overlay: opened by its button or ?, focus kept inside, Escape closes, focus returns', async () => {
    const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme, bypassCSP: true });
    const page = await openPage(context, `${ctx.site.url}?example=event_loop`);
    await page.check('#virtual');
    await page.click('#run');
    await finished(page);
    const opener = page.getByRole('button', { name: 'Keyboard shortcuts' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    const rows = await dialog.locator('tr').allInnerTexts();
    for (const want of [/^\.\s+Step/, /^,\s+Step back/, /^Shift\+\.\s+Next turn/, /^Ctrl\+Enter\s+Run/, /^Esc \/ Ctrl\+\.\s+Stop/, /^Ctrl\+Alt\+G\s+Go to a line/, /^\?\s+Show these shortcuts/]) {
      expect(rows.some((r) => want.test(r))).toBe(true);
    }
    expect(summarize(await axeViolations(page))).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, `shortcuts-${scheme}-1280.png`) });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(SCREENSHOTS, `shortcuts-${scheme}-390.png`) });
    expect(summarize(await axeViolations(page))).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
    /* focus stays in the dialog: Tab cycles through what it holds (the rest of the page is inert) */
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement.closest('dialog') || document.activeElement === document.body)).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement.id)).toBe('shortcuts-open');
    /* ? opens it from anywhere but a text field; the step keys are inert meanwhile */
    await page.locator('#output').focus();
    await page.keyboard.press('?');
    await dialog.waitFor();
    const before = await page.textContent('.lp-status');
    await page.keyboard.press('.');
    expect(await page.textContent('.lp-status')).toBe(before);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement.id)).toBe('output');
    /* typed in the editor, ? is a character */
    await page.click('.cm-content');
    await page.keyboard.press('?');
    expect(await dialog.isVisible()).toBe(false);
    await context.close();
  });
});

test('the inspector announces each step politely', async () => {
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await openPage(context, `${ctx.site.url}?example=event_loop`);
  await page.check('#virtual');
  await page.click('#run');
  await finished(page);
  const live = page.locator('.loop-panel [aria-live="polite"]');
  expect(await live.count()).toBe(1);
  await page.locator('#output').focus();
  await page.keyboard.press('.');
  const first = await live.textContent();
  expect(first).toMatch(/^0\.00 s: /);
  await page.keyboard.press('.');
  expect(await live.textContent()).not.toBe(first);
  await context.close();
});
