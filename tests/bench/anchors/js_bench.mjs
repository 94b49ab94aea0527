/**
 * js_bench.mjs - the JavaScript anchors for `make bench`, in Node:
 *   node js_bench.mjs switch N     two async functions ping-pong with `await`, N switches
 *   node js_bench.mjs sleepers N   Promise.all of N setTimeout(1000) promises: wall time, bytes per task
 * Prints one JSON line.
 */
const [kind, arg] = process.argv.slice(2);
const n = Number(arg);

async function pinger(count) {
  for (let i = 0; i < count; i++) await null;
}

if (kind === 'switch') {
  const t0 = performance.now();
  await Promise.all([pinger(n / 2), pinger(n / 2)]);
  console.log(JSON.stringify({ bench: 'switch', switches: n, ns_per_switch: ((performance.now() - t0) * 1e6) / n }));
} else {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let during = 0;
  const t0 = performance.now();
  setTimeout(() => { during = process.memoryUsage().rss; }, 500);
  await Promise.all(Array.from({ length: n }, () => new Promise((r) => setTimeout(r, 1000))));
  console.log(JSON.stringify({ bench: 'sleepers', tasks: n, wall_s: (performance.now() - t0) / 1000, bytes_per_task: (during - base) / n }));
}
