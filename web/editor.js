/**
 * editor.js - the code editor: CodeMirror 6 with C highlighting, line
 * numbers, bracket matching, undo and search (basicSetup), and Ctrl/Cmd-Enter
 * to run.
 */
import { basicSetup } from 'codemirror';
import { EditorView, keymap } from '@codemirror/view';
import { EditorState, Prec } from '@codemirror/state';
import { cpp } from '@codemirror/lang-cpp';
import { setDiagnostics, lintGutter } from '@codemirror/lint';

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
        lintGutter(),
        runKey,
        EditorState.readOnly.of(readOnly),
        EditorView.contentAttributes.of({ 'aria-label': 'C source code' }),
        EditorView.updateListener.of((u) => { if (u.docChanged && !silent) onChange(u.state.doc.toString()); }),
      ],
    }),
  });
  return {
    view,
    getCode: () => view.state.doc.toString(),
    setCode(code) {
      silent = true;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
      silent = false;
    },
    /**
     * Mark compiler diagnostics in the text (empty list: clear them).
     * @param {{line: number, column: number, severity: string, message: string}[]} diagnostics  1-based; line 0 = no place
     */
    showDiagnostics(diagnostics) {
      const doc = view.state.doc;
      const marks = diagnostics.filter((d) => d.line > 0 && d.line <= doc.lines).map((d) => {
        const line = doc.line(d.line);
        const from = Math.min(line.from + Math.max(d.column - 1, 0), line.to);
        const word = /^[\w]+/.exec(doc.sliceString(from, line.to));
        return { from, to: word ? from + word[0].length : Math.min(from + 1, line.to), severity: d.severity, message: d.message };
      });
      view.dispatch(setDiagnostics(view.state, marks));
    },
  };
}
