/**
 * output-model.js - program output as lines, each with its task and time,
 * capped so that a flood can never grow without bound. Pure data; the
 * output pane renders `pending` lines in batches per animation frame.
 */

/** Default caps: about 10,000 lines or 1 MiB of text. */
export const MAX_LINES = 10000;
export const MAX_BYTES = 1 << 20;

/**
 * @param {{maxLines?: number, maxBytes?: number}} [caps]
 */
export function createOutput({ maxLines = MAX_LINES, maxBytes = MAX_BYTES } = {}) {
  return { lines: 0, bytes: 0, truncated: false, partial: new Map(), pending: [], maxLines, maxBytes };
}

/**
 * A line for the pane: {kind: 'out'|'err'|'warning'|'error'|'info'|'truncated', task, time, text}.
 * @typedef {object} OutputLine
 */

function push(out, line) {
  if (out.truncated) return false;
  if (out.lines >= out.maxLines || out.bytes + line.text.length > out.maxBytes) {
    out.truncated = true;
    out.pending.push({ kind: 'truncated', task: 0, time: line.time,
      text: `output truncated after ${out.lines} lines (${Math.round(out.bytes / 1024)} KB): the program was stopped` });
    return false;
  }
  out.lines++;
  out.bytes += line.text.length;
  out.pending.push(line);
  return true;
}

/**
 * Add one output event: complete lines become pending; a partial line waits
 * for its newline (or for `flushPartial`).
 * @param {object} out
 * @param {{task: number, time: number, text: string, stream?: number}} ev
 * @returns {boolean} false once the caps are reached (the caller stops the program)
 */
export function addOutput(out, ev) {
  const key = `${ev.task}:${ev.stream || 1}`;
  const kind = ev.stream === 2 ? 'err' : 'out';
  let text = (out.partial.get(key)?.text || '') + ev.text;
  const start = out.partial.get(key)?.time ?? ev.time;
  out.partial.delete(key);
  let nl;
  let first = true;
  while ((nl = text.indexOf('\n')) >= 0) {
    if (!push(out, { kind, task: ev.task, time: first ? start : ev.time, text: text.slice(0, nl) })) return false;
    first = false;
    text = text.slice(nl + 1);
  }
  if (text) {
    if (text.length > out.maxBytes) return push(out, { kind, task: ev.task, time: ev.time, text });
    out.partial.set(key, { text, time: first ? start : ev.time, kind, task: ev.task });
  }
  return !out.truncated;
}

/** Emit every partial line as it is (at the end of a run). */
export function flushPartial(out) {
  for (const p of out.partial.values()) push(out, { kind: p.kind, task: p.task, time: p.time, text: p.text });
  out.partial.clear();
}

/** Add a notice from the page or runtime (warnings, errors, status). */
export function addNotice(out, kind, text, time = 0) {
  out.pending.push({ kind, task: 0, time, text });
}

/**
 * Take up to `max` pending lines (one animation frame's worth).
 * @returns {OutputLine[]}
 */
export function takePending(out, max = 500) {
  return out.pending.splice(0, max);
}
