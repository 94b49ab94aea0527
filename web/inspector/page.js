/**
 * page.js - the inspector in the playground: mounted on each run's event
 * log (session.js), refreshed while events arrive, its cursor dimming the
 * output printed after it. The page calls start() when a run begins; the
 * cursor starts at 0 (the run paused at t = 0, as far as the learner sees),
 * and Step, Back, Next turn, Continue and the slider move it through what the
 * run recorded.
 */
import { createInspector } from './inspector.js';
import { kindCode } from '../run/event-log.js';

const OUTPUT = kindCode('output');

/**
 * @param {object} opts
 * @param {HTMLElement} opts.parent   where the inspector goes
 * @param {{log: import('../run/event-log.js').EventLog, running: boolean}} opts.session
 * @param {import('@codemirror/view').EditorView} opts.editor
 * @param {HTMLElement} opts.output   the output pane: rows of `.line.out`
 */
export function mountPageInspector({ parent, session, editor, output }) {
  let insp = null;
  let frame = 0;
  let lines = { count: 0, n: 0 }; /* newlines printed in the first `count` events */

  /* Lines the program printed in its first `count` events (line-buffered
   * output: one per newline), counted on from the last answer. */
  function printedBy(count) {
    const log = session.log;
    if (count < lines.count) lines = { count: 0, n: 0 };
    let n = lines.n;
    for (let i = lines.count; i < count; i++) {
      const c = log.chunks[i >> 16], j = i & 0xffff;
      if (c.kind[j] !== OUTPUT) continue;
      const text = log.strings[c.s[j]] || '';
      for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) n++;
    }
    lines = { count, n };
    return n;
  }

  function dim(count) {
    const rows = output.querySelectorAll('.line.out');
    const shown = count >= session.log.length ? Infinity : printedBy(count);
    rows.forEach((row, i) => row.classList.toggle('after-cursor', i >= shown));
  }

  function follow() {
    frame = 0;
    if (!insp) return;
    insp.refresh();
    if (session.running) frame = requestAnimationFrame(follow);
  }

  return {
    /** A run begins: a fresh inspector over its log, the cursor at 0. */
    start() {
      insp?.destroy();
      lines = { count: 0, n: 0 };
      const source = { get length() { return session.log.length; }, at: (i) => session.log.get(i) };
      insp = createInspector({ source, editor, onCursor: (count) => dim(count) });
      parent.replaceChildren(insp.dom);
      if (!frame) frame = requestAnimationFrame(follow);
    },
    /** The run started or ended: follow it while it runs, catch up when it ends. */
    changed() {
      if (!insp) return;
      insp.refresh();
      if (session.running && !frame) frame = requestAnimationFrame(follow);
    },
    /** The page's step keys (. , >), from its keydown listener. */
    handleKey(e) { return insp ? insp.handleKey(e) : false; },
  };
}
