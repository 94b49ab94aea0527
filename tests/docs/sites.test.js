/**
 * <async-c-demo> in real docs sites, built by make test-docs with the real
 * generators (tests/docs/sites/): MkDocs Material, Sphinx + MyST (Furo) and
 * Docusaurus 3 (MDX 3). In Chromium, for each site: the three demos run and
 * print what their fallback promises; a second page and back (instant
 * navigation, client routing) leaves them working; the site's dark toggle
 * re-themes them; axe-core finds nothing inside them; no console errors.
 * Without JavaScript the page shows each demo's code and expected output.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { launch, ROOT, SCREENSHOTS } from '../browser/browser.js';
import { serveDocs } from './server.js';

const DOCS = join(ROOT, 'build', 'docs');

/** How each site's reader moves: to the second page and back; the site's dark toggle (pressed until dark). */
const SITES = {
  mkdocs: {
    dir: join(DOCS, 'mkdocs', 'site'),
    spa: true, /* Material's instant navigation: the page is swapped, never reloaded */
    toSecond: (page) => page.getByRole('link', { name: 'The second page' }).click(),
    onSecond: (page) => page.getByRole('heading', { name: 'Second page' }).waitFor(),
    toggle: 'label[title="Switch to dark mode"]:visible',
  },
  sphinx: {
    dir: join(DOCS, 'sphinx', 'html'),
    spa: false,
    toSecond: (page) => page.locator('article').getByRole('link', { name: 'The second page' }).click(),
    onSecond: (page) => page.getByRole('heading', { name: /Second page/ }).waitFor(),
    toggle: '.theme-toggle:visible', /* Furo cycles auto, dark, light */
  },
  docusaurus: {
    dir: join(DOCS, 'docusaurus', 'build'),
    spa: true, /* React's client routing */
    toSecond: (page) => page.locator('article').getByRole('link', { name: 'The second page' }).click(),
    onSecond: (page) => page.getByRole('heading', { name: 'Second page' }).waitFor(),
    toggle: 'button[aria-label*="dark and light mode"]', /* cycles system, light, dark */
  },
};

const COUNTER = join(ROOT, 'tests', 'docs', 'sites', 'shared', 'counter.c');
let browser;
let counterOut; /* what src="counter.c" prints, from the native build */

beforeAll(async () => {
  for (const s of Object.values(SITES)) {
    if (!existsSync(join(s.dir, 'index.html'))) throw new Error(`${s.dir} is not built: run make test-docs`);
  }
  counterOut = execFileSync('make', ['-s', 'run', `EX=${COUNTER}`], { cwd: ROOT, env: { ...process.env, ASYNC_CLOCK: 'virtual' }, encoding: 'utf8' })
    .trimEnd().split('\n');
  browser = await launch();
}, 120000);
afterAll(async () => { await browser?.close(); });

const FINISHED = /^(Finished|Ended|Does not|Cannot compile|No code|Stopped|Crashed)/;

/** Each demo's expected output: its fallback's text, or (no fallback) counter.c's. */
const expectations = (page) => page.$$eval('async-c-demo', (demos) => demos.map((d) => {
  const out = d.querySelector('.async-c-demo-output, pre');
  if (!out) return null;
  const copy = out.cloneNode(true); /* Prism's lines (Docusaurus) end in <br> */
  for (const br of copy.querySelectorAll('br')) br.replaceWith('\n');
  return copy.textContent.replace(/\n+$/, '').split('\n');
}));

/** Run every demo on the page, all at once, and return each one's status and output lines. */
async function runAll(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('async-c-demo')]
    .every((d) => d.shadowRoot?.querySelector('.run:not([disabled])')), null, { timeout: 30000 });
  const n = await page.locator('async-c-demo').count();
  for (let i = 0; i < n; i++) await page.locator('async-c-demo').nth(i).locator('.run').click();
  await page.waitForFunction((re) => [...document.querySelectorAll('async-c-demo')]
    .every((d) => new RegExp(re).test(d.shadowRoot.querySelector('.status').textContent)), FINISHED.source, { timeout: 90000 });
  return page.$$eval('async-c-demo', (demos) => demos.map((d) => ({
    status: d.shadowRoot.querySelector('.status').textContent,
    lines: [...d.shadowRoot.querySelectorAll('#output .line.out .text')].map((e) => e.textContent),
    notices: [...d.shadowRoot.querySelectorAll('#output .line:not(.out) .text')].map((e) => e.textContent),
  })));
}

