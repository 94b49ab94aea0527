/**
 * session.js - one place that runs programs and shows them: a Runner (one
 * Worker per run) feeding the event stream to the output pane and the
 * timeline. The playground page and every embedded demo use it; their own
 * code only decides what to run.
 */
import { Runner } from './runner.js';
import { mountOutput } from './output-view.js';
import { mountTimeline } from './timeline-view.js';
import { createTimeline, applyEvent } from './timeline-model.js';
import { toChromeTrace } from './trace.js';

/**
 * @param {object} opts
 * @param {HTMLElement} opts.output    the role="log" element
 * @param {HTMLElement} opts.timeline  the timeline region (scroller, canvas, tooltip, ul.lanes)
 * @param {URL|string} opts.workerUrl  worker.js
 * @param {(text: string) => void} opts.onStatus
 * @param {() => void} [opts.onChange]  running, or waiting for input, changed
 */
export function createSession({ output: outputEl, timeline: timelineEl, workerUrl, onStatus, onChange = () => {} }) {
  const s = {
    timeline: createTimeline(),
    events: [],
    running: false,
    clock: 'real',
    startedAt: 0,
    lastEvent: { time: 0, at: 0 },
  };
  const nameOf = (task) => s.timeline.byId.get(task)?.name || `task ${task}`;
  const output = mountOutput(outputEl, { nameOf, onTruncated: () => stop('the output limit was reached') });
  const timeline = mountTimeline(timelineEl, { now });
  const runner = new Runner({ workerUrl, onEvents });

  /* A program that never suspends sends nothing: after STALL_MS of silence
   * the page says so and offers to stop it or let it run. */
  const STALL_MS = 5000;
  const stall = document.createElement('div');
  stall.className = 'stall';
  stall.setAttribute('role', 'alert');
  stall.hidden = true;
  const stallText = document.createElement('span');
  const stopIt = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Stop it' });
  const letItRun = Object.assign(document.createElement('button'), { type: 'button', textContent: 'Let it run' });
  stall.append(stallText, stopIt, letItRun);
  outputEl.before(stall);
  let lastSign = 0;
  let watchdog = 0;
  stopIt.addEventListener('click', () => stop('it did not suspend'));
  letItRun.addEventListener('click', () => { stall.hidden = true; lastSign = performance.now(); });

  function watch() {
    if (!s.running || !stall.hidden || performance.now() - lastSign < STALL_MS) return;
    const busy = [...s.timeline.lanes].reverse().find((l) => l.current && l.current.state === 'running');
    const secs = Math.round((performance.now() - lastSign) / 1000);
    stallText.textContent = busy && busy.cancelAt !== null
      ? `Task '${busy.name}' was cancelled but has run for ${secs} s without suspending: it blocks the loop, and a cancelled task stops only at its next wait (async_sleep, async_yield, async_await…). `
      : `${busy ? `Task '${busy.name}'` : 'The program'} has run for ${secs} s without suspending: the page is fine, but the program may be stuck in a loop. `;
    stall.hidden = false;
  }

  /** Run time in seconds: the latest event, moving on in real time while a real-clock run is live. */
  function now() {
    const { time, at } = s.lastEvent;
    if (!s.running || s.clock === 'virtual') return Math.max(s.timeline.now, time);
    return Math.max(s.timeline.now, time + (performance.now() - at) / 1000);
  }

  function setRunning(on) {
    s.running = on;
    clearInterval(watchdog);
    stall.hidden = true;
    if (on) {
      lastSign = performance.now();
      watchdog = setInterval(watch, 250);
    }
    timeline.setLive(on);
    onChange();
  }

  function onEvents(events) {
    const tl = s.timeline;
    lastSign = performance.now();
    stall.hidden = true;
    for (const ev of events) {
      s.events.push(ev);
      applyEvent(tl, ev);
      s.lastEvent = { time: ev.time, at: performance.now() };
      if (ev.kind === 'output') output.output(ev);
      else if (ev.kind === 'blocked') {
        output.notice('warning', `task '${nameOf(ev.task)}' blocked the event loop for ${Math.round(ev.ms)} ms without suspending (asyncio's debug mode says: Executing <Task ${nameOf(ev.task)}> took ${(ev.ms / 1000).toFixed(3)} seconds)`, ev.time);
      } else if (ev.kind === 'error') {
        output.notice('error', `runtime error: ${ev.message}`, ev.time);
      } else if (ev.kind === 'exit') {
        output.end();
        const took = s.clock === 'virtual' ? `${ev.time.toFixed(2)} s of virtual time` : `${((performance.now() - s.startedAt) / 1000).toFixed(2)} s`;
        onStatus(ev.status === 0 ? `Finished in ${took}` : tl.error ? `Crashed after ${took}: see the output`
          : `Ended with status ${ev.status} after ${took}`);
        setRunning(false);
      }
    }
    timeline.update();
    onChange();
  }

  /** Clear the panes for a new run (before compiling, so messages land in the fresh pane). */
  function reset() {
    runner.stop();
    s.timeline = createTimeline();
    s.events = [];
    s.lastEvent = { time: 0, at: performance.now() };
    output.reset();
    timeline.reset(s.timeline);
    if (s.running) setRunning(false);
  }

  /**
   * Run a compiled program (after reset).
   * @param {WebAssembly.Module} module
   * @param {{clock?: 'real'|'virtual'}} [opts]
   */
  function start(module, { clock = 'real' } = {}) {
    s.clock = clock;
    s.startedAt = performance.now();
    s.lastEvent = { time: 0, at: s.startedAt };
    runner.start(module, { clock });
    setRunning(true);
    onStatus(`Running${clock === 'virtual' ? ' (virtual clock)' : ''}…`);
  }

  /** Stop the running program at once; says why in the output. */
  function stop(why = 'you pressed Stop') {
    if (!runner.stop()) return false;
    const t = now();
    output.end();
    output.notice('info', `Stopped at ${t.toFixed(2)} s: ${why}.`, t);
    applyEvent(s.timeline, { kind: 'exit', task: 0, time: t, status: 130 });
    timeline.update();
    setRunning(false);
    onStatus('Stopped');
    return true;
  }

  return {
    reset,
    start,
    stop,
    /** Send a line to the program's async_read_line. */
    input(line) {
      output.notice('info', `> ${line}`, now());
      runner.input(line);
    },
    /** A line from the page in the output pane. */
    notice: (kind, text) => output.notice(kind, text),
    get running() { return s.running; },
    get waitingForInput() { return s.running && s.timeline.waitingForInput > 0; },
    get hasRun() { return s.events.length > 0; },
    /** The run as Chrome Trace Event JSON. */
    trace: () => toChromeTrace(s.events),
  };
}
