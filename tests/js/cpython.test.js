/**
 * cpython.test.js - CPython 3.11's asyncio test cases ported to C
 * (tests/cpython/NAME.c), run in wasm: each prints exactly what its Python
 * twin (NAME.py) printed (NAME.out), case by case. Natively under ASan
 * they run in make test-c.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD, ROOT, runWasmFile } from './helpers.js';

const dir = join(ROOT, 'tests', 'cpython');
const twins = readdirSync(dir).filter((f) => f.endsWith('.c')).map((f) => f.slice(0, -2));
const cases = (text) => text.split(/^== /m).slice(1).map((c) => `== ${c}`);

test.each(twins)('%s prints what CPython prints, case by case, in wasm', async (name) => {
  const expected = readFileSync(join(dir, `${name}.out`), 'utf8');
  const r = await runWasmFile(join(BUILD, 'wasm', 'cpython', `${name}.wasm`), { env: { ASYNC_CLOCK: 'virtual' } });
  expect(r.error).toBeUndefined();
  expect(cases(r.stdout)).toEqual(cases(expected));
  expect(r.status).toBe(0);
});
