/**
 * main.js - the playground page: wires the editor, the example picker,
 * Run/Stop, the output pane, the timeline, input and export. The page's
 * state lives here and changes only through the functions below.
 */
import { createEditor } from './editor.js';
import { Runner, loadModule } from './runner.js';
import { mountOutput } from './output-view.js';
import { mountTimeline } from './timeline-view.js';
import { createTimeline, applyEvent } from './timeline-model.js';
import { toChromeTrace } from './trace.js';

const $ = (sel) => document.querySelector(sel);

const state = {
  examples: [],     // from examples/index.json: {name, title, seed, source}
  example: null,    // the chosen one
  timeline: createTimeline(),
  events: [],       // this run's stream, for export
  running: false,
  clock: 'real',
  startedAt: 0,     // performance.now() at Run
  lastEvent: { time: 0, at: 0 },
};

const status = $('#status');
const runButton = $('#run');
const stopButton = $('#stop');
const exportButton = $('#export');
const inputBox = $('#input');
const inputSend = $('#input-form button');

const nameOf = (task) => state.timeline.byId.get(task)?.name || `task ${task}`;
const output = mountOutput($('#output'), { nameOf, onTruncated: () => stop('the output limit was reached') });
const timeline = mountTimeline($('#timeline'), { now: currentTime });
const runner = new Runner({ workerUrl: new URL('worker.js', import.meta.url), onEvents });
const editor = createEditor($('#editor'), { onRun: run });

/** Run time in seconds: the latest event, moving on in real time while a real-clock run is live. */
function currentTime() {
  const { time, at } = state.lastEvent;
  if (!state.running || state.clock === 'virtual') return Math.max(state.timeline.now, time);
  return Math.max(state.timeline.now, time + (performance.now() - at) / 1000);
}

function setStatus(text) {
  status.textContent = text;
}

function setRunning(on) {
  state.running = on;
  stopButton.disabled = !on;
  exportButton.disabled = on || state.events.length === 0;
  timeline.setLive(on);
  updateInput();
}

function updateInput() {
  const waiting = state.running && state.timeline.waitingForInput > 0;
  inputBox.disabled = !waiting;
  inputSend.disabled = !waiting;
  inputBox.placeholder = waiting ? 'The program is waiting for a line: type it and press Enter' : 'The program is not reading input';
}

function onEvents(events) {
  const tl = state.timeline;
  for (const ev of events) {
    state.events.push(ev);
    applyEvent(tl, ev);
    state.lastEvent = { time: ev.time, at: performance.now() };
    if (ev.kind === 'output') output.output(ev);
    else if (ev.kind === 'blocked') {
      output.notice('warning', `task '${nameOf(ev.task)}' blocked the event loop for ${Math.round(ev.ms)} ms without suspending (asyncio's debug mode says: Executing <Task ${nameOf(ev.task)}> took ${(ev.ms / 1000).toFixed(3)} seconds)`, ev.time);
    } else if (ev.kind === 'error') {
      output.notice('error', `runtime error${ev.task ? ` in task '${nameOf(ev.task)}'` : ''}: ${ev.message}`, ev.time);
    } else if (ev.kind === 'exit') {
      output.end();
      setRunning(false);
      const took = state.clock === 'virtual' ? `${ev.time.toFixed(2)} s of virtual time` : `${((performance.now() - state.startedAt) / 1000).toFixed(2)} s`;
      setStatus(ev.status === 0 ? `Finished in ${took}` : `Ended with status ${ev.status} after ${took}`);
    }
  }
  timeline.update();
  updateInput();
}

async function moduleForCurrentCode() {
  const ex = state.example;
  if (ex && editor.getCode() === ex.source) return loadModule(`examples/${ex.name}.wasm`);
  throw new Error('Edited code needs the compile service, which this server does not offer. Pick an example (or undo your edits) to run it.');
}

let runSeq = 0;

/** Run what is in the editor; a running program is restarted. */
async function run() {
  const seq = ++runSeq;
  if (runner.running) runner.stop();
  state.timeline = createTimeline();
  state.events = [];
  state.lastEvent = { time: 0, at: performance.now() };
  state.clock = $('#virtual').checked ? 'virtual' : 'real';
  output.reset();
  timeline.reset(state.timeline);
  setStatus('Loading…');
  let module;
  try {
    module = await moduleForCurrentCode();
  } catch (e) {
    if (seq !== runSeq) return;
    output.notice('error', e.message);
    setStatus('Not run');
    return;
  }
  if (seq !== runSeq) return; // a newer Run took over while this one loaded
  state.startedAt = performance.now();
  state.lastEvent = { time: 0, at: state.startedAt };
  runner.start(module, { clock: state.clock });
  setRunning(true);
  setStatus(`Running${state.clock === 'virtual' ? ' (virtual clock)' : ''}…`);
}

/** Stop the running program at once. */
function stop(why = 'you pressed Stop') {
  if (!runner.stop()) return;
  output.end();
  output.notice('info', `Stopped at ${currentTime().toFixed(2)} s: ${why}.`, currentTime());
  applyEvent(state.timeline, { kind: 'exit', task: 0, time: currentTime(), status: 130 });
  timeline.update();
  setRunning(false);
  setStatus('Stopped');
}

function pickExample(name, { updateUrl = true } = {}) {
  const ex = state.examples.find((e) => e.name === name) || state.examples[0];
  if (!ex) return;
  if (runner.running) stop('another example was picked');
  state.example = ex;
  $('#example').value = ex.name;
  editor.setCode(ex.source);
  document.title = `${ex.name}.c · Async C Playground`;
  if (updateUrl) history.replaceState(null, '', `?example=${encodeURIComponent(ex.name)}`);
  loadModule(`examples/${ex.name}.wasm`).catch(() => {}); // warm the cache: the first Run compiles nothing
}

function exportTrace() {
  const blob = new Blob([JSON.stringify(toChromeTrace(state.events))], { type: 'application/json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${state.example ? state.example.name : 'program'}.trace.json`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

runButton.addEventListener('click', run);
stopButton.addEventListener('click', () => stop());
exportButton.addEventListener('click', exportTrace);
$('#example').addEventListener('change', (e) => pickExample(e.target.value));
$('#input-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const line = inputBox.value;
  inputBox.value = '';
  output.notice('info', `> ${line}`, currentTime());
  runner.input(line);
});
document.addEventListener('keydown', (e) => {
  if (e.defaultPrevented) return; // the editor ran it already
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
});

(async function init() {
  const res = await fetch('examples/index.json');
  state.examples = await res.json();
  const select = $('#example');
  for (const [label, seed] of [['From the tutorials', true], ['More examples', false]]) {
    const group = document.createElement('optgroup');
    group.label = label;
    for (const ex of state.examples.filter((e) => e.seed === seed)) group.append(new Option(`${ex.name}.c — ${ex.title}`, ex.name));
    select.append(group);
  }
  const wanted = new URLSearchParams(location.search).get('example');
  pickExample(wanted || state.examples[0].name, { updateUrl: false });
  runButton.disabled = false;
  setStatus('Ready: press Run (or Ctrl-Enter)');
}()).catch((e) => setStatus(`Could not load the examples: ${e.message}`));
