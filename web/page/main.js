/**
 * main.js - the playground page: the program picker, the editor with its
 * edits, and the buttons, wired to a run (run.js) whose stream the session
 * (session.js) shows.
 *
 * Edits are never lost: each example keeps one saved edit, and the user's
 * own programs (New, and every draft opened from a link) have slots of their
 * own (storage.js). A link's code (#code=, from Share or a tutorial's "Open
 * in playground") opens as a draft beside the saved edit, never over it; an
 * edit drops a stale #code from the address bar, so a reload shows the
 * newest edit; a save from another tab is followed, or, if this tab has
 * edits too, shown as a choice instead of being overwritten.
 */
import { createEditor } from '../editor/editor.js';
import { createRun } from '../run/run.js';
import { loadModule } from '../compile/load.js';
import { createSession } from '../views/session.js';
import { mountPageInspector } from '../inspector/page.js';
import { prepareCompiler } from '../compile/compiler.js';
import { loadEdit, saveEdit, persistent, listPrograms, addProgram, renameProgram, deleteProgram, programSlot, watchOtherTabs } from './storage.js';
import { encodeCode, decodeCode, encodeMoment, decodeMoment } from './share.js';
import { renderLegend } from '../views/timeline-view.js';
import { linkOutputToEditor } from '../editor/goto-line.js';
import { mountShortcutsHelp } from './shortcuts.js';
import { STEP_SHORTCUTS } from '../inspector/stepper.js';

const $ = (sel) => document.querySelector(sel);

let inspector = null; /* the inspector (below), once the session exists: updateControls may run before */

const state = {
  examples: [], // from examples/index.json: {name, title, seed, source}
  example: null, // the shipped example the code comes from (its build runs while the code is unchanged), or null
  slot: null, // where the code is saved: an example's name, or programSlot(id)
  program: null, // the user's own program shown ({id, title, example, original}), or null
  localEdits: false, // this tab changed the code since it opened the slot
  conflict: undefined, // another tab's newer save (null: it reset), while this tab decides
  ran: null, // the last run's {code, clock}: Share links its moment while the code is unchanged
  landing: null, // a shared moment (share.js) the cursor goes to once the replay has recorded it
};

const status = $('#status');
const runButton = $('#run');
const stopButton = $('#stop');
const pauseButton = $('#pause');
const exportButton = $('#export');
const resetButton = $('#reset');
const editedBadge = $('#edited');
const inputBox = $('#input');
const inputSend = $('#input-form button[type=submit]');
const inputEnd = $('#input-end');

const setStatus = (text) => { status.textContent = text; };
const editor = createEditor($('#editor'), { onRun: run, onChange: edited });
const runner = createRun(); // the run (run.js): "program" names the user's own programs here
const session = createSession({
  run: runner,
  output: $('#output'),
  timeline: $('#timeline'),
  onStatus: setStatus,
  onChange: updateControls,
  showDiagnostics: editor.showDiagnostics,
  onProgress: showDownload,
  noService: (why) => `Your edits can't be compiled here: ${why}. They are kept in this browser; Reset runs the original example, and every shipped example still runs.`,
});
renderLegend($('#legend'));
linkOutputToEditor($('#output'), () => editor);

/** A Run is fetching or compiling its program: the run is live, the program not started yet. */
const loading = () => runner.live && !session.running;

/* The inspector: a cursor through each run's recorded events (web/inspector/). */
inspector = mountPageInspector({ parent: $('#inspect'), session, editor: editor.view, output: $('#output') });

