/**
 * timeline-list.js - the timeline's lanes as an accessible list (a second
 * view of timeline-model.js, beside the canvas): an item per task, its name
 * as text, its state, segments and error as data attributes (the tests read
 * them). Updated at most once a frame, for the lanes that changed; past
 * MAX_ITEMS tasks one last item counts the rest.
 */
import { laneState } from './timeline-model.js';

const MAX_ITEMS = 200;
const ms = (s) => Math.round(s * 1000);

/**
 * @param {HTMLElement} root  the region to append the list to
 */
export function mountTimelineList(root) {
  const list = document.createElement('ul');
  list.className = 'lanes visually-hidden';
  list.setAttribute('aria-label', 'Tasks');
  root.append(list);
  const more = document.createElement('li');
  let items = new Map();
  let pending = new Set();
  let tl = null;
  let frame = 0;

  function render() {
    frame = 0;
    for (const id of pending) {
      const lane = id === 0 ? tl.loop : tl.byId.get(id);
      if (!lane) continue;
      let li = items.get(id);
      if (!li) {
        if (items.size >= MAX_ITEMS) continue;
        li = document.createElement('li');
        items.set(id, li);
        list.insertBefore(li, more.parentNode ? more : null);
      }
      li.dataset.task = lane.name;
      li.dataset.state = laneState(lane);
      li.dataset.blocked = String(lane.blocked);
      li.dataset.segments = lane.dense ? `${lane.count} slices, drawn per pixel column`
        : lane.segments.slice(0, 200).map((s) => `${s.blocked ? 'blocked' : s.blocks ? 'blocked-on-input' : s.state}${s.reason && s.state === 'waiting' && !s.blocks ? `:${s.reason}` : ''} ${ms(s.start)}-${s.end === null ? '' : ms(s.end)}`).join('; ');
      if (lane.error) li.dataset.error = lane.error.message;
      li.textContent = lane.name + (lane.error ? `: crashed at ${ms(lane.error.time)} ms: ${lane.error.message}`
        : lane.final ? `: ${lane.final} at ${ms(lane.end)} ms` : '');
    }
    pending.clear();
    const rest = tl.lanes.length + 1 - items.size;
    if (rest > 0 && items.size >= MAX_ITEMS) {
      more.textContent = `and ${rest.toLocaleString('en')} more tasks (the exported trace has them all)`;
      if (!more.parentNode) list.append(more);
    }
  }

  return {
    /** Show a (new) timeline model. */
    show(model) {
      tl = model;
      items = new Map();
      pending = new Set();
      list.replaceChildren();
    },
    /** @param {Set<number>} changes  ids of the lanes that changed */
    update(changes) {
      for (const id of changes) if (items.has(id) || items.size + pending.size < MAX_ITEMS + 1) pending.add(id);
      if (!changes.size) return;
      if (tl.end !== null) { cancelAnimationFrame(frame); render(); } /* the run's last state, at once */
      else if (!frame) frame = requestAnimationFrame(render);
    },
  };
}
