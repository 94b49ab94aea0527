/**
 * timeline-view.js - draws the timeline model (timeline-model.js) on a
 * canvas it builds itself, live: one lane per task (and one for the loop),
 * segments coloured by state, red where the loop was blocked, a moving
 * "now" line, and a tooltip on hover. A frame draws only the lanes in view,
 * each at most one mark per pixel column (a dense lane is drawn from its
 * columns), so its cost does not grow with the run; nothing is drawn while
 * nothing changed. The accessible list of the same lanes is another view
 * (timeline-list.js).
 */
import { segmentEnd, describeSegment, describeColumn, laneAt, COLUMNS, STATE_BITS } from './timeline-model.js';
import { taskColor } from './colors.js';

const ROW = 20;
const GUTTER = 110;
const PAD = 8;

/** A round tick interval (1, 2 or 5 times a power of ten) near `raw` seconds. */
function niceStep(raw) {
  const p = 10 ** Math.floor(Math.log10(raw || 1));
  return [1, 2, 5, 10].map((m) => m * p).find((v) => v >= raw);
}

const STATE_STYLE = {
  running: (c) => c,
  ready: () => 'rgba(128,128,128,0.35)',
  sleeping: () => 'rgba(70,130,220,0.45)',
  waiting: () => 'rgba(200,150,40,0.55)',
};

/* The state a dense lane's column shows under its running share. */
const WAIT_ORDER = ['waiting', 'sleeping', 'ready', 'idle'];

/** Where time t (s) is drawn on a canvas `width` px wide showing `span` seconds. */
const xAt = (width, span) => (t) => GUTTER + (t / span) * (width - GUTTER - PAD);

function fillFor(lane, state, color, isDark) {
  if (lane.loop) return state === 'busy' ? (isDark ? 'rgba(220,220,220,0.6)' : 'rgba(60,60,60,0.6)') : 'rgba(128,128,128,0.15)';
  if (state === 'blocked') return '#e0262b';
  return (STATE_STYLE[state] || STATE_STYLE.ready)(color);
}

function bar(ctx, x0, x1, y, state) {
  const tall = state === 'running' || state === 'blocked' || state === 'busy';
  ctx.fillRect(x0, y + (tall ? 3 : 7), x1 - x0, tall ? ROW - 6 : ROW - 14);
}

/* A lane's segments, a run of sub-pixel ones as one mark per pixel column. */
function paintSegments(ctx, lane, y, x, t, color, isDark) {
  let lastPx = -1;
  let lastKind = '';
  for (const seg of lane.segments) {
    const x0 = x(seg.start);
    const x1 = Math.max(x(segmentEnd(seg, t)), x0 + 1.5);
    const kind = seg.blocked ? 'blocked' : seg.state;
    if (x1 - x0 < 2 && Math.floor(x0) === lastPx && kind === lastKind) continue;
    lastPx = Math.floor(x0);
    lastKind = kind;
    ctx.fillStyle = fillFor(lane, kind, color, isDark);
    bar(ctx, x0, x1, y, kind);
  }
}

/* A dense lane, per column: the waiting state it saw (short bar), then the
 * running share as the tall bar's opacity (red if the loop was blocked);
 * then the current segment. */
function paintColumns(ctx, lane, y, x, t, color, isDark) {
  const { width, bits, run } = lane.dense;
  const runState = lane.loop ? 'busy' : 'running';
  for (let c = 0; c < COLUMNS; c++) {
    if (!bits[c]) continue;
    const x0 = x(c * width);
    const x1 = Math.max(x((c + 1) * width), x0 + 1);
    const rest = WAIT_ORDER.find((st) => bits[c] & STATE_BITS[st]);
    if (rest) {
      ctx.fillStyle = fillFor(lane, rest, color, isDark);
      bar(ctx, x0, x1, y, rest);
    }
    const blocked = bits[c] & STATE_BITS.blocked;
    if (run[c] || blocked) {
      ctx.globalAlpha = blocked ? 1 : 0.25 + 0.75 * (run[c] / 255);
      ctx.fillStyle = fillFor(lane, blocked ? 'blocked' : runState, color, isDark);
      bar(ctx, x0, x1, y, blocked ? 'blocked' : runState);
      ctx.globalAlpha = 1;
    }
  }
  const seg = lane.current;
  if (seg) {
    ctx.fillStyle = fillFor(lane, seg.state, color, isDark);
    bar(ctx, x(seg.start), Math.max(x(segmentEnd(seg, t)), x(seg.start) + 1.5), y, seg.state);
  }
}

