/**
 * styles.js - the inspector's styles, as text the views add themselves
 * (the panel to the page's head, the markers through CodeMirror's theme).
 * Colours are light-dark() pairs, so the color-scheme of where they sit
 * picks one (the page's data-theme, a demo's host, or the system); the page's
 * variables (panes.css) win where they exist. Task colours are the
 * timeline's and the output's: OKLCH at one lightness per scheme, the hue
 * from colors.js.
 */
export const PANEL_CSS = `
.loop-panel { --lp-fg: var(--fg, light-dark(#1d1d1f, #e6e6e6)); --lp-muted: var(--muted, light-dark(#595959, #a6a6a6));
  --lp-bg: var(--panel, light-dark(#fff, #1e1f23)); --lp-border: var(--line, light-dark(#ccc, #44464c));
  --lp-now: light-dark(#fff1b8, #4a3f10); --lp-now-fg: light-dark(#3a2c00, #fff4c2);
  --lp-bad: var(--err-fg, light-dark(#a8181d, #ff8a8a)); --lp-bad-bg: var(--err-bg, light-dark(#fde3e3, #431d1f));
  color: var(--lp-fg); background: var(--lp-bg); font: 13px/1.45 system-ui, sans-serif; padding: 8px 10px; overflow: auto; }
.loop-panel .lp-title { font-size: 14px; margin: 0 0 4px; }
.loop-panel .lp-status { margin: 0 0 6px; color: var(--lp-muted); font-variant-numeric: tabular-nums; }
.loop-panel .lp-code { margin: 0 0 8px; padding: 6px 8px; border: 1px solid var(--lp-border); border-radius: 4px;
  font: 12px/1.5 ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre; overflow-x: auto; }
.loop-panel .lp-line.lp-now { background: var(--lp-now); color: var(--lp-now-fg); font-weight: 600; }
.loop-panel .lp-note { color: inherit; font-style: italic; }
.loop-panel .lp-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 6px 14px; }
.loop-panel h3 { font-size: 12px; margin: 4px 0 2px; text-transform: uppercase; letter-spacing: .04em; color: var(--lp-muted); }
.loop-panel .lp-list { margin: 0; padding-left: 1.4em; }
.loop-panel .lp-waits, .loop-panel .lp-objects, .loop-panel .lp-input { list-style: none; padding-left: 0; }
.loop-panel .lp-empty { margin: 0; color: var(--lp-muted); font-style: italic; }
.loop-panel .lp-task { font-weight: 600; color: light-dark(oklch(0.5 0.13 var(--task-hue)), oklch(0.8 0.13 var(--task-hue)));
  cursor: pointer; white-space: nowrap; }
.loop-panel .lp-swatch { display: inline-block; width: .7em; height: .7em; border-radius: 2px; margin-right: .3em;
  background: currentColor; vertical-align: baseline; }
.loop-panel .lp-deadlock { margin: 0 0 8px; padding: 4px 8px; color: var(--lp-bad); background: var(--lp-bad-bg); border-left: 3px solid var(--lp-bad); }
.loop-panel .lp-cycle { outline: 2px solid var(--lp-bad); outline-offset: 1px; border-radius: 2px; }
.lp-stepper { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 6px 10px; font: 13px system-ui, sans-serif; }
.lp-stepper button { font: inherit; padding: 3px 10px; }
.lp-stepper .lp-slider { flex: 1 1 160px; min-width: 120px; }
#output .line.after-cursor .text, #output .line.after-cursor .who, #output .line.after-cursor .time { color: var(--muted, #666); font-style: italic; }
.loop-panel .lp-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

/** CodeMirror theme rules for the task markers (markers.js). */
export const MARKER_THEME = {
  '.cm-task-marker': {
    display: 'inline-block', marginLeft: '1em', padding: '0 .45em', borderRadius: '3px', border: '1px solid',
    font: '11px/1.5 system-ui, sans-serif', cursor: 'pointer', verticalAlign: 'baseline',
    color: 'light-dark(oklch(0.42 0.13 var(--task-hue)), oklch(0.85 0.11 var(--task-hue)))',
    borderColor: 'light-dark(oklch(0.5 0.13 var(--task-hue)), oklch(0.7 0.13 var(--task-hue)))',
    background: 'light-dark(oklch(0.97 0.02 var(--task-hue)), oklch(0.27 0.04 var(--task-hue)))',
  },
  '.cm-task-marker:focus-visible': { outline: '2px solid currentColor', outlineOffset: '1px' },
  '.cm-task-line': { boxShadow: 'inset 3px 0 0 light-dark(oklch(0.5 0.13 var(--task-hue)), oklch(0.8 0.13 var(--task-hue)))' },
};
