/**
 * session.js - what a run looks like: takes a run's stream (run.js) and
 * fans it out to the event log, the timeline model and its views, the
 * output pane, the stall banner and the status line. The playground page
 * and every embedded demo use it; it starts and stops nothing itself but
 * through the run.
 */
import { faultPlace } from '../../wasm/host/faults.js';
import { mountOutput } from './output-view.js';
import { mountTimeline } from './timeline-view.js';
import { mountTimelineList } from './timeline-list.js';
import { mountStall } from './stall.js';
import { createTimeline, applyPacked, laneAt } from './timeline-model.js';
import { linkNotices, linkStall } from './notice-links.js';
import { pendingNotice } from '../reference/notices.js';
import { EventLog, KINDS } from '../run/event-log.js';
import { toChromeTrace } from './trace.js';

const MB = (n) => (n / 1e6).toFixed(1);
const PER_FRAME = 200; /* output lines the pane shows a frame (output-view.js) */

/* The stall banner's text: the task that runs (the latest one running) and for how long. */
function describeStall(tl, secs) {
  let busy = null;
  for (let i = tl.lanes.length; i > 0 && !busy; i--) if (laneAt(tl, i).current?.state === 'running') busy = laneAt(tl, i);
  return busy && busy.cancelAt !== null
    ? `Task '${busy.name}' was cancelled but has run for ${secs} s without suspending: it blocks the loop, and a cancelled task stops only at its next wait (async_sleep, async_yield, async_await…). `
    : `${busy ? `Task '${busy.name}'` : 'The program'} has run for ${secs} s without suspending: the page is fine, but the program may be stuck in a loop. `;
}

/**
 * A compile message of the run's stream (run.js), shown: status, progress,
 * diagnostics as editor marks and output lines.
 */
function showCompile(msg, ui, s) {
  const seconds = () => ((performance.now() - s.startedAt) / 1000).toFixed(1);
  if (msg.phase === 'start') {
    s.startedAt = performance.now();
    ui.onStatus('Compiling…');
    s.downloading = false;
    s.ticker = setInterval(() => { if (!s.downloading) ui.onStatus(`Compiling… ${seconds()} s`); }, 100);
  } else if (msg.phase === 'download') {
    const downloading = msg.loaded < msg.total;
    s.downloading = downloading;
    ui.onProgress(downloading ? msg.loaded / msg.total : null);
    ui.onStatus(downloading ? `Downloading the C compiler (once): ${MB(msg.transfer * msg.loaded / msg.total)} of ${MB(msg.transfer)} MB` : `Compiling… ${seconds()} s`);
  } else {
    clearInterval(s.ticker);
    ui.onProgress(null);
    if (msg.phase === 'impossible') {
      ui.output.notice('error', ui.noService(msg.why));
      ui.onStatus('Cannot compile here');
      return;
    }
    ui.showDiagnostics(msg.diagnostics);
    if (msg.fellBack) ui.output.notice('info', `The compile service could not be used (${msg.fellBack}): compiled in this browser instead. The next Run asks the service again.`);
    for (const d of msg.diagnostics) {
      ui.output.notice(d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'info', `${d.line ? `line ${d.line}:${d.column}: ` : ''}${d.message}`);
    }
    if (!msg.ok) {
      if (!msg.diagnostics.length) ui.output.notice('error', `could not compile: ${msg.error}`);
      ui.onStatus(`Does not compile: ${msg.diagnostics.filter((d) => d.severity === 'error').length || 1} error(s)`);
    } else {
      ui.onStatus(`Compiled in ${msg.seconds.toFixed(1)} s${msg.how === 'cached' ? ' (cached)' : msg.how === 'browser' ? ' in this browser' : ''}`);
    }
  }
}

