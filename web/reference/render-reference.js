/**
 * render-reference.js - the API reference page (reference.html) from the
 * model parse-header.js reads out of async.h: the overview, every group in
 * the header's order with each call's signature, contract and the error
 * codes it returns, the error codes with the calls that return them, the
 * event stream, the differences from asyncio, and the notices' "why, and how
 * to fix it" entries. Static HTML, no script (the page's CSP allows none inline).
 */
import { NOTICES } from './notices.js';

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));

/**
 * A fixed-width table in a comment (a header line of column names, then
 * rows, the columns at least two spaces apart), or null.
 * @param {string[]} lines
 * @returns {{head: string[], rows: string[][]}|null}
 */
export function parseTable(lines) {
  if (lines.length < 2) return null;
  const split = (l) => l.trim().split(/\s{2,}/);
  const head = split(lines[0]);
  if (head.length < 3) return null;
  const rows = lines.slice(1).map(split);
  return rows.every((r) => r.length === head.length) ? { head, rows } : null;
}

/**
 * Comment text as HTML blocks: paragraphs, "- " lists, indented code, and
 * tables; names of the API become links to their entries.
 * @param {string} text
 * @param {(s: string) => string} inline  escapes and links a run of text
 */
export function blocks(text, inline) {
  const lines = text.split('\n');
  const out = [];
  let i = 0;
  const indent = (l) => /^ */.exec(l)[0].length;
  while (i < lines.length) {
    const l = lines[i];
    if (!l.trim()) { i++; continue; }
    if (/^\s*- /.test(l)) {
      const items = [];
      const base = indent(l);
      while (i < lines.length && lines[i].trim() && (indent(lines[i]) > base || /^\s*- /.test(lines[i])) && indent(lines[i]) >= base) {
        if (/^\s*- /.test(lines[i]) && indent(lines[i]) === base) items.push(lines[i].replace(/^\s*- /, ''));
        else items[items.length - 1] += ` ${lines[i].trim()}`;
        i++;
      }
      out.push(`<ul>${items.map((it) => `<li>${inline(it)}</li>`).join('')}</ul>`);
      continue;
    }
    if (indent(l) >= 2) {
      const code = [];
      while (i < lines.length && (indent(lines[i]) >= 2 || (!lines[i].trim() && indent(lines[i + 1] || '') >= 2))) code.push(lines[i++]);
      const table = parseTable(code.filter((c) => c.trim()));
      if (table) {
        out.push(`<div class="table-wrap" tabindex="0" role="region" aria-label="Table: ${esc(table.head.join(', '))}"><table><thead><tr>${table.head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${
          table.rows.map((r) => `<tr>${r.map((c, k) => (k === 0 ? `<th scope="row"><code>${esc(c)}</code></th>` : `<td>${c === '-' ? '<span class="none">–</span>' : inline(c)}</td>`)).join('')}</tr>`).join('')}</tbody></table></div>`);
      } else {
        const cut = Math.min(...code.filter((c) => c.trim()).map(indent));
        out.push(`<pre tabindex="0"><code>${esc(code.map((c) => c.slice(cut)).join('\n'))}</code></pre>`);
      }
      continue;
    }
    const para = [];
    while (i < lines.length && lines[i].trim() && indent(lines[i]) < 2 && !/^\s*- /.test(lines[i])) para.push(lines[i++].trim());
    // "Label:" paragraphs followed by a list read as one unit
    out.push(`<p>${inline(para.join(' '))}</p>`);
  }
  return out.join('\n');
}

const KIND = { function: 'function', macro: 'macro', constant: 'constant', type: 'type', enum: 'enum' };

/**
 * @param {ReturnType<import('./parse-header.js').parseHeader>} model
 * @returns {string} reference.html
 */
