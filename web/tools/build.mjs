#!/usr/bin/env node
/*
 * build.mjs - writes the static site to build/site/: the page and worker
 * bundled by esbuild, the stylesheet, every example (source, title,
 * precompiled .wasm) listed in examples/index.json, and toolchain/: the
 * in-browser compiler (compile-worker.js and the files its manifest lists).
 * Every text, wasm and archive file gets precompressed .br and .gz siblings.
 * Relative URLs only, so any static host can serve the folder.
 *   node web/tools/build.mjs [--dev]
 */
import { build } from 'esbuild';
import { copyFileSync, cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync, rmSync, statSync } from 'node:fs';
import { join, dirname, extname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { parseHeader, editorApi } from '../reference/parse-header.js';
import { renderReference } from '../reference/render-reference.js';
import { runtimeFiles } from '../../wasm/toolchain/runtime-files.mjs';
import { splitBinaryen } from './split-binaryen.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'build', 'site');
const dev = process.argv.includes('--dev');
const rt = runtimeFiles();

/* The tutorials' programs in the order the seeds tell them; the rest follow by name. */
const SEED_ORDER = ['event_loop', 'cancel', 'background', 'count_async', 'count_sync', 'api_sequential', 'api_requests'];

rmSync(join(out, 'chunks'), { recursive: true, force: true });
mkdirSync(join(out, 'examples'), { recursive: true });
mkdirSync(join(out, 'toolchain'), { recursive: true });

const newer = (a, b) => existsSync(a) && statSync(a).mtimeMs >= statSync(b).mtimeMs;

/* .br (quality 11, the 16 MB window browsers accept) and .gz beside a file,
 * redone only when the file changed: the compiler takes minutes to squeeze. */
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
async function precompress(file) {
  if (newer(`${file}.br`, file) && newer(`${file}.gz`, file)) return;
  const data = readFileSync(file);
  const [br, gz] = await Promise.all([
    brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 24, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
    gzip(data, { level: 9 }),
  ]);
  writeFileSync(`${file}.br`, br);
  writeFileSync(`${file}.gz`, gz);
}
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.wasm', '.tar', '.a', '.h', '.txt', '.svg']);
function compressible(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? compressible(join(dir, e.name))
    : COMPRESSIBLE.has(extname(e.name)) ? [join(dir, e.name)] : []));
}

// ---- the in-browser toolchain (toolchain/, see compile-worker.js) ----------

const clangDir = join(root, 'node_modules', '@yowasp', 'clang', 'gen');
const tcDir = join(out, 'toolchain');
/* A file kept only when its source changed, so its .br stays valid. */
function place(src, name) {
  const dst = join(tcDir, name);
  if (!(existsSync(dst) && statSync(dst).mtimeMs === statSync(src).mtimeMs && statSync(dst).size === statSync(src).size)) {
    cpSync(src, dst, { preserveTimestamps: true });
  }
  return name;
}
/* The sysroot without what a C playground never reads: C++ headers and
 * libraries, other targets' intrinsics, GPU, HLSL, pointer-authentication,
 * unwinder and sanitizer headers (most of its download), and the libraries
 * only a -l flag links (printf variants, WASI emulations): wasicc.js passes none. */
