/**
 * verdicts.mjs - remembers, for a while, the sources whose compile was
 * stopped by a limit (the wall clock, CPU, memory or output size).
 *
 * Contract: `remember(key, result)` keeps result for `ms`; `recall(key)`
 * gives it back with how long ago it was, or null once expired. At most
 * `max` are kept (the oldest go first), in memory only: a restart, perhaps
 * with other limits, forgets them all.
 *
 * Why: such a compile holds a slot for up to the whole wall-clock limit,
 * and these verdicts are never written to the disk cache (the machine may
 * just have been busy); without this, sending the same bomb again would
 * cost the service the same seconds each time and its sender nothing.
 */

/** @param {{ms: number, max: number}} opts */
export function createVerdicts({ ms, max }) {
  const kept = new Map(); // key -> {result, at}
  return {
    remember(key, result) {
      kept.delete(key);
      kept.set(key, { result, at: Date.now() });
      while (kept.size > max) kept.delete(kept.keys().next().value);
    },
    /** @returns {{result: object, ago: number}|null}  ago in ms */
    recall(key) {
      const v = kept.get(key);
      if (!v) return null;
      const ago = Date.now() - v.at;
      if (ago >= ms) { kept.delete(key); return null; }
      return { result: v.result, ago };
    },
  };
}
