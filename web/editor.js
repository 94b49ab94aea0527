/**
 * editor.js - the code editor: CodeMirror 6 with C highlighting, line
 * numbers, bracket matching, undo and search (basicSetup), and Ctrl/Cmd-Enter
 * to run.
 */
import { basicSetup } from 'codemirror';
import { EditorView, keymap } from '@codemirror/view';
import { EditorState, Prec } from '@codemirror/state';
import { cpp } from '@codemirror/lang-cpp';

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
  };
}