async function expectDemosWork(page) {
  const expected = (await expectations(page)).map((e) => e || counterOut);
  const results = await runAll(page);
  expect(results.map((r) => r.status.replace(/ \(.*$/, '').replace(/[\d.]+ s/, 'N s')))
    .toEqual(expected.map(() => expect.stringMatching(/^Finished/)));
  expect(results.map((r) => r.lines)).toEqual(expected);
  expect(results.flatMap((r) => r.notices)).toEqual([]);
}

/** axe-core inside the demos only (their shadow roots): no violations. */
async function axeDemos(page) {
  await page.addScriptTag({ path: join(ROOT, 'node_modules', 'axe-core', 'axe.min.js') });
  const r = await page.evaluate(() => window.axe.run({ include: [['async-c-demo']] }, { resultTypes: ['violations'] }));
  /* the demos' insides were looked at: some node checked lies in a shadow root */
  expect(r.passes.concat(r.violations).some((rule) => rule.nodes.some((n) => Array.isArray(n.target[0])))).toBe(true);
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
}

const schemes = (page) => page.$$eval('async-c-demo', (demos) => demos.map((d) => {
  const panes = d.shadowRoot.querySelector('.panes');
  return `${panes.dataset.theme}/${d.shadowRoot.querySelector('#timeline').dataset.theme} ${getComputedStyle(panes).backgroundColor}`;
}));

describe.each(Object.keys(SITES))('%s', (name) => {
  const s = SITES[name];
  let docs;
  beforeAll(async () => { docs = await serveDocs(s.dir); });
  afterAll(() => docs?.close());

  test('the demos run, survive a second page and back, follow the dark toggle, pass axe, log no errors', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()} ${m.location().url}`); });
    await page.goto(docs.url);
    expect(await page.locator('async-c-demo').count()).toBe(3);

    await expectDemosWork(page);
    expect(await axeDemos(page)).toEqual([]);

    // A second page and back: on a single-page site the same document, demos rebuilt by the swap.
    await page.evaluate(() => { window.stayedLoaded = true; });
    await s.toSecond(page);
    await s.onSecond(page);
    expect(await page.locator('async-c-demo').count()).toBe(0);
    await page.goBack();
    await page.locator('async-c-demo').nth(2).waitFor({ state: 'attached' });
    expect(await page.evaluate(() => window.stayedLoaded === true)).toBe(s.spa);
    expect(await page.locator('async-c-demo').count()).toBe(3);
    await expectDemosWork(page);

    // The site's dark toggle re-themes every demo, its colours and its timeline.
    const light = await schemes(page);
    expect(light).toEqual(light.map(() => 'light/light rgb(250, 250, 250)'));
    const allDark = () => page.evaluate(() => [...document.querySelectorAll('async-c-demo')]
      .every((d) => d.shadowRoot.querySelector('.panes').dataset.theme === 'dark'));
    for (let i = 0; i < 3 && !(await allDark()); i++) {
      await page.locator(s.toggle).first().click();
      await page.waitForTimeout(100); /* the observer's turn */
    }
    expect(await allDark()).toBe(true);
    expect(await schemes(page)).toEqual(light.map(() => 'dark/dark rgb(22, 23, 26)'));
    await page.locator('async-c-demo').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, `docs-${name}-dark.png`) });
    expect(await axeDemos(page)).toEqual([]);
    // ... and the theme attribute overrides the site.
    await page.locator('async-c-demo').first().evaluate((d) => d.setAttribute('theme', 'light'));
    expect((await schemes(page))[0]).toBe('light/light rgb(250, 250, 250)');

    expect(errors).toEqual([]);
    await context.close();
  }, 300000);

  test('without JavaScript the page shows each demo\'s code and expected output', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    await page.goto(docs.url);
    const first = page.locator('async-c-demo').first();
    const output = first.locator('pre, .async-c-demo-output').first();
    await expect(output.isVisible()).resolves.toBe(true);
    expect(await output.evaluate((o) => { const c = o.cloneNode(true); for (const br of c.querySelectorAll('br')) br.replaceWith('\n'); return c.textContent.trim().split('\n'); })).toEqual(['fast: step 1', 'fast: step 2', 'slow: step 1', 'slow: step 2']);
    expect(await first.getByText('Output', { exact: true }).isVisible()).toBe(true);
    // The code: the generator's own block just before the demo, visible.
    const code = await first.evaluate((d) => {
      let node = d;
      while (!node.previousElementSibling) node = node.parentElement;
      const pre = [...node.previousElementSibling.querySelectorAll('pre')].pop();
      const r = pre.getBoundingClientRect();
      return { text: pre.textContent, visible: r.width > 0 && r.height > 0 };
    });
    expect(code.visible).toBe(true);
    expect(code.text).toContain('static void *worker(void *arg) {');
    await page.screenshot({ path: join(SCREENSHOTS, `docs-${name}-nojs.png`) });
    await context.close();
  }, 60000);
});

test('Docusaurus: the demos are in the server-rendered HTML, fallback included', () => {
  const html = readFileSync(join(SITES.docusaurus.dir, 'index.html'), 'utf8');
  expect(html.match(/<async-c-demo[^>]*>/g)).toEqual(['<async-c-demo template="/main.c" clock="virtual">',
    '<async-c-demo clock="virtual">', '<async-c-demo src="/counter.c" clock="virtual">']);
  expect(html).toMatch(/<async-c-demo clock="virtual"><p>Output<\/p>[\s\S]*tea ready after 0\.1 s/);
});