const SYSROOT_DROP = new RegExp(`^(${[
  'include/c\\+\\+/', 'share/', 'include/(cuda|openmp|ppc|llvm_libc|llvm_offload|zos)_wrappers/', 'include/(sanitizer|xray|fuzzer|profile|orc)/',
  'include/.*intrin.*\\.h', 'include/(arm|hexagon|hvx|opencl|__clang_cuda|__clang_hip|__clang_spirv|riscv|sifive|andes|amdgpu|nvptx|s390)',
  'include/(altivec|vecintrin|msa|mm3dnow|cpuid|cet|mm_malloc|gpuintrin)\\.h', 'include/.*\\.modulemap',
  'include/hlsl', 'include/(ptrauth|unwind)\\.h', 'lib/wasm32-wasip1/lib(c-printscan-|wasi-emulated-)',
  'lib/wasm32-wasip1/libc\\+\\+', 'lib/wasm32-wasip1/.*\\.so$', 'lib/wasm32-unknown-wasip1/libclang_rt\\.profile',
].join('|')})`);
function trimmedSysroot() {
  const src = join(clangDir, 'llvm-resources.tar');
  const dst = join(tcDir, 'llvm-resources.tar');
  if (!newer(dst, src) || !newer(dst, fileURLToPath(import.meta.url))) {
    let drop = execFileSync('tar', ['-tf', src], { encoding: 'utf8', maxBuffer: 1 << 24 }).split('\n').filter((n) => SYSROOT_DROP.test(n));
    const dirs = new Set(drop.map((n) => n.slice(0, n.lastIndexOf('/'))));
    drop = drop.filter((n) => !dirs.has(n)); /* files only: deleting a directory would take its files first */
    copyFileSync(src, `${dst}.tmp`);
    execFileSync('tar', ['--delete', '--no-wildcards', '-f', `${dst}.tmp`, '-T', '-'], { input: drop.join('\n') });
    execFileSync('mv', [`${dst}.tmp`, dst]);
  }
  return 'llvm-resources.tar';
}
/* binaryen.js as its glue and its wasm (split-binaryen.mjs), remade when either script changed. */
function binaryenSplit() {
  const src = join(root, 'node_modules', 'binaryen', 'index.js');
  const [js, wasm] = [join(tcDir, 'binaryen.js'), join(tcDir, 'binaryen.wasm')];
  const splitter = join(root, 'web', 'tools', 'split-binaryen.mjs');
  if (![js, wasm].every((f) => newer(f, src) && newer(f, splitter))) {
    const split = splitBinaryen(readFileSync(src, 'utf8'));
    writeFileSync(js, split.js);
    writeFileSync(wasm, split.wasm);
  }
  return ['binaryen.js', 'binaryen.wasm'];
}
const wasiLib = join(root, 'build', 'wasi', 'libasync.a');
if (!existsSync(wasiLib)) throw new Error(`${wasiLib} is missing: run make first`);
/* clang and lld: @yowasp/clang's modules, its main one as make rewrote it with wasm-opt (LLVM_CORE). */
const llvmCore = join(root, 'build', 'toolchain', 'llvm.core.wasm');
if (!existsSync(llvmCore)) throw new Error(`${llvmCore} is missing: run make site`);
const tcFiles = [
  ...readdirSync(clangDir).filter((f) => f.endsWith('.wasm')).map((f) => place(f === 'llvm.core.wasm' ? llvmCore : join(clangDir, f), f)),
  trimmedSysroot(),
  ...binaryenSplit(),
];
/* The runtime, under the names the compile worker reads (manifest.runtime). */
const runtime = {
  header: place(rt.header, basename(rt.header)),
  library: place(wasiLib, 'libasync.a'),
  removelist: place(rt.removelistWasi, basename(rt.removelistWasi)),
};
tcFiles.push(...Object.values(runtime));
await Promise.all(tcFiles.map((f) => precompress(join(tcDir, f))));
const version = createHash('sha256');
const manifest = {
  runtime,
  files: tcFiles.map((name) => {
    const data = readFileSync(join(tcDir, name));
    version.update(name).update(data);
    return { name, size: data.length, br: statSync(join(tcDir, `${name}.br`)).size };
  }),
};
manifest.version = version.digest('hex').slice(0, 16);
writeFileSync(join(tcDir, 'manifest.json'), JSON.stringify(manifest, null, 1));

// ---- the API reference, from async.h (the header is the manual) -------------

const api = parseHeader(readFileSync(rt.header, 'utf8'));
writeFileSync(join(out, 'reference.html'), renderReference(api));
copyFileSync(join(root, 'web', 'reference', 'reference.css'), join(out, 'reference.css'));
copyFileSync(rt.header, join(out, 'async.h'));
/* The editor's completion and hover (editor-help.js) import it as 'async-api'. */
const apiPlugin = { name: 'async-api', setup(b) {
  b.onResolve({ filter: /^async-api$/ }, () => ({ path: 'async-api', namespace: 'async-api' }));
  b.onLoad({ filter: /.*/, namespace: 'async-api' }, () => ({ contents: JSON.stringify(editorApi(api)), loader: 'json' }));
} };

// ---- the page, the demos, the workers ----------------------------------------

await build({
  plugins: [apiPlugin],
  entryPoints: {
    app: join(root, 'web', 'page', 'main.js'),
    worker: join(root, 'web', 'run', 'worker.js'),
    embed: join(root, 'web', 'embed', 'embed.js'),
    'embed-frame': join(root, 'web', 'embed', 'embed-frame.js'),
    tutorial: join(root, 'web', 'tutorial', 'tutorial.js'),
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
/* The compile worker is its own bundle in toolchain/, so that
 * @yowasp/clang inside it finds its files next to it (import.meta.url). */
await build({
  entryPoints: { 'compile-worker': join(root, 'web', 'compile', 'compile-worker.js') },
  outdir: tcDir,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  external: ['node:*'],
  target: 'es2022',
  minify: !dev,
  define: { TOOLCHAIN: JSON.stringify(manifest) },
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

await Promise.all(compressible(out).filter((f) => !f.startsWith(tcDir) || f.endsWith('compile-worker.js')).map(precompress));
