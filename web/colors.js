/**
 * colors.js - one colour per task, the same in the output and the timeline:
 * hues a golden angle apart, so neighbours always differ.
 */

/** @param {number} task @returns {number} hue in degrees */
export function taskHue(task) {
  return (task * 137.508) % 360;
}

/** @param {number} task @param {boolean} dark */
export function taskColor(task, dark) {
  return task === 0 ? (dark ? '#aaa' : '#555') : `hsl(${taskHue(task).toFixed(0)} 65% ${dark ? 68 : 38}%)`;
}
