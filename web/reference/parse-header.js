/**
 * parse-header.js - reads wasm/async.h, the runtime's manual, into a model
 * that the reference page (render-reference.js), the editor's completion and
 * hover (editor-help.js, through api.json) and the tests share.
 *
 * The header's conventions, which this parser relies on and nothing more:
 *   - the file opens with a block comment: the overview;
 *   - `/* ---- Title ---- *\/` starts a group; everything up to the next one
 *     belongs to it;
 *   - a declaration's doc is the comment that ends its line (continued on
 *     the following comment-only lines), or a comment directly above it;
 *   - a stand-alone comment followed by a blank line is a note on its group;
 *   - error codes are ASYNC_E* names, as #defines, enum members or X-macro
 *     rows (`X(NAME, value, "message")`, the row's trailing comment its doc);
 *     a call returns the codes its doc names, and the codes whose doc names it.
 * Anything else (an #if, an unknown shape) is skipped, never fatal: a header
 * that grows new calls or tables still gives a reference.
 *
 * Pure: a string in, plain data out (runs in Node and in the browser).
 */

/**
 * @typedef {object} Entry
 * @property {string} name
 * @property {'function'|'macro'|'constant'|'type'|'enum'} kind
 * @property {string} signature  the declaration, whitespace collapsed
 * @property {string} doc        its comment, '' when it has none
 * @property {string} group      the group's id
 * @property {string[]} errors   ASYNC_E* codes it returns (functions and macros)
 * @property {string|number} [value]  constants: the value
 */

/** Collapse runs of whitespace. */
const squash = (s) => s.replace(/\s+/g, ' ').trim();

/** A group title as an id: "The loop" -> "the-loop". */
export const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** The text of a block comment: markers and the leading ` * ` of each line removed, line structure kept. */
export function commentText(raw) {
  const body = raw.replace(/^\/\*+/, '').replace(/\*+\/$/, '');
  const lines = body.split('\n').map((l) => l.replace(/^\s*\* ?/, (m) => (m.includes('*') ? '' : m)));
  // strip the common indentation of the non-empty lines (trailing comments continued under a column)
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)[0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  const out = lines.map((l) => l.slice(Math.min(cut, /^ */.exec(l)[0].length)).trimEnd());
  while (out.length && !out[0].trim()) out.shift();
  while (out.length && !out[out.length - 1].trim()) out.pop();
  return out.join('\n');
}

const GROUP_RE = /^\/\*\s*-{2,}\s*(.*?)\s*-{2,}\s*\*\/\s*$/;

/**
 * Split the header into tokens: comments and code statements, each with its
 * line number and whether a blank line follows.
 */
function tokenize(src) {
  const toks = [];
  const lines = src.split('\n');
  let i = 0;
  const blankAfter = (n) => n + 1 >= lines.length || !lines[n + 1].trim();
  while (i < lines.length) {
    const line = lines[i];
    const t = line.trim();
    if (!t) { i++; continue; }
    if (GROUP_RE.test(t)) { toks.push({ type: 'group', title: GROUP_RE.exec(t)[1], line: i + 1 }); i++; continue; }
    if (t.startsWith('/*')) {
      let text = line;
      const start = i;
      while (!text.includes('*/') && i + 1 < lines.length) text += `\n${lines[++i]}`;
      const end = text.indexOf('*/') + 2;
      const rest = text.slice(end).trim();
      toks.push({ type: 'comment', raw: text.slice(0, end).trim(), text: commentText(text.slice(0, end).trim()), line: start + 1, blankAfter: blankAfter(i) && !rest });
      i++;
      if (rest) { lines[i - 1] = rest; i--; } // code after a comment on the same line
      continue;
    }
    // a statement: a preprocessor line (with its continuations) or C up to `;` at depth 0
    const start = i;
    let code = '';
    const comments = [];
    const take = (l) => {
      // pull trailing /* ... */ comments out of the code (they may span lines)
      let s = l;
      let out = '';
      for (;;) {
        const c = s.indexOf('/*');
        if (c < 0) { out += s; break; }
        out += s.slice(0, c);
        let rest = s.slice(c);
        while (!rest.includes('*/') && i + 1 < lines.length) rest += `\n${lines[++i]}`;
        const e = rest.indexOf('*/') + 2;
        comments.push(rest.slice(0, e));
        s = rest.slice(e);
      }
      return out;
    };
    if (t.startsWith('#')) {
      code = take(line);
      while (/\\\s*$/.test(code) && i + 1 < lines.length) code = `${code.replace(/\\\s*$/, '')}\n${take(lines[++i])}`;
    } else {
      let depth = 0;
      for (;;) {
        const part = take(lines[i]);
        code += (code ? '\n' : '') + part;
        for (const ch of part) { if ('({['.includes(ch)) depth++; else if (')}]'.includes(ch)) depth--; }
        if ((depth <= 0 && /;\s*$/.test(part)) || (depth <= 0 && /^\s*}\s*$/.test(part) && code.trim() === '}') || i + 1 >= lines.length) break;
        if (/^\s*extern\s+"C"\s*\{\s*$/.test(code)) break; // extern "C" {
        i++;
      }
    }
    // comment-only lines right below continue the trailing comment (aligned docs)
    while (comments.length && i + 1 < lines.length && /^\s*\/\*/.test(lines[i + 1]) && !/^\s*\/\*/.test(lines[start])
      && !GROUP_RE.test(lines[i + 1].trim()) && lines[i + 1].search(/\S/) > 8) {
      let c = lines[++i];
      while (!c.includes('*/') && i + 1 < lines.length) c += `\n${lines[++i]}`;
      comments.push(c.trim());
    }
    toks.push({ type: 'code', code, doc: comments.map(commentText).join('\n'), line: start + 1, blankAfter: blankAfter(i) });
    i++;
  }
  return toks;
}

