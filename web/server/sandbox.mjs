/**
 * sandbox.mjs - runs wasm/toolchain/wasmcc on one untrusted source, in bubblewrap.
 *
 * Contract: `createSandbox(rt, limits)` finds, once, every file the compile
 * needs; `run(source)` compiles it and resolves
 * {code, signal, timedOut, tooLarge, wasm, wasmBytes, stderr, ms}; it never rejects
 * for anything the source does (only when prlimit or bwrap cannot start).
 *
 * What the compiler sees, all read-only, and nothing else: the binaries the
 * compile runs (clang, wasm-ld, wasm-opt, sh, cat and the coreutils wasmcc
 * calls), each with the symlinks that lead to it and the shared libraries
 * `ldd` says it loads; clang's resource headers; the Emscripten sysroot;
 * the runtime (/rt). No /etc, no /proc, no /sys, no rest of /usr: a source
 * that names any other file (#include, asm(".incbin")) finds nothing there.
 * /w and /tmp are private tmpfs (in RAM); /dev is bwrap's minimal one.
 * No network, no other namespaces, an empty environment, prlimit's CPU,
 * memory and file-size caps, and a wall-clock limit that kills the whole
 * process group. The wasm comes back on stdout; past `outputBytes` it is
 * counted but not kept, and the compile is killed (tooLarge).
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readlinkSync, realpathSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** wasmcc's flags for edit-and-run. They live only in the command below,
 * which the cache key hashes whole (`command`). */
export const FLAGS = ['-O', 'fast', '-g'];
/* With -g the program before Binaryen follows the program (wasmcc; compile-service.mjs splits them). */
const commandOf = (flags) => `/rt/wasmcc ${flags.join(' ')} -o /w/main.wasm /w/main.c </dev/null && cat /w/main.wasm${flags.includes('-g') ? ' /w/main.wasm.linked' : ''}`;

/* What `sh -c COMMAND` and wasmcc run, besides the toolchain.env compilers. */
const TOOLS = ['sh', 'cat', 'dirname', 'grep', 'rm', 'wasm-opt'];
const RUNTIME = { wasmcc: 'wasmcc', header: 'async.h', syms: 'imports.syms', lib: 'libasync.a', removelist: 'asyncify-removelist.txt', toolchain: 'toolchain.env' };

function which(name) {
  for (const dir of ['/usr/bin', '/bin']) if (existsSync(join(dir, name))) return join(dir, name);
  throw new Error(`the compile service needs ${name}, which is not installed`);
}

/* Canonical parent, so that /lib/x/libc.so.6 becomes /usr/lib/x/libc.so.6. */
const canonical = (p) => join(realpathSync(dirname(p)), basename(p));

/**
 * The bwrap arguments that show `paths` (and what their symlinks lead to)
 * at the same place, read-only.
 * @param {string[]} paths
 * @returns {{args: string[], binds: string[]}}  binds: the real files and directories
 */
export function bindsFor(paths) {
  const links = new Map();
  const binds = new Set();
  for (const p of paths) {
    let cur = p;
    for (let hops = 0; hops < 40; hops++) {
      cur = canonical(cur);
      if (!lstatSync(cur).isSymbolicLink()) break;
      const target = readlinkSync(cur);
      links.set(cur, target);
      cur = resolve(dirname(cur), target);
    }
    binds.add(cur);
  }
  const args = [];
  for (const b of [...binds].sort()) args.push('--ro-bind', b, b);
  for (const [at, target] of links) args.push('--symlink', target, at);
  return { args, binds: [...binds].sort() };
}

