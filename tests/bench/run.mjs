#!/usr/bin/env node
/**
 * run.mjs - `make bench`: every figure is the median of several runs, all
 * measured in this one run on this machine; writes build/bench/report.json
 * and build/bench/report.md.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../browser/browser.js';
import { Program } from '../../wasm/host.js';
import { measurePage } from './page.mjs';
import { measureCompile } from './compile.mjs';

const BUILD = join(ROOT, 'build');
const RUNS = Number(process.env.BENCH_RUNS || 5);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

function native(name, args) {
  return JSON.parse(execFileSync(join(BUILD, 'native', 'bench', name), args.map(String), { encoding: 'utf8' }).trim());
}

async function wasm(name, args) {
  const module = await WebAssembly.compile(readFileSync(join(BUILD, 'wasm', 'bench', `${name}.wasm`)));
  let out = '';
  const p = new Program(module, { args: args.map(String), onEvent: (e) => { if (e.kind === 'output') out += e.text; } });
  await p.run();
  return { ...JSON.parse(out.trim()), host_turns: p.hostTurns };
}

async function med(fn, key) {
  const rs = [];
  for (let i = 0; i < RUNS; i++) rs.push(await fn());
  return { ...rs[0], [key]: median(rs.map((r) => r[key])), runs: rs.map((r) => r[key]) };
}

const results = { machine: { cpu: cpus()[0].model, cores: cpus().length, memory_gb: Math.round(totalmem() / 2 ** 30) }, runs: RUNS };
results.switch = {
  native: await med(() => native('switch', [1000000, 0]), 'ns_per_switch'),
  native_depth16: await med(() => native('switch', [1000000, 16]), 'ns_per_switch'),
  wasm_node: await med(() => wasm('switch', [1000000, 0]), 'ns_per_switch'),
  wasm_node_depth16: await med(() => wasm('switch', [1000000, 16]), 'ns_per_switch'),
};
results.yields_1000 = {
  native: await med(() => native('yields', [1000]), 'total_ms'),
  wasm_node: await med(() => wasm('yields', [1000]), 'total_ms'),
};
results.sleepers_10000 = {
  native: await med(() => native('sleepers', [10000]), 'bytes_per_task'),
  wasm_node: await med(() => wasm('sleepers', [10000]), 'bytes_per_task'),
};
results.page = await measurePage({ runs: RUNS });
results.compile = await measureCompile();

const out = join(BUILD, 'bench');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'report.json'), JSON.stringify(results, null, 2));

const f = (x, d = 1) => Number(x).toFixed(d);
const md = `# Benchmarks

Machine: ${results.machine.cpu}, ${results.machine.cores} cores, ${results.machine.memory_gb} GB. Medians of ${RUNS} runs, one \`make bench\`.

| measure | native | wasm (Node) |
| --- | ---: | ---: |
| task switch (yield ping-pong, 1,000,000) | ${f(results.switch.native.ns_per_switch)} ns | ${f(results.switch.wasm_node.ns_per_switch)} ns |
| task switch at call depth 16 | ${f(results.switch.native_depth16.ns_per_switch)} ns | ${f(results.switch.wasm_node_depth16.ns_per_switch)} ns |
| 1,000 zero-delay yields (async_yield) | ${f(results.yields_1000.native.total_ms, 3)} ms | ${f(results.yields_1000.wasm_node.total_ms, 3)} ms |
| 10,000 tasks sleeping 1 s: wall | ${f(results.sleepers_10000.native.wall_s, 3)} s | ${f(results.sleepers_10000.wasm_node.wall_s, 3)} s |
| 10,000 sleeping tasks: memory per task | ${f(results.sleepers_10000.native.bytes_per_task / 1024)} KB (RSS) | ${f(results.sleepers_10000.wasm_node.bytes_per_task / 1024)} KB (linear memory) |

The page (Chromium, loopback):

| measure | value |
| --- | ---: |
| navigation to the first output line of event_loop.c | ${f(results.page.first_output_ms.median, 0)} ms |
| transferred for page, editor and one example (gzip) | ${f(results.page.transfer_gzip_bytes / 1024)} KB |
| frame time while 1,000 tasks stream into the timeline (median / p95 / max) | ${f(results.page.frames_1000_tasks.median_ms)} / ${f(results.page.frames_1000_tasks.p95_ms)} / ${f(results.page.frames_1000_tasks.max_ms)} ms |

The compile service (loopback, event_loop.c, sandboxed):

| measure | value |
| --- | ---: |
| plain \`emcc -O1 -sASYNCIFY\` of the same file (anchor) | ${f(results.compile.plain_emcc_O1_asyncify_ms, 0)} ms |
| cold compile (first after start) | ${f(results.compile.cold_ms, 0)} ms |
| warm compile p50 / p95 | ${f(results.compile.warm_p50_ms, 0)} / ${f(results.compile.warm_p95_ms, 0)} ms (${f(results.compile.warm_ratio_to_plain, 2)}x the anchor; target 0.6x: ${results.compile.warm_ratio_to_plain <= 0.6 ? 'met' : 'not met'}) |
| cache hit p50 | ${f(results.compile.cache_hit_p50_ms, 1)} ms (target 20 ms: ${results.compile.cache_hit_p50_ms <= 20 ? 'met' : 'not met'}) |
`;
writeFileSync(join(out, 'report.md'), md);
console.log(md);
