/**
 * compile.mjs - compile latency of the service on loopback (cold, warm
 * p50/p95, cache hit) next to a plain `emcc -O1 -sASYNCIFY` of the same file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../web/server/serve.mjs';
import { ROOT } from '../browser/browser.js';

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * p))]; };

export async function measureCompile({ warm = 20 } = {}) {
  const source = readFileSync(join(ROOT, 'examples', 'event_loop.c'), 'utf8');
  const dir = mkdtempSync(join(tmpdir(), 'bench-compile-'));
  writeFileSync(join(dir, 'event_loop.c'), source);
  const plain = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    execFileSync('emcc', ['-O1', '-sASYNCIFY', `-I${join(ROOT, 'wasm')}`, join(dir, 'event_loop.c'), join(ROOT, 'build', 'wasm', 'libasync.a'),
      '-sERROR_ON_UNDEFINED_SYMBOLS=0', '-o', join(dir, 'plain.js')], { stdio: 'ignore', env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } });
    plain.push(performance.now() - t0);
  }
  const server = await serve({ port: 0, root: join(ROOT, 'build', 'site'), compile: { cacheDir: mkdtempSync(join(tmpdir(), 'bench-cache-')) } });
  const url = `http://127.0.0.1:${server.address().port}/api/compile`;
  const post = async (src) => {
    const t0 = performance.now();
    const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ source: src }) }).then((x) => x.json());
    if (!r.ok) throw new Error(JSON.stringify(r));
    return { ms: performance.now() - t0, server_ms: r.ms, cached: r.cached };
  };
  try {
    const cold = await post(`${source}\n// cold ${Date.now()}\n`);
    const warmRuns = [];
    for (let i = 0; i < warm; i++) warmRuns.push((await post(`${source}\n// warm ${i} ${Date.now()}\n`)).ms);
    const hits = [];
    const same = `${source}\n// hit ${Date.now()}\n`;
    await post(same);
    for (let i = 0; i < 20; i++) hits.push((await post(same)).ms);
    const p50 = pct(warmRuns, 0.5);
    return {
      plain_emcc_O1_asyncify_ms: pct(plain, 0.5),
      cold_ms: cold.ms,
      warm_p50_ms: p50,
      warm_p95_ms: pct(warmRuns, 0.95),
      cache_hit_p50_ms: pct(hits, 0.5),
      warm_ratio_to_plain: p50 / pct(plain, 0.5),
    };
  } finally {
    server.close();
  }
}

if (process.argv[1] && process.argv[1].endsWith('compile.mjs')) console.log(JSON.stringify(await measureCompile(), null, 2));
