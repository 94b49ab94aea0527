/**
 * timeline-view.js - draws the timeline model on a canvas, live: one lane
 * per task (and one for the loop), segments coloured by state, red where
 * the loop was blocked, a moving "now" line, and a tooltip on hover. Only
 * the lanes in view are drawn, so a thousand tasks stay smooth. For screen
 * readers and tests the same lanes are an accessible list whose items carry
 * the task name as text and the states as data attributes.
 */
import { segmentEnd, describeSegment } from './timeline-model.js';
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

  function scale(width) {
    const span = Math.max(tl ? Math.max(tl.end ?? 0, now()) : 0, 0.5) * 1.04;
    return { x: (t) => GUTTER + (t / span) * (width - GUTTER - PAD), span };
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
    const isDark = root.dataset.theme ? root.dataset.theme === 'dark' : dark.matches;
    const fg = isDark ? '#ddd' : '#222';
    const t = now();
    const { x, span } = scale(w);
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
      ctx.fillText(lane.name.length > 14 ? `${lane.name.slice(0, 13)}…` : lane.name, 4, y + ROW / 2);
      let lastPx = -1;
      let lastKind = '';
      for (const seg of lane.segments) {
        const x0 = x(seg.start);
        const x1 = Math.max(x(segmentEnd(seg, t)), x0 + 1.5);
        // A run of sub-pixel segments (a task that yields a million times) is one mark per pixel column.
        const kind = seg.blocked ? 'blocked' : seg.state;
        if (x1 - x0 < 2 && Math.floor(x0) === lastPx && kind === lastKind) continue;
        lastPx = Math.floor(x0);
        lastKind = kind;
        if (lane.loop) {
          ctx.fillStyle = seg.state === 'busy' ? (isDark ? 'rgba(220,220,220,0.6)' : 'rgba(60,60,60,0.6)') : 'rgba(128,128,128,0.15)';
        } else if (seg.blocked) {
          ctx.fillStyle = '#e0262b';
        } else {
          ctx.fillStyle = (STATE_STYLE[seg.state] || STATE_STYLE.ready)(color);
        }
        const tall = seg.state === 'running' || seg.blocked || (lane.loop && seg.state === 'busy');
        ctx.fillRect(x0, y + (tall ? 3 : 7), x1 - x0, tall ? ROW - 6 : ROW - 14);
      }
      if (!lane.loop && lane.final) {
        const xe = x(lane.end);
        ctx.fillStyle = lane.final === 'cancelled' ? '#e0262b' : fg;
        ctx.fillText(lane.final === 'cancelled' ? '✕' : '✓', xe + 3, y + ROW / 2);
      }
      if (!lane.loop && lane.error) { /* where the program crashed */
        ctx.fillStyle = '#e0262b';
        ctx.font = 'bold 14px system-ui, sans-serif';
        ctx.fillText('✖', x(lane.error.time) - 4, y + ROW / 2);
        ctx.font = '12px system-ui, sans-serif';
      }
      if (!lane.loop && lane.cancelAt !== null) {
        ctx.strokeStyle = '#e0262b';
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
    const step = niceStep(span / Math.max(2, Math.floor((w - GUTTER) / 90)));
    ctx.fillStyle = isDark ? 'rgba(255,255,255,0.07)' : 'rgba(0,0,0,0.06)';
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
    if (live) schedule();
  }

  function schedule() {
    if (!frame) frame = requestAnimationFrame(draw);
  }

  function syncList() {
    if (!tl) return;
    for (const id of tl.dirty) {
      const lane = id === 0 ? { id: 0, name: 'event loop', segments: tl.loop.segments } : tl.byId.get(id);
      if (!lane) continue;
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

  canvas.addEventListener('mousemove', (e) => {
    if (!tl) return;
    const r = canvas.getBoundingClientRect();
    const px = e.clientX - r.left;
    const i = Math.floor((e.clientY - r.top + (scroller.scrollTop % ROW) - ROW) / ROW) + Math.floor(scroller.scrollTop / ROW);
    const lane = rows()[i];
    const { x } = scale(scroller.clientWidth);
    const seg = lane && lane.segments.find((s) => px >= x(s.start) - 1 && px <= Math.max(x(segmentEnd(s, now())), x(s.start) + 2) + 1);
    if (!seg) { tip.hidden = true; return; }
    tip.textContent = lane.loop ? `event loop: ${seg.state}, ${Math.round(seg.start * 1000)} ms to ${seg.end === null ? 'now' : `${Math.round(seg.end * 1000)} ms`}` : describeSegment(lane, seg, now());
    tip.hidden = false;
    tip.style.left = `${Math.min(px + 12, scroller.clientWidth - 220)}px`;
    tip.style.top = `${e.clientY - r.top + 14}px`;
  });
  canvas.addEventListener('mouseleave', () => { tip.hidden = true; });

  return {
    /** Show a (new) timeline model. */
    reset(model) {
      tl = model;
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
