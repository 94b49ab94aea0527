#!/usr/bin/env node
/**
 * run.mjs - `make bench`: the runtime next to its anchors (Python asyncio,
 * JavaScript await and promises, emscripten_sleep), all measured in this one
 * run on this machine. Every figure is a median of several runs. Writes
 * build/bench/report.json and build/bench/report.md, whose text under its
 * title is README's "Benchmarks" section as it stands (tests/bench/readme.mjs
 * puts it there).
 *
 * BENCH_BASE=dir (make bench BASE=commit, built by base.sh) adds the same
 * benches side by side with that commit (sides.mjs).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, loadavg } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../browser/browser.js';
import { Program } from '../../wasm/host/host.js';
import { measurePage } from './page.mjs';
import { measureCompile } from './compile.mjs';
import { measureBrowserCompile } from './browser-compile.mjs';
import { sideBySide } from './sides.mjs';
import { inChromium, messageChannelLoop, jsAwait, emscriptenSleep } from './chromium.mjs';

const BUILD = join(ROOT, 'build');
const RUNS = Number(process.env.BENCH_RUNS || 5);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const log = (...a) => process.stderr.write(`${a.join(' ')}\n`);

function exec(cmd, args) {
  return JSON.parse(execFileSync(cmd, args.map(String), { encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n').pop());
}
const native = (name, args, dir = 'native') => exec(join(BUILD, dir, 'bench', name), args);
const python = (kind, n) => exec('python3', [join(ROOT, 'tests', 'bench', 'anchors', 'asyncio_bench.py'), kind, n]);
const node = (kind, n) => exec('node', ['--expose-gc', join(ROOT, 'tests', 'bench', 'anchors', 'js_bench.mjs'), kind, n]);

async function wasmNode(name, args) {
  const module = await WebAssembly.compile(readFileSync(join(BUILD, 'wasm', 'bench', `${name}.wasm`)));
  let out = '', events = 0; /* every event reaches the consumer: spawns and output one by one, the rest packed */
  const p = new Program(module, { args: args.map(String), onEvent: (e) => { events++; if (e.kind === 'output' && e.stream === 1) out += e.text; },
    onEvents: (b) => { events += b.count; } });
  await p.run();
  return { ...JSON.parse(out.trim()), host_turns: p.hostTurns, events };
}

/** Median of `key` over RUNS runs of fn (async or not). */
async function med(label, fn, key, runs = RUNS) {
  const rs = [];
  for (let i = 0; i < runs; i++) rs.push(await fn());
  const m = median(rs.map((r) => r[key]));
  log(`  ${label}: ${m}`);
  return { ...rs.find((r) => r[key] === m), [key]: m, runs: rs.map((r) => r[key]) };
}

const R = { machine: { cpu: cpus()[0].model, cores: cpus().length, memory_gb: Math.round(totalmem() / 2 ** 30) }, runs: RUNS,
  commit: execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(),
  started: new Date().toISOString(), load: { start: loadavg() }, seconds: {} };
const T0 = performance.now();
let lap = T0;
/** Seconds since the last lap, kept under `name`: what each part of the bench takes. */
const timed = (name) => { const now = performance.now(); R.seconds[name] = Math.round((now - lap) / 1000); lap = now; };

