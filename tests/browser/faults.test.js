/**
 * Faults point at code, in Chromium: a division by zero in an edited
 * program names its function and line, the editor marks that line, and the
 * message's "line N" takes the cursor there; with the compile service and
 * with the compiler in the browser (a static host).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, serveSite, ROOT, SCREENSHOTS, finished, setCode, openPage, errorMarkLine } from './browser.js';

const DIVIDE = readFileSync(join(ROOT, 'tests', 'programs', 'divide.c'), 'utf8');
const LINE = DIVIDE.split('\n').findIndex((l) => l.includes('total / zero')) + 1;

const cursorLine = (page) => page.evaluate(() => {
  const active = document.querySelector('.cm-content .cm-activeLine');
  return [...document.querySelectorAll('.cm-content .cm-line')].indexOf(active) + 1;
});

let browser;
beforeAll(async () => { browser = await launch(); });
afterAll(async () => { await browser?.close(); });

async function divideByZero(compile, timeout) {
  const site = await serveSite({ compile });
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  try {
    const page = await openPage(context, `${site.url}?example=event_loop`);
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await setCode(page, DIVIDE);
    await page.check('#virtual');
    await page.click('#run');
    await finished(page, timeout);
    expect(await page.locator('#status').textContent()).toMatch(/^Crashed after/);
    const notice = page.locator('#output .line.error').first();
    expect(await notice.locator('.text').textContent()).toBe(`line ${LINE}: runtime error: task 'divider': division by zero in divider(), line ${LINE} (divide by zero)`);
    /* the line is marked in the editor, as a compile error's would be */
    expect(await errorMarkLine(page)).toBe(LINE);
    expect(await page.locator('.cm-lintRange-error').first().textContent()).toBe(DIVIDE.split('\n')[LINE - 1].trim());
    /* and the message's button puts the cursor there */
    await page.click('.cm-content .cm-line >> nth=0');
    await page.keyboard.press('Control+Home');
    await notice.locator('button.goto').click();
    expect(await cursorLine(page)).toBe(LINE);
    await page.screenshot({ path: join(SCREENSHOTS, `fault-line-${compile ? 'service' : 'browser'}.png`) });
    expect(errors).toEqual([]);
  } finally {
    await context.close();
    site.server.close();
  }
}

test('compile service: a division by zero names divider() and its line, and the editor marks it', () => divideByZero(true, 30000), 60000);

test('compiler in the browser: the same place, the same mark', () => divideByZero(false, 120000), 180000);
