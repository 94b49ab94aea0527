/**
 * The runtime's C unit tests, compiled to wasm and run through the JS host:
 * the same assertions hold for the Asyncify backend as for the native one.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD, ROOT, runWasmFile } from './helpers.js';

const suites = readdirSync(join(ROOT, 'tests', 'c')).filter((f) => /^test_.*\.c$/.test(f)).map((f) => f.slice(0, -2));

test.each(suites)('%s passes in wasm', async (suite) => {
  const r = await runWasmFile(join(BUILD, 'wasm', 'tests', `${suite}.wasm`));
  const summary = r.stdout.trim().split('\n').pop();
  expect(r.stdout.split('\n').filter((l) => l.startsWith('FAIL'))).toEqual([]);
  expect(summary).toMatch(/^\d+ passed, 0 failed$/);
  expect(r.status).toBe(0);
});
