/**
 * goto-line.js - output lines that name a place in the program
 * ("line 12:5: expected ';'", as compiler.js words diagnostics) get a
 * "line 12:5" button that puts the editor's cursor there. It watches the
 * output pane, so the pane itself needs to know nothing about editors.
 */

const PLACE = /^line (\d+)(?::(\d+))?: /;

/**
 * @param {HTMLElement} outputEl  the output pane (rows .line with a .text span)
 * @param {() => ({view: import('@codemirror/view').EditorView}|null)} getEditor  the editor, when there is one
 */
export function linkOutputToEditor(outputEl, getEditor) {
  function decorate(row) {
    const text = row.querySelector?.('.text');
    const m = text && !text.querySelector('.goto') && PLACE.exec(text.textContent);
    if (!m || !getEditor()) return;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'goto';
    button.textContent = m[0].slice(0, -2);
    button.title = `Show line ${m[1]} in the editor`;
    button.dataset.line = m[1];
    button.dataset.column = m[2] || '1';
    text.textContent = text.textContent.slice(m[0].length - 2);
    text.prepend(button);
  }
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) decorate(n);
  }).observe(outputEl, { childList: true });
  outputEl.addEventListener('click', (e) => {
    const button = e.target.closest?.('button.goto');
    const editor = getEditor();
    if (!button || !editor) return;
    const { view } = editor;
    const doc = view.state.doc;
    const line = doc.line(Math.min(Math.max(Number(button.dataset.line), 1), doc.lines));
    const pos = Math.min(line.from + Math.max(Number(button.dataset.column) - 1, 0), line.to);
    view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
    view.focus();
  });
}
