/**
 * sides.mjs - make bench's side-by-side columns (`make bench BASE=commit`):
 * the same benches on this tree and on a base commit built by base.sh in a
 * scratch worktree, interleaved run by run (head, base, head, base...), each
 * side with its own runtime, host.js, page and inspector. Medians, and the
 * ratio head / base. A bench whose files the base lacks reports n/a for it.
 *
 * Rows:
 *   - switch, native: instructions per switch (callgrind, when valgrind is
 *     installed; exact, so one run) and ns;
 *   - switch, wasm in Node and in Chromium: ns;
 *   - the page's event log: bytes per event (its EVENT_BYTES);
 *   - scrub latency p50 / p95 at 1,000,000 events and at 100,000 sleepers
 *     (the tree's own tests/bench/inspector.mjs);
 *   - navigation to the first output line, and frame time median / p95
 *     while 1,000 tasks stream in (each served from the tree's own site).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launch, serveSite, ROOT } from '../browser/browser.js';
import { navigationToFirstOutput, streamFrames } from './page.mjs';

const median = (xs) => { const s = xs.filter(Number.isFinite).sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };
const log = (...a) => process.stderr.write(`${a.join(' ')}\n`);
const HERE = join(ROOT, 'tests', 'bench');

/** The tree's files the benches need, found by name so a moved file is still found. */
function tree(at, label) {
  const dir = resolve(at);
  const files = execFileSync('git', ['-C', dir, 'ls-files'], { encoding: 'utf8' }).split('\n');
  const find = (re) => { const f = files.filter((x) => re.test(x)).sort((a, b) => a.length - b.length)[0]; return f ? join(dir, f) : null; };
  const built = (p) => (existsSync(join(dir, p)) ? join(dir, p) : null);
  const commit = execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['-C', dir, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
  return {
    label, dir, commit: dirty ? `${commit}+` : commit,
    host: find(/^wasm\/(.*\/)?host\.js$/),
    eventLog: find(/^web\/(.*\/)?event-log\.js$/),
    inspectorBench: built('tests/bench/inspector.mjs'),
    nativeSwitch: built('build/native/bench/switch'),
    wasmSwitch: built('build/wasm/bench/switch.wasm'),
    site: built('build/site/index.html') && join(dir, 'build', 'site'),
    many: built('build/wasm/programs/many.wasm') && built('tests/programs/many.c'),
  };
}

const json = (cmd, args) => JSON.parse(execFileSync(cmd, args.map(String), { encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n').pop());
const hasValgrind = (() => { try { execFileSync('valgrind', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; } })();

/** Instructions per switch: callgrind's count at 2N switches minus at N, over N. */
function callgrindSwitch(t) {
  if (!hasValgrind || !t.nativeSwitch) return NaN;
  const count = (n) => {
    const r = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', t.nativeSwitch, n, 0], { encoding: 'utf8' });
    return Number(/Collected\s*:\s*(\d+)/.exec(r.stderr)?.[1] ?? NaN);
  };
  const n = 100000;
  return (count(2 * n) - count(n)) / n;
}
function eventBytes(t) {
  if (!t.eventLog) return NaN;
  const m = /export const EVENT_BYTES = (\d+)/.exec(readFileSync(t.eventLog, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

function scrub(t) {
  if (!t.inspectorBench || !t.wasmSwitch) return null;
  try {
    const out = JSON.parse(execFileSync('node', [t.inspectorBench, '--json', '--no-browser'], { cwd: t.dir, encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n').pop());
    const r = Array.isArray(out) ? out : out.scrub; /* the list itself, or {scrub, frames} */
    const at = (re) => r.find((x) => re.test(x.program))?.scrub_ms || {};
    return { m1: at(/^switch/), s100k: at(/^sleepers/) };
  } catch (e) {
    log(`  ${t.label}: inspector.mjs failed: ${e.message.split('\n')[0]}`);
    return null;
  }
}

/**
 * @param {{base: string, runs?: number}} opts  base: the base worktree (base.sh's output)
 * @returns {Promise<{head: object, base: object, rows: {name: string, unit: string, head: number, base: number, ratio: number, runs: object}[]}>}
 */
export async function sideBySide({ base, runs = 5 }) {
  const sides = [tree(ROOT, 'head'), tree(base, 'base')];
  const samples = {}; /* name -> label -> [values] */
  const put = (name, label, v) => { ((samples[name] ||= {})[label] ||= []).push(v); };
  const each = async (fn) => { for (let i = 0; i < runs; i++) for (const t of sides) await fn(t, i); };

  log('side by side: native switch');
  for (const t of sides) put('switch, native (callgrind instructions)', t.label, callgrindSwitch(t));
  await each((t) => put('switch, native (ns)', t.label, t.nativeSwitch ? json(t.nativeSwitch, [1e6, 0]).ns_per_switch : NaN));
  log('side by side: wasm switch in Node');
  await each((t) => put('switch, wasm in Node (ns)', t.label,
    t.host && t.wasmSwitch ? json('node', [join(HERE, 'side-node.mjs'), t.host, t.wasmSwitch, 1e6, 0]).ns_per_switch : NaN));
  for (const t of sides) put('event log in the page (bytes per event)', t.label, eventBytes(t));

  log('side by side: scrub');
  for (let i = 0; i < Math.min(runs, 3); i++) {
    for (const t of sides) {
      const s = scrub(t);
      put('scrub at 1,000,000 events, p50 (ms)', t.label, s?.m1.p50 ?? NaN);
      put('scrub at 1,000,000 events, p95 (ms)', t.label, s?.m1.p95 ?? NaN);
      put('scrub at 100,000 sleepers, p50 (ms)', t.label, s?.s100k.p50 ?? NaN);
      put('scrub at 100,000 sleepers, p95 (ms)', t.label, s?.s100k.p95 ?? NaN);
    }
  }

  log('side by side: Chromium');
  const browser = await launch();
  const servers = [];
  try {
    /* Each side's files under /side/<label>/, so host.js's relative imports stay in its tree. */
    const page = await browser.newPage();
    const site = await serveSite({ compile: false });
    servers.push(site.server);
    await page.route('**/side/**', (r) => {
      const [, label, ...rest] = new URL(r.request().url()).pathname.split('/').slice(1);
      const t = sides.find((s) => s.label === label);
      const file = join(t.dir, ...rest);
      if (!existsSync(file)) return r.fulfill({ status: 404 });
      return r.fulfill({ body: readFileSync(file), contentType: file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript' });
    });
    await page.goto(`${site.url}index.html`);
    await each(async (t) => {
      if (!t.host || !t.wasmSwitch) return put('switch, wasm in Chromium (ns)', t.label, NaN);
      const rel = (p) => `/side/${t.label}/${p.slice(t.dir.length + 1)}`;
      const r = await page.evaluate(async ([host, wasm]) => {
        const { Program } = await import(host);
        const module = await WebAssembly.compileStreaming(fetch(wasm));
        let out = '', events = 0; /* every event reaches the consumer: spawns and output one by one, the rest packed */
        const p = new Program(module, { args: ['1000000', '0'], onEvent: (e) => { events++; if (e.kind === 'output' && e.stream === 1) out += e.text; },
          onEvents: (b) => { events += b.count; } });
        await p.run();
        return JSON.parse(out.trim());
      }, [rel(t.host), rel(t.wasmSwitch)]);
      put('switch, wasm in Chromium (ns)', t.label, r.ns_per_switch);
    });
    await page.close();

    const urls = {};
    for (const t of sides) {
      if (!t.site || !t.many) continue;
      const s = await serveSite({ compile: false, root: t.site });
      servers.push(s.server);
      urls[t.label] = s.url;
    }
    log('side by side: navigation to first output');
    await each(async (t) => put('navigation to first output (ms)', t.label, urls[t.label] ? await navigationToFirstOutput(browser, urls[t.label]) : NaN));
    log('side by side: frame time');
    await each(async (t) => {
      const f = urls[t.label] ? await streamFrames(browser, urls[t.label], t.dir) : {};
      put('frame time while 1,000 tasks stream in, median (ms)', t.label, f.median_ms ?? NaN);
      put('frame time while 1,000 tasks stream in, p95 (ms)', t.label, f.p95_ms ?? NaN);
    });
  } finally {
    await browser.close();
    for (const s of servers) s.close();
  }

  const rows = Object.entries(samples).map(([name, by]) => {
    const [what, unit] = /^(.*) \((.*)\)$/.exec(name).slice(1);
    const head = median(by.head || []), baseV = median(by.base || []);
    return { name: what, unit, head, base: baseV, ratio: head / baseV, runs: by };
  });
  const strip = ({ label, dir, commit }) => ({ label, dir, commit });
  return { head: strip(sides[0]), base: strip(sides[1]), runs, rows };
}

if (process.argv[1] && process.argv[1].endsWith('sides.mjs')) {
  console.log(JSON.stringify(await sideBySide({ base: process.argv[2], runs: Number(process.argv[3] || 3) }), null, 1));
}
