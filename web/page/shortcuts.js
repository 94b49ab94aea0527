/**
 * shortcuts.js - the playground's "Keyboard shortcuts" overlay: every key the
 * page answers to, grouped, in a modal <dialog>. showModal() makes the rest
 * of the page inert (focus stays in the dialog) and Escape closes it; focus
 * then returns to what had it. `?` opens it from anywhere but a text field.
 *
 *   mountShortcutsHelp({ opener: button, groups: [['Run', [['Ctrl+Enter', 'Run the program'], ...]], ...] });
 */

/**
 * @param {object} opts
 * @param {HTMLElement} opts.opener  the visible button that opens it
 * @param {[string, [string, string][]][]} opts.groups  [title, [[keys, what], ...]]
 * @returns {{dialog: HTMLDialogElement, open: () => void, handleKey: (e: KeyboardEvent) => boolean}}
 */
export function mountShortcutsHelp({ opener, groups }) {
  const dialog = document.createElement('dialog');
  dialog.className = 'shortcuts';
  dialog.setAttribute('aria-labelledby', 'shortcuts-title');
  const title = Object.assign(document.createElement('h2'), { id: 'shortcuts-title', textContent: 'Keyboard shortcuts' });
  dialog.append(title);
  for (const [name, keys] of groups) {
    const table = document.createElement('table');
    table.append(Object.assign(document.createElement('caption'), { textContent: name }));
    for (const [key, what] of keys) {
      const row = table.insertRow();
      const k = document.createElement('th');
      k.scope = 'row';
      for (const [i, part] of key.split(' / ').entries()) {
        if (i) k.append(' / ');
        k.append(Object.assign(document.createElement('kbd'), { textContent: part }));
      }
      row.append(k);
      row.insertCell().textContent = what;
    }
    dialog.append(table);
  }
  const close = Object.assign(document.createElement('button'), { type: 'button', className: 'close-dialog', textContent: 'Close' });
  close.addEventListener('click', () => dialog.close());
  dialog.append(close);
  document.body.append(dialog);

  let returnTo = null;
  function open() {
    if (dialog.open) return;
    returnTo = document.activeElement;
    dialog.showModal();
    close.focus();
  }
  dialog.addEventListener('close', () => {
    if (returnTo && returnTo.isConnected) returnTo.focus();
    returnTo = null;
  });
  /* a click on the backdrop (outside the dialog's box) closes it too */
  dialog.addEventListener('click', (e) => {
    if (e.target !== dialog) return;
    const r = dialog.getBoundingClientRect();
    if (e.clientX < r.left || e.clientX > r.right || e.clientY < r.top || e.clientY > r.bottom) dialog.close();
  });
  opener.addEventListener('click', open);

  return {
    dialog,
    open,
    /** `?` outside a text field opens the overlay; true if handled. */
    handleKey(e) {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || dialog.open) return false;
      const t = e.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return false;
      e.preventDefault();
      open();
      return true;
    },
  };
}
