/**
 * colors.js - one colour per task, the same in the output and the timeline:
 * OKLCH hues a golden angle apart, so neighbours always differ, at one
 * lightness per scheme, so every task's text keeps 4.5:1 contrast. Hues
 * from magenta-red to orange (340-50 degrees) are left out: red means an
 * error or a blocked loop. panes.css spells the same formula for the output
 * pane (oklch(L C var(--hue))); task 0, the program outside any task, is
 * the page's text colour.
 */

/** @param {number} task @returns {number} OKLCH hue in degrees, 50 to 340 */
export function taskHue(task) {
  return 50 + (((task * 137.508) % 360) * 290) / 360; // the golden-angle circle, squeezed past red
}

/** @param {number} task @param {boolean} dark @returns {string} a CSS colour (canvas fillStyle) */
export function taskColor(task, dark) {
  return task === 0 ? (dark ? '#aaa' : '#555') : `oklch(${dark ? 0.8 : 0.5} 0.13 ${taskHue(task).toFixed(0)})`;
}

/** Errors and a blocked loop, and nothing else. */
export const ERROR_RED = '#e0262b';
