#!/usr/bin/env node
/*
 * run.mjs - run a program built to wasm in Node, as `make run-wasm` does:
 *   node wasm/host/run.mjs program.wasm [args...]
 * stdin feeds async_read_line; ASYNC_CLOCK and ASYNC_DEBUG work as natively.
 */
import { readFileSync } from 'node:fs';
import { Program, undefinedSymbols } from './host.js';

const argv = process.argv.slice(2);
const check = argv[0] === '--check'; /* only verify the program links: make does this */
const [file, ...args] = check ? argv.slice(1) : argv;
if (!file) {
  process.stderr.write('usage: node wasm/host/run.mjs [--check] program.wasm [args...]\n');
  process.exit(2);
}
const module = await WebAssembly.compile(readFileSync(file));
if (check) {
  const missing = undefinedSymbols(module);
  for (const name of missing) process.stderr.write(`${file}: undefined symbol: ${name}\n`);
  process.exit(missing.length ? 1 : 0);
}
const env = {};
for (const k of ['ASYNC_CLOCK', 'ASYNC_DEBUG']) if (process.env[k]) env[k] = process.env[k];
const debug = env.ASYNC_DEBUG && env.ASYNC_DEBUG !== '0';
process.stdout.on('error', () => process.exit(0)); /* a closed pipe (| head) ends the run quietly */
const names = new Map();

function onEvent(ev) {
  if (ev.kind === 'spawn') names.set(ev.task, ev.name);
  else if (ev.kind === 'output') (ev.stream === 2 ? process.stderr : process.stdout).write(ev.text);
  else if (ev.kind === 'error') process.stderr.write(`async: ${ev.message}\n`);
  else if (ev.kind === 'blocked' && debug)
    process.stderr.write(`async: task '${names.get(ev.task)}' blocked the loop for ${ev.ms.toFixed(0)} ms without suspending\n`);
}

const program = new Program(module, { args, env, onEvent });
let pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  pending += chunk;
  let nl;
  while ((nl = pending.indexOf('\n')) >= 0) {
    program.pushInput(pending.slice(0, nl).replace(/\r$/, ''));
    pending = pending.slice(nl + 1);
  }
});
process.stdin.on('end', () => {
  if (pending) program.pushInput(pending);
  program.closeInput();
});
process.stdin.on('error', () => program.closeInput());
const { status } = await program.run();
process.stdin.destroy();
process.exitCode = status;
