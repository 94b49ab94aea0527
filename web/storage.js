/**
 * storage.js - the user's edits, one per example, in localStorage. Where
 * storage is blocked (a sandboxed or third-party iframe) the page still
 * works; edits then last as long as the page.
 */
const PREFIX = 'async-c-playground:edit:';
const memory = new Map();

function store() {
  try {
    const s = window.localStorage;
    s.getItem(PREFIX);
    return s;
  } catch {
    return null;
  }
}

/** @returns {string|null} the saved edit of an example */
export function loadEdit(name) {
  const s = store();
  try { return s ? s.getItem(PREFIX + name) : memory.get(name) ?? null; } catch { return memory.get(name) ?? null; }
}

/** Save (or, with null, forget) the edit of an example. */
export function saveEdit(name, code) {
  if (code === null) memory.delete(name);
  else memory.set(name, code);
  const s = store();
  try {
    if (!s) return;
    if (code === null) s.removeItem(PREFIX + name);
    else s.setItem(PREFIX + name, code);
  } catch { /* full or blocked: the in-memory copy stands */ }
}

/** @returns {boolean} whether edits survive a reload here */
export function persistent() { return store() !== null; }
