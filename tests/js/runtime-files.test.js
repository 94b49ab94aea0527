/*
 * wasm/runtime.files is the one list of the runtime's files (the Makefile,
 * wasmcc, wasicc.mjs, the site build and the compile service read it): a
 * source left out of it would silently not be built, and a listed file that
 * moved would break every build but the one that was tried.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runtimeFiles, WASM_DIR } from '../../wasm/toolchain/runtime-files.mjs';

const rt = runtimeFiles();
const listed = [...rt.core, ...rt.native, ...rt.asyncify, ...rt.headers, rt.header, rt.imports, rt.removelist, rt.removelistWasi];

test('every file it lists exists', () => {
  expect(listed.filter((f) => !existsSync(f)).map((f) => relative(WASM_DIR, f))).toEqual([]);
});

test('every source and header of the core and both backends is listed', () => {
  const onDisk = ['core', 'native', 'asyncify'].flatMap((dir) => readdirSync(join(WASM_DIR, dir))
    .filter((f) => /\.[chS]$/.test(f)).map((f) => join(WASM_DIR, dir, f)));
  expect(onDisk.filter((f) => !listed.includes(f)).map((f) => relative(WASM_DIR, f))).toEqual([]);
});

test('each backend has its own files, and the core none of a backend', () => {
  const rel = (fs) => fs.map((f) => relative(WASM_DIR, f));
  expect(rel(rt.core).every((f) => f.startsWith('core/'))).toBe(true);
  expect(rel(rt.native).every((f) => f.startsWith('native/'))).toBe(true);
  expect(rel(rt.asyncify).every((f) => f.startsWith('asyncify/'))).toBe(true);
  expect(rt.header).toBe(join(WASM_DIR, 'async.h'));
});