/**
 * @param {object} opts
 * @param {ReturnType<import('../run/run.js').createRun>} opts.run
 * @param {HTMLElement} opts.output    the role="log" element
 * @param {HTMLElement} opts.timeline  the timeline region (empty: its views fill it)
 * @param {(text: string) => void} opts.onStatus
 * @param {() => void} [opts.onChange]  running, or waiting for input, changed
 * @param {(diagnostics: object[]) => void} [opts.showDiagnostics]  marks in the editor
 * @param {(fraction: number|null) => void} [opts.onProgress]  the toolchain's download, 0 to 1; null when done
 * @param {(why: string) => string} opts.noService  what to say when nothing can compile here
 */
export function createSession({ run, output: outputEl, timeline: timelineEl, onStatus, onChange = () => {},
  showDiagnostics = () => {}, onProgress = () => {}, noService }) {
  const s = { tl: createTimeline(), log: new EventLog(), running: false, clock: 'real', startedAt: 0, pausedMs: 0, pausedAt: null, gen: 0, ticker: 0 };
  const nameOf = (task) => s.tl.byId.get(task)?.name || `task ${task}`;
  const stopSoon = (why) => queueMicrotask(() => run.stop(why)); /* not from inside a batch */
  const output = mountOutput(outputEl, { nameOf, onTruncated: () => stopSoon('the output limit was reached') });
  const timeline = mountTimeline(timelineEl, { now: () => run.now() });
  const list = mountTimelineList(timelineEl);
  const ui = { output, onStatus, onProgress, showDiagnostics, noService };
  const stall = mountStall(outputEl, { describe: (secs) => describeStall(s.tl, secs), onStop: () => run.stop('it did not suspend') });
  linkNotices(outputEl);
  linkStall(outputEl.previousElementSibling);

  /* Pause the run (true) or go on (false): the lanes and the stall watch stand still with its clock. */
  function setPaused(on) {
    if (!s.running || on === run.paused) return;
    run.pause(on);
    if (on) s.pausedAt = performance.now();
    else { s.pausedMs += performance.now() - s.pausedAt; s.pausedAt = null; }
    timeline.setLive(!on);
    stall.setLive(!on);
    onStatus(on ? 'Paused' : `Running${s.clock === 'virtual' ? ' (virtual clock)' : ''}…`);
    onChange();
  }

  function setRunning(on) {
    s.running = on;
    stall.setLive(on);
    timeline.setLive(on);
    onChange();
  }

  function ended(ev) {
    output.end();
    clearInterval(s.ticker); /* a compile stopped before it answered */
    onProgress(null);
    let status = null;
    if (ev.status === -1) {
      if (s.tl.error) status = 'Not run';
    } else if (ev.status === 130 && ev.why !== undefined) {
      output.notice('info', s.running ? `Stopped at ${ev.time.toFixed(2)} s: ${ev.why}.`
        : `Stopped before the run: ${ev.why} while the program was being prepared.`, ev.time);
      status = 'Stopped';
    } else {
      const paused = s.pausedMs + (s.pausedAt !== null ? performance.now() - s.pausedAt : 0); /* not the run's time */
      const took = s.clock === 'virtual' ? `${ev.time.toFixed(2)} s of virtual time` : `${((performance.now() - s.startedAt - paused) / 1000).toFixed(2)} s`;
      status = ev.status === 0 ? `Finished in ${took}` : s.tl.error ? `Crashed after ${took}: see the output` : `Ended with status ${ev.status} after ${took}`;
    }
    output.flush(); /* the last lines show no later than the status that says the run is over */
    if (status) onStatus(status);
    setRunning(false);
  }

  function events(batch) {
    const changes = new Set();
    let pending = null; /* main returned: the tasks still alive then, which the loop cancels */
    for (let i = 0; i < batch.count; i++) {
      const si = batch.s[i];
      applyPacked(s.tl, KINDS[batch.kind[i]], batch.task[i], batch.time[i], batch.a[i], batch.b[i], si < 0 ? null : batch.strings[si], changes);
      if (KINDS[batch.kind[i]] === 'done' && batch.task[i] === 1) {
        const text = pendingNotice(s.tl.lanes.filter((l) => !l.final && l.cancelAt === null).map((l) => ({ state: l.current ? l.current.state : 'ready' })));
        if (text) pending = { at: i, text };
      }
    }
    for (let i = 0; i < batch.count; i++) {
      const kind = KINDS[batch.kind[i]];
      if (pending && pending.at === i) output.notice('warning', pending.text, batch.time[i]);
      if (kind !== 'output' && kind !== 'blocked' && kind !== 'error' && kind !== 'exit' && kind !== 'input') continue;
      const task = batch.task[i];
      const time = batch.time[i];
      const text = batch.s[i] < 0 ? undefined : batch.strings[batch.s[i]];
      if (kind === 'output') output.output({ task, time, stream: batch.a[i], text });
      else if (kind === 'blocked') {
        output.notice('warning', `task '${nameOf(task)}' blocked the event loop for ${Math.round(batch.b[i])} ms without suspending (asyncio's debug mode says: Executing <Task ${nameOf(task)}> took ${(batch.b[i] / 1000).toFixed(3)} seconds)`, time);
      } else if (kind === 'error') {
        /* a fault that names its line (wasm/host/faults.js) marks it; "line N: " makes the notice a link (goto-line.js) */
        const place = faultPlace(text);
        if (place) ui.showDiagnostics([{ line: place.line, column: 0, severity: 'error', message: text }]);
        output.notice('error', `${place ? `line ${place.line}: ` : ''}${s.running ? 'runtime error: ' : ''}${text}`, time);
      }
      else if (kind === 'input') output.notice('info', `> ${text}`, time);
      else ended({ status: batch.a[i], time, why: text });
    }
    if (s.log.append(batch)) {
      output.notice('info', `The event log is full (${s.log.max.toLocaleString('en')} events): from ${s.log.droppedFrom.toFixed(2)} s on it keeps only task starts and ends, output and errors, so an exported trace lacks the rest. The timeline and the output go on.`, s.log.droppedFrom);
    }
    timeline.update(changes);
    list.update(changes);
    if (s.running) stall.activity();
    onChange();
    /* Backpressure from the pane: the run waits while lines wait to be shown. */
    return output.backlog > 2 * PER_FRAME ? output.drained() : undefined;
  }

  return {
    /**
     * Clear the panes for a new run and take its stream: pass the result to run.start().
     * @returns {(msg: object) => void}
     */
    begin() {
      const gen = ++s.gen;
      clearInterval(s.ticker);
      s.tl = createTimeline();
      s.log = new EventLog();
      output.reset();
      timeline.show(s.tl);
      list.show(s.tl);
      if (s.running) setRunning(false);
      onStatus('Loading…');
      return (msg) => {
        if (gen !== s.gen) return;
        if (msg.type === 'compile') showCompile(msg, ui, s);
        else if (msg.type === 'start') {
          s.clock = msg.clock;
          s.startedAt = performance.now();
          s.pausedMs = 0;
          s.pausedAt = null;
          onStatus(`Running${msg.clock === 'virtual' ? ' (virtual clock)' : ''}…`);
          setRunning(true);
        } else if (msg.type === 'events') return events(msg.batch);
        return undefined;
      };
    },
    /** Pause the live run (true) or let it go on (false): run.js's pause, with the panes. */
    pause: setPaused,
    /** A line from the page in the output pane. */
    notice: (kind, text) => output.notice(kind, text),
    get running() { return s.running; },
    get waitingForInput() { return s.running && s.tl.waitingForInput > 0; },
    get hasRun() { return s.log.length > 0; },
    /** The timeline's view (timeline-view.js): the inspector puts its cursor there. */
    timeline,
    /** The run's event log (event-log.js). */
    get log() { return s.log; },
    /** The run as Chrome Trace Event JSON. */
    trace: () => toChromeTrace(s.log.events()),
  };
}
