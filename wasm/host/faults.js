/**
 * faults.js - what a fault means, in a learner's words: the one place the
 * JavaScript side words a trap, an overflowed stack or an abort. host.js
 * (Node and the page's worker) words the error event with it; the page reads
 * the place back (faultPlace) to mark the line in the editor.
 *
 * The runtime's own fault messages (stack guards, abort, the NULL page, out
 * of memory) are worded in C from wasm/core/faults.h's ASYNC_FAULT_MAP; they
 * reach the host through async.fatal already worded, and only get the place
 * inserted here. The same table (FAULTS, generated) words the stack overflow
 * the host finds after a trap.
 *
 * A message is "<who>: <what>[ in <func>(), line <n>][: <hint>][ (<engine's words>)]",
 * e.g. "task 'divider': division by zero in divide(), line 12 (divide by zero)".
 */

import { FAULTS } from '../../build/gen/vocab.js';

/* The engine's trap messages (V8's and SpiderMonkey's wording), and what they mean in C. */
export const TRAPS = [
  [/memory access out of bounds|index out of bounds/, 'invalid memory access: a null or wild pointer, an index out of range, or an overflowed stack'],
  [/divide by zero|remainder by zero|division by zero/, 'division by zero'],
  [/integer overflow/, 'integer overflow in a division (INT_MIN / -1)'],
  [/unreachable/, 'the program aborted: abort(), a failed assert(), or undefined behaviour'],
  [/Maximum call stack size exceeded|call stack exhausted|too much recursion/, 'the call stack overflowed: a recursion that never ends?'],
  [/null function|signature mismatch|table index is out of bounds|indirect call/, 'a call through a bad function pointer'],
  [/float unrepresentable|invalid conversion/, 'a float that does not fit the integer type it is converted to'],
];

const HINTS = Object.values(FAULTS).map((f) => f.hint).filter(Boolean);

/** " in divide(), line 12", or '' when the place is not known. */
function where(site) {
  if (!site || !site.func) return '';
  return ` in ${site.func}()${site.line ? `, line ${site.line}` : ''}`;
}

/**
 * Word a fault.
 * @param {object} f
 * @param {string} f.raw          the engine's message (or the runtime's own, when fatal)
 * @param {boolean} [f.fatal]     raw is the runtime's own message (async.fatal): kept, the place inserted
 * @param {string} [f.task]       "task 'divider'", or '' when no task ran
 * @param {number} [f.overflowed] the task's stack size when its guard words were found broken
 * @param {{func: string, line: number}|null} [f.site]  source-lines.js's sourceSite
 * @returns {string}
 */
export function explainFault({ raw, fatal = false, task = '', overflowed = 0, site = null }) {
  const at = where(site);
  if (fatal) {
    /* "... (N bytes): is there ...?" -> the place goes before the hint */
    const hint = HINTS.find((h) => raw.endsWith(`: ${h}`));
    return hint ? `${raw.slice(0, -hint.length - 2)}${at}: ${hint}` : `${raw}${at}`;
  }
  if (overflowed) {
    const f = FAULTS.STACK_OVERFLOW;
    return `${task || 'a task'}${f.sep}${f.text.replace('%zu', overflowed)}${at}: ${f.hint}`;
  }
  const who = task ? `${task}: ` : '';
  for (const [pattern, words] of TRAPS) if (pattern.test(raw)) return `${who}${words}${at} (${raw})`;
  return `${who}${raw}${at}`;
}

/**
 * The line a worded fault names, for the page to mark (0: none).
 * @param {string} message  an explainFault message
 * @returns {{func: string, line: number}|null}
 */
export function faultPlace(message) {
  const m = / in ([A-Za-z_]\w*)\(\), line (\d+)/.exec(message || '');
  return m ? { func: m[1], line: Number(m[2]) } : null;
}
