/**
 * highlight.js - C source as highlighted static HTML (spans with lezer's
 * tok-* classes), for code shown without an editor: the demos' read-only
 * code. Loaded on demand; it shares the C parser with the editor's chunk.
 */
import { cppLanguage } from '@codemirror/lang-cpp';
import { highlightCode, classHighlighter } from '@lezer/highlight';

/**
 * Fill `el` with `code`, highlighted.
 * @param {HTMLElement} el  a <pre> (or any element that keeps white space)
 * @param {string} code
 */
export function highlightInto(el, code) {
  const frag = document.createDocumentFragment();
  highlightCode(code, cppLanguage.parser.parse(code), classHighlighter, (text, classes) => {
    if (!classes) { frag.append(text); return; }
    const span = document.createElement('span');
    span.className = classes;
    span.textContent = text;
    frag.append(span);
  }, () => frag.append('\n'));
  el.replaceChildren(frag);
}