/* BENCH_FROM=build/bench/report.json renders a report again without measuring. */
if (process.env.BENCH_FROM) Object.assign(R, JSON.parse(readFileSync(process.env.BENCH_FROM, 'utf8')));
else {
  log('switch');
  R.switch = {
    native: await med('native', () => native('switch', [1e6, 0]), 'ns_per_switch'),
    native_depth16: await med('native d16', () => native('switch', [1e6, 16]), 'ns_per_switch'),
    native_ucontext: await med('native ucontext', () => native('switch', [1e6, 0], 'native-ucontext'), 'ns_per_switch'),
    wasm_node: await med('wasm node', () => wasmNode('switch', [1e6, 0]), 'ns_per_switch'),
    wasm_node_depth16: await med('wasm node d16', () => wasmNode('switch', [1e6, 16]), 'ns_per_switch'),
    python_asyncio: await med('python', () => python('switch', 200000), 'ns_per_switch', 3),
    js_await_node: await med('js await node', () => node('switch', 1e6), 'ns_per_switch'),
  };

  timed('switch, native and Node');
  log('scale (native, python, node)');
  R.scale = {};
  for (const n of [10000, 100000]) {
    R.scale[n] = {
      native: await med(`native ${n}`, () => native('sleepers', [n]), 'wall_s', 3),
      python_asyncio: await med(`python ${n}`, () => python('sleepers', n), 'wall_s', 3),
      node_promises: await med(`node ${n}`, () => node('sleepers', n), 'wall_s', 3),
    };
  }

  timed('scale, native and anchors');
  log('chromium');
  await inChromium(async (run, page) => {
    R.switch.wasm_chromium = await med('wasm chromium', () => run('switch', [1e6, 0]), 'ns_per_switch');
    R.switch.wasm_chromium_depth16 = await med('wasm chromium d16', () => run('switch', [1e6, 16]), 'ns_per_switch');
    R.switch.js_await_chromium = await med('js await chromium', async () => ({ ns_per_switch: await jsAwait(page, 1e6) }), 'ns_per_switch');
    R.yields = {
      async_yield_10000: await med('async_yield x10000', () => run('yields', [10000]), 'total_ms'),
      message_channel_10000_ms: (await med('MessageChannel x10000', async () => ({ ms: await messageChannelLoop(page, 10000) }), 'ms')).ms,
      emscripten_sleep0_200_ms: (await med('emscripten_sleep(0) x200', async () => ({ ms: await emscriptenSleep(page, 200) }), 'ms', 3)).ms,
    };
    R.yields.async_yield_per_s = 10000 / (R.yields.async_yield_10000.total_ms / 1000);
    R.yields.message_channel_per_s = 10000 / (R.yields.message_channel_10000_ms / 1000);
    R.yields.emscripten_sleep0_per_s = 200 / (R.yields.emscripten_sleep0_200_ms / 1000);
    for (const n of [10000, 100000]) {
      R.scale[n].chromium = await med(`chromium ${n}`, () => run('sleepers', [n]).catch((e) => ({ wall_s: NaN, bytes_per_task: NaN, error: e.message })), 'wall_s', 3);
    }
    R.timers = await med('timers', () => run('timers', [1000]), 'late_p99_ms', 3);
  });

  timed('Chromium');
  log('asyncify size');
  R.asyncify_size = {};
  for (const f of readdirSync(join(BUILD, 'wasm', 'plain')).filter((x) => x.endsWith('.wasm'))) {
    const name = f.slice(0, -5);
    const plain = statSync(join(BUILD, 'wasm', 'plain', f)).size;
    const asyncified = statSync(join(BUILD, 'wasm', 'examples', f)).size;
    R.asyncify_size[name] = { plain, asyncify: asyncified, ratio: asyncified / plain };
  }

  log('page');
  R.page = await measurePage({ runs: RUNS });
  timed('page');
  log('compile');
  R.compile = await measureCompile();
  timed('compile service');
  log('compile in the browser');
  R.browser_compile = await measureBrowserCompile({ runs: 3 });
  timed('compile in the browser');
  if (process.env.BENCH_BASE) {
    R.sides = await sideBySide({ base: process.env.BENCH_BASE, runs: RUNS });
    timed('side by side');
  } else {
    log('inspector');
    R.inspector = JSON.parse(execFileSync('node', [join(ROOT, 'tests', 'bench', 'inspector.mjs'), '--json'], { encoding: 'utf8' }).trim().split('\n').pop());
    timed('inspector');
  }
  R.load.end = loadavg();
  R.seconds.total = Math.round((performance.now() - T0) / 1000);
}

const out = join(BUILD, 'bench');
mkdirSync(out, { recursive: true });
if (!process.env.BENCH_FROM) writeFileSync(join(out, 'report.json'), JSON.stringify(R, null, 2));

