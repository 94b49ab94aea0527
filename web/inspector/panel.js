/**
 * panel.js - the loop panel: the seed's pseudo-code loop with the phase now
 * running highlighted, the ready queue in order, the timers in deadline
 * order, the readers waiting for input, who waits on whom (tasks, queues,
 * events) and a deadlock's cycle. Text, not canvas: a region labelled
 * "Event loop", with a polite live region that says what each step did.
 *
 * It builds its own DOM and is told what changed, as a CodeMirror view is:
 *
 *   const panel = new LoopPanel({ onSelectTask: (id) => ... });
 *   parent.append(panel.dom);
 *   panel.update({ state, event, total });   // after every move of the cursor
 *
 * state is a LoopState (./loop-state.js) after `state.index` events, event
 * the last of those (or null), total the events recorded so far.
 */
import { describeEvent, seconds, taskName, waitText } from './describe.js';
import { taskHue } from '../views/colors.js';
import { PANEL_CSS } from './styles.js';

/* The seed's loop ("Introduction to Async Python"), and the two things it
 * leaves out that every real loop does between rounds: each line says which
 * phase it stands for. */
const LOOP_LINES = [
  ['while True:', null],
  ['    for task in tasks:', 'run'],
  ['        if task.is_ready():', 'run'],
  ['            task.run_until_await()', 'running'],
  ['    wake_tasks_whose_timer_is_due()', 'timers'],
  ['    hand_each_input_line_to_a_reader()', 'input'],
  ['    wait_for_next_timer_or_input()', 'wait'],
];

const MAX_ROWS = 50; /* a list longer than this says how many more */

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

let styled = new WeakSet();
/** Add the panel's styles to a document (or shadow root) once. */
export function addPanelStyles(root = document.head) {
  if (styled.has(root)) return;
  styled.add(root);
  root.append(el('style', { text: PANEL_CSS }));
}

/** The loop panel. */
export class LoopPanel {
  /**
   * @param {object} [opts]
   * @param {(task: number) => void} [opts.onSelectTask]  a task's name was clicked
   * @param {Node} [opts.styleRoot]  where its styles go (default: the document's head)
   */
  constructor({ onSelectTask = () => {}, styleRoot } = {}) {
    addPanelStyles(styleRoot);
    this.onSelectTask = onSelectTask;
    this.dom = el('section', { class: 'loop-panel', role: 'region', 'aria-label': 'Event loop', tabindex: '-1' });
    this.status = el('p', { class: 'lp-status' });
    this.code = el('pre', { class: 'lp-code', 'aria-label': 'The event loop, in pseudo-code' });
    this.codeLines = LOOP_LINES.map(([text, phase]) => {
      const line = el('span', { class: 'lp-line', 'data-phase': phase || '' }, el('span', { class: 'lp-text', text }), el('span', { class: 'lp-note' }));
      this.code.append(line, '\n');
      return line;
    });
    this.deadlockBox = el('p', { class: 'lp-deadlock', hidden: '' });
    const section = (title, cls) => {
      const list = el(cls === 'lp-ready' || cls === 'lp-timers' ? 'ol' : 'ul', { class: `lp-list ${cls}`, 'aria-label': title });
      const empty = el('p', { class: 'lp-empty', text: 'none' });
      const box = el('div', { class: 'lp-section' }, el('h3', { text: title }), list, empty);
      return { box, list, empty };
    };
    this.readyList = section('Ready queue', 'lp-ready');
    this.timerList = section('Timers', 'lp-timers');
    this.inputList = section('Waiting for input', 'lp-input');
    this.waitList = section('Who waits on whom', 'lp-waits');
    this.objectList = section('Queues and events', 'lp-objects');
    this.live = el('div', { class: 'lp-sr', 'aria-live': 'polite', 'aria-atomic': 'true' });
    this.dom.append(el('h2', { class: 'lp-title', text: 'Event loop' }), this.status, this.code, this.deadlockBox,
      el('div', { class: 'lp-grid' }, this.readyList.box, this.timerList.box, this.inputList.box, this.waitList.box, this.objectList.box),
      this.live);
    this.dom.addEventListener('click', (e) => {
      const chip = e.target.closest('[data-task]');
      if (chip) this.onSelectTask(Number(chip.dataset.task));
    });
    this.shown = -1;
  }

