#!/usr/bin/env node
/* pack-lines.mjs FILE.wasm SOURCE.c - a program built with wasmcc -g keeps
 * only SOURCE's line rows (wasm/host/source-lines.js), in place: its own DWARF's
 * (-O full), or moved from FILE.wasm.linked, which then goes (-O fast). */
import { existsSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { packSourceLines, packMovedSourceLines } from '../host/source-lines.js';

const [wasm, source] = process.argv.slice(2);
if (!wasm || !source) {
  console.error('usage: pack-lines.mjs FILE.wasm SOURCE.c');
  process.exit(2);
}
const linked = `${wasm}.linked`;
if (existsSync(linked)) {
  writeFileSync(wasm, packMovedSourceLines(readFileSync(linked), readFileSync(wasm), source));
  rmSync(linked);
} else {
  writeFileSync(wasm, packSourceLines(readFileSync(wasm), source));
}