function paintLane(ctx, lane, y, x, t, isDark) {
  const fg = isDark ? '#ddd' : '#222';
  const color = taskColor(lane.id, isDark);
  ctx.fillStyle = lane.loop ? fg : color;
  ctx.fillText(lane.name.length > 14 ? `${lane.name.slice(0, 13)}…` : lane.name, 4, y + ROW / 2);
  if (lane.dense) paintColumns(ctx, lane, y, x, t, color, isDark);
  else paintSegments(ctx, lane, y, x, t, color, isDark);
  if (lane.loop) return;
  if (lane.final) {
    ctx.fillStyle = lane.final === 'cancelled' ? '#e0262b' : fg;
    ctx.fillText(lane.final === 'cancelled' ? '✕' : '✓', x(lane.end) + 3, y + ROW / 2);
  }
  if (lane.error) { /* where the program crashed */
    ctx.fillStyle = '#e0262b';
    ctx.font = 'bold 14px system-ui, sans-serif';
    ctx.fillText('✖', x(lane.error.time) - 4, y + ROW / 2);
    ctx.font = '12px system-ui, sans-serif';
  }
  if (lane.cancelAt !== null) {
    ctx.strokeStyle = '#e0262b';
    ctx.beginPath();
    ctx.moveTo(x(lane.cancelAt), y + 2);
    ctx.lineTo(x(lane.cancelAt), y + ROW - 2);
    ctx.stroke();
  }
}

/* Blocked stretches across all lanes, at most one per pixel column; the time axis; the now line. */
function paintOverlay(ctx, tl, x, span, t, w, h, isDark) {
  ctx.fillStyle = 'rgba(224,38,43,0.08)';
  let lastPx = -1;
  for (const b of tl.blocked) {
    if (Math.floor(x(b.start)) === lastPx) continue;
    lastPx = Math.floor(x(b.start));
    ctx.fillRect(x(b.start), 0, Math.max(x(b.end) - x(b.start), 2), h);
  }
  const step = niceStep(span / Math.max(2, Math.floor((w - GUTTER) / 90)));
  ctx.textBaseline = 'top';
  for (let s = 0; s <= span; s += step) {
    ctx.fillStyle = isDark ? 'rgba(255,255,255,0.08)' : 'rgba(0,0,0,0.07)';
    ctx.fillRect(x(s), 0, 1, h);
    ctx.fillStyle = isDark ? '#999' : '#777';
    ctx.fillText(span < 2 ? `${Math.round(s * 1000)} ms` : `${+s.toFixed(2)} s`, x(s) + 3, 2);
  }
  ctx.strokeStyle = isDark ? '#8cf' : '#06c';
  ctx.beginPath();
  ctx.moveTo(x(t), 0);
  ctx.lineTo(x(t), h);
  ctx.stroke();
}

/* The tooltip's text for pixel px of a lane, or null. */
function tipText(lane, px, x, span, width, now) {
  if (lane.dense) {
    const c = Math.floor((((px - GUTTER) / (width - GUTTER - PAD)) * span) / lane.dense.width);
    if (c >= 0 && c < COLUMNS && lane.dense.bits[c]) return describeColumn(lane, c);
    return lane.current && px >= x(lane.current.start) - 1 ? describeSegment(lane, lane.current, now) : null;
  }
  const seg = lane.segments.find((s) => px >= x(s.start) - 1 && px <= Math.max(x(segmentEnd(s, now)), x(s.start) + 2) + 1);
  return seg ? describeSegment(lane, seg, now) : null;
}

