/**
 * Faults get messages that name the task, natively and in wasm, and end
 * the run with a status; the next run is unaffected. In wasm they also name
 * the function and line where the program's own code faulted (programs are
 * built with line tables: wasmcc -g, wasm/source-lines.js).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { BUILD, runNative, runWasmFile } from './helpers.js';

const native = (name) => runNative(join(BUILD, 'native', 'programs', name), { env: { ASYNC_CLOCK: 'virtual' } });
const wasm = (name) => runWasmFile(join(BUILD, 'wasm', 'programs', `${name}.wasm`), { env: { ASYNC_CLOCK: 'virtual' } });
const errorOf = (r) => r.events.find((e) => e.kind === 'error');

test('a stack overflow names the task, the stack size, and the recursing function', async () => {
  const n = await native('overflow');
  expect(n.stderr).toContain("async: task 'walker' overflowed its stack (262144 bytes)");
  expect(n.status).not.toBe(0);
  const w = await wasm('overflow');
  expect(errorOf(w).message).toBe("task 'walker' overflowed its stack (32768 bytes) in walk(), line 5: is there a deep recursion or a big local array?");
  expect(w.status).toBe(1);
  expect(w.stdout).toBe('walking\n');
});

test('a local array bigger than the stack, live across a wait, is a stack overflow (wasm)', async () => {
  const n = await native('bigarray');
  expect(n.stdout).toBe('a long line\nmain done\n'); /* 256 KB stacks natively */
  const w = await wasm('bigarray');
  expect(errorOf(w).message).toBe("task 'reader' overflowed its stack (32768 bytes): is there a deep recursion or a big local array?");
  expect(w.stdout).toBe('');
  expect(w.status).toBe(1);
});

test('a local array written past the top of the stack names the task (wasm: guard words above the stack)', async () => {
  const n = await native('overrun');
  expect(n.stderr).toContain("async: task 'scrubber': invalid memory access");
  expect(n.status).not.toBe(0);
  const w = await wasm('overrun');
  /* found when the task suspends: its async_sleep's line */
  expect(errorOf(w).message).toBe("task 'scrubber' wrote past the top of its stack (32768 bytes) in scrubber(), line 20: is a local array written beyond its end?");
  expect(w.stdout).toBe('scrubbing 20000 bytes\n');
  expect(w.status).toBe(1);
  /* Within the buffer, nothing is reported. */
  const ok = await runWasmFile(join(BUILD, 'wasm', 'programs', 'overrun.wasm'), { env: { ASYNC_CLOCK: 'virtual' }, args: ['8192'] });
  expect(ok.stdout).toBe('scrubbing 8192 bytes\nscrubbed\nmain done\n');
  expect(ok.status).toBe(0);
});

test('a division by zero names the task, the function and the line', async () => {
  const n = await native('divide');
  expect(n.stderr).toContain("async: task 'divider': division by zero");
  expect(n.status).not.toBe(0);
  const w = await wasm('divide');
  expect(errorOf(w).message).toBe("task 'divider': division by zero in divider(), line 11 (divide by zero)");
  expect(errorOf(w).task).toBe(2);
});

