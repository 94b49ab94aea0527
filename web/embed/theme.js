/**
 * theme.js - the colour scheme of the demos on a page: light or dark.
 *
 * A demo's theme="light|dark" wins. Otherwise (theme="auto" or none) it
 * follows the host page's own toggle, read from the attributes the docs
 * generators set:
 *   MkDocs Material   body[data-md-color-scheme]: "slate" is dark, any other scheme light
 *   Docusaurus        html[data-theme="light|dark"]
 *   PyData            html[data-theme="light|dark"] (html[data-mode="auto"] follows the system)
 *   Furo              body[data-theme="light|dark|auto"]
 * and prefers-color-scheme when the page says nothing, or "auto".
 *
 * The shadow root is told through data-theme="light|dark" on its elements:
 * panes.css turns that into color-scheme, which picks each colour variable's
 * light-dark() value; the timeline redraws when its data-theme changes.
 */

const ATTRIBUTES = ['data-theme', 'data-md-color-scheme', 'data-mode'];
const media = () => globalThis.matchMedia?.('(prefers-color-scheme: dark)');

/** The scheme one element's attributes ask for, or null when they leave it to the system. */
function asked(el) {
  if (!el) return null;
  const md = el.getAttribute('data-md-color-scheme');
  if (md) return md === 'slate' ? 'dark' : 'light';
  const t = el.getAttribute('data-theme');
  return t === 'dark' || t === 'light' ? t : null;
}

/**
 * The host page's scheme now.
 * @param {Document} [doc]
 * @returns {'light'|'dark'}
 */
export function hostScheme(doc = document) {
  return asked(doc.body) || asked(doc.documentElement) || (media()?.matches ? 'dark' : 'light');
}

/**
 * A demo's scheme: its theme attribute, else the host's.
 * @param {Element} el
 * @returns {'light'|'dark'}
 */
export function schemeOf(el) {
  const t = el.getAttribute('theme');
  return t === 'light' || t === 'dark' ? t : hostScheme(el.ownerDocument);
}

const listeners = new Set();
let observer = null;
let mql = null;
const notify = () => { for (const fn of listeners) fn(); };

/**
 * Call fn whenever the host's scheme may have changed (its toggle, the
 * system's setting). One observer serves every demo on the page; it stops
 * with the last demo.
 * @param {() => void} fn
 * @returns {() => void} unsubscribe
 */
export function watchHostScheme(fn) {
  listeners.add(fn);
  if (!observer) {
    observer = new MutationObserver(notify);
    /* subtree: the generators set these on <html> or <body>, and <body> may come later */
    observer.observe(document.documentElement, { attributes: true, subtree: true, attributeFilter: ATTRIBUTES });
    mql = media();
    mql?.addEventListener('change', notify);
  }
  return () => {
    listeners.delete(fn);
    if (!listeners.size && observer) {
      observer.disconnect();
      observer = null;
      mql?.removeEventListener('change', notify);
    }
  };
}
