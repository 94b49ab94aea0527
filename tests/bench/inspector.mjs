/**
 * inspector.mjs - the inspector's scale (issue 15): the loop state rebuilt
 * at any event of a long run, from checkpoints (web/inspector/loop-state.js).
 * For a run of 1,000,000 events (two tasks ping-ponging: switch.wasm) and
 * one of 100,000 sleeping tasks (sleepers.wasm, the biggest state), kept
 * in the page's own log (web/event-log.js):
 *   - fold: ns per event, folding the stream as it arrives;
 *   - checkpoints: bytes per event they hold;
 *   - scrub: ms to rebuild the state at random events and read what the
 *     views show there (the panel's first 50 ready and timers, the editor's
 *     markers), the way a cursor moves: random jumps (scrub_ms), then one
 *     event back (step_back_ms): p50, p95, max.
 *   - log_bytes_per_event: the page's log (event-log.js) as allocated.
 * And in Chromium, the playground's frame times while 1,000 tasks stream in
 * (tests/programs/many.c, real clock): with the inspector idle at t = 0
 * (its fold is lazy: "closed"), and with its cursor kept at the live end
 * every frame (End on the cursor's handle: the panel, the markers and the
 * timeline's cursor redrawn each frame: "open").
 *
 * measureInspector() returns {scrub: [...], frames: {closed, open}};
 * node tests/bench/inspector.mjs [--json] [--no-browser] prints it.
 */
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Program } from '../../wasm/host/host.js';
import { launch, serveSite, ROOT } from '../browser/browser.js';
import { LoopHistory } from '../../web/inspector/loop-state.js';
import { markersFor } from '../../web/inspector/markers.js';
import { EventLog, EVENT_BYTES } from '../../web/run/event-log.js';

const BUILD = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'build');

async function events(name, args) {
  const out = [];
  const p = new Program(await WebAssembly.compile(readFileSync(join(BUILD, 'wasm', 'bench', `${name}.wasm`))),
    { args: args.map(String), env: { ASYNC_CLOCK: 'virtual' }, onEvent: (e) => { if (e.kind !== 'output') out.push(e); } });
  await p.run();
  return out;
}

/* what a move of the cursor reads (panel.js, markers.js) */
const view = (s) => { s.ready(50); s.timerList(50); markersFor(s); };
const pct = (a, p) => a.slice().sort((x, y) => x - y)[Math.min(a.length - 1, Math.floor(p * a.length))];

async function measure(name, args) {
  const evs = await events(name, args);
  let t0 = performance.now();
  const log = EventLog.of(evs, { max: Infinity });
  const logMs = performance.now() - t0;
  const history = new LoopHistory(log.source());
  t0 = performance.now();
  history.update();
  const foldMs = performance.now() - t0;
  let seed = 1;
  const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const jumps = [], steps = [];
  for (let i = 0; i < 200; i++) {
    const k = rnd(evs.length + 1);
    let t = performance.now();
    view(history.stateAt(k));
    jumps.push(performance.now() - t);
    t = performance.now();
    view(history.stateAt(Math.max(0, k - 1))); /* step back */
    steps.push(performance.now() - t);
  }
  return {
    program: `${name} ${args.join(' ')}`, events: evs.length, tasks: history.head.maxTask,
    log_bytes_per_event: +(log.bytes / evs.length).toFixed(2), packed_event_bytes: EVENT_BYTES, log_ns_per_event: +(logMs * 1e6 / evs.length).toFixed(1),
    fold_ns_per_event: +(foldMs * 1e6 / evs.length).toFixed(1),
    checkpoints: history.checkpoints.length,
    checkpoint_bytes_per_event: +(history.bytes() / evs.length).toFixed(2),
    scrub_ms: { p50: +pct(jumps, 0.5).toFixed(2), p95: +pct(jumps, 0.95).toFixed(2), max: +Math.max(...jumps).toFixed(2) },
    step_back_ms: { p50: +pct(steps, 0.5).toFixed(2), p95: +pct(steps, 0.95).toFixed(2), max: +Math.max(...steps).toFixed(2) },
  };
}

/* Frame times (ms) in the playground while many.c's 1,000 tasks stream in; follow: the cursor kept at the end. */
async function frames(browser, site, follow) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.route('**/examples/index.json', async (route) => {
    const list = await (await route.fetch()).json();
    list.push({ name: 'many', title: '1,000 tasks', seed: false, source: readFileSync(join(ROOT, 'tests', 'programs', 'many.c'), 'utf8') });
    await route.fulfill({ json: list });
  });
  await page.route('**/examples/many.wasm', (route) => route.fulfill({ body: readFileSync(join(ROOT, 'build', 'wasm', 'programs', 'many.wasm')), contentType: 'application/wasm' }));
  await page.goto(`${site.url}?example=many`);
  await page.locator('#run:not([disabled])').waitFor();
  if (await page.isChecked('#virtual')) await page.uncheck('#virtual');
  await page.evaluate((follow) => {
    window.frames_ = [];
    let last = performance.now();
    const handle = document.querySelector('#timeline .tl-cursor');
    const tick = (t) => {
      window.frames_.push(t - last);
      last = t;
      if (follow && !handle.hidden) handle.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
      if (!/^Finished/.test(document.querySelector('#status').textContent)) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, follow);
  await page.click('#run');
  await page.waitForFunction(() => /^Finished/.test(document.querySelector('#status').textContent), null, { timeout: 60000 });
  const f = (await page.evaluate(() => window.frames_)).slice(1);
  const cursor = await page.locator('#timeline .tl-cursor').getAttribute('aria-valuenow');
  await page.close();
  return { frames: f.length, cursor_at: Number(cursor), median_ms: +pct(f, 0.5).toFixed(1), p95_ms: +pct(f, 0.95).toFixed(1), max_ms: +Math.max(...f).toFixed(1) };
}

/** @returns {Promise<{scrub: object[], frames: {closed: object, open: object}}>} */
export async function measureInspector({ browser: inBrowser = true } = {}) {
  const scrub = [await measure('switch', [500000, 0]), await measure('sleepers', [100000])];
  if (!inBrowser) return { scrub };
  const browser = await launch();
  const site = await serveSite();
  try {
    return { scrub, frames: { closed: await frames(browser, site, false), open: await frames(browser, site, true) } };
  } finally {
    await browser.close();
    site.server.close();
  }
}

if (process.argv[1] && process.argv[1].endsWith('inspector.mjs')) {
  console.log(JSON.stringify(await measureInspector({ browser: !process.argv.includes('--no-browser') }), null, process.argv.includes('--json') ? 0 : 1));
}