export function renderReference(model) {
  const known = new Map(model.entries.map((e) => [e.name, e]));
  const inline = (s) => esc(s)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\bASYNC_E\*|\b(async|ASYNC)_\w+(\(\))?/g, (m) => {
      const name = m.replace(/\(\)$/, '');
      return known.has(name) ? `<a href="#${name}"><code>${m}</code></a>` : `<code>${m}</code>`;
    });
  const doc = (s) => (s ? blocks(s, inline) : '');
  const codeLinks = (names) => names.map((n) => `<a href="#${n}"><code>${n}</code></a>`).join(', ');

  const entry = (e) => {
    if (e.kind === 'constant' && e.of) return ''; // enum members are listed with their enum
    const members = e.kind === 'enum' ? model.entries.filter((m) => m.of === e.name) : [];
    const sig = e.kind === 'macro' ? `#define ${e.signature} ${e.body || ''}`.trim() : e.signature.startsWith('#') ? e.signature : `${e.signature};`;
    return `<article class="entry" id="${e.name}">
<h3><code>${e.name}</code> <span class="kind">${KIND[e.kind] || e.kind}</span></h3>
<pre class="sig"><code>${esc(e.kind === 'enum' ? `typedef enum { ${members.map((m) => m.name).join(', ')} } ${e.name};` : sig)}</code></pre>
${doc(e.doc)}
${e.errors && e.errors.length ? `<p class="returns">Error codes: ${codeLinks(e.errors)}</p>` : ''}
${e.fields ? `<pre class="sig"><code>${esc(e.fields.replace(/; /g, ';\n  ').replace(/^\{ /, '{\n  ').replace(/ \}$/, '\n}'))}</code></pre>` : ''}
</article>`;
  };

  const errorTable = (g) => `<div class="table-wrap" tabindex="0" role="region" aria-label="Table of error codes"><table class="errors">
<thead><tr><th scope="col">Code</th><th scope="col">Value</th><th scope="col">Meaning</th><th scope="col">Returned by</th></tr></thead>
<tbody>${g.entries.filter((e) => e.kind === 'constant').map((e) => `<tr id="${e.name}"><th scope="row"><code>${e.name}</code></th><td><code>${esc(e.value ?? '')}</code></td><td>${inline(e.doc.replace(/\s+/g, ' ') || (e.name === 'ASYNC_OK' ? 'success' : e.message || ''))}</td><td>${
    e.calls && e.calls.length ? codeLinks(e.calls) : e.name === 'ASYNC_OK' ? 'every call that returns a code' : '<span class="none">–</span>'}</td></tr>`).join('\n')}</tbody></table></div>
${g.entries.filter((e) => e.kind !== 'constant').map(entry).join('\n')}`;

  /* A run of constants (an X-macro table's rows) reads best as a table. */
  const constantTable = (list, label) => `<div class="table-wrap" tabindex="0" role="region" aria-label="Table: ${esc(label)}"><table>
<thead><tr><th scope="col">Name</th><th scope="col">Value</th><th scope="col">Meaning</th></tr></thead>
<tbody>${list.map((e) => `<tr id="${e.name}"><th scope="row"><code>${e.name}</code></th><td><code>${esc(e.value ?? '')}</code></td><td>${inline((e.doc || e.message || '').replace(/\s+/g, ' '))}</td></tr>`).join('\n')}</tbody></table></div>`;
  const body = (g) => {
    const out = [];
    let run = [];
    const flush = () => {
      if (run.length >= 3) out.push(constantTable(run, `${g.title}: ${run[0].name} to ${run[run.length - 1].name}`));
      else out.push(...run.map(entry));
      run = [];
    };
    for (const e of g.entries) {
      const prefix = (x) => x.table || x.name.replace(/_[A-Z0-9]+$/, ''); /* one X-macro table's rows, or one name prefix */
      if (e.kind === 'constant' && !e.of && (!run.length || prefix(run[0]) === prefix(e))) { run.push(e); continue; }
      flush();
      if (e.kind === 'constant' && !e.of) run.push(e); else out.push(entry(e));
    }
    flush();
    return out.join('\n');
  };

  const section = (g) => `<section id="${g.id}" aria-labelledby="h-${g.id}">
<h2 id="h-${g.id}">${esc(g.title)}</h2>
${g.notes.map(doc).join('\n')}
${/^error/.test(g.id) ? errorTable(g) : body(g)}
</section>`;

  const notices = `<section id="notices" aria-labelledby="h-notices">
<h2 id="h-notices">Notices: why, and how to fix it</h2>
<p>Besides its own output, a run can print these notices (in the page's output pane, and on stderr natively). Each says what went wrong in the program's use of the loop.</p>
${NOTICES.map((n) => `<article class="entry notice" id="notice-${n.id}">
<h3>${esc(n.title)}</h3>
<p class="example"><samp>${esc(n.example)}</samp></p>
<p><strong>Why.</strong> ${inline(n.why)}</p>
<p><strong>How to fix it.</strong></p>
<ul>${n.fix.map((f) => `<li>${inline(f)}</li>`).join('')}</ul>
</article>`).join('\n')}
</section>`;

  const [first, ...rest] = model.overview.split('\n');
  const toc = [...model.groups.map((g) => [g.id, g.title]), ['notices', 'Notices']];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>API reference: async.h · Async C Playground</title>
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22 viewBox=%220 0 16 16%22%3E%3Ctext y=%2213%22 font-size=%2213%22%3E%E2%8F%B1%3C/text%3E%3C/svg%3E">
<link rel="stylesheet" href="reference.css">
</head>
<body>
<header>
  <p class="crumb"><a href="index.html">Async C Playground</a> · <a href="tutorial.html">Tutorial</a> · Reference</p>
  <h1>API reference: <code>async.h</code></h1>
  <p class="lede">${inline(first.replace(/^async\.h - (.)/, (_, c) => c.toUpperCase()))} Generated from <a href="async.h">the header itself</a>, which is the manual: every call with its contract and the error codes it returns.</p>
</header>
<nav aria-label="Contents"><ul>${toc.map(([id, t]) => `<li><a href="#${id}">${esc(t)}</a></li>`).join('')}</ul></nav>
<main>
<section id="overview" aria-labelledby="h-overview">
<h2 id="h-overview">Overview</h2>
${doc(rest.join('\n'))}
</section>
${model.groups.map(section).join('\n')}
${notices}
</main>
</body>
</html>
`;
}
