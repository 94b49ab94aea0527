/**
 * timeline-view.js - draws the timeline model (timeline-model.js) on a
 * canvas it builds itself, live: one lane per task (and one for the loop),
 * segments coloured by state, red where the loop was blocked, a moving
 * "now" line, and a tooltip on hover. A frame draws only the lanes in view,
 * each at most one mark per pixel column (a dense lane is drawn from its
 * columns), so its cost does not grow with the run; nothing is drawn while
 * nothing changed. The accessible list of the same lanes is another view
 * (timeline-list.js).
 *
 * A task running for over 100 ms without suspending is drawn red as it
 * happens (the runtime's `blocked` event comes only when it suspends), and a
 * notice in the region says so. The lanes take focus: arrow keys move through
 * tasks (up, down) and their segments (left, right; a dense lane's pixel
 * columns), and the details are announced; a tap shows them as a hover does.
 *
 * A cursor (attachCursor, the inspector's): a line at a moment of the run and
 * a handle that takes focus (a slider: arrow keys move it by one event); a
 * press or drag on the lanes (mouse, pen or touch) moves it, and a click on a
 * lane says which task was picked. The view draws it where it is told
 * (setCursor); what a moment means is its owner's business.
 */
import { segmentEnd, describeSegment, describeColumn, laneAt, COLUMNS, STATE_BITS } from './timeline-model.js';
import { taskColor, ERROR_RED } from './colors.js';
import { joinTimeScale } from './time-scale.js';

const ROW = 20;
const GUTTER = 110; // at least; wider for longer task names
const PAD = 8;
/** A slice this long blocks the loop (the runtime's threshold, asyncio's slow_callback_duration). */
const BLOCKING_S = 0.1;

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
const LOOP_STYLE = {
  busy: (dark) => (dark ? 'rgba(220,220,220,0.6)' : 'rgba(60,60,60,0.6)'),
  idle: () => 'rgba(128,128,128,0.15)',
};

/* The state a dense lane's column shows under its running share. */
const WAIT_ORDER = ['waiting', 'sleeping', 'ready', 'idle'];

/** Running for over 100 ms without suspending: blocking the loop now, or reported as such. */
function isBlocking(seg, t) {
  return seg.blocked || (seg.state === 'running' && segmentEnd(seg, t) - seg.start > BLOCKING_S);
}

/**
 * The legend, from the same styles the canvas draws with: each swatch kept
 * with its label. Running bars take their task's colour.
 * @param {HTMLElement} el
 */
export function renderLegend(el) {
  const dark = matchMedia('(prefers-color-scheme: dark)');
  const draw = () => {
    const item = (label, background, title) => {
      const span = document.createElement('span');
      span.className = 'item';
      if (title) span.title = title;
      const sw = document.createElement('i');
      sw.style.background = background;
      span.append(sw, label);
      return span;
    };
    const tasks = [1, 2, 3].map((n) => taskColor(n, dark.matches));
    el.replaceChildren(
      item('running (task colour)', `linear-gradient(90deg, ${tasks[0]} 33%, ${tasks[1]} 33% 66%, ${tasks[2]} 66%)`),
      item('ready', STATE_STYLE.ready()), item('sleeping', STATE_STYLE.sleeping()), item('waiting', STATE_STYLE.waiting()),
      item('blocking the loop', ERROR_RED, 'running for over 100 ms without suspending'),
      item('loop busy', LOOP_STYLE.busy(dark.matches)), item('loop idle', LOOP_STYLE.idle()),
      Object.assign(document.createElement('span'), { className: 'item', textContent: '✓ done' }),
      Object.assign(document.createElement('span'), { className: 'item cancelled', textContent: '✕ cancelled' }));
  };
  draw();
  dark.addEventListener('change', draw);
}

