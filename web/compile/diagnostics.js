/**
 * diagnostics.js - clang's and wasm-ld's messages as editor diagnostics
 * ({line, column, severity, message}). The compile service and the
 * in-browser compiler both compile the user's code as /w/NAME.c, so one
 * parser serves both; it runs in Node and in the browser.
 */

/** The most diagnostics shown for one compile. */
export const DIAGNOSTICS_LIMIT = 50;

/**
 * Turn compiler and linker output into diagnostics for the editor.
 * @param {string} stderr
 * @param {string} source  to place link errors on the line that uses the symbol
 * @param {number} [limit]  at most this many, then a note of how many more
 * @returns {{diagnostics: object[], truncated: boolean}}
 */
export function parseDiagnostics(stderr, source, limit = DIAGNOSTICS_LIMIT) {
  const diagnostics = [];
  const lines = source.split('\n');
  for (const raw of stderr.split('\n')) {
    let m = /^(\/w\/[\w.-]+\.c|\/rt\/[\w.]+|[^:\s]+):(\d+):(\d+): (fatal error|error|warning|note): (.*)$/.exec(raw);
    if (m) {
      const inMain = m[1].startsWith('/w/');
      const file = inMain ? 'main.c' : m[1].replace(/^\/rt\//, '');
      diagnostics.push({
        line: inMain ? Number(m[2]) : 0,
        column: inMain ? Number(m[3]) : 0,
        severity: m[4] === 'note' ? 'info' : m[4] === 'warning' ? 'warning' : 'error',
        message: inMain ? m[5] : `${file}:${m[2]}: ${m[5]}`,
      });
      continue;
    }
    m = /wasm-ld[^:]*: error: (?:[^:]*: )?(undefined symbol: (\S+))/.exec(raw) || /wasm-ld[^:]*: error: (.*)$/.exec(raw);
    if (m) {
      const symbol = m[2];
      const at = symbol ? lineOfCall(lines, symbol) : -1;
      const mem = /(?:initial|maximum) memory too small, (\d+) bytes needed/.exec(m[1]);
      const message = mem ? `the program's static data needs ${(Number(mem[1]) / 2 ** 20).toFixed(0)} MB, more than the 2048 MB a program may use: allocate big arrays with malloc` : m[1];
      diagnostics.push({ line: at + 1, column: at >= 0 ? lines[at].search(/\S|$/) + 1 : 0, severity: 'error', message });
    }
  }
  if (!diagnostics.length && stderr.trim()) {
    diagnostics.push({ line: 0, column: 0, severity: 'error', message: stderr.trim().split('\n').slice(-3).join(' ').slice(0, 500) });
  }
  const truncated = diagnostics.length > limit;
  if (truncated) {
    const more = diagnostics.length - limit;
    diagnostics.length = limit;
    diagnostics.push({ line: 0, column: 0, severity: 'info', message: `… and ${more} more diagnostics` });
  }
  return { diagnostics, truncated };
}

/** The line (0-based) that calls `symbol`, preferring a call to a prototype or definition; -1 if none. */
function lineOfCall(lines, symbol) {
  const name = symbol.replace(/[^\w]/g, '');
  const use = new RegExp(`\\b${name}\\s*\\(`);
  const declared = new RegExp(`(^|[^\\w])(?!return\\b|else\\b|case\\b|sizeof\\b)[A-Za-z_]\\w*[\\s*]+${name}\\s*\\(`);
  const candidates = lines.map((l, i) => (use.test(l) ? i : -1)).filter((i) => i >= 0);
  return candidates.find((i) => !declared.test(lines[i])) ?? candidates[0] ?? -1;
}
