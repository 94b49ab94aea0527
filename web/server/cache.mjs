/**
 * cache.mjs - compile results on disk, bounded, least recently used first out.
 *
 * Contract: an entry is KEY.json ({bytes, result}) and, for a program,
 * KEY.wasm of exactly `bytes` bytes. Every file is written to a unique
 * temporary name and renamed into place, the .wasm before the .json, so a
 * reader (or a restart after a kill or a full disk) sees a whole entry or
 * none. `get` answers null for a missing entry and for a damaged one (a
 * .json that does not parse, a .wasm missing or of the wrong size: what a
 * power cut can leave, since nothing is fsynced), which it deletes; the
 * caller compiles again. `put` refuses (returns false) a program over
 * `maxEntryBytes` (a .json is small: diagnostics are capped), and evicts
 * the least recently used entries until the total (.wasm plus .json) fits
 * `maxBytes`. A write that fails (a full disk) leaves no entry and no
 * temporary file, and returns false. Recency is kept in memory and, across
 * restarts, in the .json's mtime.
 */
import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const NAME = /^([0-9a-f]{32})\.(json|wasm)$/;
let unique = 0;

function remove(file) {
  try { unlinkSync(file); } catch { /* already gone */ }
}

/** Write data to file atomically (a temporary name, then rename); throws on failure, leaving nothing. */
export function writeAtomic(file, data) {
  const tmp = `${file}.${process.pid}.${unique++}.tmp`;
  try {
    const fd = openSync(tmp, 'wx');
    try {
      const buf = typeof data === 'string' ? Buffer.from(data) : data;
      for (let off = 0; off < buf.length;) off += writeSync(fd, buf, off);
    } finally { closeSync(fd); }
    renameSync(tmp, file);
  } catch (e) {
    remove(tmp);
    throw e;
  }
}

/**
 * @param {{dir: string, maxBytes: number, maxEntryBytes: number}} opts
 */
export function createCache({ dir, maxBytes, maxEntryBytes }) {
  mkdirSync(dir, { recursive: true });
  /** key -> bytes on disk; Map order is recency, oldest first. */
  const entries = new Map();
  let total = 0;
  const stats = { entries: 0, bytes: 0, evictions: 0, damaged: 0, refused: 0 };
  const json = (key) => join(dir, `${key}.json`);
  const wasm = (key) => join(dir, `${key}.wasm`);

  function forget(key) {
    if (entries.has(key)) { total -= entries.get(key); entries.delete(key); }
    remove(json(key));
    remove(wasm(key));
  }

  function evictFor(bytes) {
    for (const key of entries.keys()) {
      if (total + bytes <= maxBytes) break;
      forget(key);
      stats.evictions++;
    }
  }

  // What an earlier run left: whole entries by recency; temporary files and halves go.
  const found = [];
  for (const f of readdirSync(dir)) {
    const m = NAME.exec(f);
    if (!m) { // a temporary file left by a kill (not one another process is writing now)
      if (f.endsWith('.tmp')) try { if (statSync(join(dir, f)).mtimeMs < Date.now() - 60000) remove(join(dir, f)); } catch { /* gone */ }
      continue;
    }
    if (m[2] !== 'json') continue;
    try {
      const st = statSync(join(dir, f));
      let size = st.size;
      try { size += statSync(wasm(m[1])).size; } catch { /* a compile error: no program */ }
      found.push({ key: m[1], size, mtime: st.mtimeMs });
    } catch { /* raced away */ }
  }
  for (const f of readdirSync(dir)) {
    const m = NAME.exec(f);
    if (m && m[2] === 'wasm' && !found.some((e) => e.key === m[1])) remove(join(dir, f));
  }
  for (const e of found.sort((a, b) => a.mtime - b.mtime)) { entries.set(e.key, e.size); total += e.size; }
  evictFor(0);

  const sync = () => { stats.entries = entries.size; stats.bytes = total; };
  sync();

  return {
    stats,
    maxEntryBytes,
    /**
     * The cached result for key, or null (missing or damaged: see the contract).
     * @param {string} key
     * @returns {object|null}
     */
    get(key) {
      let entry;
      try { entry = JSON.parse(readFileSync(json(key), 'utf8')); } catch (e) {
        if (e.code !== 'ENOENT') { stats.damaged++; forget(key); sync(); }
        else if (entries.has(key)) { forget(key); sync(); }
        return null;
      }
      const whole = entry && typeof entry === 'object' && entry.result && typeof entry.result === 'object'
        && typeof entry.result.ok === 'boolean' && Number.isInteger(entry.bytes);
      let ok = whole;
      if (whole && entry.result.ok) {
        try { ok = statSync(wasm(key)).size === entry.bytes; } catch { ok = false; }
      }
      if (!ok) { stats.damaged++; forget(key); sync(); return null; }
      if (!entries.has(key)) { // written by another process on the same directory
        try { const size = statSync(json(key)).size + entry.bytes; entries.set(key, size); total += size; sync(); } catch { return null; }
      }
      this.touch(key);
      return entry.result;
    },
    /** Mark key as just used (a hit, or its program fetched). */
    touch(key) {
      if (!entries.has(key)) return;
      const size = entries.get(key);
      entries.delete(key);
      entries.set(key, size);
      try { const now = new Date(); utimesSync(json(key), now, now); } catch { /* best effort */ }
    },
    /** Whether key names a whole program in the cache. */
    hasProgram(key) { return entries.has(key); },
    programPath: wasm,
    /**
     * Store result (and program, when there is one).
     * @param {string} key
     * @param {object} result  what a hit answers
     * @param {Buffer} [program]
     * @returns {boolean} whether it was stored
     */
    put(key, result, program) {
      const bytes = program ? program.length : 0;
      const text = JSON.stringify({ bytes, result });
      const size = bytes + Buffer.byteLength(text);
      if (bytes > maxEntryBytes || size > maxBytes) { stats.refused++; return false; }
      forget(key);
      evictFor(size);
      try {
        if (program) writeAtomic(wasm(key), program);
        writeAtomic(json(key), text);
      } catch {
        remove(wasm(key));
        sync();
        return false;
      }
      entries.set(key, size);
      total += size;
      sync();
      return true;
    },
  };
}