let regions = 0;
/** Timelines on one page get distinct names (the demo's example, else a number): landmarks must differ. */
function labelRegion(root) {
  regions++;
  const example = root.getRootNode().host?.getAttribute('example');
  if (example) root.setAttribute('aria-label', `Timeline of ${example}.c`);
  else if (regions > 1) root.setAttribute('aria-label', `Timeline ${regions}`);
}

/** The axis label at time s. */
function axisLabel(s, span) {
  return span < 2 ? `${Math.round(s * 1000)} ms` : `${+s.toFixed(2)} s`;
}

/** Where time t (s) is drawn on a canvas `width` px wide showing `span` seconds, lanes starting at `g` px. */
const xAt = (width, span, g) => (t) => g + (t / span) * (width - g - PAD);

function fillFor(lane, state, color, isDark) {
  if (lane.loop) return (LOOP_STYLE[state] || LOOP_STYLE.idle)(isDark);
  if (state === 'blocked') return ERROR_RED;
  return (STATE_STYLE[state] || STATE_STYLE.ready)(color);
}

function bar(ctx, x0, x1, y, state) {
  const tall = state === 'running' || state === 'blocked' || state === 'busy';
  ctx.fillRect(x0, y + (tall ? 3 : 7), x1 - x0, tall ? ROW - 6 : ROW - 14);
}

/* A segment's drawn state: blocked while a task's slice blocks the loop, even before the runtime says so. */
const kindOf = (lane, seg, t) => (!lane.loop && (isBlocking(seg, t) || seg.blocks) ? 'blocked' : seg.state); /* blocks: a stdin read, the loop waits */

/* A lane's segments, a run of sub-pixel ones as one mark per pixel column. */
function paintSegments(ctx, lane, y, x, t, color, isDark) {
  let lastPx = -1;
  let lastKind = '';
  for (const seg of lane.segments) {
    const x0 = x(seg.start);
    const x1 = Math.max(x(segmentEnd(seg, t)), x0 + 1.5);
    const kind = kindOf(lane, seg, t);
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
    const kind = kindOf(lane, seg, t);
    ctx.fillStyle = fillFor(lane, kind, color, isDark);
    bar(ctx, x(seg.start), Math.max(x(segmentEnd(seg, t)), x(seg.start) + 1.5), y, kind);
  }
}

/** A lane name in the gutter: whole, in a smaller font if it must, cut only past that. */
function drawName(ctx, name, y, g) {
  let size = 12;
  ctx.font = `${size}px system-ui, sans-serif`;
  while (size > 9 && ctx.measureText(name).width > g - 8) ctx.font = `${--size}px system-ui, sans-serif`;
  let text = name;
  while (text.length > 4 && ctx.measureText(text).width > g - 8) text = `${text.slice(0, -2)}…`;
  ctx.fillText(text, 4, y);
  ctx.font = '12px system-ui, sans-serif';
}

function paintLane(ctx, lane, y, x, t, isDark, g) {
  const fg = isDark ? '#ddd' : '#222';
  const color = taskColor(lane.id, isDark);
  ctx.fillStyle = lane.loop ? fg : color;
  drawName(ctx, lane.name, y + ROW / 2, g);
  if (lane.dense) paintColumns(ctx, lane, y, x, t, color, isDark);
  else paintSegments(ctx, lane, y, x, t, color, isDark);
  if (lane.loop) return;
  if (lane.final) {
    ctx.fillStyle = lane.final === 'cancelled' ? ERROR_RED : fg;
    ctx.fillText(lane.final === 'cancelled' ? '✕' : '✓', x(lane.end) + 3, y + ROW / 2);
  }
  if (lane.error) { /* where the program crashed */
    ctx.fillStyle = ERROR_RED;
    ctx.font = 'bold 14px system-ui, sans-serif';
    ctx.fillText('✖', x(lane.error.time) - 4, y + ROW / 2);
    ctx.font = '12px system-ui, sans-serif';
  }
  if (lane.cancelAt !== null) {
    ctx.strokeStyle = ERROR_RED;
    ctx.beginPath();
    ctx.moveTo(x(lane.cancelAt), y + 2);
    ctx.lineTo(x(lane.cancelAt), y + ROW - 2);
    ctx.stroke();
  }
}

