/**
 * main.js - the playground page: the example picker, the editor with its
 * edits (kept per example, shareable), and the buttons, wired to a run
 * (run.js) whose stream the session (session.js) shows.
 */
import { createEditor } from './editor.js';
import { createRun } from './run.js';
import { loadModule } from './load.js';
import { createSession } from './session.js';
import { prepareCompiler } from './compiler.js';
import { loadEdit, saveEdit } from './storage.js';
import { encodeCode, decodeCode } from './share.js';

const $ = (sel) => document.querySelector(sel);

const state = {
  examples: [], // from examples/index.json: {name, title, seed, source}
  example: null,
};

const status = $('#status');
const runButton = $('#run');
const stopButton = $('#stop');
const exportButton = $('#export');
const resetButton = $('#reset');
const editedBadge = $('#edited');
const inputBox = $('#input');
const inputSend = $('#input-form button');

const setStatus = (text) => { status.textContent = text; };
const editor = createEditor($('#editor'), { onRun: run, onChange: edited });
const program = createRun();
const session = createSession({
  run: program,
  output: $('#output'),
  timeline: $('#timeline'),
  onStatus: setStatus,
  onChange: updateControls,
  showDiagnostics: editor.showDiagnostics,
  onProgress: showDownload,
  noService: (why) => `Your edits can't be compiled here: ${why}. They are kept in this browser; Reset runs the original example, and every shipped example still runs.`,
});

function updateControls() {
  stopButton.disabled = !session.running;
  exportButton.disabled = session.running || !session.hasRun;
  const waiting = session.waitingForInput;
  inputBox.disabled = !waiting;
  inputSend.disabled = !waiting;
  inputBox.placeholder = waiting ? 'The program is waiting for a line: type it and press Enter' : 'The program is not reading input';
}

/** The editor changed: remember the edit, mark the example as modified. */
function edited(code) {
  const ex = state.example;
  if (!ex) return;
  saveEdit(ex.name, code === ex.source ? null : code);
  showModified();
  if (code !== ex.source) prepareCompiler();
  editor.showDiagnostics([]);
}

function showModified() {
  const modified = !!state.example && editor.getCode() !== state.example.source;
  editedBadge.hidden = !modified;
  resetButton.disabled = !modified;
}

/** The compiler's first download, as a bar beside the status (null hides it). */
function showDownload(fraction) {
  const bar = $('#download');
  bar.hidden = fraction === null;
  if (fraction !== null) bar.value = fraction;
}

/** Run what is in the editor (the shipped build when it is the example's own code); a running program is restarted. */
function run() {
  const ex = state.example;
  const code = editor.getCode();
  program.start({ ...(ex && code === ex.source ? { example: ex.name } : { code }), clock: $('#virtual').checked ? 'virtual' : 'real' }, session.begin());
}

function pickExample(name, { updateUrl = true, code = null } = {}) {
  const ex = state.examples.find((e) => e.name === name) || state.examples[0];
  if (!ex) return;
  program.stop('another example was picked');
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
  const blob = new Blob([JSON.stringify(session.trace())], { type: 'application/json' });
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
stopButton.addEventListener('click', () => program.stop('you pressed Stop'));
exportButton.addEventListener('click', exportTrace);
resetButton.addEventListener('click', reset);
$('#share').addEventListener('click', share);
$('#example').addEventListener('change', (e) => pickExample(e.target.value));
$('#input-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const line = inputBox.value;
  inputBox.value = '';
  program.input(line);
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
  /* A browser that kept the compiler from an earlier visit warms it now, in idle time, so the first Run of an edit is as quick as the next. */
  if (window.requestIdleCallback) requestIdleCallback(() => prepareCompiler(), { timeout: 3000 });
  else setTimeout(() => prepareCompiler(), 1000);
}()).catch((e) => setStatus(`Could not load the examples: ${e.message}`));
