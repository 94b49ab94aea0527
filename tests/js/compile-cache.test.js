/**
 * web/server/cache.mjs on its own: a write cut short (a full disk) leaves
 * no entry and no temporary file, and what was stored before stays whole.
 * node:fs is wrapped so that one chosen write fails half-way with ENOSPC.
 */
import { jest } from '@jest/globals';
import * as realFs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let fail = null; // {skip: writes that succeed first, bytes: what the failing one writes}
jest.unstable_mockModule('node:fs', () => ({
  ...realFs,
  writeSync(fd, buf, off = 0, len = buf.length - off, ...rest) {
    if (fail && fail.skip-- === 0) {
      realFs.writeSync(fd, buf, off, Math.min(len, fail.bytes), ...rest);
      fail = null;
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    }
    return realFs.writeSync(fd, buf, off, len, ...rest);
  },
}));
const { createCache } = await import('../../web/server/cache.mjs');

const KEY = 'a'.repeat(32);
const OTHER = 'b'.repeat(32);
const program = Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), Buffer.alloc(5000, 7)]);
const result = (key) => ({ ok: true, wasm: `api/program/${key}.wasm`, diagnostics: [] });

test('a write that fails half-way leaves no entry, no temporary file, and the others whole', () => {
  const dir = realFs.mkdtempSync(join(tmpdir(), 'cache-atomic-'));
  const cache = createCache({ dir, maxBytes: 1e6, maxEntryBytes: 1e5 });
  expect(cache.put(OTHER, result(OTHER), program)).toBe(true);
  for (const skip of [0, 1]) { // half-way through the .wasm, then through the .json
    fail = { skip, bytes: 50 };
    expect(cache.put(KEY, result(KEY), program)).toBe(false);
    expect(realFs.readdirSync(dir).sort()).toEqual([`${OTHER}.json`, `${OTHER}.wasm`]);
    expect(cache.get(KEY)).toBeNull();
  }
  expect(cache.get(OTHER)).toEqual(result(OTHER));
  expect(realFs.readFileSync(join(dir, `${OTHER}.wasm`))).toEqual(program);
  // A cache opened again on the same directory sees the same.
  const reopened = createCache({ dir, maxBytes: 1e6, maxEntryBytes: 1e5 });
  expect(reopened.get(OTHER)).toEqual(result(OTHER));
  expect(reopened.put(KEY, result(KEY), program)).toBe(true);
  expect(reopened.get(KEY)).toEqual(result(KEY));
});

test('a result over maxBytes or a program over maxEntryBytes is refused; the total never passes maxBytes', () => {
  const dir = realFs.mkdtempSync(join(tmpdir(), 'cache-bound-'));
  const cache = createCache({ dir, maxBytes: 3 * (program.length + 200), maxEntryBytes: program.length });
  expect(cache.put(KEY, result(KEY), Buffer.concat([program, Buffer.alloc(1)]))).toBe(false);
  for (let i = 0; i < 10; i++) {
    const key = i.toString(16).repeat(32);
    expect(cache.put(key, result(key), program)).toBe(true);
    const total = realFs.readdirSync(dir).reduce((n, f) => n + realFs.statSync(join(dir, f)).size, 0);
    expect(total).toBeLessThanOrEqual(3 * (program.length + 200));
  }
  expect(cache.stats.evictions).toBe(7);
  expect(cache.get('9'.repeat(32))).toEqual(result('9'.repeat(32)));
  expect(cache.get('0'.repeat(32))).toBeNull();
});
