/**
 * editor.js - the code editor: CodeMirror 6 with C highlighting, line
 * numbers, bracket matching, undo and search (basicSetup), and Ctrl/Cmd-Enter
 * to run. Its colours are the page's CSS variables (--bg, --fg, --panel,
 * --line, --muted, --sel and --hl-* in panes.css), so it follows
 * prefers-color-scheme, and whatever else sets them, with no code here; every
 * highlight colour keeps 4.5:1 contrast on its background.
 */
import { basicSetup } from 'codemirror';
import { EditorView, keymap } from '@codemirror/view';
import { EditorState, Prec } from '@codemirror/state';
import { cpp } from '@codemirror/lang-cpp';
import { HighlightStyle, syntaxHighlighting, foldEffect } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';
import { setDiagnostics, lintGutter } from '@codemirror/lint';
import { asyncHelp } from './editor-help.js';

const highlight = HighlightStyle.define([
  { tag: t.keyword, color: 'var(--hl-keyword)' },
  { tag: [t.typeName, t.namespace, t.className], color: 'var(--hl-type)' },
  { tag: [t.function(t.variableName), t.definition(t.variableName), t.definition(t.propertyName)], color: 'var(--hl-function)' },
  { tag: [t.string, t.character], color: 'var(--hl-string)' },
  { tag: [t.escape, t.special(t.string), t.regexp], color: 'var(--hl-escape)' },
  { tag: [t.number, t.bool, t.atom, t.null], color: 'var(--hl-number)' },
  { tag: [t.comment, t.blockComment, t.lineComment], color: 'var(--hl-comment)', fontStyle: 'italic' },
  { tag: [t.meta, t.processingInstruction, t.macroName, t.special(t.variableName)], color: 'var(--hl-meta)' },
  { tag: t.local(t.variableName), color: 'var(--hl-local)' },
  { tag: t.invalid, color: 'var(--hl-invalid)' },
]);

/* CodeMirror's own light-only chrome (gutter, selection, panels, tooltips) in the page's colours. */
const theme = EditorView.theme({
  '&': { color: 'var(--fg)', backgroundColor: 'var(--bg)' },
  '.cm-content': { caretColor: 'var(--fg)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--fg)' },
  '.cm-gutters': { backgroundColor: 'var(--panel)', color: 'var(--muted)', borderRight: '1px solid var(--line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--active-line)', color: 'var(--fg)' },
  '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
  '.cm-selectionBackground, &.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-content ::selection': { backgroundColor: 'var(--sel) !important' },
  '.cm-selectionMatch': { backgroundColor: 'var(--sel-match)' },
  '&.cm-focused .cm-matchingBracket': { backgroundColor: 'var(--sel-match)', outline: '1px solid var(--muted)' },
  '.cm-panels': { backgroundColor: 'var(--panel)', color: 'var(--fg)' },
  '.cm-panels.cm-panels-bottom': { borderTop: '1px solid var(--line)' },
  '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--fg)', border: '1px solid var(--line)' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--on-accent)' },
  '.cm-foldPlaceholder': { backgroundColor: 'var(--panel)', color: 'var(--muted)', borderColor: 'var(--line)' },
  '.cm-searchMatch': { backgroundColor: 'var(--search-match)' },
});

/**
 * @param {HTMLElement} parent
 * @param {{doc?: string, onRun: () => void, onChange?: (code: string) => void, readOnly?: boolean}} opts
 * @returns {{view: EditorView, getCode: () => string, setCode: (code: string) => void}}
 */
export function createEditor(parent, { doc = '', onRun, onChange = () => {}, readOnly = false }) {
  const runKey = Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => { onRun(); return true; } }]));
  let silent = false;
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        basicSetup,
        cpp(),
        theme,
        syntaxHighlighting(highlight),
        lintGutter(),
        asyncHelp(),
        runKey,
        EditorState.readOnly.of(readOnly),
        EditorView.contentAttributes.of({ 'aria-label': 'C source code', tabindex: '0' }), // tabindex: a focusable scroller for axe's scrollable-region rule
        EditorView.updateListener.of((u) => { if (u.docChanged && !silent) onChange(u.state.doc.toString()); }),
      ],
    }),
  });
  return {
    view,
    getCode: () => view.state.doc.toString(),
    /** Fold lines `from`..`to` (1-based) away, e.g. a file's header comment; the fold gutter opens them. */
    fold(from, to) {
      const doc = view.state.doc;
      if (from < 1 || to > doc.lines || to <= from) return;
      view.dispatch({ effects: foldEffect.of({ from: doc.line(from).to, to: doc.line(to).to }) });
    },
    setCode(code) {
      silent = true;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
      silent = false;
    },
    /**
     * Mark compiler diagnostics in the text (empty list: clear them).
     * @param {{line: number, column: number, severity: string, message: string}[]} diagnostics  1-based; line 0 = no place, column 0 = the whole line
     */
    showDiagnostics(diagnostics) {
      const doc = view.state.doc;
      const marks = diagnostics.filter((d) => d.line > 0 && d.line <= doc.lines).map((d) => {
        const line = doc.line(d.line);
        if (!d.column) { /* the whole statement: a fault's line (wasm/host/faults.js) */
          const from = line.from + (/^\s*/.exec(line.text)[0].length);
          return { from, to: Math.max(line.to, from), severity: d.severity, message: d.message };
        }
        const from = Math.min(line.from + Math.max(d.column - 1, 0), line.to);
        const word = /^[\w]+/.exec(doc.sliceString(from, line.to));
        return { from, to: word ? from + word[0].length : Math.min(from + 1, line.to), severity: d.severity, message: d.message };
      });
      view.dispatch(setDiagnostics(view.state, marks));
    },
  };
}
