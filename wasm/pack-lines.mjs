#!/usr/bin/env node
/* pack-lines.mjs FILE.wasm SOURCE.c - keep only SOURCE's line rows in a
 * program built with wasmcc -g (wasm/source-lines.js), in place. */
import { readFileSync, writeFileSync } from 'node:fs';
import { packSourceLines } from './source-lines.js';

const [wasm, source] = process.argv.slice(2);
if (!wasm || !source) {
  console.error('usage: pack-lines.mjs FILE.wasm SOURCE.c');
  process.exit(2);
}
writeFileSync(wasm, packSourceLines(readFileSync(wasm), source));