test('a failed assert() prints the assertion and ends the run', async () => {
  const n = await native('assert');
  expect(n.stderr).toMatch(/Assertion `balance >= 0' failed/);
  const w = await wasm('assert');
  expect(w.stderr).toMatch(/Assertion failed: balance >= 0/);
  expect(errorOf(w).message).toBe("task 'checker': aborted: abort() was called, or an assert() failed in checker(), line 10");
  expect(w.status).not.toBe(0);
  /* abort() itself: the line that called it */
  expect(errorOf(await wasm('aborts')).message).toBe("task 'quitter': aborted: abort() was called, or an assert() failed in quitter(), line 9");
});

test('a write through NULL names the task: a segmentation fault natively, a checked page in wasm', async () => {
  const n = await native('null');
  expect(n.stderr).toContain("async: task 'teller': invalid memory access: a null or wild pointer");
  expect(n.status).not.toBe(0);
  const w = await wasm('null');
  expect(errorOf(w)).toMatchObject({ task: 2, time: 0.1 });
  expect(errorOf(w).message).toBe("task 'teller' wrote through a NULL pointer (to address 4): is a pointer used before it is set, or a lookup's NULL not checked?");
  expect(w.stdout).toBe('paying carol\n');
  expect(w.status).toBe(1);
  /* Beyond the first 64 bytes the whole page is checked less often, and the task is not known. */
  const far = await runWasmFile(join(BUILD, 'wasm', 'programs', 'null.wasm'), { env: { ASYNC_CLOCK: 'virtual' }, args: ['history'] });
  expect(errorOf(far).message).toBe("a task wrote through a NULL pointer (to address 92): is a pointer used before it is set, or a lookup's NULL not checked?");
  expect(far.status).toBe(1);
});

test('a wild pointer names the task', async () => {
  const n = await native('wild');
  expect(n.stderr).toContain("async: task 'scorer': invalid memory access: a null or wild pointer");
  expect(n.stdout).toBe('scoring\n');
  const w = await wasm('wild');
  expect(errorOf(w)).toMatchObject({ task: 2, time: 0.1 });
  expect(errorOf(w).message).toMatch(/^task 'scorer': invalid memory access: a null or wild pointer/);
  expect(w.status).toBe(1);
});

test('exit(3) from a task ends the run with status 3', async () => {
  for (const r of [await native('exit'), await wasm('exit')]) {
    expect(r.stdout).toBe('tick 0\ntick 1\nquitting\n');
    expect(r.status).toBe(3);
  }
});

test('a program that allocates without end is stopped: out of memory, naming the task (wasm)', async () => {
  const w = await wasm('hog');
  expect(errorOf(w).message).toBe("task 'hog': out of memory (limit 2048 MB): malloc of 67108864 bytes failed in hog(), line 13");
  expect(w.status).toBe(1);
  expect(w.stdout).toMatch(/^64 MB\n576 MB\n/);
});

test('more tasks than memory has stacks for: those that cannot start end cancelled, the run goes on (wasm)', async () => {
  const w = await wasm('crowd');
  expect(w.stderr).toBe("async: out of memory: cannot start task 'sleeper' (and maybe more)\n");
  const m = /^(\d+) slept, (\d+) could not start, queue made\n$/.exec(w.stdout);
  expect(m).not.toBeNull();
  expect(Number(m[1]) + Number(m[2])).toBe(80000);
  expect(Number(m[1])).toBeGreaterThan(50000); /* 2 GB of 32 KiB stacks, less the rest */
  expect(w.status).toBe(0);
}, 180000); /* 80,000 tasks in 2 GB: about 20 s alone, far more on a loaded machine */

test('100,000 sleeping tasks park their stacks; a task that lent pointers to its locals keeps its own (wasm)', async () => {
  const w = await wasm('parked');
  const m = /^(\d+) slept, (\d+) bytes per sleeping task\nresults 42 42 42\n$/.exec(w.stdout);
  expect(m).not.toBeNull();
  expect(Number(m[1])).toBe(100000);
  expect(Number(m[2])).toBeLessThan(1024); /* a 32 KB stack each would not even fit in 2 GB */
  expect(w.status).toBe(0);
}, 60000);

test('after a crash the next run works', async () => {
  await wasm('divide');
  const w = await runWasmFile(join(BUILD, 'wasm', 'examples', 'event_loop.wasm'), { env: { ASYNC_CLOCK: 'virtual' } });
  expect(w.stdout).toBe('A: start\nB: start\nB: done\nA: done\n');
});

test('suspending too deep a recursion is a clear error, not a silent trap', async () => {
  const w = await wasm('deep_suspend');
  expect(errorOf(w).message).toBe("task 'diver' suspended with more than 256 KB of calls on its stack (the save buffer overflowed): is a recursion too deep?");
  expect(w.status).toBe(1);
});

/** Run a native program until its stderr matches re, then kill it: {stdout, stderr, seconds}. */
function nativeUntil(name, re, limitMs) {
  return new Promise((resolve, reject) => {
    const child = spawn(join(BUILD, 'native', 'programs', name), [], { env: { ...process.env, ASYNC_CLOCK: 'virtual' } });
    const start = Date.now();
    let stdout = '';
    let stderr = '';
    const limit = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => {
      stderr += d;
      if (re.test(stderr)) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(limit);
      resolve({ stdout, stderr, seconds: (Date.now() - start) / 1000 });
    });
  });
}

test('a cancelled task that loops without suspending is named as blocking the loop (native)', async () => {
  const r = await nativeUntil('stubborn', /blocks the loop/, 20000);
  expect(r.stdout).toBe('working\nworking\ncancelled: tidying up, forever\n');
  expect(r.stderr).toBe("async: task 'worker' was cancelled but has run for 5 s without suspending: it blocks the loop, "
    + 'and a cancelled task stops only at its next wait (async_sleep, async_yield, async_await...)\n');
}, 30000);
