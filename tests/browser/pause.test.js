/**
 * Pause on a real-clock run, in the page: tests/programs/napper.c sleeps
 * 0.4 s; the learner pauses it for 5.6 s meanwhile. The paused stretch is
 * charged to no task: the program's own clocks, the lane's sleeping slice,
 * the run's time and the inspector's all leave it out, and the stall banner
 * (a program silent for 5 s) does not take the pause for a stall.
 */
import { useBrowserAndSite, finished, outputLines, withTestPrograms } from './browser.js';

const ctx = useBrowserAndSite();

test('a paused stretch of a real-clock run is not charged to the sleeping task, nor taken for a stall', async () => {
  const context = await ctx.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  await withTestPrograms(page, ['napper']);
  await page.goto(ctx.site.url);
  await page.locator('#run:not([disabled])').waitFor();
  await page.selectOption('#example', 'napper');
  if (await page.isChecked('#virtual')) await page.uncheck('#virtual');
  const pause = page.getByRole('button', { name: 'Pause' });
  expect(await pause.isDisabled()).toBe(true);
  await page.click('#run');
  await page.waitForFunction(() => [...document.querySelectorAll('#output .line.out .text')].some((e) => e.textContent === 'napping'));
  await pause.click();
  expect(await pause.getAttribute('aria-pressed')).toBe('true');
  expect(await page.textContent('#status')).toBe('Paused');
  await page.waitForTimeout(5600); /* past the stall banner's 5 s of silence */
  expect((await outputLines(page)).some((l) => l.startsWith('slept'))).toBe(false);
  expect(await page.isVisible('.stall')).toBe(false);
  await page.locator('#output').focus();
  await page.keyboard.press('p'); /* the overlay's P: the run goes on */
  expect(await pause.getAttribute('aria-pressed')).toBe('false');
  await finished(page);

  const [loop, mono] = /slept ([\d.]+) s \(loop clock\), ([\d.]+) s \(monotonic\)/.exec((await outputLines(page)).join('\n')).slice(1).map(Number);
  expect(loop).toBeGreaterThanOrEqual(0.4);
  expect(loop).toBeLessThan(2);
  expect(mono).toBeLessThan(2);
  const took = Number(/^Finished in ([\d.]+) s$/.exec(await page.textContent('#status'))[1]);
  expect(took).toBeLessThan(2);
  /* the lane: napper's sleeping slice is not 5.6 s long */
  const p = await page.evaluate(() => {
    const canvas = document.querySelector('#timeline canvas');
    const r = canvas.getBoundingClientRect();
    const g = Number(document.querySelector('#timeline').dataset.gutter);
    const end = Number(/Finished in ([\d.]+) s/.exec(document.querySelector('#status').textContent)[1]);
    return { x: r.left + g + (0.2 / (Math.max(end, 0.5) * 1.04)) * (r.width - g - 8), y: r.top + 20 * 3 + 10 };
  });
  await page.mouse.move(p.x, p.y);
  const tip = await page.textContent('#timeline .tooltip');
  const [, start, end] = /^napper: sleeping until \d+ ms, (\d+) ms to (\d+) ms$/.exec(tip);
  expect(Number(end) - Number(start)).toBeLessThan(2000);
  /* and the inspector's clock at the end of the run */
  await page.getByRole('button', { name: 'Continue' }).click();
  expect(Number(/^t = ([\d.]+) s/.exec(await page.textContent('.lp-status'))[1])).toBeLessThan(2);
  await context.close();
});
