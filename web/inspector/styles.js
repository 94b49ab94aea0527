/**
 * styles.js - the inspector's styles, as text the views add themselves
 * (the panel to the page's head, the markers through CodeMirror's theme).
 * Both themes: the system's dark scheme, or [data-theme="dark"] on <html>.
 * Task colours are their hue (colors.js), lightened for dark backgrounds.
 */
export const PANEL_CSS = `
.loop-panel { --lp-fg: #1d1d1f; --lp-muted: #555; --lp-bg: #fff; --lp-now: #fff3bf; --lp-now-fg: #3a2c00; --lp-border: #ccc;
  --lp-bad: #b3141b; --lp-bad-bg: #fde8e8; --lp-l: 28%;
  color: var(--lp-fg); background: var(--lp-bg); font: 13px/1.45 system-ui, sans-serif; padding: 8px 10px; overflow: auto; }
@media (prefers-color-scheme: dark) { :root:not([data-theme="light"]) .loop-panel { --lp-fg: #e8e8e8; --lp-muted: #b0b0b0;
  --lp-bg: #1e1e1e; --lp-now: #4a3f10; --lp-now-fg: #fff4c2; --lp-border: #555; --lp-bad: #ff8a8a; --lp-bad-bg: #3d1616; --lp-l: 72%; } }
:root[data-theme="dark"] .loop-panel { --lp-fg: #e8e8e8; --lp-muted: #b0b0b0; --lp-bg: #1e1e1e; --lp-now: #4a3f10; --lp-now-fg: #fff4c2;
  --lp-border: #555; --lp-bad: #ff8a8a; --lp-bad-bg: #3d1616; --lp-l: 72%; }
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
.loop-panel .lp-task { font-weight: 600; color: hsl(var(--task-hue) 65% var(--lp-l)); cursor: pointer; white-space: nowrap; }
.loop-panel .lp-swatch { display: inline-block; width: .7em; height: .7em; border-radius: 2px; margin-right: .3em;
  background: hsl(var(--task-hue) 65% var(--lp-l)); vertical-align: baseline; }
.loop-panel .lp-deadlock { margin: 0 0 8px; padding: 4px 8px; color: var(--lp-bad); background: var(--lp-bad-bg); border-left: 3px solid var(--lp-bad); }
.loop-panel .lp-cycle { outline: 2px solid var(--lp-bad); outline-offset: 1px; border-radius: 2px; }
.lp-stepper { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 6px 10px; font: 13px system-ui, sans-serif; }
.lp-stepper button { font: inherit; padding: 3px 10px; }
.lp-stepper .lp-slider { flex: 1 1 160px; min-width: 120px; }
.loop-panel .lp-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

/** CodeMirror theme rules for the task markers (markers.js). */
export const MARKER_THEME = {
  '.cm-task-marker': {
    display: 'inline-block', marginLeft: '1em', padding: '0 .45em', borderRadius: '3px', border: '1px solid',
    font: '11px/1.5 system-ui, sans-serif', cursor: 'pointer', verticalAlign: 'baseline',
    color: 'hsl(var(--task-hue) 70% 25%)', borderColor: 'hsl(var(--task-hue) 65% 30%)', background: 'hsl(var(--task-hue) 65% 95%)',
  },
  '&dark .cm-task-marker': {
    color: 'hsl(var(--task-hue) 65% 78%)', borderColor: 'hsl(var(--task-hue) 65% 70%)', background: 'hsl(var(--task-hue) 40% 16%)',
  },
  '.cm-task-marker:focus-visible': { outline: '2px solid currentColor', outlineOffset: '1px' },
  '.cm-task-line': { boxShadow: 'inset 3px 0 0 hsl(var(--task-hue) 65% 45%)' },
};
