/**
 * source.js - where an <async-c-demo>'s code comes from: the authoring forms.
 *
 * The first that applies:
 *   1. a <script type="text/c"> child, or plain text between the tags (raw
 *      HTML pages; MDX would parse the braces of C as expressions);
 *   2. src="file.c": a file, relative to the page;
 *   3. example="NAME": a shipped example;
 *   4. the code block just before the element, as the docs generator rendered
 *      and highlighted it (MkDocs, Sphinx, Docusaurus): nothing to escape.
 * Then template="file.c" wraps that code, the snippet, in a program: the
 * snippet replaces the template's line `/* @code *\/`, or follows the whole
 * file when it has no such line (a prelude). The reader sees the snippet only.
 *
 * Any other child of the element (the integrations put the expected output
 * there) is the fallback: shown before the script runs and without
 * JavaScript, never read as code.
 */

/** The template line the snippet replaces. */
const MARKER = /^[ \t]*\/\*\s*@code\s*\*\/[ \t]*$/m;

const files = new Map(); /* absolute URL -> Promise<string>: each file fetched once per page */

/** @param {string} url @returns {Promise<string>} */
function fetchText(url) {
  if (!files.has(url)) {
    files.set(url, fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
      return r.text();
    }));
    files.get(url).catch(() => files.delete(url)); /* a failed fetch is retried by the next demo */
  }
  return files.get(url);
}

/** Text with one trailing newline and no leading blank lines. */
const tidy = (s) => s.replace(/^\s*\n/, '').replace(/\s+$/, '\n');

/**
 * The text of a rendered code block: highlighters wrap tokens in spans, and
 * some break lines with <br> (Prism in Docusaurus); buttons (copy) and line
 * numbers drawn from attributes are not text.
 * @param {Element} pre
 */
export function codeText(pre) {
  let out = '';
  const walk = (node) => {
    for (const c of node.childNodes) {
      if (c.nodeType === Node.TEXT_NODE) out += c.data;
      else if (c.nodeName === 'BR') out += '\n';
      else if (c.nodeType === Node.ELEMENT_NODE && !c.matches('button, .linenos, .lineno, [aria-hidden="true"]')) {
        walk(c);
        /* Prism's lines are block spans without a newline of their own */
        if (c.classList.contains('token-line') && !out.endsWith('\n')) out += '\n';
      }
    }
  };
  walk(pre.querySelector('code') || pre);
  return out;
}

/**
 * The code block just before el: its previous element sibling, or that of
 * the paragraph a Markdown renderer put el alone in (Python-Markdown does).
 * @param {Element} el
 * @returns {{block: Element, code: string}|null}  block: the generator's element
 */
export function previousCodeBlock(el) {
  let node = el;
  while (!node.previousElementSibling && node.parentElement?.tagName === 'P'
         && [...node.parentElement.childNodes].every((c) => c === node || (c.nodeType === Node.TEXT_NODE && !c.data.trim()))) {
    node = node.parentElement;
  }
  const block = node.previousElementSibling;
  if (!block) return null;
  const pres = block.matches('pre') ? [block] : [...block.querySelectorAll('pre')];
  const pre = pres[pres.length - 1]; /* Sphinx's line numbers are a first <pre> */
  return pre ? { block, code: tidy(codeText(pre)) } : null;
}

/** The element's own inline code (form 1), or '' when it has none. */
function inlineCode(el) {
  const script = el.querySelector(':scope > script[type="text/c"]');
  if (script) return tidy(script.textContent);
  if (el.children.length) return ''; /* element children are the fallback */
  return el.textContent.trim() ? tidy(el.textContent) : '';
}

/**
 * Resolve a demo's code.
 * @param {Element} el  the <async-c-demo>
 * @param {{examples: () => Promise<{name: string, source: string}[]>}} opts  the shipped examples
 * @returns {Promise<{snippet: string, program: string, full: string, from: 'inline'|'src'|'example'|'block', block?: Element}>}
 *   snippet: what the reader sees and edits; program(snippet) is what is
 *   compiled (with #line so diagnostics count the snippet's lines); full: the
 *   program without #line, for the playground. Rejects with a message for the
 *   reader when there is no code or a file cannot be loaded.
 */
export async function resolveSource(el, { examples }) {
  let snippet = inlineCode(el);
  let from = 'inline';
  let block;
  const src = el.getAttribute('src');
  const name = el.getAttribute('example');
  if (!snippet && src) {
    from = 'src';
    snippet = tidy(await fetchText(new URL(src, document.baseURI).href));
  } else if (!snippet && name) {
    from = 'example';
    const ex = (await examples()).find((e) => e.name === name);
    if (!ex) throw new Error(`no example named "${name}"`);
    snippet = ex.source;
  } else if (!snippet) {
    const prev = previousCodeBlock(el);
    if (!prev) throw new Error('no code: put a C code block just before the demo, or give it src="file.c", example="NAME" or a <script type="text/c"> child');
    ({ block, code: snippet } = prev);
    from = 'block';
  }
  const template = el.getAttribute('template');
  const wrap = template ? await templateFor(new URL(template, document.baseURI).href) : { program: (s) => s, full: (s) => s };
  return { snippet, program: wrap.program, full: wrap.full, from, block };
}

/** @param {string} url */
async function templateFor(url) {
  const text = tidy(await fetchText(url));
  const m = MARKER.exec(text);
  const head = m ? text.slice(0, m.index) : text;
  const tail = m ? text.slice(m.index + m[0].length).replace(/^\n/, '') : '';
  const tailLine = head.split('\n').length + 1; /* the template's line after the marker */
  const nl = (s) => (s.endsWith('\n') ? s : `${s}\n`); /* an edited snippet may end without one */
  return {
    program: (s) => `${head}#line 1\n${nl(s)}${tail ? `#line ${tailLine}\n${tail}` : ''}`,
    full: (s) => `${head}${nl(s)}${tail}`,
  };
}