/** The shared libraries (and the loader) that `ldd` says these binaries load. */
function sharedLibraries(binaries) {
  const libs = new Set();
  for (const bin of binaries) {
    const out = execFileSync('ldd', [bin], { encoding: 'utf8' });
    for (const m of out.matchAll(/(?:=>\s*)?(\/\S+)\s+\(0x/g)) libs.add(m[1]);
  }
  return [...libs];
}

/**
 * Everything the compile reads: see the file comment. Found once per toolchain.env.
 * @param {Record<string, string>} rt  the runtime's files (wasmcc, async.h, ...)
 * @returns {{binds: string[], args: string[]}}
 */
const known = new Map();
export function toolchainFiles(rt) {
  if (!known.has(rt.toolchain)) known.set(rt.toolchain, findToolchainFiles(rt));
  return known.get(rt.toolchain);
}
function findToolchainFiles(rt) {
  const env = readFileSync(rt.toolchain, 'utf8');
  const field = (k) => env.match(new RegExp(`^${k}='([^']*)'`, 'm'))?.[1];
  const clang = field('ASYNC_CLANG');
  const ld = field('ASYNC_LD');
  const sysroot = field('ASYNC_CFLAGS')?.match(/--sysroot=(\S+)/)?.[1];
  if (!clang || !ld || !sysroot) throw new Error(`${rt.toolchain} names no clang, wasm-ld or sysroot: run make again`);
  const resourceDir = execFileSync(clang, ['-print-resource-dir'], { encoding: 'utf8' }).trim();
  const binaries = [clang, ld, ...TOOLS.map(which)];
  const real = binaries.map((b) => realpathSync(b));
  return bindsFor([...binaries, ...sharedLibraries(real), join(resourceDir, 'include'), sysroot]);
}

/**
 * @param {Record<string, string>} rt  paths of the runtime files (see RUNTIME)
 * @param {{cpuSeconds, memoryBytes, fileBytes, wallMs, stderrBytes, outputBytes}} L
 * @param {string[]} [flags]  wasmcc's
 * @returns {{run, binds: string[], command: string[]}}  command: the whole command line, limits and flags included
 */
export function createSandbox(rt, L, flags = FLAGS) {
  if (!flags.every((f) => /^[\w=.-]+$/.test(f))) throw new Error(`unsafe wasmcc flags: ${flags.join(' ')}`);
  const files = toolchainFiles(rt);
  const runtime = Object.entries(RUNTIME).flatMap(([k, name]) => ['--ro-bind', rt[k], `/rt/${name}`]);
  const args = [
    `--cpu=${L.cpuSeconds}`, `--as=${L.memoryBytes}`, `--fsize=${L.fileBytes}`, '--core=0',
    'bwrap', '--unshare-all', '--die-with-parent', '--new-session', '--clearenv',
    '--setenv', 'PATH', '/usr/bin:/bin', '--setenv', 'HOME', '/w',
    '--setenv', 'ASYNC_RT', '/rt', '--setenv', 'ASYNC_TOOLCHAIN', '/rt/toolchain.env',
    ...files.args,
    '--symlink', 'usr/bin', '/bin', '--symlink', 'usr/lib', '/lib', '--symlink', 'usr/lib64', '/lib64',
    '--dev', '/dev', '--tmpfs', '/w', '--tmpfs', '/tmp',
    ...runtime,
    '--file', '0', '/w/main.c', '--chdir', '/w',
    'sh', '-c', commandOf(flags),
  ];

  /** @param {string} source */
  function run(source) {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const child = spawn('prlimit', args, { detached: true, env: { PATH: '/usr/bin:/bin' }, stdio: ['pipe', 'pipe', 'pipe'] });
      const out = [];
      let outBytes = 0;
      let err = '';
      let timedOut = false;
      let tooLarge = false;
      const kill = () => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } };
      const timer = setTimeout(() => { timedOut = true; kill(); }, L.wallMs);
      child.stdout.on('data', (d) => {
        outBytes += d.length;
        if (outBytes <= L.outputBytes) out.push(d);
        else if (!tooLarge) { tooLarge = true; kill(); }
      });
      child.stderr.on('data', (d) => { if (err.length < L.stderrBytes) err += d.toString('utf8'); });
      child.on('error', (e) => { clearTimeout(timer); reject(e); });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, timedOut, tooLarge, wasm: tooLarge ? null : Buffer.concat(out), wasmBytes: outBytes, stderr: err, ms: performance.now() - started });
      });
      child.stdin.on('error', () => {});
      child.stdin.end(source);
    });
  }

  return { run, binds: [...files.binds, ...Object.values(RUNTIME).map((n) => `/rt/${n}`)], command: ['prlimit', ...args] };
}
