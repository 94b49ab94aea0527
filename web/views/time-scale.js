/**
 * time-scale.js - timelines that share one time axis: every timeline region
 * with the same data-timescale name (say two demos stacked to be compared)
 * draws with the longest run among them, so a 3 s run is three times as wide
 * as a 1 s one. Each member reports how long its own run is; when the
 * longest grows, the others are told to redraw.
 */

const groups = new Map();

/**
 * Join the group `name`.
 * @param {string} name
 * @param {() => void} redraw  called when another member's run made the axis longer
 * @returns {{report: (seconds: number) => void, span: () => number, leave: () => void}}
 */
export function joinTimeScale(name, redraw) {
  if (!groups.has(name)) groups.set(name, new Map());
  const members = groups.get(name);
  const me = {};
  members.set(me, { seconds: 0, redraw });
  const longest = () => Math.max(0, ...[...members.values()].map((m) => m.seconds));
  return {
    report(seconds) {
      const before = longest();
      members.get(me).seconds = seconds;
      if (seconds > before) for (const [who, m] of members) if (who !== me) m.redraw();
    },
    span: longest,
    leave() { members.delete(me); },
  };
}
