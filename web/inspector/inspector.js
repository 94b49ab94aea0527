/**
 * inspector.js - the inspector as one piece a page mounts: a cursor through
 * a recorded run (stepper.js), the loop panel at the cursor (panel.js) and
 * the task markers in the editor (markers.js), all reading one LoopHistory
 * (loop-state.js). It knows nothing of how the run was made.
 *
 *   const insp = createInspector({ source, editor, onCursor });
 *   parent.append(insp.dom);
 *   insp.refresh();          // the source has more events
 *   insp.moveTo(count);      // e.g. from a click on the timeline
 *
 * source: {length, at(i)} over the run's events (AsyncEvent, wasm/host/host.js),
 * e.g. arraySource(events). onCursor(count, state) follows every move, for
 * the page's own views (the timeline's cursor, the output's dimmed lines).
 */
import { LoopHistory } from './loop-state.js';
import { LoopPanel } from './panel.js';
import { Stepper } from './stepper.js';
import { markersFor, setTaskMarkers, taskMarkers } from './markers.js';
import { StateEffect } from '@codemirror/state';

/* editor -> {onSelect}: the markers extension each editor got once */
const MOUNTED = new WeakMap();

/**
 * @param {object} opts
 * @param {{length: number, at: (i: number) => object}} opts.source
 * @param {import('@codemirror/view').EditorView} [opts.editor]  gets the task markers
 * @param {(count: number, state: import('./loop-state.js').LoopState) => void} [opts.onCursor]
 * @param {(task: number) => void} [opts.onSelectTask]  a marker or a name in the panel was clicked
 * @param {Node} [opts.styleRoot]  where the panel's styles go (default: the document's head)
 */
export function createInspector({ source, editor = null, onCursor = () => {}, onSelectTask = () => {}, styleRoot }) {
  const history = new LoopHistory(source);
  const panel = new LoopPanel({ onSelectTask, styleRoot });
  if (editor) {
    /* one markers extension an editor, whichever run's inspector it serves now (a second would draw every marker twice) */
    let m = MOUNTED.get(editor);
    if (!m) {
      m = { onSelect: () => {} };
      MOUNTED.set(editor, m);
      editor.dispatch({ effects: StateEffect.appendConfig.of(taskMarkers({ onSelect: (task) => m.onSelect(task) })) });
    }
    m.onSelect = onSelectTask;
  }

  let quiet = false; /* a drag goes on: the panel announces where it ends, not every event on the way */
  function show(count) {
    const state = history.stateAt(count);
    panel.update({ state, event: count > 0 ? source.at(count - 1) : null, total: history.length, announce: !quiet });
    if (editor) editor.dispatch({ effects: setTaskMarkers.of(markersFor(state)) });
    onCursor(count, state);
  }

  const stepper = new Stepper({ history, onMove: show });
  const dom = document.createElement('div');
  dom.className = 'inspector';
  dom.append(stepper.dom, panel.dom);
  show(0);

  return {
    dom, history, panel, stepper,
    /** The source has more events: the controls and totals follow. */
    refresh() {
      stepper.refresh();
      panel.update({ state: history.stateAt(stepper.cursor), total: history.length, announce: false });
    },
    /** Put the cursor after `count` events; announce: false while a drag goes on. */
    moveTo(count, { announce = true } = {}) {
      quiet = !announce;
      try { stepper.moveTo(count); } finally { quiet = false; }
    },
    /** The cursor: after this many events. */
    get cursor() { return stepper.cursor; },
    /** The page's shortcuts (. , >): call from a keydown listener; true if handled. */
    handleKey(e) { return stepper.handleKey(e); },
    /** Remove the markers and the views. */
    destroy() {
      if (editor) editor.dispatch({ effects: setTaskMarkers.of([]) });
      dom.remove();
    },
  };
}
