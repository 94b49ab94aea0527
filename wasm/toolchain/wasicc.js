/**
 * wasicc.js - compiles C against the runtime into a program wasm/host/host.js
 * runs, with a toolchain that runs wherever JavaScript does: clang and
 * wasm-ld from @yowasp/clang (LLVM built for WASI, target wasm32-wasip1),
 * then Binaryen's Asyncify pass from binaryen.js. The page's compile worker
 * and Node (wasm/toolchain/wasicc.mjs, the tests) both call it, so a program compiles
 * the same way in either place.
 *
 * The toolchain is passed in, not imported: the worker loads it from the
 * browser's cache, Node from node_modules.
 * @typedef {object} Toolchain
 * @property {Function} clang     @yowasp/clang's runClang
 * @property {Function} [ar]      @yowasp/clang's commands.ar (buildRuntime only)
 * @property {object} [binaryen]  binaryen.js (compileProgram only)
 */

import { packMovedSourceLines, withoutDebugSections } from '../host/source-lines.js';

/* The Emscripten build's settings, so both builds behave alike: C11 with
 * GNU extensions, a 5 MB main stack, memory growing up to 2 GB, allocations
 * checked by the runtime (oom_wasm.c). */
const CFLAGS = ['--target=wasm32-wasip1', '-std=gnu11', '-O2', '-Wall', '-Wextra'];
/* Line tables, so a fault names its line: the program's own rows, moved
 * past Asyncify and packed (wasm/host/source-lines.js). */
const LINES = ['-gline-tables-only', '-gdwarf-4'];
const LDFLAGS = ['-Wl,-z,stack-size=5242880', '-Wl,--max-memory=2147483648', '-Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc'];

/* The program lives in /w/ of the compiler's file tree, as in the compile
 * service's sandbox: web/compile/diagnostics.js reads /w/NAME.c as the user's file. */
const DIR = '/w';

/* A User Timing measure of a phase, in a browser (DevTools shows them, make
 * bench reads them); not in Node, whose timeline would keep every one. */
const span = globalThis.WorkerGlobalScope || globalThis.document
  ? (name, start) => { try { performance.measure(name, { start }); } catch { /* no User Timing */ } }
  : () => {};

function collect() {
  const decoder = new TextDecoder();
  let text = '';
  return { sink: (bytes) => { if (bytes) text += decoder.decode(bytes, { stream: true }); }, text: () => text };
}

/* runClang throws an Exit on a non-zero status; anything else is a real failure. */
async function run(command, args, files, stderr) {
  try {
    return { ok: true, files: await command(args, files, { stderr: stderr.sink, stdout: stderr.sink }) };
  } catch (e) {
    if (typeof e?.code === 'number') return { ok: false, files: e.files || {} };
    throw e;
  }
}

/**
 * Compile the runtime into an archive, once per build (make does it).
 * @param {Toolchain} tools
 * @param {Object<string, Uint8Array|string>} sources  the runtime's files by name: every .c and .S is
 *   compiled, the headers are there to be included (the Makefile's list, RT_WASM, says which)
 * @returns {Promise<Uint8Array>} libasync.a
 */
export async function buildRuntime({ clang, ar }, sources) {
  const stderr = collect();
  const units = Object.keys(sources).filter((f) => /\.[cS]$/.test(f)).map((f) => `/rt/${f}`);
  const cc = await run(clang, ['clang', ...CFLAGS, '-c', ...units], { rt: sources }, stderr);
  if (!cc.ok) throw new Error(`the runtime does not compile:\n${stderr.text()}`);
  const objects = Object.fromEntries(Object.entries(cc.files).filter(([name]) => name.endsWith('.o')));
  const lib = await run(ar, ['rcs', 'libasync.a', ...Object.keys(objects)], objects, stderr);
  if (!lib.ok) throw new Error(`ar failed:\n${stderr.text()}`);
  return lib.files['libasync.a'];
}

/**
 * The runtime a program links with.
 * @typedef {object} Runtime
 * @property {Uint8Array|string} header      async.h
 * @property {Uint8Array} library            libasync.a from buildRuntime
 * @property {string} removelist             functions Asyncify leaves alone, comma-separated
 */

/**
 * Compile and link one C file, then instrument it with Asyncify.
 * @param {Toolchain} tools
 * @param {Runtime} runtime
 * @param {string} source
 * @param {{name?: string, headers?: Object<string, string|Uint8Array>, lines?: boolean}} [opts]
 *   name: the file's name (__FILE__, diagnostics), main.c by default; headers: files it may #include "...";
 *   lines: keep the program's line table so its faults name their line (default true)
 * @returns {Promise<{ok: boolean, wasm?: Uint8Array, stderr: string}>}
 *   stderr: the compiler's and linker's messages (web/compile/diagnostics.js parses them)
 */
export async function compileProgram({ clang, binaryen }, runtime, source, { name = 'main.c', headers = {}, lines = true } = {}) {
  const stderr = collect();
  const files = { w: { ...headers, [name]: source }, rt: { 'async.h': runtime.header, 'libasync.a': runtime.library } };
  const t0 = performance.now();
  const cc = await run(clang, ['clang', ...CFLAGS, ...(lines ? LINES : []), '-I/rt', `${DIR}/${name}`, '/rt/libasync.a', ...LDFLAGS, '-o', `${DIR}/main.wasm`], files, stderr);
  span('compile: clang and lld', t0);
  if (!cc.ok) return { ok: false, stderr: stderr.text() };
  const linked = cc.files.w['main.wasm'];
  const t1 = performance.now();
  const wasm = asyncify(binaryen, lines ? withoutDebugSections(linked) : linked, runtime.removelist, lines);
  span('compile: asyncify', t1);
  return { ok: true, wasm: lines ? packMovedSourceLines(linked, wasm, `${DIR}/${name}`) : wasm, stderr: stderr.text() };
}

/* Asyncify with no optimizer after it: an edit runs sooner (the optimizing
 * pass takes many times longer), at the cost of a bigger, slower program;
 * the shipped examples are the optimized Emscripten builds. The pass's
 * settings are binaryen.js globals, so each call sets all of them. */
function asyncify(binaryen, bytes, removelist, lines) {
  binaryen.setDebugInfo(lines); /* keeps the names; binaryen.js leaves DWARF rows where they were (source-lines.js moves them) */
  const module = binaryen.readBinary(bytes);
  try {
    const names = new Set();
    for (let i = 0; i < module.getNumFunctions(); i++) names.add(binaryen.getFunctionInfo(module.getFunctionByIndex(i)).name);
    binaryen.setOptimizeLevel(0);
    binaryen.setShrinkLevel(0);
    binaryen.setPassArgument('asyncify-imports', 'async.wait');
    /* only names the program has: Binaryen warns about each missing one */
    binaryen.setPassArgument('asyncify-removelist', removelist.split(',').map((s) => s.trim()).filter((n) => names.has(n)).join(','));
    module.runPasses(['asyncify']);
    return module.emitBinary();
  } finally {
    module.dispose();
  }
}
