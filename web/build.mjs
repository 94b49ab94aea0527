#!/usr/bin/env node
/*
 * build.mjs - writes the static site to build/site/: the page and worker
 * bundled by esbuild, the stylesheet, and every example (source, title,
 * precompiled .wasm) listed in examples/index.json. Relative URLs only, so
 * any static host can serve the folder.
 *   node web/build.mjs [--dev]
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'build', 'site');
const dev = process.argv.includes('--dev');

/* The tutorials' programs in the order the seeds tell them; the rest follow by name. */
const SEED_ORDER = ['event_loop', 'cancel', 'background', 'count_async', 'count_sync', 'api_requests'];

rmSync(join(out, 'chunks'), { recursive: true, force: true });
mkdirSync(join(out, 'examples'), { recursive: true });

await build({
  entryPoints: {
    app: join(root, 'web', 'main.js'),
    worker: join(root, 'web', 'worker.js'),
    embed: join(root, 'web', 'embed.js'),
    'embed-frame': join(root, 'web', 'embed-frame.js'),
  },
  outdir: out,
  bundle: true,
  splitting: true, // the page and every demo share one copy of the editor and runtime code
  chunkNames: 'chunks/[name]-[hash]',
  loader: { '.css': 'text' },
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: !dev,
  sourcemap: dev ? 'inline' : false,
  logLevel: 'warning',
});
for (const f of ['index.html', 'style.css', 'panes.css', 'embed.html', 'tutorial.html', 'tutorial.css']) copyFileSync(join(root, 'web', f), join(out, f));

/** The example's title: the first comment line, "NAME.c - what it teaches." */
function title(source, name) {
  const m = new RegExp(`${name}\\.c - (.+?)\\.?\\n`).exec(source);
  return m ? m[1].replace(/\.$/, '') : name;
}

const names = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.c')).map((f) => f.slice(0, -2));
const order = (n) => (SEED_ORDER.includes(n) ? SEED_ORDER.indexOf(n) : SEED_ORDER.length);
names.sort((a, b) => order(a) - order(b) || a.localeCompare(b));
const index = names.map((name) => {
  const source = readFileSync(join(root, 'examples', `${name}.c`), 'utf8');
  const wasm = join(root, 'build', 'wasm', 'examples', `${name}.wasm`);
  if (!existsSync(wasm)) throw new Error(`${wasm} is missing: run make first`);
  copyFileSync(wasm, join(out, 'examples', `${name}.wasm`));
  return { name, title: title(source, name), seed: SEED_ORDER.includes(name), source };
});
writeFileSync(join(out, 'examples', 'index.json'), JSON.stringify(index));
