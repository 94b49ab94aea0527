/**
 * markers.js - task markers in the editor (a CodeMirror 6 extension): on the
 * line where each task is suspended, or resumed from while it runs, a chip in
 * the task's colour with its name and state ("task_a · sleeping"), a button
 * whose accessible label says the same with the line; the line gets a bar
 * in the colour. Clicking a chip selects its task.
 *
 *   const ext = taskMarkers({ onSelect: (task) => ... });   // once, in the editor's extensions
 *   view.dispatch({ effects: setTaskMarkers.of(markersFor(state)) });  // at each move of the cursor
 *
 * An editor made without it takes it later with StateEffect.appendConfig.
 */
import { StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, WidgetType } from '@codemirror/view';
import { taskHue } from '../views/colors.js';
import { MARKER_THEME } from './styles.js';

/** Replace the markers: [{task, name, line, text, label}] (line 1-based; 0 or past the end: none). */
export const setTaskMarkers = StateEffect.define();

const WAIT_STATE = {
  sleep: 'sleeping', yield: 'ready', await: 'awaiting', gather: 'gathering', wait_for: 'waiting (wait_for)',
  queue_get: 'waiting to get', queue_put: 'waiting to put', event: 'waiting for an event', input: 'waiting for input',
};

/** Markers a line shows one by one; past that, one more says how many others stand there. */
const PER_LINE = 4;

/**
 * The markers for a loop state: one per live task that has a line, at most
 * PER_LINE a line and then one for the rest ("+99,996 more": 100,000
 * sleepers cost a count, not 100,000 chips).
 * @param {import('./loop-state.js').LoopState} state
 * @returns {{task: number, name: string, line: number, text: string, label: string, more?: number}[]}
 */
export function markersFor(state) {
  const perLine = new Map(); /* line -> {tasks: the first PER_LINE + 1, n} */
  const sts = state.st, lines = state.line, spawnLines = state.strings.spawnLine;
  let lastLine = 0, e = null; /* many tasks stand on one line: one lookup for a run of them */
  for (let t = 1; t <= state.maxTask; t++) {
    const st = sts[t];
    if (!st || st === 4) continue;
    const line = lines[t] || spawnLines[t] || 0;
    if (!line) continue;
    if (line !== lastLine) {
      e = perLine.get(line);
      if (!e) perLine.set(line, (e = { tasks: [], n: 0 }));
      lastLine = line;
    }
    if (e.tasks.length <= PER_LINE) e.tasks.push(t);
    e.n++;
  }
  const out = [];
  for (const [, e] of [...perLine].sort((x, y) => x[0] - y[0])) {
    const whole = e.n <= PER_LINE + 1;
    for (const t of whole ? e.tasks : e.tasks.slice(0, PER_LINE)) {
      const info = state.taskInfo(t);
      let line = info.line, where = '';
      if (!line) { line = info.spawnLine; where = ' (spawned here)'; }
      let what;
      if (info.state === 'running') what = info.line ? 'running (resumed here)' : 'running';
      else if (info.state === 'waiting') what = WAIT_STATE[info.reason] || 'waiting';
      else what = info.line && info.reason === 'yield' ? 'ready (yielded)' : 'ready';
      out.push({ task: t, name: info.name, line, text: `${info.name} · ${what}${where}`, label: `${info.name}, ${what}${where}, line ${line}` });
    }
    if (!whole) {
      const rest = e.n - PER_LINE, m = state.taskInfo(e.tasks[PER_LINE]), line = m.line || m.spawnLine;
      out.push({ task: m.id, name: m.name, line, text: `+${rest} more`, label: `${rest} more tasks on line ${line}`, more: rest });
    }
  }
  return out;
}

class MarkerWidget extends WidgetType {
  constructor(marker, onSelect) {
    super();
    this.marker = marker;
    this.onSelect = onSelect;
  }

  eq(other) { return other.marker.text === this.marker.text && other.marker.task === this.marker.task; }

  toDOM() {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'cm-task-marker';
    b.dataset.task = String(this.marker.task);
    b.style.setProperty('--task-hue', taskHue(this.marker.task).toFixed(0));
    b.textContent = this.marker.text;
    b.setAttribute('aria-label', this.marker.label);
    b.addEventListener('mousedown', (e) => e.preventDefault()); /* keep the editor's selection */
    b.addEventListener('click', () => this.onSelect(this.marker.task));
    return b;
  }

  ignoreEvent() { return true; }
}

function build(doc, markers, onSelect) {
  const ranges = [];
  let lastLine = 0;
  for (const m of markers) {
    if (!(m.line >= 1 && m.line <= doc.lines)) continue;
    const line = doc.line(m.line);
    if (m.line !== lastLine) {
      ranges.push(Decoration.line({ class: 'cm-task-line', attributes: { style: `--task-hue: ${taskHue(m.task).toFixed(0)}` } }).range(line.from));
      lastLine = m.line;
    }
    ranges.push(Decoration.widget({ widget: new MarkerWidget(m, onSelect), side: 1 }).range(line.to));
  }
  return Decoration.set(ranges, true);
}

/**
 * The extension.
 * @param {{onSelect?: (task: number) => void}} [opts]
 */
export function taskMarkers({ onSelect = () => {} } = {}) {
  const field = StateField.define({
    create: () => Decoration.none,
    update(deco, tr) {
      for (const e of tr.effects) if (e.is(setTaskMarkers)) return build(tr.state.doc, e.value, onSelect);
      return tr.docChanged ? deco.map(tr.changes) : deco;
    },
    provide: (f) => EditorView.decorations.from(f),
  });
  return [field, EditorView.baseTheme(MARKER_THEME)];
}

/**
 * The markers an editor shows now, for tests: [{task, line, text}].
 * @param {import('@codemirror/state').EditorState} state
 * @param {ReturnType<typeof taskMarkers>} ext  the extension it was given
 */
export function shownMarkers(state, ext) {
  const out = [];
  const deco = state.field(ext[0], false);
  if (!deco) return out;
  deco.between(0, state.doc.length, (from, to, d) => {
    const w = d.spec.widget;
    if (w) out.push({ task: w.marker.task, line: state.doc.lineAt(from).number, text: w.marker.text });
  });
  return out;
}
