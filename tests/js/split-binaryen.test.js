/**
 * binaryen.js as the site ships it (web/tools/split-binaryen.mjs, run by
 * `make site`): its glue and binaryen.wasm, loaded the way the compile
 * worker loads them, build the same programs as npm's binaryen.js.
 */
import { jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileProgram } from '../../wasm/toolchain/wasicc.js';
import { nodeToolchain, nodeRuntime } from '../../wasm/toolchain/wasicc.mjs';
import { splitBinaryen } from '../../web/tools/split-binaryen.mjs';
import { BUILD, ROOT, EXAMPLES } from './helpers.js';

jest.setTimeout(120000);

const TC = join(BUILD, 'site', 'toolchain');
let tools;
let split;
let runtime;
beforeAll(async () => {
  tools = await nodeToolchain();
  runtime = nodeRuntime();
  const factory = (await import(pathToFileURL(join(TC, 'binaryen.js')).href)).default;
  split = await factory(readFileSync(join(TC, 'binaryen.wasm')));
});

test('the glue holds no wasm of its own; binaryen.wasm is a wasm module', () => {
  const js = readFileSync(join(TC, 'binaryen.js'), 'utf8');
  expect(js).not.toContain('\\0asm');
  expect(js.length).toBeLessThan(1e6);
  expect(WebAssembly.validate(readFileSync(join(TC, 'binaryen.wasm')))).toBe(true);
});

test('a module built through its API is valid and prints as text', () => {
  const m = new split.Module();
  try {
    m.addFunction('answer', split.none, split.i32, [], m.i32.const(42));
    m.addFunctionExport('answer', 'answer');
    expect(m.validate()).toBeTruthy();
    expect(m.emitText()).toMatch(/\(i32\.const 42\)/);
  } finally {
    m.dispose();
  }
});

test.each(EXAMPLES)('example %s: the same program as with npm binaryen.js', async (name) => {
  const source = readFileSync(join(ROOT, 'examples', `${name}.c`), 'utf8');
  const a = await compileProgram({ ...tools, binaryen: split }, runtime, source, { name: `${name}.c` });
  const b = await compileProgram(tools, runtime, source, { name: `${name}.c` });
  expect(a.ok && b.ok).toBe(true);
  expect(Buffer.from(a.wasm).equals(Buffer.from(b.wasm))).toBe(true);
});

test('a binaryen.js laid out otherwise is refused, not shipped half split', () => {
  const js = readFileSync(join(ROOT, 'node_modules', 'binaryen', 'index.js'), 'utf8');
  expect(() => splitBinaryen(js.replace(/export\{[\w$]+ as default\};?\s*$/, 'export default 1;'))).toThrow(/tail/);
  expect(() => splitBinaryen('export default 1;')).toThrow(/literal/);
});