const f = (x, d = 1) => (x != null && Number.isFinite(Number(x)) ? Number(x).toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : 'n/a');
const met = (ok) => (ok ? '**met**' : '**not met**');
const sw = R.switch;
const maxRatio = Math.max(...Object.values(R.asyncify_size).map((s) => s.ratio));
const s100 = R.scale[100000];
const bc = R.browser_compile;
const br = (name) => bc.files.find((x) => x.name === name)?.br;
/* binaryen.js ships as its glue and binaryen.wasm (web/tools/split-binaryen.mjs); a run from before, as one file. */
const brBinaryen = () => br('binaryen.js') + (br('binaryen.wasm') || 0);
const side = (name) => R.sides?.rows.find((r) => r.name === name);
const insp = (re) => ((Array.isArray(R.inspector) ? R.inspector : R.inspector?.scrub) || []).find((x) => re.test(x.program));
/* Scrub, frame and navigation figures: the side-by-side head column when there is one (medians of RUNS), else this run's. */
const scrub1m = side('scrub at 1,000,000 events, p95')?.head ?? insp(/^switch/)?.scrub_ms.p95;
const scrub100k = side('scrub at 100,000 sleepers, p95')?.head ?? insp(/^sleepers/)?.scrub_ms.p95;
const frameP95 = side('frame time while 1,000 tasks stream in, p95')?.head ?? R.page.frames_1000_tasks.p95_ms;
const firstOutput = side('navigation to first output')?.head ?? R.page.first_output_ms.median;
const sideRatio = (name) => side(name)?.ratio;
const noise = 1.05; /* "within noise": at most 5% over the base */
const asyncioRatio = (ns) => ns / sw.python_asyncio.ns_per_switch;
const ucRatio = sw.wasm_chromium.ns_per_switch / sw.native_ucontext.ns_per_switch;
const toolchainBr = bc.download_br_bytes;

/* Every figure of issue #20 with its target and the anchor it is measured against, in this one run. */
const summary = [
  ['task switch, wasm in Chromium', `${f(sw.wasm_chromium.ns_per_switch)} ns = ${f(asyncioRatio(sw.wasm_chromium.ns_per_switch), 3)}× asyncio`,
    '≤ 0.1× asyncio', `asyncio ${f(sw.python_asyncio.ns_per_switch)} ns`, met(asyncioRatio(sw.wasm_chromium.ns_per_switch) <= 0.1)],
  ['task switch, wasm in Node', `${f(sw.wasm_node.ns_per_switch)} ns = ${f(asyncioRatio(sw.wasm_node.ns_per_switch), 3)}× asyncio`,
    '≤ 0.1× asyncio', `asyncio ${f(sw.python_asyncio.ns_per_switch)} ns`, met(asyncioRatio(sw.wasm_node.ns_per_switch) <= 0.1)],
  ['task switch, wasm in Chromium against native ucontext', `${f(ucRatio, 2)}×`, '≤ 0.42× (as met before)',
    `ucontext ${f(sw.native_ucontext.ns_per_switch)} ns`, met(ucRatio <= 0.42)],
  ['zero-delay yields in Chromium', `${f(R.yields.async_yield_per_s / 1e6, 2)} M/s`, '≥ 50,000/s',
    `MessageChannel loop ${f(R.yields.message_channel_per_s, 0)}/s`, met(R.yields.async_yield_per_s >= 50000)],
  ['100,000 sleepers in Chromium (1 s each)', `${f(s100.chromium.wall_s, 2)} s, ${f(s100.chromium.bytes_per_task / 1024)} KB each`,
    '≤ 1.3 s, ≤ 2 KB each', `asyncio ${f(s100.python_asyncio.wall_s, 2)} s, ${f(s100.python_asyncio.bytes_per_task / 1024)} KB each`,
    met(s100.chromium.slept === 100000 && s100.chromium.wall_s <= 1.3 && s100.chromium.bytes_per_task <= 2048)],
  ['timer lateness p99 in Chromium', `${f(R.timers.late_p99_ms, 2)} ms`, '≤ 2 ms', `p50 ${f(R.timers.late_p50_ms, 2)} ms`, met(R.timers.late_p99_ms <= 2)],
  ['Asyncify, module size (worst example)', `${f(maxRatio, 2)}×`, '≤ 1.24×', 'the same module without Asyncify', met(maxRatio <= 1.24)],
  ['navigation to first output (loopback)', `${f(firstOutput, 0)} ms`, '≤ 600 ms',
    R.sides ? `base ${f(side('navigation to first output')?.base, 0)} ms` : '—', met(firstOutput <= 600)],
  ['page, editor and one example (gzip)', `${f(R.page.transfer_gzip_bytes / 1024)} KB`, '≤ 250 KB', '—', met(R.page.transfer_gzip_bytes <= 250 * 1024)],
  ['compile service, warm p50', `${f(R.compile.warm_p50_ms, 0)} ms`, '≤ 0.6× plain emcc', `plain \`emcc -O1 -sASYNCIFY\` ${f(R.compile.plain_emcc_O1_asyncify_ms, 0)} ms`,
    met(R.compile.warm_ratio_to_plain <= 0.6)],
  ['in-browser compile, later visit (toolchain cached), first Run', `${f(bc.cached_at_once_ms, 0)} ms`, '≤ 2,000 ms', `warm edit ${f(bc.warm_ms, 0)} ms`, met(bc.cached_at_once_ms <= 2000)],
  ['in-browser compile, first visit (loopback)', `${f(bc.first_visit_ms, 0)} ms`, '≤ 3,000 ms', `warm edit ${f(bc.warm_ms, 0)} ms`, met(bc.first_visit_ms <= 3000)],
  ['in-browser toolchain download (brotli)', `${f(toolchainBr / 1e6, 2)} MB`, '≤ 15 MB, or the floor',
    `llvm.core.wasm ${f(br('llvm.core.wasm') / 1e6, 2)} + binaryen ${f(brBinaryen() / 1e6, 2)} + sysroot ${f(br('llvm-resources.tar') / 1e6, 2)} MB`,
    toolchainBr <= 15e6 ? met(true) : '**not met** (floor: see below)'],
  ['frame time p95 while 1,000 tasks stream in', `${f(frameP95)} ms`, '≤ 20 ms',
    R.sides ? `base ${f(side('frame time while 1,000 tasks stream in, p95').base)} ms` : '—', met(frameP95 <= 20)],
  ['scrub at 1,000,000 events, p95', `${f(scrub1m, 2)} ms`, '≤ 50 ms', '—', Number.isFinite(scrub1m) ? met(scrub1m <= 50) : 'n/a'],
  ['scrub at 100,000 sleepers, p95', `${f(scrub100k, 2)} ms`, '≤ 50 ms', '—', Number.isFinite(scrub100k) ? met(scrub100k <= 50) : 'n/a'],
  ...(R.sides ? [
    ['a run without the inspector open: switch in Chromium', `${f(sideRatio('switch, wasm in Chromium'), 2)}× the base`, `≤ ${noise}× (within noise)`,
      `base ${f(side('switch, wasm in Chromium').base)} ns`, met(sideRatio('switch, wasm in Chromium') <= noise)],
    ['a run without the inspector open: frame time p95', `${f(sideRatio('frame time while 1,000 tasks stream in, p95'), 2)}× the base`, `≤ ${noise}× (within noise)`,
      `base ${f(side('frame time while 1,000 tasks stream in, p95').base)} ms`, met(sideRatio('frame time while 1,000 tasks stream in, p95') <= noise)],
  ] : []),
];

