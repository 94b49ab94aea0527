/**
 * page.js - the inspector in the playground: mounted on each run's event
 * log (session.js), refreshed while events arrive, its cursor dimming the
 * output printed after it. The page calls start() when a run begins; the
 * cursor starts at 0 (the run paused at t = 0, as far as the learner sees),
 * and Step, Back, Next turn, Continue and the slider move it through what the
 * run recorded.
 */
import { createInspector } from './inspector.js';

/**
 * @param {object} opts
 * @param {HTMLElement} opts.parent   where the inspector goes
 * @param {{log: import('../run/event-log.js').EventLog, running: boolean, timeline: object}} opts.session
 *   timeline: the timeline's view (views/timeline-view.js), which draws the cursor and moves it
 * @param {import('@codemirror/view').EditorView} opts.editor
 * @param {HTMLElement} opts.output   the output pane: rows of `.line.out`
 * @param {Node} [opts.styleRoot]  where the panel's styles go (a demo's shadow root; default the document's head)
 */
export function mountPageInspector({ parent, session, editor, output, styleRoot }) {
  let insp = null;
  let frame = 0;
  let lines = { count: 0, n: 0 }; /* newlines printed in the first `count` events */
  /* The cursor was moved (a step, a link's moment, a tutorial's step): only then is later output dimmed,
   * so a plain Run shows its output in full. */
  let moved = false;

  /* Lines the program printed in its first `count` events, counted on from the last answer. */
  function printedBy(count) {
    if (count < lines.count) lines = { count: 0, n: 0 };
    lines = { count, n: lines.n + session.log.newlines(lines.count, count) };
    return lines.n;
  }

  /* Rows [0, marked.rows) of the output carry the class for marked.shown: a
   * frame of a running run touches only rows that are new or change side. */
  const rows = output.getElementsByClassName('line out'); /* live */
  let marked = { shown: Infinity, rows: 0 };
  function dim(count) {
    const shown = count >= session.log.length ? Infinity : printedBy(count);
    if (rows.length < marked.rows) marked = { shown, rows: 0 }; /* the pane was cleared */
    const hi = Math.min(Math.max(marked.shown, shown), marked.rows);
    for (let i = Math.min(marked.shown, shown); i < hi; i++) rows[i].classList.toggle('after-cursor', i >= shown);
    for (let i = marked.rows; i < rows.length; i++) rows[i].classList.toggle('after-cursor', i >= shown);
    marked = { shown, rows: rows.length };
  }

  const timeline = session.timeline;
  const timeOf = (count) => (count > 0 ? session.log.timeAt(count - 1) : 0);
  const where = (count) => `event ${count} of ${session.log.length}, ${timeOf(count).toFixed(3)} s`;
  function drawCursor(count) {
    timeline?.setCursor({ time: timeOf(count), index: count, max: session.log.length, text: where(count) });
  }
  /* Put the editor's selection on task `task`'s line at the cursor (a lane's slice was clicked). */
  function selectLine(task) {
    const state = insp.history.stateAt(insp.cursor);
    if (task > state.maxTask || !state.st[task]) return;
    const line = state.line[task] || state.strings.spawnLine[task] || 0;
    if (!(line >= 1 && line <= editor.state.doc.lines)) return;
    const l = editor.state.doc.line(line);
    editor.dispatch({ selection: { anchor: l.from, head: l.to }, scrollIntoView: true });
  }
  let announceSoon = 0;
  timeline?.attachCursor({
    onPick(time, { task, final }) {
      if (!insp) return;
      insp.moveTo(session.log.countAt(time), { announce: final });
      if (!final) return;
      let text = `Cursor at ${where(insp.cursor)}`;
      if (task) { /* a click on a lane: the task's line in the editor, its lane selected at the cursor */
        selectLine(task);
        text += `; ${timeline.selectLane(task, time, { announce: false })}`;
      }
      timeline.announce(text);
    },
    onKey(key) {
      if (!insp) return false;
      const n = session.log.length, k = insp.cursor;
      const to = { ArrowRight: k + 1, ArrowUp: k + 1, ArrowLeft: k - 1, ArrowDown: k - 1, Home: 0, End: n }[key];
      if (to === undefined) return false;
      insp.moveTo(to, { announce: false });
      /* a held key moves many events: say where it stopped */
      clearTimeout(announceSoon);
      announceSoon = setTimeout(() => insp && timeline.announce(`Cursor at ${where(insp.cursor)}`), 300);
      return true;
    },
  });

  function follow() {
    frame = 0;
    if (!insp) return;
    insp.refresh();
    drawCursor(insp.cursor);
    if (moved) dim(insp.cursor); /* lines drawn since */
    if (session.running) frame = requestAnimationFrame(follow);
  }

  return {
    /** A run begins: a fresh inspector over its log, the cursor at 0. */
    start() {
      insp?.destroy();
      lines = { count: 0, n: 0 };
      marked = { shown: Infinity, rows: 0 }; /* the output pane starts empty */
      const source = session.log.source(); /* one shared record: a replay makes no object an event */
      insp = createInspector({
        source, editor, styleRoot,
        onCursor: (count) => { moved = true; dim(count); drawCursor(count); },
        /* a marker in the editor (or a name in the panel): its lane, at the cursor */
        onSelectTask: (task) => timeline?.selectLane(task, timeOf(insp.cursor)),
      });
      moved = false; /* createInspector showed the start: not a move */
      drawCursor(0);
      parent.replaceChildren(insp.dom);
      if (!frame) frame = requestAnimationFrame(follow);
    },
    /** The run started or ended: follow it while it runs, catch up when it ends. */
    changed() {
      if (!insp) return;
      insp.refresh();
      drawCursor(insp.cursor);
      if (moved) dim(insp.cursor); /* lines drawn since the cursor last moved (a run that just ended) */
      if (session.running && !frame) frame = requestAnimationFrame(follow);
    },
    /** The cursor: after this many events (0 before a run). */
    get cursor() { return insp ? insp.cursor : 0; },
    /** Events recorded so far in this run. */
    get length() { return insp ? insp.history.length : 0; },
    /** The cursor to after `count` events (clamped to what was recorded): a shared moment, a tutorial's step. */
    moveTo(count) { insp?.moveTo(count); },
    /** The page's step keys (. , >), from its keydown listener. */
    handleKey(e) { return insp ? insp.handleKey(e) : false; },
  };
}
