/**
 * output-view.js - the output pane (role="log"): one row per printed line,
 * stamped with ms since start and coloured by task. Lines are appended in
 * batches, at most one batch per animation frame, so a flood never freezes
 * the page; the model (output-model.js) caps what is kept.
 */
import { createOutput, addOutput, addNotice, flushPartial, takePending } from './output-model.js';
import { taskHue } from './colors.js';

const PER_FRAME = 200;

/**
 * @param {HTMLElement} el  the log element
 * @param {{nameOf: (task: number) => string, onTruncated: () => void}} opts
 */
export function mountOutput(el, { nameOf, onTruncated }) {
  let model = createOutput();
  let frame = 0;
  let drained = [];

  function render() {
    frame = 0;
    const lines = takePending(model, PER_FRAME);
    if (!lines.length) return;
    const stick = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
    const frag = document.createDocumentFragment();
    for (const line of lines) {
      const row = document.createElement('div');
      row.className = `line ${line.kind}`;
      if (line.task) {
        row.dataset.task = nameOf(line.task);
        row.style.setProperty('--hue', taskHue(line.task).toFixed(0));
      }
      const time = document.createElement('span');
      time.className = 'time';
      time.textContent = `${Math.round(line.time * 1000)} ms`;
      const who = document.createElement('span');
      who.className = 'who';
      who.textContent = line.task ? nameOf(line.task) : '';
      const text = document.createElement('span');
      text.className = 'text';
      text.textContent = line.text;
      row.append(time, who, text);
      frag.append(row);
    }
    el.append(frag);
    if (stick) el.scrollTop = el.scrollHeight;
    if (model.pending.length) schedule();
    if (model.pending.length < PER_FRAME) for (const done of drained.splice(0)) done();
  }

  function schedule() {
    if (!frame) frame = requestAnimationFrame(render);
  }

  return {
    /** Clear for a new run. */
    reset() {
      for (const done of drained.splice(0)) done();
      model = createOutput();
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
      el.replaceChildren();
    },
    /** An output event from the program. */
    output(ev) {
      if (!addOutput(model, ev)) onTruncated();
      schedule();
    },
    /** A line from the page: kind 'info', 'warning' or 'error'. */
    notice(kind, text, time) {
      addNotice(model, kind, text, time);
      schedule();
    },
    /** Lines waiting to be shown. */
    get backlog() { return model.pending.length; },
    /** @returns {Promise<void>} resolved once the backlog fits in a frame */
    drained() {
      if (model.pending.length < PER_FRAME) return Promise.resolve();
      return new Promise((resolve) => { drained.push(resolve); });
    },
    /** The run ended: show what is left of unfinished lines. */
    end() {
      flushPartial(model);
      schedule();
    },
    /** Render a frame's worth of lines now, not at the next frame: before a status says the run is over. */
    flush() {
      if (frame) cancelAnimationFrame(frame);
      render();
    },
  };
}