/* Every key the page answers to, in one overlay (`?`, or the Keyboard shortcuts button). */
const help = mountShortcutsHelp({
  opener: $('#shortcuts-open'),
  groups: [
    ['Running', [['Ctrl+Enter', 'Run the program (restarts a running one)'], ['P', 'Pause a running program, or let it go on'], ['Esc / Ctrl+.', 'Stop the run, or the compile before it']]],
    ['Stepping through a run (the Event loop panel)', STEP_SHORTCUTS],
    ['In the editor', [['Ctrl+Alt+G', 'Go to a line'], ['Ctrl+F', 'Find'], ['Ctrl+Space', 'Complete an async_ name'], ['Ctrl+/', 'Comment the line in or out']]],
    ['In the timeline (once it has focus)', [['← →', 'The previous / next slice of a lane'], ['↑ ↓', 'The lane above / below'], ['Home / End', 'The first / last slice of the lane']]],
    ['In the Input box', [['Enter', 'Send the line'], ['Ctrl+D', 'End the program\'s input']]],
    ['This help', [['?', 'Show these shortcuts'], ['Esc', 'Close them']]],
  ],
});

function updateControls() {
  inspector?.changed();
  if (state.landing) land();
  stopButton.disabled = !session.running && !loading();
  pauseButton.disabled = !session.running;
  pauseButton.setAttribute('aria-pressed', String(session.running && runner.paused));
  exportButton.disabled = session.running || !session.hasRun;
  // Lines typed ahead are kept: the runtime queues them until the program reads (async_read_line).
  const waiting = session.waitingForInput;
  inputBox.disabled = !session.running;
  inputSend.disabled = !session.running;
  inputEnd.disabled = !session.running;
  inputBox.placeholder = waiting ? 'The program is waiting for a line: type it and press Enter'
    : session.running ? 'Type a line ahead: the program gets it when it reads' : 'The program is not running';
  if (waiting && !wasWaiting && !editor.view.hasFocus) inputBox.focus(); // not while the user types code
  wasWaiting = waiting;
}
let wasWaiting = false;

/** The code Reset returns to: the example's, or the program's as it was made or opened. */
const originalCode = () => (state.program ? state.program.original : state.example.source);

/** The editor changed: remember the edit, mark the program as modified. */
function edited(code) {
  if (!state.slot) return;
  state.localEdits = true;
  if (state.conflict === undefined) save(code);
  if (location.hash) history.replaceState(null, '', urlOf()); // a shared #code is older than this edit: a reload shows the edit
  showModified();
  if (!state.example || code !== state.example.source) prepareCompiler();
  editor.showDiagnostics([]);
}

/** Save the editor's code in its slot; tell the user once if it cannot be kept. */
function save(code) {
  const result = saveEdit(state.slot, code === originalCode() ? null : code);
  warnStorage(result);
}

let storageWarned = false;
function warnStorage(result) {
  if (result === 'ok' || storageWarned) return;
  storageWarned = true;
  setNote('storage', 'warning', [result === 'full'
    ? 'This browser\'s storage for the page is full: your edits are no longer saved and last only until the page closes. Share makes a link that keeps them.'
    : 'This browser keeps no storage for this page: your edits last only until it closes. Share makes a link that keeps them.']);
}

function showModified() {
  const modified = !!state.slot && editor.getCode() !== originalCode();
  editedBadge.hidden = !modified;
  resetButton.disabled = !modified;
}

/**
 * A note under the controls (null removes it): text and buttons
 * ([label, action] pairs), one per key.
 * @param {string} key
 * @param {'info'|'warning'} kind
 * @param {(string|[string, () => void])[]|null} parts
 */
function setNote(key, kind, parts) {
  const box = $('#notes');
  box.querySelector(`[data-key="${key}"]`)?.remove();
  if (!parts) return;
  const note = document.createElement('div');
  note.className = `note ${kind}`;
  note.dataset.key = key;
  note.setAttribute('role', kind === 'warning' ? 'alert' : 'status');
  for (const part of parts) {
    if (typeof part === 'string') note.append(part, ' ');
    else {
      const b = Object.assign(document.createElement('button'), { type: 'button', textContent: part[0] });
      b.addEventListener('click', part[1]);
      note.append(b, ' ');
    }
  }
  const close = Object.assign(document.createElement('button'), { type: 'button', className: 'close', textContent: '×', title: 'Dismiss' });
  close.setAttribute('aria-label', 'Dismiss');
  close.addEventListener('click', () => note.remove());
  note.append(close);
  box.append(note);
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
  const clock = $('#virtual').checked ? 'virtual' : 'real';
  state.ran = { code, clock };
  if (!state.landing) setNote('moment', 'info', null); /* a new run: the cursor starts over */
  runner.start({ ...(ex && code === ex.source ? { example: ex.name } : { code }), clock }, session.begin());
  inspector?.start();
  updateControls(); // Stop now stops the compile
}

