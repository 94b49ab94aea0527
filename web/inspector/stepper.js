/**
 * stepper.js - the cursor through a recorded run, and its controls: Back,
 * Step, Next turn, End, and a slider over the events (arrow keys move it by
 * one event, Page keys by a turn, Home/End to the ends). A view that builds
 * its own DOM; whoever owns the run tells it the length grew (`refresh`),
 * and it calls `onMove(count)` whenever the cursor moves.
 */

function button(text, label, key) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.setAttribute('aria-label', label);
  b.title = `${label} (${key})`;
  b.setAttribute('aria-keyshortcuts', key);
  return b;
}

/** The shortcuts, for a help overlay: [keys, what]. */
export const STEP_SHORTCUTS = [
  ['.', 'Step: the next event'],
  [',', 'Step back: the previous event'],
  ['Shift+.', 'Next turn of the loop'],
  ['Home / End', 'The start / the end of the run (on the slider)'],
  ['← →', 'One event back / on (on the slider)'],
  ['PageUp / PageDown', 'One turn back / on (on the slider)'],
];

export class Stepper {
  /**
   * @param {object} opts
   * @param {import('./loop-state.js').LoopHistory} opts.history
   * @param {(count: number) => void} opts.onMove  the cursor is now after `count` events
   */
  constructor({ history, onMove }) {
    this.history = history;
    this.onMove = onMove;
    this.cursor = 0;
    this.dom = document.createElement('div');
    this.dom.className = 'lp-stepper';
    this.dom.setAttribute('role', 'toolbar');
    this.dom.setAttribute('aria-label', 'Step through the run');
    this.backButton = button('◀ Back', 'Step back', ',');
    this.stepButton = button('Step ▶', 'Step', '.');
    this.turnButton = button('Next turn »', 'Next turn', 'Shift+.');
    this.endButton = button('Continue', 'Continue', 'End');
    this.slider = document.createElement('input');
    this.slider.type = 'range';
    this.slider.min = '0';
    this.slider.step = '1';
    this.slider.className = 'lp-slider';
    this.slider.setAttribute('aria-label', 'Event');
    this.dom.append(this.backButton, this.stepButton, this.turnButton, this.endButton, this.slider);
    this.backButton.addEventListener('click', () => this.moveTo(this.cursor - 1));
    this.stepButton.addEventListener('click', () => this.moveTo(this.cursor + 1));
    this.turnButton.addEventListener('click', () => this.nextTurn());
    this.endButton.addEventListener('click', () => this.moveTo(this.history.length)); /* to the end of what was recorded */
    this.slider.addEventListener('input', () => this.moveTo(Number(this.slider.value)));
    this.slider.addEventListener('keydown', (e) => {
      if (e.key === 'PageDown') { this.nextTurn(); e.preventDefault(); }
      if (e.key === 'PageUp') { this.previousTurn(); e.preventDefault(); }
    });
    this.refresh();
  }

  /** The history grew (or was replaced): update the controls. */
  refresh() {
    const n = this.history.length; /* recorded; folded only as far as the cursor goes */
    this.slider.max = String(n);
    this.slider.value = String(this.cursor);
    this.slider.setAttribute('aria-valuetext', `event ${this.cursor} of ${n}`);
    this.backButton.disabled = this.cursor <= 0;
    this.stepButton.disabled = this.cursor >= n;
    this.turnButton.disabled = this.cursor >= n;
    this.endButton.disabled = this.cursor >= n;
  }

  /** Move the cursor to after `count` events (clamped). */
  moveTo(count) {
    const n = this.history.length;
    const k = Math.max(0, Math.min(n, Math.round(count)));
    const moved = k !== this.cursor;
    this.cursor = k;
    this.refresh();
    if (moved) this.onMove(k);
  }

  /** On to the first event of the next turn (or the end). */
  nextTurn() {
    const n = this.history.length;
    const turn = this.history.stateAt(this.cursor).turn;
    let k = this.cursor + 1;
    while (k < n && this.history.stateAt(k).turn === turn) k++;
    this.moveTo(k);
  }

  /** Back to the first event of this turn, or of the previous one if there already. */
  previousTurn() {
    let turn = this.history.stateAt(this.cursor).turn;
    let k = this.cursor;
    if (k > 0 && this.history.stateAt(k - 1).turn !== turn) turn = this.history.stateAt(--k).turn;
    while (k > 0 && this.history.stateAt(k - 1).turn === turn) k--;
    this.moveTo(k);
  }

  /**
   * The page's shortcuts (. , >), for a keydown listener on the document;
   * returns true if it handled the key.
   * @param {KeyboardEvent} e
   */
  handleKey(e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return false;
    const t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) && t !== this.slider) return false;
    if (e.key === '.') this.moveTo(this.cursor + 1);
    else if (e.key === ',') this.moveTo(this.cursor - 1);
    else if (e.key === '>') this.nextTurn();
    else return false;
    e.preventDefault();
    return true;
  }
}
