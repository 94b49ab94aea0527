/**
 * lines.mjs - what line tables (faults that name their line) cost: compile
 * time and program size, with and without, for both compile paths:
 *   the compile service's command (wasmcc -O fast [-g], then
 *   packMovedSourceLines, as web/server/compile-service.mjs does; cold: no cache), and
 *   the in-browser compiler (wasm/toolchain/wasicc.js: clang and binaryen.js in wasm,
 *   here under Node; lines: true or false).
 * Runs alternate with and without, N of each; medians of CPU time (user +
 * system: the machine is shared, and wall time there measures the others)
 * and of wall time. The service's CPU time is its command's, run directly
 * (the sandbox adds the same either way), plus the packing.
 *   node tests/bench/lines.mjs [N]
 */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FLAGS } from '../../web/server/sandbox.mjs';
import { packMovedSourceLines } from '../../wasm/host/source-lines.js';
import { compileProgram } from '../../wasm/toolchain/wasicc.js';
import { nodeToolchain, nodeRuntime } from '../../wasm/toolchain/wasicc.mjs';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');
const N = Number(process.argv[2]) || 5;
const PROGRAMS = ['examples/event_loop.c', 'examples/producer_consumer.c', 'examples/api_requests.c', 'tests/programs/divide.c'];
const rt = { wasmcc: join(ROOT, 'wasm', 'toolchain', 'wasmcc') };
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const pct = (a, b) => `${((b / a - 1) * 100).toFixed(1)}%`;

const tools = await nodeToolchain();
const runtime = nodeRuntime();
const dir = mkdtempSync(join(tmpdir(), 'lines-'));
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

/* wasmcc as the sandbox runs it: children's CPU seconds from the shell's `times` */
function service(source, lines) {
  writeFileSync(join(dir, 'main.c'), source);
  const flags = lines ? FLAGS : FLAGS.filter((f) => f !== '-g');
  const t = performance.now();
  const r = spawnSync('sh', ['-c', `${rt.wasmcc} ${flags.join(' ')} -o main.wasm main.c >/dev/null 2>&1; times`], { cwd: dir, encoding: 'utf8' });
  const [, children] = r.stdout.trim().split('\n');
  const secs = children.split(/\s+/).map((x) => { const m = /(\d+)m([\d.]+)s/.exec(x); return Number(m[1]) * 60 + Number(m[2]); });
  const c0 = cpu();
  const bytes = readFileSync(join(dir, 'main.wasm'));
  const wasm = lines ? packMovedSourceLines(readFileSync(join(dir, 'main.wasm.linked')), bytes, join(dir, 'main.c')) : bytes;
  return { cpu: (secs[0] + secs[1]) * 1000 + cpu() - c0, wall: performance.now() - t, size: wasm.length };
}

async function browser(source, lines) {
  const t = performance.now();
  const c0 = cpu();
  const r = await compileProgram(tools, runtime, source, { lines });
  return { cpu: cpu() - c0, wall: performance.now() - t, size: r.wasm.length };
}

console.log(`line tables: medians of ${N}, without -> with\n`);
console.log('program                      path      CPU ms               wall ms              bytes');
for (const file of PROGRAMS) {
  const source = readFileSync(join(ROOT, file), 'utf8');
  const m = { service: { false: [], true: [] }, browser: { false: [], true: [] } };
  await compileProgram(tools, runtime, source); /* warm the in-process compiler once */
  for (let i = 0; i < N; i++) {
    for (const lines of [false, true]) {
      m.service[lines].push(service(source, lines));
      m.browser[lines].push(await browser(source, lines));
    }
  }
  for (const path of ['service', 'browser']) {
    const col = (k) => { const a = median(m[path].false.map((x) => x[k])), b = median(m[path].true.map((x) => x[k])); return `${a.toFixed(0)} -> ${b.toFixed(0)} (${pct(a, b)})`.padEnd(21); };
    console.log(`${file.padEnd(28)} ${path.padEnd(9)} ${col('cpu')}${col('wall')}${col('size')}`);
  }
}
rmSync(dir, { recursive: true });