/**
 * Ticks at a round step. A label that would leave the canvas is moved
 * inside it, and one the now line would cross goes left of its tick where
 * that meets no other label, so the ends stay readable.
 */
function drawAxis(ctx, x, span, step, w, h, isDark, nowX) {
  ctx.font = '12px system-ui, sans-serif';
  ctx.textBaseline = 'top';
  let prevRight = 0;
  for (let s = 0; s <= span; s += step) {
    ctx.fillStyle = isDark ? 'rgba(255,255,255,0.08)' : 'rgba(0,0,0,0.07)';
    ctx.fillRect(x(s), 0, 1, h);
    ctx.fillStyle = isDark ? '#b0b0b0' : '#595959';
    const label = axisLabel(s, span);
    const width = ctx.measureText(label).width;
    let left = Math.min(x(s) + 3, w - width - 2);
    if (nowX >= left - 2 && nowX <= left + width + 2 && x(s) - width - 3 > prevRight + 6) left = x(s) - width - 3;
    ctx.fillText(label, left, 2);
    prevRight = left + width;
  }
}

/* Blocked stretches across all lanes, at most one per pixel column. */
function paintBlocked(ctx, tl, x, h) {
  ctx.fillStyle = 'rgba(224,38,43,0.08)';
  let lastPx = -1;
  for (const b of tl.blocked) {
    if (Math.floor(x(b.start)) === lastPx) continue;
    lastPx = Math.floor(x(b.start));
    ctx.fillRect(x(b.start), 0, Math.max(x(b.end) - x(b.start), 2), h);
  }
}

/* The inspector's cursor: a wider line in the accent colour, with a knob on the axis. */
function paintCursor(ctx, x, t, h, isDark) {
  const c = isDark ? '#ffb454' : '#b34700';
  ctx.fillStyle = c;
  ctx.fillRect(Math.round(x(t)) - 1, 0, 3, h);
  ctx.beginPath();
  ctx.moveTo(x(t) - 6, 0);
  ctx.lineTo(x(t) + 6, 0);
  ctx.lineTo(x(t), 8);
  ctx.fill();
}

/* The now line. */
function paintNow(ctx, x, t, h, isDark) {
  ctx.strokeStyle = isDark ? '#8cf' : '#06c';
  ctx.beginPath();
  ctx.moveTo(x(t), 0);
  ctx.lineTo(x(t), h);
  ctx.stroke();
}

/**
 * What a lane shows, one entry per thing a pointer or the keyboard can pick:
 * its segments, or for a dense lane its drawn columns ({col, start, end})
 * then its current segment.
 */
