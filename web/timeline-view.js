/**
 * timeline-view.js - draws the timeline model on a canvas, live: one lane
 * per task (and one for the loop), segments coloured by state, red where
 * the loop was blocked, a moving "now" line, and a tooltip on hover. Only
 * the lanes in view are drawn, so a thousand tasks stay smooth. For screen
 * readers and tests the same lanes are an accessible list whose items carry
 * the task name as text and the states as data attributes.
 *
 * A task running for over 100 ms without suspending is drawn red as it
 * happens (the runtime's `blocked` event comes only when it suspends), and a
 * notice in the region says so. The lanes take focus: arrow keys move through
 * tasks (up, down) and their segments (left, right), and the details are
 * announced; a tap shows them as a hover does.
 */
import { segmentEnd, describeSegment } from './timeline-model.js';
import { taskColor, ERROR_RED } from './colors.js';

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

/**
 * @param {HTMLElement} root  the region: contains a canvas, a .tooltip and a ul.lanes; its
 *   data-theme="light|dark", when set, overrides prefers-color-scheme
 * @param {{now: () => number}} opts  current run time in seconds (moves while a real-clock run is live)
 */
export function mountTimeline(root, { now }) {
  const scroller = root.querySelector('.scroller');
  const spacer = root.querySelector('.spacer');
  const canvas = root.querySelector('canvas');
  const tip = root.querySelector('.tooltip');
  const list = root.querySelector('ul.lanes');
  const ctx = canvas.getContext('2d');
  const items = new Map();
  const dark = matchMedia('(prefers-color-scheme: dark)');
  let tl = null;
  let frame = 0;
  let live = false;
  let gutter = { lanes: 0, px: GUTTER }; // measured for this many lanes (tl.lanes)
  let running = null; // the lane that ran last (one task runs at a time)
  labelRegion(root);
  /** data-theme="light|dark" on the region overrides the system's scheme (a demo following its host page). */
  const darkNow = () => (root.dataset.theme ? root.dataset.theme === 'dark' : dark.matches);
  const notice = document.createElement('div');
  notice.className = 'blocking';
  notice.setAttribute('role', 'status');
  notice.hidden = true;
  scroller.before(notice);

  /** Wide enough for every lane's whole name, up to 45% of the width. Lanes only grow: each name is measured once. */
  function gutterPx(width) {
    if (tl && gutter.lanes < tl.lanes.length) {
      ctx.font = '12px system-ui, sans-serif';
      let widest = gutter.px - 12;
      for (let i = Math.max(gutter.lanes, 0); i < tl.lanes.length; i++) widest = Math.max(widest, ctx.measureText(tl.lanes[i].name).width);
      gutter = { lanes: tl.lanes.length, px: Math.max(GUTTER, Math.ceil(widest) + 12) };
    }
    return Math.min(gutter.px, Math.max(GUTTER, Math.floor(width * 0.45)));
  }

  function scale(width) {
    const span = Math.max(tl ? Math.max(tl.end ?? 0, now()) : 0, 0.5) * 1.04;
    const g = gutterPx(width);
    return { x: (t) => g + (t / span) * (width - g - PAD), span, gutter: g };
  }

  /** A lane name in the gutter: whole, in a smaller font if it must, cut only past that. */
  function drawName(name, y, g) {
    let size = 12;
    ctx.font = `${size}px system-ui, sans-serif`;
    while (size > 9 && ctx.measureText(name).width > g - 8) ctx.font = `${--size}px system-ui, sans-serif`;
    let text = name;
    while (text.length > 4 && ctx.measureText(text).width > g - 8) text = `${text.slice(0, -2)}…`;
    ctx.fillText(text, 4, y);
    ctx.font = '12px system-ui, sans-serif';
  }

  /** The live notice: a task blocking the loop right now (under the real clock). */
  function showBlocking(t) {
    const lane = running && running.current && running.current.state === 'running' && isBlocking(running.current, t) ? running : null;
    const text = lane ? `'${lane.name}' has run for ${Math.round((t - lane.current.start) * 1000)} ms without suspending: the event loop is blocked, no other task can run.` : '';
    if (!lane) { notice.hidden = true; return; }
    if (notice.hidden || Math.floor(t * 4) !== Math.floor(Number(notice.dataset.t || 0) * 4)) { // words change at most 4 times a second
      notice.textContent = text;
      notice.dataset.t = String(t);
    }
    notice.dataset.task = lane.name;
    notice.hidden = false;
  }

  function rows() {
    return tl ? [{ id: 0, name: 'event loop', loop: true, segments: tl.loop.segments }, ...tl.lanes] : [];
  }

  function draw() {
    frame = 0;
    const w = scroller.clientWidth;
    const h = Math.min(scroller.clientHeight, Math.max(ROW * 2, rows().length * ROW + ROW));
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
    const isDark = darkNow();
    const fg = isDark ? '#ddd' : '#222';
    const t = now();
    const { x, span, gutter: g } = scale(w);
    if (root.dataset.gutter !== String(g)) root.dataset.gutter = String(g); // where lanes start, for tests and pointer math
    const all = rows();
    const first = Math.floor(scroller.scrollTop / ROW);
    const last = Math.min(all.length, first + Math.ceil(h / ROW) + 1);
    ctx.font = '12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (let i = first; i < last; i++) {
      const lane = all[i];
      const y = (i - first) * ROW + ROW - (scroller.scrollTop % ROW);
      const color = taskColor(lane.id, isDark);
      ctx.fillStyle = lane.loop ? fg : color;
      drawName(lane.name, y + ROW / 2, g);
      let lastPx = -1;
      let lastKind = '';
      for (const seg of lane.segments) {
        const x0 = x(seg.start);
        const x1 = Math.max(x(segmentEnd(seg, t)), x0 + 1.5);
        // A run of sub-pixel segments (a task that yields a million times) is one mark per pixel column.
        const blocking = !lane.loop && isBlocking(seg, t);
        const kind = blocking ? 'blocked' : seg.state;
        if (x1 - x0 < 2 && Math.floor(x0) === lastPx && kind === lastKind) continue;
        lastPx = Math.floor(x0);
        lastKind = kind;
        if (lane.loop) {
          ctx.fillStyle = (LOOP_STYLE[seg.state] || LOOP_STYLE.idle)(isDark);
        } else if (blocking) {
          ctx.fillStyle = ERROR_RED;
        } else {
          ctx.fillStyle = (STATE_STYLE[seg.state] || STATE_STYLE.ready)(color);
        }
        const tall = seg.state === 'running' || blocking || (lane.loop && seg.state === 'busy');
        ctx.fillRect(x0, y + (tall ? 3 : 7), x1 - x0, tall ? ROW - 6 : ROW - 14);
      }
      if (!lane.loop && lane.final) {
        const xe = x(lane.end);
        ctx.fillStyle = lane.final === 'cancelled' ? ERROR_RED : fg;
        ctx.fillText(lane.final === 'cancelled' ? '✕' : '✓', xe + 3, y + ROW / 2);
      }
      if (!lane.loop && lane.error) { /* where the program crashed */
        ctx.fillStyle = ERROR_RED;
        ctx.font = 'bold 14px system-ui, sans-serif';
        ctx.fillText('✖', x(lane.error.time) - 4, y + ROW / 2);
        ctx.font = '12px system-ui, sans-serif';
      }
      if (!lane.loop && lane.cancelAt !== null) {
        ctx.strokeStyle = ERROR_RED;
        ctx.beginPath();
        ctx.moveTo(x(lane.cancelAt), y + 2);
        ctx.lineTo(x(lane.cancelAt), y + ROW - 2);
        ctx.stroke();
      }
    }
    for (const b of tl.blocked) {
      ctx.fillStyle = 'rgba(224,38,43,0.08)';
      ctx.fillRect(x(b.start), 0, Math.max(x(b.end) - x(b.start), 2), h);
    }
    // time axis: ticks at a round step, and the now line
    const step = niceStep(span / Math.max(2, Math.floor((w - g) / 90)));
    ctx.fillStyle = isDark ? 'rgba(255,255,255,0.07)' : 'rgba(0,0,0,0.06)';
    ctx.textBaseline = 'top';
    drawAxis(x, span, step, w, h, isDark, x(t));
    drawSelection(x, t, first);
    ctx.strokeStyle = isDark ? '#8cf' : '#06c';
    ctx.beginPath();
    ctx.moveTo(x(t), 0);
    ctx.lineTo(x(t), h);
    ctx.stroke();
    showBlocking(t);
    if (live) schedule();
  }

  /**
   * Ticks at a round step. A label that would leave the canvas is moved
   * inside it, and one the now line would cross goes left of its tick where
   * that meets no other label, so the ends stay readable.
   */
  function drawAxis(x, span, step, w, h, isDark, nowX) {
    ctx.font = '12px system-ui, sans-serif';
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

  function schedule() {
    if (!frame) frame = requestAnimationFrame(draw);
  }

  function syncList() {
    if (!tl) return;
    for (const id of tl.dirty) {
      const lane = id === 0 ? { id: 0, name: 'event loop', segments: tl.loop.segments } : tl.byId.get(id);
      if (!lane) continue;
      if (id !== 0 && lane.current && lane.current.state === 'running') running = lane;
      let li = items.get(id);
      if (!li) {
        li = document.createElement('li');
        items.set(id, li);
        list.append(li);
      }
      li.dataset.task = lane.name;
      li.dataset.state = lane.final || (lane.segments.length ? lane.segments[lane.segments.length - 1].state : 'ready');
      li.dataset.blocked = lane.segments.some((s) => s.blocked) ? 'true' : 'false';
      li.dataset.segments = lane.segments.slice(0, 200).map((s) => `${s.blocked ? 'blocked' : s.state}${s.reason && s.state === 'waiting' ? `:${s.reason}` : ''} ${Math.round(s.start * 1000)}-${s.end === null ? '' : Math.round(s.end * 1000)}`).join('; ');
      if (lane.error) li.dataset.error = lane.error.message;
      li.textContent = lane.name + (lane.error ? `: crashed at ${Math.round(lane.error.time * 1000)} ms: ${lane.error.message}`
        : lane.final ? `: ${lane.final} at ${Math.round(lane.end * 1000)} ms` : '');
    }
    tl.dirty.clear();
  }

  scroller.addEventListener('scroll', schedule, { passive: true });
  new ResizeObserver(schedule).observe(scroller);
  dark.addEventListener('change', schedule);
  /* data-theme="light|dark" on the region overrides the system's scheme (a demo following its host page) */
  new MutationObserver(schedule).observe(root, { attributes: true, attributeFilter: ['data-theme'] });

  /** The lane row and segment under a point of the canvas (client coordinates), or null. */
  function hit(clientX, clientY) {
    if (!tl) return null;
    const r = canvas.getBoundingClientRect();
    const px = clientX - r.left;
    const row = Math.floor((clientY - r.top + (scroller.scrollTop % ROW) - ROW) / ROW) + Math.floor(scroller.scrollTop / ROW);
    const lane = rows()[row];
    const { x } = scale(scroller.clientWidth);
    const seg = lane && lane.segments.findIndex((s) => px >= x(s.start) - 1 && px <= Math.max(x(segmentEnd(s, now())), x(s.start) + 2) + 1);
    return lane && seg >= 0 ? { row, seg } : null;
  }

  /** What a segment was, in words (tooltip and announcement). */
  function describe(lane, seg) {
    return lane.loop ? `event loop: ${seg.state}, ${Math.round(seg.start * 1000)} ms to ${seg.end === null ? 'now' : `${Math.round(seg.end * 1000)} ms`}`
      : describeSegment(lane, seg, now());
  }

  /** Show a segment's details at (left, top) px in the region. */
  function showTip(lane, seg, left, top) {
    tip.textContent = describe(lane, seg);
    tip.hidden = false;
    tip.style.left = `${Math.max(0, Math.min(left, scroller.clientWidth - 220))}px`;
    tip.style.top = `${top + scroller.offsetTop}px`; // the region's coordinates: a notice may sit above the lanes
  }

  canvas.addEventListener('mousemove', (e) => {
    const h = hit(e.clientX, e.clientY);
    if (!h) { tip.hidden = true; return; }
    const r = canvas.getBoundingClientRect();
    showTip(rows()[h.row], rows()[h.row].segments[h.seg], e.clientX - r.left + 12, e.clientY - r.top + 14);
  });
  canvas.addEventListener('mouseleave', () => { // back to the selected segment's details (a tap is followed by a leave)
    if (selTip) showTip(...selTip);
    else tip.hidden = true;
  });

  // ---- keyboard and touch: one selected segment, outlined, shown and announced ----
  let sel = null; // {row, seg}: indexes into rows() and its segments
  let selTip = null; // showTip's arguments for it
  const announcer = document.createElement('div');
  announcer.className = 'visually-hidden';
  announcer.setAttribute('aria-live', 'polite');
  root.append(announcer);
  scroller.tabIndex = 0;
  scroller.setAttribute('role', 'group');
  scroller.setAttribute('aria-label', 'Lanes: arrow keys move through tasks and their events');

  /** Select a segment: scroll its lane into view, outline it, show and announce its details. */
  function select(row, seg) {
    const all = rows();
    if (!all.length) return;
    row = Math.max(0, Math.min(row, all.length - 1));
    const lane = all[row];
    if (!lane.segments.length) return;
    seg = Math.max(0, Math.min(seg, lane.segments.length - 1));
    sel = { row, seg };
    const top = (row + 1) * ROW;
    if (top < scroller.scrollTop + ROW) scroller.scrollTop = top - ROW;
    else if (top + ROW > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top + ROW - scroller.clientHeight;
    const s = lane.segments[seg];
    const { x } = scale(scroller.clientWidth);
    const text = `${describe(lane, s)} (${lane.loop ? 'the loop' : `task ${row} of ${all.length - 1}`}, event ${seg + 1} of ${lane.segments.length})`;
    selTip = [lane, s, x(s.start), top - scroller.scrollTop + ROW + 2];
    showTip(...selTip);
    announcer.textContent = text;
    schedule();
  }

  /** The segment of `lane` that covers time t, or the last one before it. */
  function segmentAt(lane, t) {
    let i = lane.segments.findIndex((s) => segmentEnd(s, now()) > t);
    if (i < 0) i = lane.segments.length - 1;
    return i;
  }

  scroller.addEventListener('keydown', (e) => {
    if (!tl || e.altKey || e.ctrlKey || e.metaKey) return;
    const all = rows();
    const cur = sel && all[sel.row] ? sel : null;
    const at = cur ? all[cur.row].segments[cur.seg]?.start ?? 0 : 0;
    const moves = {
      ArrowDown: () => { const r = cur ? cur.row + 1 : 0; return [r, segmentAt(all[Math.min(r, all.length - 1)], at)]; },
      ArrowUp: () => { const r = cur ? cur.row - 1 : 0; return [r, segmentAt(all[Math.max(r, 0)], at)]; },
      ArrowRight: () => (cur ? [cur.row, cur.seg + 1] : [0, 0]),
      ArrowLeft: () => (cur ? [cur.row, cur.seg - 1] : [0, 0]),
      Home: () => [cur ? cur.row : 0, 0],
      End: () => [cur ? cur.row : 0, Infinity],
    };
    if (!moves[e.key] || !all.length) return;
    e.preventDefault();
    const [row, seg] = moves[e.key]();
    select(row, seg === Infinity ? all[Math.max(0, Math.min(row, all.length - 1))].segments.length - 1 : seg);
  });
  scroller.addEventListener('blur', () => { tip.hidden = true; selTip = null; });
  // A tap (or click) selects what is under it: touch has no hover.
  canvas.addEventListener('click', (e) => {
    const h = hit(e.clientX, e.clientY);
    if (h) select(h.row, h.seg);
  });

  /** The selected segment's outline. */
  function drawSelection(x, t, first) {
    const lane = sel && rows()[sel.row];
    const seg = lane && lane.segments[sel.seg];
    if (!seg) return;
    const y = (sel.row - first) * ROW + ROW - (scroller.scrollTop % ROW);
    const x0 = x(seg.start);
    ctx.strokeStyle = darkNow() ? '#fff' : '#000';
    ctx.lineWidth = 2;
    ctx.strokeRect(x0 - 1, y + 1, Math.max(x(segmentEnd(seg, t)) - x0, 2) + 2, ROW - 2);
    ctx.lineWidth = 1;
  }

  return {
    /** Show a (new) timeline model. */
    reset(model) {
      tl = model;
      sel = null;
      selTip = null;
      running = null;
      gutter = { lanes: 0, px: GUTTER };
      tip.hidden = true;
      items.clear();
      list.replaceChildren();
      schedule();
    },
    /** The model changed: redraw on the next frame. */
    update() {
      syncList();
      const total = rows().length * ROW + ROW;
      spacer.style.height = `${total}px`;
      // data-fit="lanes": the region grows with its lanes (up to its max-height) instead of filling a layout.
      if (root.dataset.fit === 'lanes') scroller.style.height = `${total + 2}px`;
      schedule();
    },
    /** Animate the now line while a run is live. */
    setLive(on) {
      live = on;
      schedule();
    },
  };
}