const sidesMd = R.sides ? `
### Side by side with ${R.sides.base.commit} (\`make bench BASE=${R.sides.base.commit}\`)

This tree (${R.sides.head.commit}) and ${R.sides.base.commit}, each with its own runtime, host, page and inspector, run by run in turn; medians of ${R.sides.runs} (scrub: 3; callgrind: exact, 1). n/a: the bench does not exist in that commit.

| | ${R.sides.head.commit} | ${R.sides.base.commit} | ratio |
| --- | ---: | ---: | ---: |
${R.sides.rows.map((r) => `| ${r.name} (${r.unit}) | ${f(r.head, 2)} | ${f(r.base, 2)} | ${f(r.ratio, 2)} |`).join('\n')}
` : '';

const loads = (l) => l.map((x) => x.toFixed(2)).join(', ');
const md = `# Benchmarks

Measured by \`make bench${R.sides ? ` BASE=${R.sides.base.commit}` : ''}\` at ${R.commit} on ${R.started.slice(0, 10)}: ${R.machine.cpu}, ${R.machine.cores} cores, ${R.machine.memory_gb} GB; load average ${loads(R.load.start)} at the start, ${loads(R.load.end)} at the end; ${Math.round(R.seconds.total / 60)} minutes. Medians of ${RUNS} runs (3 for the slow ones), all in this one run. Seconds each part took: ${Object.entries(R.seconds).map(([k, v]) => `${k} ${v}`).join(', ')}.

### Targets (issue #20)

| | measured | target | anchor, same run | |
| --- | --- | --- | --- | --- |
${summary.map((r) => `| ${r.join(' | ')} |`).join('\n')}

Times in ms depend on the machine: before comparing them with another run's, compare the anchors, which measure the machine, not this tree: asyncio ${f(sw.python_asyncio.ns_per_switch, 0)} ns per switch, plain emcc ${f(R.compile.plain_emcc_O1_asyncify_ms, 0)} ms${R.sides ? `, the base's navigation to first output ${f(side('navigation to first output')?.base, 0)} ms and frame time p95 ${f(side('frame time while 1,000 tasks stream in, p95')?.base)} ms` : ''}.
${sidesMd}
### Task switch (two tasks ping-pong with a zero-delay yield)

