/**
 * stall.js - the stall banner: when a live run has sent nothing for
 * STALL_MS (a task that never suspends), the page says so and offers to
 * stop the program or let it run. It builds its own DOM; the session tells
 * it when a run starts and ends and when events arrive.
 */
import { STALL_MS } from '../../build/gen/vocab.js'; /* async.h's ASYNC_STALL_SECONDS */

/**
 * @param {HTMLElement} before  the banner goes just before this element
 * @param {{describe: (secs: number) => string, onStop: () => void}} opts
 *   describe: the banner's text after secs seconds of silence
 */
export function mountStall(before, { describe, onStop }) {
  const banner = document.createElement('div');
  banner.className = 'stall';
  banner.setAttribute('role', 'alert');
  banner.hidden = true;
  const text = document.createElement('span');
  const stopIt = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Stop it' });
  const letItRun = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Let it run' });
  banner.append(text, stopIt, letItRun);
  before.before(banner);
  let lastSign = 0;
  let watchdog = 0;
  stopIt.addEventListener('click', onStop);
  letItRun.addEventListener('click', () => { banner.hidden = true; lastSign = performance.now(); });

  function watch() {
    const silent = performance.now() - lastSign;
    if (!banner.hidden || silent < STALL_MS) return;
    text.textContent = describe(Math.round(silent / 1000));
    banner.hidden = false;
  }

  return {
    /** A run started (true) or ended (false). */
    setLive(on) {
      clearInterval(watchdog);
      banner.hidden = true;
      lastSign = performance.now();
      if (on) watchdog = setInterval(watch, 250);
    },
    /** The program did something: it is not stuck. */
    activity() {
      lastSign = performance.now();
      if (!banner.hidden) banner.hidden = true;
    },
  };
}
