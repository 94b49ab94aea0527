/**
 * storage.js - the user's code in localStorage: one saved edit per example
 * (its "slot" is the example's name) and the user's own programs (drafts
 * opened from a link, and "New" ones; slot "program:ID"), listed with their
 * titles. Where storage is blocked (a sandboxed or third-party iframe) or
 * full, the page still works: the code then lasts as long as the page, and
 * the save calls say so, so the page can tell the user.
 *
 * Keys: PREFIX + 'edit:' + slot -> code; PREFIX + 'programs' -> JSON
 * [{id, title, example, original}] (example: the shipped example it started
 * from, or null; original: the code Reset returns to).
 */
const PREFIX = 'async-c-playground:';
const EDIT = `${PREFIX}edit:`;
const PROGRAMS = `${PREFIX}programs`;
const memory = new Map(); // key -> value the page wrote but storage did not keep (blocked or full)

function store() {
  try {
    const s = window.localStorage;
    s.getItem(PREFIX);
    return s;
  } catch {
    return null;
  }
}

/* The page's copy first: it holds only what storage failed to keep, which is newer than what storage has. */
function read(key) {
  if (memory.has(key)) return memory.get(key);
  const s = store();
  try { return s ? s.getItem(key) : null; } catch { return null; }
}

/**
 * @returns {'ok'|'blocked'|'full'} 'blocked': this browser keeps no storage
 *   for the page; 'full': its quota is used up. Either way the page's copy
 *   stands until it closes.
 */
function write(key, value) {
  if (value === null) memory.delete(key);
  else memory.set(key, value);
  const s = store();
  if (!s) return 'blocked';
  try {
    if (value === null) s.removeItem(key);
    else s.setItem(key, value);
    if (value !== null) memory.delete(key); // stored: storage is the copy to read (another tab may change it)
    return 'ok';
  } catch {
    return 'full';
  }
}

/** @returns {string|null} the saved code of a slot (an example's name, or "program:ID") */
export function loadEdit(slot) {
  return read(EDIT + slot);
}

/**
 * Save (or, with null, forget) the code of a slot.
 * @returns {'ok'|'blocked'|'full'}
 */
export function saveEdit(slot, code) {
  return write(EDIT + slot, code);
}

/** @returns {boolean} whether edits survive a reload here */
export function persistent() { return store() !== null; }

/** @returns {{id: string, title: string, example: string|null, original: string}[]} the user's own programs, oldest first */
export function listPrograms() {
  try { return JSON.parse(read(PROGRAMS) || '[]'); } catch { return []; }
}

/** @returns {string} the slot of a program */
export const programSlot = (id) => `program:${id}`;

/**
 * A program of the user's own, saved with its code.
 * @param {{title: string, example?: string|null, code: string}} p
 * @returns {{program: object, saved: 'ok'|'blocked'|'full'}}
 */
export function addProgram({ title, example = null, code }) {
  const list = listPrograms();
  const program = { id: `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`, title, example, original: code };
  list.push(program);
  const saved = write(PROGRAMS, JSON.stringify(list));
  write(EDIT + programSlot(program.id), code);
  return { program, saved };
}

/** Rename a program. @returns {'ok'|'blocked'|'full'} */
export function renameProgram(id, title) {
  const list = listPrograms();
  const p = list.find((x) => x.id === id);
  if (!p) return 'ok';
  p.title = title;
  return write(PROGRAMS, JSON.stringify(list));
}

/** Forget a program and its code. */
export function deleteProgram(id) {
  write(PROGRAMS, JSON.stringify(listPrograms().filter((p) => p.id !== id)));
  write(EDIT + programSlot(id), null);
}

/**
 * Another tab saved: `onSlot(slot, code)` for a slot's code (null: it was
 * reset), `onPrograms()` when the list of programs changed.
 * @returns {() => void} stops listening
 */
export function watchOtherTabs({ onSlot, onPrograms }) {
  const listener = (e) => {
    if (e.storageArea !== store() || e.key === null) return;
    if (e.key.startsWith(EDIT)) onSlot(e.key.slice(EDIT.length), e.newValue);
    else if (e.key === PROGRAMS) onPrograms();
  };
  window.addEventListener('storage', listener);
  return () => window.removeEventListener('storage', listener);
}