| | ns per switch | depth 16 |
| --- | ---: | ---: |
| native, x86-64 switch | ${f(sw.native.ns_per_switch)} | ${f(sw.native_depth16.ns_per_switch)} |
| native, ucontext | ${f(sw.native_ucontext.ns_per_switch)} | |
| wasm in Chromium | ${f(sw.wasm_chromium.ns_per_switch)} | ${f(sw.wasm_chromium_depth16.ns_per_switch)} |
| wasm in Node | ${f(sw.wasm_node.ns_per_switch)} | ${f(sw.wasm_node_depth16.ns_per_switch)} |
| Python asyncio, \`await asyncio.sleep(0)\` | ${f(sw.python_asyncio.ns_per_switch)} | |
| JavaScript \`await\`, Chromium / Node | ${f(sw.js_await_chromium.ns_per_switch)} / ${f(sw.js_await_node.ns_per_switch)} | |

Against asyncio: Chromium ${f(asyncioRatio(sw.wasm_chromium.ns_per_switch), 3)}×, Node ${f(asyncioRatio(sw.wasm_node.ns_per_switch), 3)}× (target at most 0.1×); against native ucontext: Chromium ${f(ucRatio, 2)}× (kept at most 0.42×).

### Zero-delay yields in Chromium

| | per second |
| --- | ---: |
| 10,000 \`async_yield()\` (${R.yields.async_yield_10000.host_turns} turns of the browser's event loop in between) | ${f(R.yields.async_yield_per_s, 0)} |
| a plain MessageChannel loop, 10,000 turns | ${f(R.yields.message_channel_per_s, 0)} |
| \`emscripten_sleep(0)\` (setTimeout, clamped), 200 | ${f(R.yields.emscripten_sleep0_per_s, 0)} |

Target: at least 50,000 per second: ${met(R.yields.async_yield_per_s >= 50000)}.

### Scale: gather of N tasks each sleeping 1 s (real clock)

| N | Chromium (wasm) | native | Python asyncio | Node Promise.all(setTimeout) |
| ---: | ---: | ---: | ---: | ---: |
${[10000, 100000].map((n) => { const s = R.scale[n]; const ours = (r) => (r.slept < r.tasks ? `only ${r.slept} of ${r.tasks} got a stack (out of memory)` : `${f(r.wall_s, 2)} s, ${f(r.bytes_per_task / 1024)} KB/task`); return `| ${n} | ${ours(s.chromium)} | ${ours(s.native)} | ${f(s.python_asyncio.wall_s, 2)} s, ${f(s.python_asyncio.bytes_per_task / 1024)} KB/task | ${f(s.node_promises.wall_s, 2)} s, ${f(s.node_promises.bytes_per_task / 1024)} KB/task |`; }).join('\n')}

Memory per task: linear memory grown (wasm), resident set grown (native, Python, Node), measured while all sleep.
Target, 100,000 in Chromium: within 1.3 s: ${met(s100.chromium.slept === 100000 && s100.chromium.wall_s <= 1.3)}; at most 2 KB per task: ${met(s100.chromium.slept === 100000 && s100.chromium.bytes_per_task <= 2048)}.

### Timers in Chromium (1,000 sleepers, 0.1 to 1 s)

Lateness p50 ${f(R.timers.late_p50_ms, 2)} ms, p99 ${f(R.timers.late_p99_ms, 2)} ms, max ${f(R.timers.late_max_ms, 2)} ms. Target p99 at most 2 ms: ${met(R.timers.late_p99_ms <= 2)}.

### Asyncify's cost in size

| example | without Asyncify | with | ratio |
| --- | ---: | ---: | ---: |
${Object.entries(R.asyncify_size).map(([n, s]) => `| ${n} | ${f(s.plain / 1024)} KB | ${f(s.asyncify / 1024)} KB | ${f(s.ratio, 2)} |`).join('\n')}

Target at most 1.24x: ${met(maxRatio <= 1.24)} (worst ${f(maxRatio, 2)}x).

### The page (Chromium, loopback)

| | |
| --- | ---: |
| navigation to the first output line of event_loop.c | ${f(R.page.first_output_ms.median, 0)} ms |
| transferred for page, editor and one example (gzip) | ${f(R.page.transfer_gzip_bytes / 1024)} KB |
| frame time while 1,000 tasks stream into the timeline (median / p95 / max) | ${f(R.page.frames_1000_tasks.median_ms)} / ${f(R.page.frames_1000_tasks.p95_ms)} / ${f(R.page.frames_1000_tasks.max_ms)} ms |

### Compile latency (the compile service on loopback, event_loop.c)

| | |
| --- | ---: |
| plain \`emcc -O1 -sASYNCIFY\` of the same file (anchor) | ${f(R.compile.plain_emcc_O1_asyncify_ms, 0)} ms |
| cold (first compile after start) | ${f(R.compile.cold_ms, 0)} ms |
| warm p50 / p95 | ${f(R.compile.warm_p50_ms, 0)} / ${f(R.compile.warm_p95_ms, 0)} ms (${f(R.compile.warm_ratio_to_plain, 2)}x the anchor; target 0.6x: ${met(R.compile.warm_ratio_to_plain <= 0.6)}) |
| cache hit p50 | ${f(R.compile.cache_hit_p50_ms, 1)} ms (target 20 ms: ${met(R.compile.cache_hit_p50_ms <= 20)}) |

### Compile in the browser (static host, no service; Chromium on loopback; edit to first output line of event_loop.c)

| | |
| --- | ---: |
| first visit: download, then compile | ${f(bc.first_visit_ms, 0)} ms |
| later visit, toolchain cached, Run at once after the edit | ${f(bc.cached_at_once_ms, 0)} ms (target 2,000 ms: ${met(bc.cached_at_once_ms <= 2000)}) |
| later visit, toolchain cached, Run 3 s after the first edit (it warms up meanwhile) | ${f(bc.cached_after_typing_ms, 0)} ms |
| warm edit | ${f(bc.warm_ms, 0)} ms (target 600 ms: ${met(bc.warm_ms <= 600)}) |
| download, brotli (as sent) | ${f(bc.download_br_bytes / 1e6, 2)} MB (target 15 MB: ${met(bc.download_br_bytes <= 15e6)}); ${f(bc.download_uncompressed_bytes / 1e6, 1)} MB unpacked |
| of which clang and lld (llvm.core.wasm) / binaryen.js and .wasm / sysroot | ${f(bc.files[0].br / 1e6, 2)} / ${f(brBinaryen() / 1e6, 2)} / ${f(bc.files.find((x) => x.name === 'llvm-resources.tar').br / 1e6, 2)} MB |

Where the time goes (the compile worker's User Timing measures in the last run; ms from the Run click, and how long):

| | ${Object.keys(bc.phases || {}).join(' | ')} |
| --- | ${Object.keys(bc.phases || {}).map(() => '---').join(' | ')} |
${[...new Set(Object.values(bc.phases || {}).flat().map((p) => p.name))].map((name) => `| ${name} | ${Object.values(bc.phases).map((ps) => { const p = ps.find((x) => x.name === name); return p ? `at ${f(p.start_ms, 0)}, ${f(p.ms, 0)} ms` : ''; }).join(' | ')} |`).join('\n')}

The download's floor with this compiler: clang and lld are one module (llvm.core.wasm, ${f(br('llvm.core.wasm') / 1e6, 2)} MB brotli of ${f(bc.files.find((x) => x.name === 'llvm.core.wasm')?.size / 1e6, 1)} MB after \`wasm-opt -O1\`; \`-Os\` saves no more), with only the WebAssembly backend but all of lld's linkers (ELF, COFF, Mach-O) and clang's front end for every target, which its drivers reach, so no pass can drop them; Asyncify needs binaryen.js and its wasm (${f(brBinaryen() / 1e6, 2)} MB); the trimmed sysroot is ${f(br('llvm-resources.tar') / 1e6, 2)} MB; the rest ${f((toolchainBr - br('llvm.core.wasm') - brBinaryen() - br('llvm-resources.tar')) / 1e6, 2)} MB.
`;
writeFileSync(join(out, 'report.md'), md);
console.log(md);