/** Replay the run a link points into, then put the cursor on its moment (land). */
function replay(moment) {
  $('#virtual').checked = moment.clock === 'virtual';
  state.landing = moment;
  run();
}

/**
 * A replay is under way: once it has recorded the moment (the virtual clock:
 * `at` events, exactly) or has ended (the real clock: the last event at or
 * before `t`), the cursor goes there.
 */
function land() {
  const m = state.landing;
  const ended = !session.running && !loading();
  if (m.clock === 'virtual' ? inspector.length < m.at && !ended : !ended) return;
  state.landing = null;
  let at = m.at;
  if (m.clock === 'real') {
    at = 0;
    while (at < session.log.length && session.log.get(at).time <= m.t + 5e-4) at++;
  }
  inspector.moveTo(at);
  setNote('moment', 'info', [`The link points at a moment of the run: event ${inspector.cursor}, t = ${m.t.toFixed(2)} s, shown in the Event loop panel. Step and Back move on from there.`]);
}

/** Stop: the running program, or the download or compile of the one about to run (the session says which). */
function stop() {
  runner.stop('you pressed Stop');
}

const exampleNamed = (name) => state.examples.find((e) => e.name === name) || null;

/** The address of what is shown, without a #code. */
function urlOf() {
  const url = new URL(location.href);
  url.hash = '';
  url.search = state.program ? `?program=${encodeURIComponent(state.program.id)}` : `?example=${encodeURIComponent(state.example.name)}`;
  return url.href;
}

/** The code a slot shows: its saved edit, or its original. */
function codeOf(slot) {
  const program = slot.startsWith('program:') ? listPrograms().find((p) => programSlot(p.id) === slot) : null;
  return loadEdit(slot) ?? (program ? program.original : exampleNamed(slot)?.source ?? null);
}

/** Fill the picker: the user's programs, then the examples. */
function fillPicker() {
  const select = $('#example');
  select.replaceChildren();
  const programs = listPrograms();
  if (programs.length) {
    const group = document.createElement('optgroup');
    group.label = 'Your programs';
    for (const p of programs) group.append(new Option(p.title, programSlot(p.id)));
    select.append(group);
  }
  for (const [label, seed] of [['From the tutorials', true], ['More examples', false]]) {
    const group = document.createElement('optgroup');
    group.label = label;
    for (const ex of state.examples.filter((e) => e.seed === seed)) group.append(new Option(`${ex.name}.c — ${ex.title}`, ex.name));
    select.append(group);
  }
  if (state.slot) select.value = state.slot;
}

/**
 * Show a slot: an example's name, or a program's slot.
 * @param {string} slot
 */
function openSlot(slot, { updateUrl = true } = {}) {
  const program = slot.startsWith('program:') ? listPrograms().find((p) => programSlot(p.id) === slot) : null;
  const ex = program ? exampleNamed(program.example) : exampleNamed(slot) || state.examples[0];
  if (!program && !ex) return;
  state.landing = null; /* a link's moment belongs to the run it replays, not to this program */
  runner.stop('another program was picked');
  state.program = program;
  state.example = ex;
  state.slot = program ? slot : ex.name;
  state.localEdits = false;
  state.conflict = undefined;
  setNote('conflict', 'info', null);
  setNote('link', 'info', null);
  setNote('moment', 'info', null);
  fillPicker();
  editor.setCode(codeOf(state.slot));
  editor.showDiagnostics([]);
  showModified();
  document.title = `${program ? program.title : `${ex.name}.c`} · Async C Playground`;
  $('#program-tools').hidden = !program;
  if (updateUrl) history.replaceState(null, '', urlOf());
  if (ex) loadModule(new URL(`examples/${ex.name}.wasm`, document.baseURI).href).catch(() => {}); // warm the cache (run.js asks by the same URL): the first Run compiles nothing
}