/** Rows of an X-macro table: `X(A, b, "c") \ /* doc *\/`. */
function xRows(body, trailing) {
  const rows = [];
  const re = /\b[A-Z_]\w*\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)/g;
  let m;
  while ((m = re.exec(body))) {
    const args = [];
    let cur = '';
    let depth = 0;
    let str = false;
    for (const ch of m[1]) {
      if (ch === '"' && cur.slice(-1) !== '\\') str = !str;
      if (!str && ch === '(') depth++;
      if (!str && ch === ')') depth--;
      if (!str && depth === 0 && ch === ',') { args.push(cur.trim()); cur = ''; } else cur += ch;
    }
    if (cur.trim()) args.push(cur.trim());
    if (!args.length || !/^[A-Za-z_]\w*$/.test(args[0])) continue;
    const strs = args.filter((a) => /^".*"$/.test(a)).map((a) => JSON.parse(a.replace(/\\'/g, "'")));
    const value = args.find((a, k) => k > 0 && /^\(?-?\s*\d+\)?$/.test(a));
    rows.push({ name: args[0], value: value === undefined ? undefined : Number(value.replace(/[()\s]/g, '')), message: strs[0] || '', doc: trailing.get(m.index) || '' });
  }
  return rows;
}

/**
 * Parse async.h.
 * @param {string} src  the header's text
 * @returns {{overview: string, groups: {id: string, title: string, notes: string[], entries: Entry[]}[],
 *   entries: Entry[], errors: Entry[]}}
 */
export function parseHeader(src) {
  const toks = tokenize(src.replace(/\r\n/g, '\n'));
  const groups = [];
  const entries = [];
  let overview = '';
  let group = null;
  let pending = null; // a comment directly above a declaration
  // the prefix X-macro rows expand with: `ASYNC_##name` -> "ASYNC_"
  const paste = /\b([A-Z][A-Z0-9_]*?_)\s*##\s*\w+/.exec(src);
  const xPrefix = paste ? paste[1] : 'ASYNC_';

  const add = (e) => {
    if (entries.some((x) => x.name === e.name)) return;
    const entry = { errors: [], ...e, group: group ? group.id : 'overview' };
    entries.push(entry);
    if (group) group.entries.push(entry);
  };

  for (let k = 0; k < toks.length; k++) {
    const tok = toks[k];
    if (!group && tok.type === 'code' && overview) {
      group = { id: 'types', title: 'Types', notes: [], entries: [] }; // declarations before the first group
      groups.push(group);
    }
    if (tok.type === 'group') {
      group = { id: slug(tok.title), title: tok.title, notes: [], entries: [] };
      groups.push(group);
      pending = null;
      continue;
    }
    if (tok.type === 'comment') {
      if (!overview && !group && k === 0) { overview = tok.text; continue; }
      if (pending) group?.notes.push(pending.text);
      pending = null;
      if (tok.blankAfter || toks[k + 1]?.type !== 'code') { if (group) group.notes.push(tok.text); } else pending = tok;
      continue;
    }
    // code
    const code = tok.code.trim();
    // a comment directly above is this declaration's doc only if it names it (else it is a note on the group)
    const declared = /(\w+)\s*(?:\(|;|$)/.exec(code.replace(/\{[\s\S]*\}/, '').replace(/\([^()]*\)\s*;?$/, '('));
    const above = pending && declared && new RegExp(`\\b${declared[1]}\\b`).test(pending.text) ? pending.text : '';
    if (pending && !above && group) group.notes.push(pending.text);
    pending = null;
    const doc = [above, tok.doc].filter(Boolean).join('\n');
    let m;
    if (/^#\s*(ifn?def|if|endif|else|elif|include|undef|pragma)\b/.test(code) || /^extern\s+"C"/.test(code) || code === '}') continue;
    if ((m = /^#\s*define\s+(\w+)\(([^)]*)\)\s*([\s\S]*)$/.exec(code))) {
      const [, name, params, body] = m;
      // an X-macro table: its body is rows of calls to its parameter
      const param = params.trim();
      if (/^[A-Za-z_]\w*$/.test(param) && new RegExp(`^\\s*(${param}\\s*\\([^]*?\\)\\s*)+$`).test(body.replace(/\\\n/g, '\n'))) {
        // each row's comments (they may span lines, or sit on the line after the row), from the raw source
        const rowsSrc = [];
        for (const l of src.split('\n').slice(tok.line - 1)) { rowsSrc.push(l); if (!/\\\s*$/.test(l)) break; }
        const text = rowsSrc.map((l) => l.replace(/\\\s*$/, '')).join('\n');
        const trailing = new Map();
        const cleanedText = text.replace(/\/\*[\s\S]*?\*\//g, (c) => ' '.repeat(c.length));
        const rowRe = new RegExp(`\\b${param}\\s*\\(`, 'g');
        const rowStarts = [];
        let rm;
        while ((rm = rowRe.exec(cleanedText))) rowStarts.push(rm.index);
        for (const cm of text.matchAll(/\/\*([\s\S]*?)\*\//g)) {
          const owner = rowStarts.filter((r) => r < cm.index).pop();
          if (owner !== undefined) trailing.set(owner, [trailing.get(owner), squash(cm[1])].filter(Boolean).join(' '));
        }
        const cleaned = [cleanedText];
        const table = cleaned.join('\n').replace(/^[^)]*\)/, (s) => ' '.repeat(s.length)); // drop "#define NAME(X)"
        // the prefix its rows expand with: TABLE(M) somewhere, and M's `PREFIX##name`
        const user = [...src.matchAll(new RegExp(`^(.*)\\b${name}\\s*\\(\\s*(\\w+)\\s*\\)`, 'gm'))].find((u) => !/#\s*define\s*$/.test(u[1]))?.slice(1);
        const def = user && new RegExp(`#\\s*define\\s+${user[1]}\\s*\\([^)]*\\)\\s*([A-Za-z_]\\w*?)\\s*##`).exec(src);
        const prefix = def ? def[1] : xPrefix;
        add({ name, kind: 'macro', signature: `${name}(${param})`, doc: doc || `The table itself, an X-macro: one ${param}(...) row for each ${prefix}* name below.`, body: '' });
        xRows(table, trailing).forEach((row, index) => {
          const full = row.name.startsWith(prefix) ? row.name : `${prefix}${row.name}`;
          const d = [row.doc, row.message].filter(Boolean)[0] || '';
          const value = row.value ?? index; /* a row without a value: its place in the enum the table makes */
          add({ name: full, kind: 'constant', signature: `${full} = ${value}`, doc: d, message: row.message, value, table: name });
        });
        continue;
      }
      if (name.startsWith('async_') || name.startsWith('ASYNC_')) {
        add({ name, kind: 'macro', signature: `${name}(${squash(params)})`, doc, body: squash(body.replace(/\\\n/g, ' ')) });
      }
      continue;
    }
    if ((m = /^#\s*define\s+(\w+)\s*(.*)$/s.exec(code))) {
      const [, name, value] = m;
      if (/^ASYNC_H$/.test(name) || !/^(ASYNC|async)_/.test(name)) continue;
      const v = squash(value);
      const num = /^\(?\s*(-?\d+)\s*\)?$/.exec(v);
      add({ name, kind: 'constant', signature: `#define ${name} ${v}`, doc, ...(num ? { value: Number(num[1]) } : { value: v }) });
      continue;
    }
    if ((m = /^(?:typedef\s+)?enum\s*\w*\s*\{([\s\S]*)\}\s*(\w*)\s*;$/.exec(code))) {
      const [, body, name] = m;
      if (name) add({ name, kind: 'enum', signature: `typedef enum { … } ${name}`, doc });
      let v = -1;
      for (const part of body.split(',')) {
        const mm = /^\s*([A-Za-z_]\w*)\s*(?:=\s*([^,]+))?\s*$/.exec(part.replace(/\/\*[\s\S]*?\*\//g, ''));
        if (!mm) continue;
        v = mm[2] !== undefined && /^-?\d+$/.test(mm[2].trim()) ? Number(mm[2]) : v + 1;
        if (!/^(ASYNC|async)_/.test(mm[1])) continue;
        add({ name: mm[1], kind: 'constant', signature: `${mm[1]} = ${v}`, doc: '', value: v, ...(name ? { of: name } : {}) });
      }
      continue;
    }
    if ((m = /^typedef\s+([\s\S]*?)\(\s*\*\s*(\w+)\s*\)\s*\(([\s\S]*)\)\s*;$/.exec(code))) {
      add({ name: m[2], kind: 'type', signature: squash(code.replace(/;$/, '')), doc });
      continue;
    }
    if ((m = /^typedef\s+struct\s*(\w*)\s*(\{[\s\S]*\})?\s*(\w+)\s*;$/.exec(code))) {
      add({ name: m[3], kind: 'type', signature: m[2] ? `typedef struct { … } ${m[3]}` : `typedef struct ${m[1]} ${m[3]}`, doc, fields: m[2] ? squash(m[2]) : undefined });
      continue;
    }
    if ((m = /^([\s\S]*?)\b(\w+)\s*\(([\s\S]*)\)\s*;$/.exec(code)) && /^(async|ASYNC)_/.test(m[2])) {
      add({ name: m[2], kind: 'function', signature: squash(code.replace(/;$/, '')).replace(/\s*\(\s*/, '(').replace(/\s*\*\s*(?=\w+\()/, ' *'), doc });
      continue;
    }
  }

  // Which codes each call returns: the codes its doc names, and the codes whose doc names it.
  const errors = entries.filter((e) => e.kind === 'constant' && /^ASYNC_E[A-Z]+$/.test(e.name));
  const calls = entries.filter((e) => e.kind === 'function' || e.kind === 'macro');
  for (const c of calls) {
    // a clause about something else ("t's next suspension returns ...", "waiting tasks wake with ...") is not what c returns
    const own = c.doc.split(/;|\n(?=\S)/).filter((clause) => !/\b\w+ returns\b|\bwakes? with\b/.test(clause)).join(';');
    const named = new Set(/^void\b/.test(c.signature) ? [] : own.match(/\bASYNC_E[A-Z]+\b/g) || []);
    for (const err of errors) {
      const re = new RegExp(`\\b${c.name}\\b`);
      if (re.test(err.doc)) named.add(err.name);
    }
    c.errors = errors.map((e) => e.name).filter((n) => named.has(n));
  }
  for (const err of errors) err.calls = calls.filter((c) => c.errors.includes(err.name)).map((c) => c.name);
  return { overview, groups, entries, errors };
}

/**
 * The first sentence of a doc, for completion lists.
 * @param {string} doc
 */
export function summary(doc) {
  const flat = squash(doc);
  const m = /^(.*?[.;])(\s|$)/.exec(flat);
  return (m ? m[1] : flat).replace(/[;.]$/, '');
}

/**
 * What the editor needs: every async_* and ASYNC_* name with its signature,
 * its doc and its group (kept small: it ships with the editor).
 * @param {ReturnType<typeof parseHeader>} model
 * @returns {{name: string, kind: string, signature: string, doc: string, group: string, errors: string[]}[]}
 */
export function editorApi(model) {
  return model.entries.filter((e) => /^(async|ASYNC)_/.test(e.name)).map((e) => ({
    name: e.name, kind: e.kind, signature: e.signature, doc: squash(e.doc), group: e.group, ...(e.errors.length ? { errors: e.errors } : {}),
  }));
}
