/**
 * source-lines.js - where in the program's C source a wasm code offset is,
 * so that a fault names its function and line.
 *
 * The contract between the compilers and the host, in one place:
 * - A program is compiled with line tables (clang -gline-tables-only
 *   -gdwarf-4) and linked keeping them (wasm-ld without --strip-debug).
 *   Optimized builds (wasmcc -O full) let wasm-opt -g carry the DWARF
 *   through its passes. Edit-and-run builds drop it and are Asyncified
 *   keeping function names (wasm-opt --strip-dwarf -g in wasmcc -O fast,
 *   binaryen.js debugInfo in wasicc.js), which is cheaper, and:
 * - packMovedSourceLines() moves the program's own rows from the linked
 *   module onto the Asyncified one (see below) and, as packSourceLines() does
 *   for a module whose DWARF rows are current, replaces its DWARF and name
 *   sections (together several times the program's code, mostly libc's) by
 *   one small custom section, "async.lines": JSON
 *     {file, funcs: [[index, name, start, end, offset0, line0, offset1, line1, ...]], stops}
 *   for the functions that have rows of the program's own file. Offsets are
 *   byte offsets in the module, as engines print them in a stack trace
 *   ("wasm-function[16]:0x719"); offsets after the first are deltas, line 0
 *   means an instruction of another file (an inlined header); stops: the
 *   [start, end) offsets of async_run and async_run_result (see sourceSite).
 * - sourceSite() reads a trap's (or any Error's) stack against that section.
 * A program without the section (an older build) faults as before, unnamed.
 */

const DEBUG = /^\.debug_/;
const SECTION = 'async.lines';