function element(tag, className, attrs = {}) {
  const el = document.createElement(tag);
  el.className = className;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

/**
 * @param {HTMLElement} root  the region to fill (its children are the view's); its
 *   data-theme="light|dark", when set, overrides prefers-color-scheme
 * @param {{now: () => number}} opts  current run time in seconds (moves while a real-clock run is live)
 */
export function mountTimeline(root, { now }) {
  const scroller = element('div', 'scroller');
  const canvas = element('canvas', '', { 'aria-hidden': 'true' });
  const spacer = element('div', 'spacer');
  const tip = element('div', 'tooltip', { role: 'tooltip' });
  tip.hidden = true;
  scroller.append(canvas, spacer);
  root.append(scroller, tip);
  const ctx = canvas.getContext('2d');
  const dark = matchMedia('(prefers-color-scheme: dark)');
  const isDark = () => (root.dataset.theme ? root.dataset.theme === 'dark' : dark.matches);
  let tl = null;
  let frame = 0;
  let live = false;
  let rowsSized = -1;

  const rowCount = () => (tl ? tl.lanes.length + 1 : 0);
  const spanNow = () => Math.max(tl ? Math.max(tl.end ?? 0, now()) : 0, 0.5) * 1.04;

  function draw() {
    frame = 0;
    const w = scroller.clientWidth;
    const h = Math.min(scroller.clientHeight, Math.max(ROW * 2, rowCount() * ROW + ROW));
    const dpr = devicePixelRatio || 1;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
      canvas.style.width = `${w}px`;
      canvas.style.height = `${h}px`;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    if (!tl) return;
    const t = now();
    const span = spanNow();
    const x = xAt(w, span);
    const first = Math.floor(scroller.scrollTop / ROW);
    const last = Math.min(rowCount(), first + Math.ceil(h / ROW) + 1);
    ctx.font = '12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (let i = first; i < last; i++) paintLane(ctx, laneAt(tl, i), (i - first) * ROW + ROW - (scroller.scrollTop % ROW), x, t, isDark());
    paintOverlay(ctx, tl, x, span, t, w, h, isDark());
    if (live) schedule();
  }

  function schedule() {
    if (!frame) frame = requestAnimationFrame(draw);
  }

  function resize() {
    if (rowCount() === rowsSized) return;
    rowsSized = rowCount();
    const total = rowCount() * ROW + ROW;
    spacer.style.height = `${total}px`;
    // data-fit="lanes": the region grows with its lanes (up to its max-height) instead of filling a layout.
    if (root.dataset.fit === 'lanes') scroller.style.height = `${total + 2}px`;
  }

  scroller.addEventListener('scroll', schedule, { passive: true });
  new ResizeObserver(schedule).observe(scroller);
  dark.addEventListener('change', schedule);
  /* data-theme="light|dark" on the region overrides the system's scheme (a demo following its host page) */
  new MutationObserver(schedule).observe(root, { attributes: true, attributeFilter: ['data-theme'] });

  canvas.addEventListener('mousemove', (e) => {
    if (!tl) return;
    const r = canvas.getBoundingClientRect();
    const px = e.clientX - r.left;
    const i = Math.floor((e.clientY - r.top + (scroller.scrollTop % ROW) - ROW) / ROW) + Math.floor(scroller.scrollTop / ROW);
    const w = scroller.clientWidth;
    const text = i >= 0 && i < rowCount() ? tipText(laneAt(tl, i), px, xAt(w, spanNow()), spanNow(), w, now()) : null;
    tip.hidden = !text;
    if (!text) return;
    tip.textContent = text;
    tip.style.left = `${Math.min(px + 12, w - 220)}px`;
    tip.style.top = `${e.clientY - r.top + 14}px`;
  });
  canvas.addEventListener('mouseleave', () => { tip.hidden = true; });

  return {
    /** Show a (new) timeline model. */
    show(model) {
      tl = model;
      rowsSized = -1;
      resize();
      schedule();
    },
    /**
     * The model changed.
     * @param {Set<number>} changes  ids of the lanes that changed
     */
    update(changes) {
      if (!changes.size) return;
      resize();
      schedule();
    },
    /** Animate the now line while a run is live. */
    setLive(on) {
      live = on;
      schedule();
    },
  };
}
