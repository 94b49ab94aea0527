#!/usr/bin/env node
/**
 * side-node.mjs HOST WASM ARGS... - one bench program in Node, run by the
 * host.js of a given tree (make bench's side-by-side columns run each
 * commit's own host in its own process). Prints the program's JSON line.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [host, wasm, ...args] = process.argv.slice(2);
const { Program } = await import(pathToFileURL(host).href);
let out = '', events = 0; /* every event reaches the consumer: spawns and output one by one, the rest packed */
const p = new Program(await WebAssembly.compile(readFileSync(wasm)),
  { args, onEvent: (e) => { events++; if (e.kind === 'output' && e.stream === 1) out += e.text; },
    onEvents: (b) => { events += b.count; } });
await p.run();
console.log(out.trim().split('\n').pop());
