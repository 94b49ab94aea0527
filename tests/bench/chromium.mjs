/**
 * chromium.mjs - the runtime measured in Chromium: bench programs run
 * through wasm/host/host.js in a page (its main thread, so zero-delay turns are
 * MessageChannel messages), next to plain-JS anchors in the same page.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, serveSite, ROOT } from '../browser/browser.js';

/**
 * @param {(run: (name: string, args: (string|number)[]) => Promise<object>, page) => Promise<object>} body
 */
export async function inChromium(body) {
  const browser = await launch();
  const site = await serveSite({ compile: false });
  try {
    const page = await browser.newPage();
    /* The tree's own files under /tree/, so host.js's relative imports (build/gen/vocab.js) resolve. */
    const host = execFileSync('git', ['-C', ROOT, 'ls-files'], { encoding: 'utf8' }).split('\n').filter((f) => /^wasm\/(.*\/)?host\.js$/.test(f)).sort((a, b) => a.length - b.length)[0];
    await page.route('**/tree/**', (r) => {
      const file = join(ROOT, ...new URL(r.request().url()).pathname.split('/').slice(2));
      if (!existsSync(file)) return r.fulfill({ status: 404 });
      return r.fulfill({ body: readFileSync(file), contentType: 'text/javascript' });
    });
    await page.route('**/bench/*.wasm', (r) => r.fulfill({
      body: readFileSync(join(ROOT, 'build', 'wasm', 'bench', new URL(r.request().url()).pathname.split('/').pop())), contentType: 'application/wasm' }));
    await page.route('**/bench/anchor/*', (r) => r.fulfill({
      body: readFileSync(join(ROOT, 'build', 'bench', 'anchor', new URL(r.request().url()).pathname.split('/').pop())),
      contentType: r.request().url().endsWith('.wasm') ? 'application/wasm' : 'text/javascript' }));
    await page.goto(`${site.url}index.html`);
    const run = (name, args) => page.evaluate(async ([n, a, h]) => {
      const { Program } = await import(`/tree/${h}`);
      const module = await WebAssembly.compileStreaming(fetch(`/bench/${n}.wasm`));
      let out = '', events = 0; /* every event reaches the consumer: spawns and output one by one, the rest packed */
      const p = new Program(module, { args: a.map(String), onEvent: (e) => { events++; if (e.kind === 'output' && e.stream === 1) out += e.text; },
        onEvents: (b) => { events += b.count; } });
      const t0 = performance.now();
      await p.run();
      return { ...JSON.parse(out.trim()), host_turns: p.hostTurns, events, wall_ms: performance.now() - t0 };
    }, [name, args, host]);
    return await body(run, page);
  } finally {
    await browser.close();
    site.server.close();
  }
}

/** A plain MessageChannel loop of n turns in the page: ms. */
export function messageChannelLoop(page, n) {
  return page.evaluate((count) => new Promise((resolve) => {
    const ch = new MessageChannel();
    let i = 0;
    const t0 = performance.now();
    ch.port1.onmessage = () => { if (++i < count) ch.port2.postMessage(0); else resolve(performance.now() - t0); };
    ch.port2.postMessage(0);
  }), n);
}

/** JS `await` ping-pong of n switches in the page: ns per switch. */
export function jsAwait(page, n) {
  return page.evaluate(async (count) => {
    const pinger = async (k) => { for (let i = 0; i < k; i++) await null; };
    const t0 = performance.now();
    await Promise.all([pinger(count / 2), pinger(count / 2)]);
    return ((performance.now() - t0) * 1e6) / count;
  }, n);
}

/** emscripten_sleep(0) n times, built by emcc with its own JS glue (build/bench/anchor/): ms. */
export function emscriptenSleep(page, n) {
  return page.evaluate(async (count) => {
    const { default: create } = await import('/bench/anchor/emsleep.mjs');
    let out = '';
    await new Promise((resolve) => {
      create({ arguments: [String(count)], print: (t) => { out += t; }, onExit: resolve, locateFile: (f) => `/bench/anchor/${f}` });
    });
    return JSON.parse(out).total_ms;
  }, n);
}