function reader(bytes, pos = 0) {
  const r = {
    pos,
    u8: () => bytes[r.pos++],
    u16: () => { const v = bytes[r.pos] | (bytes[r.pos + 1] << 8); r.pos += 2; return v; },
    u32: () => { const v = (bytes[r.pos] | (bytes[r.pos + 1] << 8) | (bytes[r.pos + 2] << 16) | (bytes[r.pos + 3] << 24)) >>> 0; r.pos += 4; return v; },
    uleb: () => {
      let v = 0, shift = 0, b;
      do { b = bytes[r.pos++]; v += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
      return v;
    },
    sleb: () => {
      let v = 0, shift = 0, b;
      do { b = bytes[r.pos++]; v += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
      return b & 0x40 ? v - 2 ** shift : v;
    },
    str: () => { const end = bytes.indexOf(0, r.pos); const s = new TextDecoder().decode(bytes.subarray(r.pos, end)); r.pos = end + 1; return s; },
    name: () => { const n = r.uleb(); const s = new TextDecoder().decode(bytes.subarray(r.pos, r.pos + n)); r.pos += n; return s; },
  };
  return r;
}

/** The module's sections: [{id, name, start (of the payload), end, headerStart}]. */
function sections(bytes) {
  const out = [];
  const r = reader(bytes, 8);
  while (r.pos < bytes.length) {
    const headerStart = r.pos;
    const id = r.u8();
    const size = r.uleb();
    const start = r.pos;
    let name = '';
    if (id === 0) name = r.name();
    out.push({ id, name, start, end: start + size, headerStart, contentStart: r.pos });
    r.pos = start + size;
  }
  return out;
}

/* Rows of the DWARF 4 line programs that have the file `want` (a path as
 * given to the compiler, or its tail: libc has an assert.c too; a name
 * relative to the unnamed compilation directory only when no other matches):
 * [{address, line}], line 0 for another file's rows, in address order. */
function lineRows(bytes, want, lax = false) {
  const rows = [];
  const r = reader(bytes);
  const base = (s) => s.slice(s.lastIndexOf('/') + 1);
  while (r.pos < bytes.length) {
    const unitLength = r.u32();
    const unitEnd = r.pos + unitLength;
    const version = r.u16();
    if (version !== 4 && version !== 3 && version !== 2) { r.pos = unitEnd; continue; }
    const headerLength = r.u32();
    const programStart = r.pos + headerLength;
    const minInst = r.u8();
    if (version >= 4) r.u8(); /* maximum operations per instruction */
    const defaultIsStmt = r.u8();
    const lineBase = (r.u8() << 24) >> 24;
    const lineRange = r.u8();
    const opcodeBase = r.u8();
    const lengths = [0];
    for (let i = 1; i < opcodeBase; i++) lengths.push(r.u8());
    const dirs = [''];
    while (bytes[r.pos]) dirs.push(r.str());
    r.pos++;
    const ours = [false];
    while (bytes[r.pos]) {
      const name = r.str();
      const dir = dirs[r.uleb()] || '';
      r.uleb(); r.uleb();
      /* directory 0 is the compilation directory, which the line table does not name */
      const path = name.startsWith('/') ? name : `${dir}/${name}`;
      ours.push(base(name) === base(want) && (dir || name.startsWith('/') ? `/${path}`.endsWith(`/${want}`) : lax && `/${want}`.endsWith(`/${name}`)));
    }
    r.pos = programStart;
    if (!ours.some(Boolean)) { r.pos = unitEnd; continue; }
    let address = 0, file = 1, line = 1;
    void defaultIsStmt;
    const emit = () => rows.push({ address, line: ours[file] ? line : 0 });
    while (r.pos < unitEnd) {
      const op = r.u8();
      if (op >= opcodeBase) {
        const adj = op - opcodeBase;
        address += Math.floor(adj / lineRange) * minInst;
        line += lineBase + (adj % lineRange);
        emit();
      } else if (op === 0) {
        const len = r.uleb();
        const end = r.pos + len;
        const sub = r.u8();
        if (sub === 1) { address = 0; file = 1; line = 1; } /* end_sequence */
        else if (sub === 2) address = r.u32(); /* set_address (wasm32) */
        r.pos = end;
      } else if (op === 1) emit();
      else if (op === 2) address += r.uleb() * minInst;
      else if (op === 3) line += r.sleb();
      else if (op === 4) file = r.uleb();
      else if (op === 8) address += Math.floor((255 - opcodeBase) / lineRange) * minInst;
      else if (op === 9) address += r.u16();
      else for (let i = 0; i < lengths[op]; i++) r.uleb();
    }
    r.pos = unitEnd;
  }
  if (!lax && !rows.some((row) => row.line)) return lineRows(bytes, want, true);
  return rows.sort((a, b) => a.address - b.address);
}

/* Function index -> name, from the name section. */
function functionNames(bytes, s) {
  const names = new Map();
  const r = reader(bytes, s.contentStart);
  while (r.pos < s.end) {
    const id = r.u8();
    const size = r.uleb();
    const end = r.pos + size;
    if (id === 1) {
      for (let n = r.uleb(); n > 0; n--) { const i = r.uleb(); names.set(i, r.name()); }
    }
    r.pos = end;
  }
  return names;
}

function countFunctionImports(bytes, s) {
  const r = reader(bytes, s.start);
  let count = 0;
  for (let n = r.uleb(); n > 0; n--) {
    r.name(); r.name();
    const kind = r.u8();
    if (kind === 0) { r.uleb(); count++; }
    else if (kind === 1) { r.u8(); const f = r.u8(); r.uleb(); if (f & 1) r.uleb(); }
    else if (kind === 2) { const f = r.u8(); r.uleb(); if (f & 1) r.uleb(); }
    else if (kind === 3) { r.u8(); r.u8(); }
    else if (kind === 4) { r.u8(); r.uleb(); }
  }
  return count;
}

function leb(n) {
  const out = [];
  do { let b = n & 0x7f; n = Math.floor(n / 128); if (n) b |= 0x80; out.push(b); } while (n);
  return out;
}

/**
 * Replace a program's DWARF and name sections by its "async.lines" table.
 * A module without line tables comes back without those sections, unchanged otherwise.
 * @param {Uint8Array} bytes  the linked, Asyncified program
 * @param {string} file       the program's source file name (its rows are kept)
 * @param {{rows: {address, line}[], names: Map<number, string>}} [moved]  rows and names
 *   to use instead of the module's own (packMovedSourceLines)
 * @returns {Uint8Array}
 */
export function packSourceLines(bytes, file, moved = null) {
  bytes = new Uint8Array(bytes.buffer ? bytes.buffer : bytes, bytes.byteOffset || 0, bytes.length);
  const all = sections(bytes);
  const want = file.replace(/^(\.\/)+/, '');
  const lineSection = all.find((s) => s.name === '.debug_line');
  const nameSection = all.find((s) => s.id === 0 && s.name === 'name');
  const code = all.find((s) => s.id === 10);
  const imports = all.find((s) => s.id === 2);
  const kept = all.filter((s) => !(s.id === 0 && (DEBUG.test(s.name) || s.name === 'name' || s.name === SECTION)));
  const parts = [bytes.subarray(0, 8), ...kept.map((s) => bytes.subarray(s.headerStart, s.end))];
  if ((lineSection || moved) && code) {
    /* Code offsets in wasm DWARF count from the code section's payload. */
    const rows = moved ? moved.rows.sort((a, b) => a.address - b.address) : lineRows(bytes.subarray(lineSection.contentStart, lineSection.end), want);
    const names = moved ? moved.names : nameSection ? functionNames(bytes, nameSection) : new Map();
    const first = imports ? countFunctionImports(bytes, imports) : 0;
    /* Offsets in the packed module: sections dropped before the code shift it. */
    const shift = all.filter((s) => s.end <= code.start && !kept.includes(s)).reduce((n, s) => n + s.end - s.headerStart, 0);
    const r = reader(bytes, code.start);
    const funcs = [];
    const stopNames = new Set([...names].filter(([, n]) => /^async_run/.test(n)).map(([i]) => i));
    const stops = [];
    let k = 0;
    for (let n = r.uleb(), i = 0; i < n; i++) {
      const size = r.uleb();
      const start = r.pos, end = r.pos + size;
      const f = [first + i, names.get(first + i) || '', start - shift, end - shift];
      if (stopNames.has(first + i)) stops.push(start - shift, end - shift);
      while (k < rows.length && rows[k].address + code.start < start) k++;
      let last = start, lastLine = -1;
      for (; k < rows.length && rows[k].address + code.start < end; k++) {
        const at = rows[k].address + code.start;
        if (rows[k].line === lastLine) continue;
        f.push(f.length === 4 ? at - shift : at - last, rows[k].line);
        last = at;
        lastLine = rows[k].line;
      }
      if (f.length > 4 && f.some((v, j) => j > 4 && j % 2 === 1 && v > 0)) funcs.push(f);
      r.pos = end;
    }
    if (funcs.length) {
      const name = new TextEncoder().encode(SECTION);
      const body = new TextEncoder().encode(JSON.stringify({ file: want.slice(want.lastIndexOf('/') + 1), funcs, stops }));
      const payload = [...leb(name.length), ...name];
      parts.push(Uint8Array.from([0, ...leb(payload.length + body.length), ...payload]), body);
    }
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

/**
 * The program's line table, read once per module.
 * @param {WebAssembly.Module} module
 * @returns {{file: string, funcs: Map<number, {name, start, end, rows: number[]}>}|null}
 */
export function readSourceLines(module) {
  let sec;
  try { sec = WebAssembly.Module.customSections(module, SECTION)[0]; } catch { return null; }
  if (!sec) return null;
  try {
    const { file, funcs, stops = [] } = JSON.parse(new TextDecoder().decode(sec));
    const map = new Map();
    for (const [index, name, start, end, ...pairs] of funcs) {
      const rows = [];
      let at = 0;
      for (let j = 0; j < pairs.length; j += 2) { at = j === 0 ? pairs[0] : at + pairs[j]; rows.push(at, pairs[j + 1]); }
      map.set(index, { name, start, end, rows });
    }
    return { file, funcs: map, stops };
  } catch { return null; }
}

/**
 * Where an error happened in the program's own code: the innermost frame
 * of its stack that is in a function of the program's file, unless the loop
 * (async_run) comes first: then the runtime found the fault after the task's
 * slice (a broken guard word), and the code below async_run is not where.
 * @param {{file: string, funcs: Map}|null} lines  from readSourceLines
 * @param {string} stack  an Error's stack (V8: "at f (wasm://...:wasm-function[16]:0x719)")
 * @returns {{func: string, line: number, file: string}|null}  line 0 when not known
 */
export function sourceSite(lines, stack) {
  if (!lines || !stack) return null;
  /* V8 prints "wasm-function[16]:0x719"; with a prepareStackTrace of its own
   * (Jest's, source-map-support) a frame is "wasm://wasm/HASH:1:1818", the
   * column being the module offset + 1. Functions are found by offset. */
  for (const m of String(stack).matchAll(/wasm-function\[\d+\]:0x([0-9a-f]+)|wasm:\/\/wasm\/[^\s:]*:1:(\d+)/g)) {
    const at = m[1] ? parseInt(m[1], 16) : Number(m[2]) - 1;
    for (let j = 0; j < lines.stops.length; j += 2) if (at >= lines.stops[j] && at < lines.stops[j + 1]) return null;
    for (const f of lines.funcs.values()) {
      if (at < f.start || at >= f.end) continue;
      let line = 0;
      for (let j = 0; j < f.rows.length && f.rows[j] <= at; j += 2) line = f.rows[j + 1];
      return { func: f.name, line, file: lines.file };
    }
  }
  return null;
}

/* ---- carrying rows across a pass that drops them (binaryen.js) ----------
 * binaryen.js (unlike wasm-opt -g) writes the DWARF sections back unchanged,
 * so after its Asyncify the rows name pre-Asyncify offsets. Asyncify keeps a
 * function's index and the order of its original instructions, adding its
 * own around the calls (it may renumber functions: they are matched by
 * name). So the instructions that can be on a stack trace
 * (anything that traps, and calls) are matched in order between the two
 * bodies, by opcode and immediates (a longest common subsequence: the pass's
 * own loads and stores do not pull the match off), and each keeps its row. */

/* Immediates of the opcodes LLVM emits for wasm32 (MVP, sign-extension,
 * saturating conversions, bulk memory, reference types). */
function skipImmediates(r, op) {
  if (op === 0x02 || op === 0x03 || op === 0x04) { if (r.peek() === 0x40 || r.peek() >= 0x6f) r.u8(); else r.sleb(); }
  else if (op === 0x0c || op === 0x0d || (op >= 0x20 && op <= 0x24) || op === 0x25 || op === 0x26 || op === 0xd2 || op === 0x10) r.uleb();
  else if (op === 0x0e) { for (let n = r.uleb(); n >= 0; n--) r.uleb(); }
  else if (op === 0x11) { r.uleb(); r.uleb(); }
  else if (op >= 0x28 && op <= 0x3e) { r.uleb(); r.uleb(); }
  else if (op === 0x3f || op === 0x40 || op === 0xd0) r.u8();
  else if (op === 0x41 || op === 0x42) r.sleb();
  else if (op === 0x43) r.pos += 4;
  else if (op === 0x44) r.pos += 8;
  else if (op === 0x1c) { for (let n = r.uleb(); n > 0; n--) r.u8(); }
  else if (op === 0xfc) {
    const sub = r.uleb();
    if (sub === 8) { r.uleb(); r.u8(); } else if (sub === 9 || sub === 13 || (sub >= 15 && sub <= 17)) r.uleb();
    else if (sub === 10) { r.u8(); r.u8(); } else if (sub === 11) r.u8();
    else if (sub === 12 || sub === 14) { r.uleb(); r.uleb(); }
    return `fc${sub}`;
  } else if (op === 0xfd) throw new Error('SIMD');
  return null;
}

/* A function body's instructions that can be on a stack trace:
 * [{at, key}], key = opcode and the immediates that survive the pass. */
function anchors(bytes, start, end, names) {
  const r = reader(bytes, start);
  r.peek = () => bytes[r.pos];
  for (let n = r.uleb(); n > 0; n--) { r.uleb(); r.u8(); }
  const out = [];
  while (r.pos < end) {
    const at = r.pos;
    const op = r.u8();
    const immStart = r.pos;
    const sub = skipImmediates(r, op);
    const trapping = op === 0x00 || op === 0x10 || op === 0x11 || (op >= 0x28 && op <= 0x3e) || (op >= 0x6d && op <= 0x70)
      || (op >= 0x7f && op <= 0x82) || (op >= 0xa8 && op <= 0xb1) || op === 0x40 || (sub && /^fc(8|10|11|12|14)$/.test(sub));
    if (!trapping) continue;
    /* a call's target and a memory access's offset are kept; alignment and locals may be rewritten */
    let key = sub || String(op);
    if (op === 0x10) { const callee = reader(bytes, immStart).uleb(); key += `:${names.get(callee) ?? `#${callee}`}`; }
    else if (op >= 0x28 && op <= 0x3e) { const q = reader(bytes, immStart); q.uleb(); key += `:${q.uleb()}`; }
    out.push({ at, key });
  }
  return out;
}

/* Pairs [i, j] of the longest common subsequence of a and b by key. */
function matchInOrder(a, b) {
  const n = a.length, m = b.length;
  if (n * m > 4e6) return [];
  const w = m + 1;
  const len = new Uint16Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      len[i * w + j] = a[i].key === b[j].key ? len[(i + 1) * w + j + 1] + 1 : Math.max(len[(i + 1) * w + j], len[i * w + j + 1]);
  const pairs = [];
  for (let i = 0, j = 0; i < n && j < m;) {
    if (a[i].key === b[j].key) { pairs.push([i, j]); i++; j++; }
    else if (len[(i + 1) * w + j] >= len[i * w + j + 1]) i++;
    else j++;
  }
  return pairs;
}

function functionBodies(bytes, all) {
  const code = all.find((s) => s.id === 10);
  const imports = all.find((s) => s.id === 2);
  const first = imports ? countFunctionImports(bytes, imports) : 0;
  const bodies = new Map();
  if (!code) return { bodies, code };
  const r = reader(bytes, code.start);
  for (let n = r.uleb(), i = 0; i < n; i++) {
    const size = r.uleb();
    bodies.set(first + i, { start: r.pos, end: r.pos + size });
    r.pos += size;
  }
  return { bodies, code };
}

/**
 * Modules written one after the other (cat a.wasm b.wasm): the magic
 * number cannot begin a section (a custom section of 0x61 bytes cannot hold
 * a name of 0x73), so where one is found at a section's place, a module begins.
 * @param {Uint8Array} bytes
 * @returns {Uint8Array[]}
 */
export function splitModules(bytes) {
  const out = [];
  let start = 0;
  const magic = (at) => bytes[at] === 0 && bytes[at + 1] === 0x61 && bytes[at + 2] === 0x73 && bytes[at + 3] === 0x6d;
  const r = reader(bytes, 8);
  while (r.pos < bytes.length) {
    if (magic(r.pos)) { out.push(bytes.subarray(start, r.pos)); start = r.pos; r.pos += 8; continue; }
    r.u8();
    const size = r.uleb();
    r.pos += size;
  }
  out.push(bytes.subarray(start));
  return out;
}

/**
 * The module without its DWARF sections (its names kept): what binaryen.js
 * should read. Given DWARF it would keep it, stale, and write its code
 * differently: 7% more of it for producer_consumer.c (tests/bench/lines.mjs).
 * @param {Uint8Array} bytes
 * @returns {Uint8Array}
 */
export function withoutDebugSections(bytes) {
  const kept = sections(bytes).filter((s) => !(s.id === 0 && DEBUG.test(s.name)));
  const out = new Uint8Array(8 + kept.reduce((n, s) => n + s.end - s.headerStart, 0));
  out.set(bytes.subarray(0, 8));
  let at = 8;
  for (const s of kept) { out.set(bytes.subarray(s.headerStart, s.end), at); at += s.end - s.headerStart; }
  return out;
}

/**
 * Give a transformed program the DWARF line rows of its untransformed self,
 * moved to the transformed offsets (see above), packed as packSourceLines
 * packs. A function the transformed program does not name is left without.
 * @param {Uint8Array} before  the linked program, with DWARF and names
 * @param {Uint8Array} after   the same after Asyncify (DWARF rows stale)
 * @param {string} file        the program's source file
 * @returns {Uint8Array} after, packed: an async.lines section, no DWARF
 */
export function packMovedSourceLines(before, after, file) {
  const secB = sections(before), secA = sections(after);
  const line = secB.find((s) => s.name === '.debug_line');
  const nameB = secB.find((s) => s.name === 'name'), nameA = secA.find((s) => s.name === 'name');
  if (!line || !nameB) return packSourceLines(after, file);
  const namesB = functionNames(before, nameB);
  const namesA = nameA ? functionNames(after, nameA) : namesB;
  const B = functionBodies(before, secB), A = functionBodies(after, secA);
  const want = file.replace(/^(\.\/)+/, '');
  const rows = lineRows(before.subarray(line.contentStart, line.end), want);
  const lineAt = (offset) => {
    let lo = 0, hi = rows.length - 1, found = -1;
    while (lo <= hi) { const mid = (lo + hi) >> 1; if (rows[mid].address + B.code.start <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1; }
    return found < 0 ? 0 : rows[found].line;
  };
  const moved = [];
  const indexA = new Map([...namesA].map(([i, n]) => [n, i]));
  const namesOut = new Map();
  for (const [index, b] of B.bodies) {
    const name = namesB.get(index);
    const a = A.bodies.get(indexA.get(name));
    if (!name || !a) continue;
    namesOut.set(indexA.get(name), name);
    if (!rows.some((row) => row.line && row.address + B.code.start >= b.start && row.address + B.code.start < b.end)) continue;
    let ab, aa;
    try { ab = anchors(before, b.start, b.end, namesB); aa = anchors(after, a.start, a.end, namesA); } catch { continue; }
    const first = rows.find((row) => row.address + B.code.start >= b.start);
    moved.push({ address: a.start - A.code.start, line: first ? first.line : 0 });
    for (const [i, j] of matchInOrder(ab, aa)) moved.push({ address: aa[j].at - A.code.start, line: lineAt(ab[i].at) });
  }
  return packSourceLines(after, file, { rows: moved, names: namesOut });
}