function marksOf(lane) {
  if (!lane.dense) return lane.segments;
  const { width, bits } = lane.dense;
  const marks = [];
  for (let c = 0; c < COLUMNS; c++) if (bits[c]) marks.push({ col: c, start: c * width, end: (c + 1) * width });
  if (lane.current) marks.push(lane.current);
  return marks;
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
  const notice = element('div', 'blocking', { role: 'status' });
  notice.hidden = true;
  notice.style.borderColor = ERROR_RED; /* the blocked lanes' red */
  const scroller = element('div', 'scroller', { role: 'group', 'aria-label': 'Lanes: arrow keys move through tasks and their events' });
  scroller.tabIndex = 0;
  const canvas = element('canvas', '', { 'aria-hidden': 'true' });
  const spacer = element('div', 'spacer');
  const tip = element('div', 'tooltip', { role: 'tooltip' });
  tip.hidden = true;
  const announcer = element('div', 'visually-hidden', { 'aria-live': 'polite' });
  scroller.append(canvas, spacer);
  root.append(notice, scroller, tip, announcer);
  labelRegion(root);
  const ctx = canvas.getContext('2d');
  const dark = matchMedia('(prefers-color-scheme: dark)');
  /** data-theme="light|dark" on the region overrides the system's scheme (a demo following its host page). */
  const isDark = () => (root.dataset.theme ? root.dataset.theme === 'dark' : dark.matches);
  let tl = null;
  let frame = 0;
  let live = false;
  let rowsSized = -1;
  let gutter = { lanes: 0, px: GUTTER }; // measured for this many lanes (tl.lanes)
  let running = null; // the lane that runs now, if any (one task runs at a time)

  const rowCount = () => (tl ? tl.lanes.length + 1 : 0);
  const rowAt = (i) => (i >= 0 && i < rowCount() ? laneAt(tl, i) : null);
  const shared = root.dataset.timescale ? joinTimeScale(root.dataset.timescale, () => schedule()) : null;
  const spanNow = () => {
    const own = tl ? Math.max(tl.end ?? 0, now()) : 0;
    if (shared) shared.report(own);
    return Math.max(own, shared ? shared.span() : 0, 0.5) * 1.04;
  };

  /** Wide enough for every lane's whole name, up to 45% of the width. Lanes only grow: each name is measured once. */
  function gutterPx(width) {
    if (tl && gutter.lanes < tl.lanes.length) {
      ctx.font = '12px system-ui, sans-serif';
      let widest = gutter.px - 12;
      for (let i = gutter.lanes; i < tl.lanes.length; i++) widest = Math.max(widest, ctx.measureText(tl.lanes[i].name).width);
      gutter = { lanes: tl.lanes.length, px: Math.max(GUTTER, Math.ceil(widest) + 12) };
    }
    return Math.min(gutter.px, Math.max(GUTTER, Math.floor(width * 0.45)));
  }

  /* data-timescale="name": one time axis with every timeline of that name (time-scale.js) */

  function scale(width) {
    const span = spanNow();
    const g = gutterPx(width);
    return { x: xAt(width, span, g), span, gutter: g };
  }

  /** The live notice: a task blocking the loop right now (under the real clock). */
  function showBlocking(t) {
    const lane = running && running.current && running.current.state === 'running' && isBlocking(running.current, t) ? running : null;
    if (!lane) { notice.hidden = true; return; }
    if (notice.hidden || Math.floor(t * 4) !== Math.floor(Number(notice.dataset.t || 0) * 4)) { // words change at most 4 times a second
      notice.textContent = `'${lane.name}' has run for ${Math.round((t - lane.current.start) * 1000)} ms without suspending: the event loop is blocked, no other task can run.`;
      notice.dataset.t = String(t);
    }
    notice.dataset.task = lane.name;
    notice.hidden = false;
  }

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
    const dk = isDark();
    const { x, span, gutter: g } = scale(w);
    if (root.dataset.gutter !== String(g)) root.dataset.gutter = String(g); // where lanes start, for tests and pointer math
    const first = Math.floor(scroller.scrollTop / ROW);
    const last = Math.min(rowCount(), first + Math.ceil(h / ROW) + 1);
    ctx.font = '12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (let i = first; i < last; i++) paintLane(ctx, laneAt(tl, i), (i - first) * ROW + ROW - (scroller.scrollTop % ROW), x, t, dk, g);
    paintBlocked(ctx, tl, x, h);
    drawAxis(ctx, x, span, niceStep(span / Math.max(2, Math.floor((w - g) / 90))), w, h, dk, x(t));
    drawSelection(x, t, first, w, g);
    paintNow(ctx, x, t, h, dk);
    if (cursor) {
      paintCursor(ctx, x, cursor.time, h, dk);
      handle.style.left = `${scroller.offsetLeft + Math.round(x(cursor.time)) - 6}px`;
      handle.style.top = `${scroller.offsetTop}px`;
      handle.style.height = `${h}px`;
    }
    showBlocking(t);
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

  /** The lane row and mark (marksOf) under a point of the canvas (client coordinates), or null. */
  function hit(clientX, clientY) {
    if (!tl) return null;
    const r = canvas.getBoundingClientRect();
    const px = clientX - r.left;
    const row = Math.floor((clientY - r.top + (scroller.scrollTop % ROW) - ROW) / ROW) + Math.floor(scroller.scrollTop / ROW);
    const lane = rowAt(row);
    if (!lane) return null;
    const { x } = scale(scroller.clientWidth);
    const t = now();
    const marks = marksOf(lane);
    const seg = marks.findIndex((s) => px >= x(s.start) - 1 && px <= Math.max(x(segmentEnd(s, t)), x(s.start) + 2) + 1);
    return seg >= 0 ? { row, seg, mark: marks[seg] } : null;
  }

  /** What a mark was, in words (tooltip and announcement). */
  function describe(lane, mark) {
    if (mark.col !== undefined) return describeColumn(lane, mark.col);
    return lane.loop ? `event loop: ${mark.state}, ${Math.round(mark.start * 1000)} ms to ${mark.end === null ? 'now' : `${Math.round(mark.end * 1000)} ms`}`
      : describeSegment(lane, mark, now());
  }

  /** Show a mark's details at (left, top) px in the region. */
  function showTip(lane, mark, left, top) {
    tip.textContent = describe(lane, mark);
    tip.hidden = false;
    tip.style.left = `${Math.max(0, Math.min(left, scroller.clientWidth - 220))}px`;
    tip.style.top = `${top + scroller.offsetTop}px`; // the region's coordinates: a notice may sit above the lanes
  }

  canvas.addEventListener('mousemove', (e) => {
    const h = hit(e.clientX, e.clientY);
    if (!h) { tip.hidden = true; return; }
    const r = canvas.getBoundingClientRect();
    showTip(rowAt(h.row), h.mark, e.clientX - r.left + 12, e.clientY - r.top + 14);
  });
  canvas.addEventListener('mouseleave', () => { // back to the selected mark's details (a tap is followed by a leave)
    if (selTip) showTip(...selTip);
    else tip.hidden = true;
  });

  // ---- keyboard and touch: one selected mark, outlined, shown and announced ----
  let sel = null; // {row, seg, mark}: a row and an index into marksOf(its lane)
  let selTip = null; // showTip's arguments for it

  /** Select a mark: scroll its lane into view, outline it, show and (unless told not to) announce its details.
   * @returns {string} what it announces */
  function select(row, seg, announce = true) {
    const n = rowCount();
    if (!n) return '';
    row = Math.max(0, Math.min(row, n - 1));
    const lane = laneAt(tl, row);
    const marks = marksOf(lane);
    if (!marks.length) return '';
    seg = Math.max(0, Math.min(seg, marks.length - 1));
    const s = marks[seg];
    sel = { row, seg, mark: s };
    const top = (row + 1) * ROW;
    if (top < scroller.scrollTop + ROW) scroller.scrollTop = top - ROW;
    else if (top + ROW > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top + ROW - scroller.clientHeight;
    const { x } = scale(scroller.clientWidth);
    const text = `${describe(lane, s)} (${lane.loop ? 'the loop' : `task ${row} of ${n - 1}`}, event ${seg + 1} of ${marks.length})`;
    selTip = [lane, s, x(s.start), top - scroller.scrollTop + ROW + 2];
    showTip(...selTip);
    if (announce) announcer.textContent = text;
    schedule();
    return text;
  }

  /** The mark of `lane` that covers time t, or the last one before it. */
  function markAt(lane, t) {
    const marks = marksOf(lane);
    const tn = now();
    let i = marks.findIndex((s) => segmentEnd(s, tn) > t);
    if (i < 0) i = marks.length - 1;
    return i;
  }

  scroller.addEventListener('keydown', (e) => {
    if (!tl || e.altKey || e.ctrlKey || e.metaKey) return;
    const n = rowCount();
    const cur = sel && sel.row < n ? sel : null;
    const at = cur ? cur.mark.start : 0;
    const clamp = (r) => Math.max(0, Math.min(r, n - 1));
    const moves = {
      ArrowDown: () => { const r = cur ? cur.row + 1 : 0; return [r, markAt(laneAt(tl, clamp(r)), at)]; },
      ArrowUp: () => { const r = cur ? cur.row - 1 : 0; return [r, markAt(laneAt(tl, clamp(r)), at)]; },
      ArrowRight: () => (cur ? [cur.row, cur.seg + 1] : [0, 0]),
      ArrowLeft: () => (cur ? [cur.row, cur.seg - 1] : [0, 0]),
      Home: () => [cur ? cur.row : 0, 0],
      End: () => [cur ? cur.row : 0, Infinity],
    };
    if (!moves[e.key] || !n) return;
    e.preventDefault();
    const [row, seg] = moves[e.key]();
    select(row, seg === Infinity ? marksOf(laneAt(tl, clamp(row))).length - 1 : seg);
  });
  scroller.addEventListener('blur', () => { tip.hidden = true; selTip = null; });
  // A tap (or click) selects what is under it: touch has no hover.
  canvas.addEventListener('click', (e) => {
    const h = hit(e.clientX, e.clientY);
    if (h && !(cursorOwner && h.row > 0)) select(h.row, h.seg, !cursorOwner); /* with a cursor, its owner selects a task's lane (selectLane) and speaks */
  });

  /** The selected mark's outline, over a band across its lane. */
  function drawSelection(x, t, first, w, g) {
    if (!sel || sel.row >= rowCount()) return;
    const seg = sel.mark;
    const y = (sel.row - first) * ROW + ROW - (scroller.scrollTop % ROW);
    ctx.fillStyle = isDark() ? 'rgba(255,255,255,0.10)' : 'rgba(0,0,0,0.07)';
    ctx.fillRect(0, y, w, ROW);
    const x0 = x(seg.start);
    ctx.strokeStyle = isDark() ? '#fff' : '#000';
    ctx.lineWidth = 2;
    ctx.strokeRect(x0 - 1, y + 1, Math.max(x(segmentEnd(seg, t)) - x0, 2) + 2, ROW - 2);
    ctx.lineWidth = 1;
  }

  // ---- the inspector's cursor ------------------------------------------------
  let cursor = null; /* {time}: where it is drawn; null: no cursor */
  let cursorOwner = null; /* attachCursor's handlers */
  const handle = element('div', 'tl-cursor', { role: 'slider', 'aria-label': 'Inspector cursor', 'aria-valuemin': '0', 'aria-valuemax': '0', 'aria-valuenow': '0', 'aria-orientation': 'horizontal' });
  handle.tabIndex = 0;
  handle.hidden = true;
  let dragging = null; /* {id, moved} while a pointer is down on the lanes */

  /** Run time (s) at a client x, clamped to the run. */
  function timeAtX(clientX) {
    const r = canvas.getBoundingClientRect();
    const { span, gutter: g } = scale(scroller.clientWidth);
    const frac = (clientX - r.left - g) / (scroller.clientWidth - g - PAD);
    return Math.max(0, Math.min(frac * span, Math.max(tl?.end ?? 0, now())));
  }
  /** The task of the lane under a client y (0: the loop's lane or none). */
  function taskAtY(clientY) {
    const r = canvas.getBoundingClientRect();
    const row = Math.floor((clientY - r.top + (scroller.scrollTop % ROW) - ROW) / ROW) + Math.floor(scroller.scrollTop / ROW);
    const lane = rowAt(row);
    return lane && !lane.loop ? lane.id : 0;
  }
  canvas.addEventListener('pointerdown', (e) => {
    if (!cursorOwner || !tl || e.button > 0) return;
    dragging = { id: e.pointerId, moved: false, x: e.clientX };
    canvas.setPointerCapture?.(e.pointerId);
    cursorOwner.onPick(timeAtX(e.clientX), { task: 0, final: false });
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!dragging || e.pointerId !== dragging.id) return;
    if (Math.abs(e.clientX - dragging.x) > 2) dragging.moved = true;
    if (dragging.moved) cursorOwner.onPick(timeAtX(e.clientX), { task: 0, final: false });
  });
  const drop = (e) => {
    if (!dragging || e.pointerId !== dragging.id) return;
    const moved = dragging.moved;
    dragging = null;
    /* the end of a drag, or a click: a click on a lane also picks its task */
    cursorOwner.onPick(timeAtX(e.clientX), { task: moved ? 0 : taskAtY(e.clientY), final: true });
  };
  canvas.addEventListener('pointerup', drop);
  canvas.addEventListener('pointercancel', drop);
  handle.addEventListener('keydown', (e) => {
    if (!cursorOwner || e.altKey || e.ctrlKey || e.metaKey) return;
    if (cursorOwner.onKey(e.key)) e.preventDefault();
  });

  return {
    /**
     * Give the timeline a cursor, moved by its owner (the inspector).
     * @param {object} h
     * @param {(time: number, how: {task: number, final: boolean}) => void} h.onPick  a press or drag at run time `time`;
     *   final: the pointer was released (announce now); task: the lane clicked (not dragged), 0 if none
     * @param {(key: string) => boolean} h.onKey  a key on the handle (ArrowLeft...); true if it moved the cursor
     */
    attachCursor(h) {
      cursorOwner = h;
      if (!handle.isConnected) scroller.after(handle);
      handle.hidden = !cursor; /* shown once setCursor says where */
      canvas.style.touchAction = 'pan-y'; /* a horizontal drag scrubs, a vertical one scrolls the lanes */
    },
    /**
     * Where the cursor is: drawn at `time` (s); the handle says `text` (aria-valuetext) and its place among `max` events.
     * @param {{time: number, index: number, max: number, text: string}|null} c
     */
    setCursor(c) {
      cursor = c;
      handle.hidden = !c || !cursorOwner;
      if (c) {
        handle.setAttribute('aria-valuenow', String(c.index));
        handle.setAttribute('aria-valuemax', String(c.max));
        handle.setAttribute('aria-valuetext', c.text);
      }
      schedule();
    },
    /**
     * Select task `task`'s lane (a marker in the editor was clicked): scrolled into view, highlighted, its slice at
     * run time `time` outlined and its details shown, and announced unless `announce` is false.
     * @returns {string} its details ('' if there is no such lane)
     */
    selectLane(task, time, { announce = true } = {}) {
      if (!tl) return '';
      const i = tl.lanes.findIndex((l) => l.id === task);
      if (i < 0) return '';
      return select(i + 1, markAt(tl.lanes[i], time), announce);
    },
    /** The task whose lane is selected (0: none, or the loop's). */
    get selectedTask() { return sel && sel.row > 0 && sel.row < rowCount() ? laneAt(tl, sel.row).id : 0; },
    /** Say something politely (the cursor's place, once a move ends). */
    announce(text) { announcer.textContent = text; },
    /** Show a (new) timeline model. */
    show(model) {
      tl = model;
      rowsSized = -1;
      sel = null;
      selTip = null;
      running = null;
      gutter = { lanes: 0, px: GUTTER };
      tip.hidden = true;
      notice.hidden = true;
      resize();
      schedule();
    },
    /**
     * The model changed.
     * @param {Set<number>} changes  ids of the lanes that changed
     */
    update(changes) {
      if (!changes.size) return;
      for (const id of changes) {
        const lane = id === 0 ? null : tl.byId.get(id);
        if (lane && lane.current && lane.current.state === 'running') running = lane; // at most one lane runs now
      }
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
