/**
 * runtime-files.mjs - wasm/runtime.files, the one list of the runtime's
 * files, for Node: the site build, the compile service and wasicc.mjs.
 */
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** wasm/, where runtime.files and the paths it names live. */
export const WASM_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The runtime's files as absolute paths.
 * @param {string} [dir]  the wasm/ folder
 * @returns {{core: string[], native: string[], asyncify: string[], headers: string[],
 *   header: string, imports: string, removelist: string, removelistWasi: string}}
 *   core, native, asyncify: libasync.a's sources; headers: what they include;
 *   the rest, one file each, are what a program is compiled and linked with
 * @throws {Error} when a one-file key names none or several
 */
export function runtimeFiles(dir = WASM_DIR) {
  const lists = {};
  for (const line of readFileSync(join(dir, 'runtime.files'), 'utf8').split('\n')) {
    const m = /^([\w-]+):\s*(.*)$/.exec(line);
    if (m) (lists[m[1]] ||= []).push(...m[2].split(/\s+/).filter(Boolean).map((f) => join(dir, f)));
  }
  const one = (key) => {
    if (lists[key]?.length !== 1) throw new Error(`runtime.files: "${key}" names ${lists[key]?.length || 0} files, not 1`);
    return lists[key][0];
  };
  return {
    core: lists.core || [], native: lists.native || [], asyncify: lists.asyncify || [], headers: lists.headers || [],
    header: one('header'), imports: one('imports'), removelist: one('removelist'), removelistWasi: one('removelist-wasi'),
  };
}
