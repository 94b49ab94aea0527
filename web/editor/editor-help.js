/**
 * editor-help.js - the editor knows the API: completion for async_* and
 * ASYNC_* names (signature and one-line doc) and hover docs on them, both
 * fed from async.h as web/reference/parse-header.js reads it at build time
 * (the 'async-api' module web/tools/build.mjs provides), each linking to its
 * entry in reference.html. One CodeMirror extension: asyncHelp().
 */
import { hoverTooltip, EditorView } from '@codemirror/view';
import { cppLanguage } from '@codemirror/lang-cpp';
import API from 'async-api';

const byName = new Map(API.map((e) => [e.name, e]));

/** Where reference.html is: beside the script that loaded the page or the demos. */
function referenceUrl(name) {
  const script = typeof document === 'object' && document.querySelector('script[type="module"][src$="embed.js"], script[type="module"][src$="app.js"]');
  return new URL(`reference.html#${encodeURIComponent(name)}`, script ? script.src : document.baseURI).href;
}

/** "int async_sleep(double seconds)" -> "(double seconds) → int" */
function shortSignature(e) {
  if (e.kind === 'function') {
    const m = /^(.*?)\b\w+(\(.*\))$/.exec(e.signature);
    return m ? `${m[2]} → ${m[1].trim()}` : e.signature;
  }
  if (e.kind === 'macro') return e.signature.slice(e.name.length);
  if (e.kind === 'constant') return e.value !== undefined ? String(e.value) : '';
  return e.kind;
}

/** The first clause of a doc: one line for the completion list. */
const oneLine = (doc) => (doc.split(/(?<=[.;])\s/)[0] || '').replace(/[.;]$/, '');

/** The docs of one name, as a DOM node (completion info and hover share it). */
function docNode(e) {
  const box = document.createElement('div');
  box.className = 'cm-async-doc';
  const sig = document.createElement('code');
  sig.className = 'cm-async-sig';
  sig.textContent = e.signature;
  box.append(sig);
  if (e.doc) {
    const p = document.createElement('p');
    p.textContent = e.doc;
    box.append(p);
  }
  if (e.errors) {
    const p = document.createElement('p');
    p.textContent = `Error codes: ${e.errors.join(', ')}`;
    box.append(p);
  }
  const a = document.createElement('a');
  a.href = referenceUrl(e.name);
  a.target = '_blank';
  a.rel = 'noopener';
  a.textContent = 'In the reference ›';
  box.append(a);
  return box;
}

const TYPE = { function: 'function', macro: 'function', constant: 'constant', type: 'type', enum: 'type' };

const OPTIONS = API.map((e) => ({
  label: e.name,
  type: e.kind === 'macro' && !e.signature.includes('(') ? 'constant' : TYPE[e.kind] || 'variable',
  detail: shortSignature(e),
  info: () => docNode(e),
  boost: e.kind === 'function' || e.kind === 'macro' ? 1 : 0,
}));

/** Completion: offered once a word starts like async_ / ASYNC_ (or on Ctrl-Space). */
function completeApi(context) {
  const word = context.matchBefore(/\w+/);
  if (!word && !context.explicit) return null;
  const text = word ? word.text : '';
  const lower = text.toLowerCase();
  if (!context.explicit && !(text.length >= 2 && ('async_'.startsWith(lower) || lower.startsWith('async_')))) return null;
  return { from: word ? word.from : context.pos, options: OPTIONS, validFor: /^\w*$/ };
}

/** Hover: the docs of the API name under the pointer. */
const hover = hoverTooltip((view, pos, side) => {
  const line = view.state.doc.lineAt(pos);
  const at = pos - line.from;
  const re = /\b(?:async|ASYNC)_\w+/g;
  let m;
  while ((m = re.exec(line.text))) {
    const start = m.index;
    const end = start + m[0].length;
    if (at < start || at > end || (at === start && side < 0) || (at === end && side > 0)) continue;
    const e = byName.get(m[0]);
    if (!e) return null;
    return { pos: line.from + start, end: line.from + end, above: true, create: () => ({ dom: docNode(e) }) };
  }
  return null;
});

const theme = EditorView.baseTheme({
  '.cm-async-doc': { maxWidth: '32rem', padding: '0.4rem 0.6rem', font: '13px/1.45 system-ui, sans-serif', whiteSpace: 'normal' },
  '.cm-async-doc p': { margin: '0.3rem 0' },
  '.cm-async-sig': { display: 'block', fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontWeight: '600', overflowWrap: 'anywhere' },
  '&light .cm-async-doc a': { color: '#0a5cb0' },
  '&dark .cm-async-doc a': { color: '#7dbcff' },
});

/**
 * The extension: completion and hover docs for the runtime's API.
 * @returns {import('@codemirror/state').Extension}
 */
export function asyncHelp() {
  return [cppLanguage.data.of({ autocomplete: completeApi }), hover, theme];
}