  /**
   * Show the state after `state.index` events.
   * @param {{state: import('./loop-state.js').LoopState, event?: object|null, total?: number, announce?: boolean}} u
   */
  update({ state, event = null, total = state.index, announce = true }) {
    const moved = state.index !== this.shown;
    if (!moved && total === this.total) return;
    this.total = total;
    if (!moved) { this.renderStatus(state, total); return; } /* the run went on, the cursor did not: only the count */
    this.shown = state.index;
    this.renderStatus(state, total);
    this.renderLoop(state);
    this.renderLists(state);
    if (announce) this.live.textContent = event ? `${seconds(state.time)}: ${describeEvent(event, state)}` : 'The start of the run: nothing has run yet.';
  }

  chip(state, id, extra = '') {
    const c = el('span', { class: 'lp-task', 'data-task': String(id), style: `--task-hue: ${taskHue(id).toFixed(0)}` },
      el('span', { class: 'lp-swatch', 'aria-hidden': 'true' }), taskName(state, id));
    return extra ? [c, extra] : [c];
  }

  renderStatus(state, total) {
    const run = state.running ? `, ${taskName(state, state.running)} running` : '';
    this.status.textContent = `t = ${seconds(state.time)} · turn ${state.turn} · event ${state.index} of ${total}${run}`;
  }

  renderLoop(state) {
    const phase = ['run', 'timers', 'input', 'wait'][state.phase];
    const started = state.index > 0 && state.turn > 0;
    for (const line of this.codeLines) {
      const p = line.dataset.phase;
      /* running a task: its line; between tasks: the loop over them */
      const now = started && (phase === 'run' ? (state.running ? p === 'running' : p === 'run') : p === phase);
      line.classList.toggle('lp-now', !!now);
      if (now) line.setAttribute('aria-current', 'step'); else line.removeAttribute('aria-current');
      const note = line.querySelector('.lp-note');
      note.textContent = now && p === 'running' ? `   # ${taskName(state, state.running)}` : '';
    }
  }

  fill(section, items, total = items.length) {
    const { list, empty } = section;
    list.replaceChildren();
    for (const item of items.slice(0, MAX_ROWS)) list.append(el('li', {}, ...item));
    if (total > MAX_ROWS) list.append(el('li', { class: 'lp-more', text: `and ${total - MAX_ROWS} more` }));
    empty.hidden = total > 0;
    list.hidden = total === 0;
  }

  renderLists(state) {
    this.fill(this.readyList, state.ready(MAX_ROWS).map((id) => this.chip(state, id)), state.rcount);
    this.fill(this.timerList, state.timerList(MAX_ROWS).map(({ task, deadline }) => this.chip(state, task, ` at ${seconds(deadline)}`)), state.timers);
    this.fill(this.inputList, state.inputWaiters().map((id) => this.chip(state, id)));

    const waits = [];
    for (let t = 1; t <= state.maxTask && waits.length <= MAX_ROWS; t++) {
      if (state.st[t] !== 3) continue;
      const info = state.taskInfo(t);
      if (info.reason === 'sleep' || info.reason === 'input') continue; /* in the timers and input lists */
      waits.push([...this.chip(state, t), ` ${waitText(state, info)}${info.line ? ` (line ${info.line})` : ''}`]);
    }
    this.fill(this.waitList, waits);

    const objects = [];
    const names = (ids) => (ids.length ? ids.map((id) => taskName(state, id)).join(', ') : 'none');
    for (const q of state.queues()) {
      const size = q.size < 0 ? '?' : String(q.size);
      objects.push([`queue ${q.id}: ${size}${q.capacity ? ` of ${q.capacity}` : ''} item${q.size === 1 ? '' : 's'}; getters waiting: ${names(q.getters)}; putters waiting: ${names(q.putters)}`]);
    }
    for (const e of state.events()) objects.push([`event ${e.id}: ${e.set ? 'set' : 'not set'}; waiters: ${names(e.waiters)}`]);
    this.fill(this.objectList, objects);

    const dead = state.deadlock();
    this.deadlockBox.hidden = !dead;
    this.dom.classList.toggle('lp-is-deadlocked', !!dead);
    if (dead) {
      const cycles = dead.cycles.map((c) => [...c, c[0]].map((id) => taskName(state, id)).join(' → '));
      this.deadlockBox.textContent = cycles.length
        ? `Deadlock: ${cycles.join('; ')} wait on each other, and nothing can wake them.`
        : `Deadlock: ${names(dead.waiting)} wait, and nothing can wake them.`;
      const inCycle = new Set(dead.cycles.flat());
      for (const chip of this.waitList.list.querySelectorAll('[data-task]')) chip.classList.toggle('lp-cycle', inCycle.has(Number(chip.dataset.task)));
    }
  }

  destroy() { this.dom.remove(); }
}
