#!/usr/bin/env node
/*
 * wasicc.mjs - the in-browser toolchain (wasm/toolchain/wasicc.js: @yowasp/clang and
 * binaryen.js) run from Node, as make and the tests use it:
 *   node wasm/toolchain/wasicc.mjs --runtime OUT.a FILE...  compile the runtime for wasm32-wasip1
 *                                            (its .c and .S files, and the headers they include)
 *   node wasm/toolchain/wasicc.mjs -o OUT.wasm SRC.c   compile a program against it
 * The runtime comes from build/wasi/libasync.a unless ASYNC_WASI_LIB names one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRuntime, compileProgram } from './wasicc.js';
import { runtimeFiles } from './runtime-files.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** The toolchain and runtime, loaded once per process. */
export async function nodeToolchain() {
  const { runClang, commands } = await import('@yowasp/clang');
  const { default: binaryen } = await import('binaryen');
  await runClang(null, {}, { fetchProgress: () => {} }); /* load it quietly: it logs its progress by default */
  return { clang: runClang, ar: commands.ar, binaryen };
}

/** The runtime as compileProgram wants it. */
export function nodeRuntime(lib = process.env.ASYNC_WASI_LIB || join(here, '..', '..', 'build', 'wasi', 'libasync.a')) {
  return {
    header: readFileSync(runtimeFiles().header),
    library: readFileSync(lib),
    removelist: readFileSync(runtimeFiles().removelistWasi, 'utf8').trim(),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const opt = (k) => { const i = argv.indexOf(k); return i >= 0 ? argv.splice(i, 2)[1] : undefined; };
  const runtimeOut = opt('--runtime');
  const out = opt('-o');
  const tools = await nodeToolchain();
  if (runtimeOut) {
    const sources = Object.fromEntries(argv.map((f) => [basename(f), readFileSync(f)]));
    writeFileSync(runtimeOut, await buildRuntime(tools, sources));
  } else if (out && argv.length === 1) {
    const r = await compileProgram(tools, nodeRuntime(), readFileSync(argv[0], 'utf8'));
    process.stderr.write(r.stderr.replaceAll('/w/main.c', argv[0]));
    if (!r.ok) process.exit(1);
    writeFileSync(out, r.wasm);
  } else {
    process.stderr.write('usage: node wasm/toolchain/wasicc.mjs --runtime OUT.a FILE... | -o OUT.wasm SRC.c\n');
    process.exit(2);
  }
}
