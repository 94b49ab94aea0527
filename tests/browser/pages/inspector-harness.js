/* inspector-harness.js - the inspector mounted on its own, without the
 * playground's wiring, for tests/browser/inspector.test.js: an editor with
 * the program, and the inspector over events recorded by the test. */
import { EditorView, basicSetup } from 'codemirror';
import { cpp } from '@codemirror/lang-cpp';
import { oneDark } from '@codemirror/theme-one-dark';
import { createInspector } from '../../../web/inspector/inspector.js';
import { arraySource } from '../../../web/inspector/loop-state.js';

window.mountInspector = (code, events) => {
  const editor = new EditorView({ doc: code, extensions: [basicSetup, cpp(), matchMedia('(prefers-color-scheme: dark)').matches ? oneDark : [], EditorView.contentAttributes.of({ 'aria-label': 'C source code' })],
    parent: document.querySelector('#editor') });
  const insp = createInspector({ source: arraySource(events), editor, onSelectTask: (t) => { window.selectedTask = t; } });
  document.querySelector('#inspector').append(insp.dom);
  document.addEventListener('keydown', (e) => insp.handleKey(e));
  window.insp = insp;
};
