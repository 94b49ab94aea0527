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
import { compileSource, NoCompileService } from './compiler.js';
import { loadEdit, saveEdit } from './storage.js';
import { encodeCode, decodeCode } from './share.js';

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
const resetButton = $('#reset');
const editedBadge = $('#edited');
const inputBox = $('#input');
const inputSend = $('#input-form button');

const nameOf = (task) => state.timeline.byId.get(task)?.name || `task ${task}`;
const output = mountOutput($('#output'), { nameOf, onTruncated: () => stop('the output limit was reached') });
const timeline = mountTimeline($('#timeline'), { now: currentTime });
const runner = new Runner({ workerUrl: new URL('worker.js', import.meta.url), onEvents });
const editor = createEditor($('#editor'), { onRun: run, onChange: edited });

/** The editor changed: remember the edit, mark the example as modified. */
function edited(code) {
  const ex = state.example;
  if (!ex) return;
  saveEdit(ex.name, code === ex.source ? null : code);
  showModified();
  editor.showDiagnostics([]);
}

function showModified() {
  const modified = !!state.example && editor.getCode() !== state.example.source;
  editedBadge.hidden = !modified;
  resetButton.disabled = !modified;
}

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

/** The program for what is in the editor: the shipped build, or a compile. Null when it does not compile. */
async function moduleForCurrentCode(seq) {
  const ex = state.example;
  const code = editor.getCode();
  if (ex && code === ex.source) return loadModule(`examples/${ex.name}.wasm`);
  const t0 = performance.now();
  const tick = setInterval(() => { if (seq === runSeq) setStatus(`Compiling… ${((performance.now() - t0) / 1000).toFixed(1)} s`); }, 100);
  setStatus('Compiling…');
  try {
    const r = await compileSource(code);
    if (seq !== runSeq) return null;
    editor.showDiagnostics(r.diagnostics);
    for (const d of r.diagnostics) {
      output.notice(d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'info', `${d.line ? `line ${d.line}:${d.column}: ` : ''}${d.message}`);
    }
    if (!r.ok) {
      if (!r.diagnostics.length) output.notice('error', `could not compile: ${r.error}`);
      setStatus(`Does not compile: ${r.diagnostics.filter((d) => d.severity === 'error').length || 1} error(s)`);
      return null;
    }
    setStatus(`Compiled in ${((performance.now() - t0) / 1000).toFixed(2)} s${r.cached ? ' (cached)' : ''}`);
    return r.module;
  } catch (e) {
    if (!(e instanceof NoCompileService)) throw e;
    output.notice('error', `Your edits can't be compiled here: ${e.message}. They are kept in this browser; Reset runs the original example, and every shipped example still runs.`);
    setStatus('No compile service');
    return null;
  } finally {
    clearInterval(tick);
  }
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
    module = await moduleForCurrentCode(seq);
  } catch (e) {
    if (seq !== runSeq) return;
    output.notice('error', e.message);
    setStatus('Not run');
    return;
  }
  if (seq !== runSeq || !module) return; // a newer Run took over, or there is nothing to run
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

function pickExample(name, { updateUrl = true, code = null } = {}) {
  const ex = state.examples.find((e) => e.name === name) || state.examples[0];
  if (!ex) return;
  if (runner.running) stop('another example was picked');
  state.example = ex;
  $('#example').value = ex.name;
  editor.setCode(code ?? loadEdit(ex.name) ?? ex.source);
  editor.showDiagnostics([]);
  if (code !== null) saveEdit(ex.name, code === ex.source ? null : code);
  showModified();
  document.title = `${ex.name}.c · Async C Playground`;
  if (updateUrl) history.replaceState(null, '', `?example=${encodeURIComponent(ex.name)}`); // drops a shared #code
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

function reset() {
  const ex = state.example;
  if (!ex) return;
  saveEdit(ex.name, null);
  editor.setCode(ex.source);
  editor.showDiagnostics([]);
  showModified();
}

async function share() {
  const url = new URL(location.href);
  url.search = `?example=${encodeURIComponent(state.example.name)}`;
  url.hash = await encodeCode(editor.getCode());
  history.replaceState(null, '', url);
  try {
    await navigator.clipboard.writeText(url.href);
    setStatus('Link copied: it reproduces this code exactly');
  } catch {
    setStatus('The address bar now holds a link to this code');
  }
}

runButton.addEventListener('click', run);
resetButton.addEventListener('click', reset);
$('#share').addEventListener('click', share);
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
  const shared = await decodeCode(location.hash);
  pickExample(wanted || state.examples[0].name, { updateUrl: false, code: shared });
  runButton.disabled = false;
  setStatus('Ready: press Run (or Ctrl-Enter)');
}()).catch((e) => setStatus(`Could not load the examples: ${e.message}`));
