/**
 * helpers.js - run the examples and test programs natively and as wasm.
 * The binaries come from `make` (build/native, build/wasm).
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runWasm } from '../../wasm/host/host.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUILD = join(ROOT, 'build');

/** Every example's name (examples/NAME.c). */
export const EXAMPLES = readdirSync(join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.c'))
  .map((f) => f.slice(0, -2))
  .sort();

/** The input an example's test feeds on stdin (examples/NAME.in), as lines. */
export function exampleInput(name) {
  const file = join(ROOT, 'examples', `${name}.in`);
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l, i, a) => i < a.length - 1 || l) : [];
}

export function expectedOutput(name) {
  return readFileSync(join(ROOT, 'examples', `${name}.out`), 'utf8');
}

/**
 * Run a native binary; resolves {status, stdout, stderr}.
 * @param {string} file
 * @param {{env?: object, input?: string[], args?: string[]}} [opts]
 */
export function runNative(file, { env = {}, input = [], args = [] } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: { ...process.env, ASYNC_CLOCK: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.on('error', () => {}); /* a program that never reads may exit first */
    child.stdin.end(input.map((l) => `${l}\n`).join(''));
  });
}

/**
 * Run a wasm program through the runtime's JS host; resolves
 * {status, stdout, stderr, events}.
 */
export async function runWasmFile(file, { env = {}, input = [], args = [] } = {}) {
  const { status, error, events } = await runWasm(readFileSync(file), { env, input, args });
  const text = (fd) => events.filter((e) => e.kind === 'output' && e.stream === fd).map((e) => e.text).join('');
  return { status, error, stdout: text(1), stderr: text(2), events };
}

export const nativeExample = (name) => join(BUILD, 'native', 'examples', name);
export const wasmExample = (name) => join(BUILD, 'wasm', 'examples', `${name}.wasm`);

/** "NAME.c executed in 1.00 seconds." -> 1.00 */
export function reportedSeconds(stdout) {
  const m = /executed in (\d+\.\d+) seconds\./.exec(stdout);
  return m ? Number(m[1]) : NaN;
}