/** A title not yet used by the user's programs: `base`, else `base 2`, `base 3`... */
function freshTitle(base) {
  const used = new Set(listPrograms().map((p) => p.title));
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base} ${n}`)) n++;
  return `${base} ${n}`;
}

/**
 * Code from a link: the slot that already shows exactly this code, or a new
 * draft of its own, announced with a way back to the saved edit.
 */
function openShared(code, { example, program, title }) {
  const candidates = [program && programSlot(program), exampleNamed(example)?.name, ...listPrograms().map((p) => programSlot(p.id))];
  const same = candidates.find((slot) => slot && codeOf(slot) === code);
  if (same) { openSlot(same, { updateUrl: false }); return; }
  const ex = exampleNamed(example);
  const { program: draft, saved } = addProgram({ title: freshTitle(title || (ex ? `${ex.name}.c (from a link)` : 'Program from a link')), example: ex?.name ?? null, code });
  warnStorage(saved);
  openSlot(programSlot(draft.id));
  const mine = ex && loadEdit(ex.name) !== null;
  setNote('link', 'info', [`The code from the link opened as a draft of its own, “${draft.title}”; nothing of yours was replaced.`,
    ...(ex ? [[mine ? `Open my edit of ${ex.name}.c` : `Open ${ex.name}.c`, () => openSlot(ex.name)]] : [])]);
}

/** Rename the program shown (a program of the user's own). */
function rename() {
  const p = state.program;
  const title = p && prompt('A name for this program', p.title)?.trim();
  if (!title || title === p.title) return;
  warnStorage(renameProgram(p.id, title));
  p.title = title;
  fillPicker();
  document.title = `${title} · Async C Playground`;
}

/** Delete the program shown, after asking; the first example is shown instead. */
function remove() {
  const p = state.program;
  if (!p || !confirm(`Delete “${p.title}”? Its code is gone for good (Share first to keep a link).`)) return;
  deleteProgram(p.id);
  openSlot(p.example || state.examples[0].name);
}

/** "New": a program of the user's own, with its own name. */
function newProgram() {
  const { program, saved } = addProgram({ title: freshTitle('My program'), code: BLANK });
  warnStorage(saved);
  openSlot(programSlot(program.id));
  editor.view.focus();
}

const BLANK = `#include <stdio.h>
#include "async.h"

