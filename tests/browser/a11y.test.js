/**
 * Accessibility in Chromium, measured by axe-core: the playground, the
 * tutorial and embed.html, in light and dark, before and after a run, have
 * no violations (contrast of the editor's highlighting, landmarks, names).
 */
import { join } from 'node:path';
import { useBrowserAndSite, SCREENSHOTS, code, setCode, runVirtual } from './browser.js';
import { axeViolations, summarize } from './axe.js';

const env = useBrowserAndSite();

async function openIn(scheme, path, viewport = { width: 1280, height: 900 }) {
  const context = await env.browser.newContext({ viewport, colorScheme: scheme, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(env.site.url + path);
  return { context, page };
}

/** Every demo on the tutorial (or embed) page has finished its run. */
const demosFinished = (page, n) => page.waitForFunction((count) => {
  const st = [...document.querySelectorAll('async-c-demo')].map((d) => d.shadowRoot?.querySelector('.status')?.textContent || '');
  return st.length >= count && st.slice(0, count).every((s) => /^Finished/.test(s));
}, n, { timeout: 30000 });

describe.each(['light', 'dark'])('%s', (scheme) => {
  test('the playground, before and after a run', async () => {
    const { context, page } = await openIn(scheme, '?example=count_async');
    await page.locator('#run:not([disabled])').waitFor();
    await page.locator('.cm-content .cm-line').first().waitFor();
    const before = await axeViolations(page);
    await runVirtual(page);
    const after = await axeViolations(page);
    await page.screenshot({ path: join(SCREENSHOTS, `a11y-playground-${scheme}.png`) });
    expect({ before: summarize(before), after: summarize(after) }).toEqual({ before: [], after: [] });
    await context.close();
  });

  test('the playground with a draft from a link: its note and program buttons', async () => {
    const { context, page } = await openIn(scheme, '?example=cancel');
    await page.locator('#run:not([disabled])').waitFor();
    await setCode(page, (await code(page)).replace('Tick %d', 'Shared %d'));
    await page.click('#share');
    await page.waitForFunction(() => location.hash.startsWith('#code='));
    const link = page.url();
    await setCode(page, (await code(page)).replace('Shared %d', 'Mine %d'));
    const other = await context.newPage();
    await other.goto(link);
    await other.locator('.note[data-key="link"]').waitFor();
    expect(summarize(await axeViolations(other))).toEqual([]);
    await context.close();
  });

  test('the tutorial, before and after its demos run', async () => {
    const { context, page } = await openIn(scheme, 'tutorial.html');
    await page.locator('async-c-demo').first().waitFor();
    await page.waitForFunction(() => [...document.querySelectorAll('async-c-demo')].every((d) => d.shadowRoot?.querySelector('.text')?.textContent));
    const before = await axeViolations(page);
    const editable = page.locator('async-c-demo[editable]');
    await editable.scrollIntoViewIfNeeded();
    await editable.locator('.cm-editor').waitFor(); // CodeMirror, in the page's colours
    const demos = page.locator('async-c-demo');
    const n = await demos.count();
    for (let i = 0; i < n; i++) {
      const d = demos.nth(i);
      await d.locator('.virtual').check();
      await d.locator('.run').click();
    }
    await demosFinished(page, n);
    await page.screenshot({ path: join(SCREENSHOTS, `a11y-tutorial-${scheme}.png`), fullPage: true });
    const after = await axeViolations(page);
    expect({ before: summarize(before), after: summarize(after) }).toEqual({ before: [], after: [] });
    await context.close();
  });

  test('embed.html, before and after a run', async () => {
    const { context, page } = await openIn(scheme, 'embed.html#example=event_loop&clock=virtual', { width: 700, height: 600 });
    await page.waitForFunction(() => document.querySelector('async-c-demo')?.shadowRoot?.querySelector('.text')?.textContent);
    const before = await axeViolations(page);
    await page.locator('async-c-demo .run').click();
    await demosFinished(page, 1);
    const after = await axeViolations(page);
    expect({ before: summarize(before), after: summarize(after) }).toEqual({ before: [], after: [] });
    await context.close();
  });
});