static void *amain(void *arg) {
  (void)arg;
  puts("Hello from a task");
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
`;

/** Another tab saved this slot: follow it, or, if this tab has edits too, let the user choose. */
function otherTabSaved(slot, code) {
  if (slot !== state.slot) return;
  const theirs = code ?? originalCode();
  if (theirs === editor.getCode()) return;
  if (!state.localEdits) {
    editor.setCode(theirs);
    showModified();
    setStatus('Updated: this program was changed in another tab');
    return;
  }
  state.conflict = code;
  setNote('conflict', 'warning', ['This program was changed in another tab. Your edits here are not saved until you choose:',
    ['Load the other tab\'s version', () => {
      editor.setCode(state.conflict ?? originalCode());
      state.conflict = undefined;
      state.localEdits = false;
      setNote('conflict', 'info', null);
      showModified();
    }],
    ['Keep mine', () => {
      state.conflict = undefined;
      save(editor.getCode());
      setNote('conflict', 'info', null);
    }]]);
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
  if (!state.slot) return;
  state.conflict = undefined;
  setNote('conflict', 'info', null);
  saveEdit(state.slot, null);
  editor.setCode(originalCode());
  editor.showDiagnostics([]);
  showModified();
}

async function share() {
  const url = new URL(urlOf());
  const params = new URLSearchParams();
  if (state.example) params.set('example', state.example.name);
  if (state.program) { params.set('program', state.program.id); params.set('title', state.program.title); }
  url.search = `?${params}`;
  const code = editor.getCode();
  url.hash = await encodeCode(code);
  /* the inspector's moment too, while it shows a run of this very code */
  const at = inspector.cursor;
  const moment = state.ran && state.ran.code === code && inspector.length > 0
    ? { at, clock: state.ran.clock, t: at > 0 ? session.log.get(at - 1).time : 0 } : null;
  if (moment) url.hash += `&${encodeMoment(moment)}`;
  history.replaceState(null, '', url);
  const what = moment ? `this code and this moment of its run (event ${moment.at}, t = ${moment.t.toFixed(2)} s)` : 'this code';
  try {
    await navigator.clipboard.writeText(url.href);
    setStatus(`Link copied: it reproduces ${what}${moment ? '' : ' exactly'}`);
  } catch {
    setStatus(`The address bar now holds a link to ${what}`);
  }
}

runButton.addEventListener('click', run);
stopButton.addEventListener('click', stop);
pauseButton.addEventListener('click', () => session.pause(!runner.paused));
$('#new').addEventListener('click', newProgram);
$('#rename').addEventListener('click', rename);
$('#delete').addEventListener('click', remove);
exportButton.addEventListener('click', exportTrace);
resetButton.addEventListener('click', reset);
$('#share').addEventListener('click', share);
$('#example').addEventListener('change', (e) => openSlot(e.target.value));
$('#input-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const line = inputBox.value;
  inputBox.value = '';
  runner.input(line);
});
inputEnd.addEventListener('click', () => runner.closeInput());
inputBox.addEventListener('keydown', (e) => {
  if (e.key === 'd' && e.ctrlKey && !e.altKey && !e.metaKey) { e.preventDefault(); runner.closeInput(); } // Ctrl-D, as in a terminal
});
/** A key typed here is text (the editor, the Input box), not a shortcut. */
const typing = (t) => !!t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
document.addEventListener('keydown', (e) => {
  if (e.defaultPrevented || help.dialog.open) return; // the editor ran it already; the overlay has its own keys
  if (help.handleKey(e)) return; // ? shows the shortcuts
  if (inspector?.handleKey(e)) return; // . , > step the inspector's cursor
  if (e.key === 'p' && !e.ctrlKey && !e.metaKey && !e.altKey && session.running && !typing(e.target)) { e.preventDefault(); session.pause(!runner.paused); }
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
  // Esc (outside a menu or dialog that used it) or Ctrl-. stops, as Stop does.
  if ((e.key === 'Escape' || (e.key === '.' && (e.ctrlKey || e.metaKey))) && (session.running || loading())) { e.preventDefault(); stop(); }
});

(async function init() {
  const res = await fetch('examples/index.json');
  state.examples = await res.json();
  const params = new URLSearchParams(location.search);
  const wanted = { example: params.get('example'), program: params.get('program'), title: params.get('title') };
  const shared = await decodeCode(location.hash);
  const program = wanted.program && listPrograms().find((p) => p.id === wanted.program);
  const moment = shared !== null && decodeMoment(location.hash);
  if (shared !== null) openShared(shared, wanted);
  else openSlot(program ? programSlot(program.id) : wanted.example || state.examples[0].name, { updateUrl: false });
  if (!persistent()) warnStorage('blocked');
  watchOtherTabs({ onSlot: otherTabSaved, onPrograms: fillPicker });
  // A link pasted into this tab's address bar changes only the fragment: no reload, so open it here.
  window.addEventListener('hashchange', async () => {
    const code = await decodeCode(location.hash);
    const p = new URLSearchParams(location.search);
    if (code === null) return;
    const moment = decodeMoment(location.hash);
    openShared(code, { example: p.get('example'), program: p.get('program'), title: p.get('title') });
    if (moment) replay(moment);
  });
  runButton.disabled = false;
  if (moment) replay(moment); /* a link to a moment of a run: replay it and land there */
  else setStatus('Ready: press Run (or Ctrl-Enter)');
  /* A browser that kept the compiler from an earlier visit warms it now, in idle time, so the first Run of an edit is as quick as the next. */
  if (window.requestIdleCallback) requestIdleCallback(() => prepareCompiler(), { timeout: 3000 });
  else setTimeout(() => prepareCompiler(), 1000);
}()).catch((e) => setStatus(`Could not load the examples: ${e.message}`));
