/**
 * describe.js - the loop's state and events in words: what the panel shows,
 * what a screen reader hears, and what the tests read. Pure, no DOM.
 */

/** Seconds as the panel shows them: 0.50 s, 12.3 s, "forever" past a year. */
export function seconds(t) {
  if (!(t < 3e7)) return 'forever';
  return t < 10 ? `${t.toFixed(2)} s` : `${t.toFixed(1)} s`;
}

/** A task's name (its id if it has none yet). */
export function taskName(state, id) {
  return (id > 0 && state.strings.names[id]) || (id > 0 ? `task ${id}` : 'the loop');
}

const REASON_WORDS = {
  sleep: 'sleeps', yield: 'yields', await: 'awaits', gather: 'gathers, waiting for', wait_for: 'waits for',
  queue_get: 'waits to get from', queue_put: 'waits to put into', event: 'waits for', input: 'waits for a line of input',
  queue_join: 'waits until every item is done in', wait: 'waits (async_wait) for its tasks', as_completed: 'waits for the next of its tasks to finish',
  group: 'waits for its task group', lock: 'waits to acquire', semaphore: 'waits to acquire', condition: 'waits to be notified by',
  barrier: 'waits at',
};
const OBJECT_WORDS = { queue_join: 'queue', lock: 'lock', semaphore: 'semaphore', condition: 'condition', barrier: 'barrier', group: 'group' };

/**
 * What a waiting task waits on, in words.
 * @param {import('./loop-state.js').LoopState} state
 * @param {{reason: string|null, on: number, until: number|null}} info  from state.taskInfo
 */
export function waitText(state, info) {
  const verb = REASON_WORDS[info.reason] || 'waits';
  switch (info.reason) {
    case 'sleep': return `${verb} until ${seconds(info.until)}`;
    case 'await': case 'gather': return `${verb} ${taskName(state, info.on)}`;
    case 'wait_for': return `${verb} ${taskName(state, info.on)}${info.until !== null ? ` until ${seconds(info.until)}` : ''}`;
    case 'queue_get': case 'queue_put': return `${verb} queue ${info.on}`;
    case 'event': return `${verb} event ${info.on}`;
    default: return OBJECT_WORDS[info.reason] ? `${verb} ${info.on ? `${OBJECT_WORDS[info.reason]} ${info.on}` : `a ${OBJECT_WORDS[info.reason]}`}` : verb;
  }
}

const WAKERS = { '-1': 'its timer', '-2': 'input', 0: 'the loop' };

/**
 * One event in words, as a polite announcement: "task_a sleeps until 0.50 s (line 14)".
 * @param {object} ev     an AsyncEvent (wasm/host/host.js)
 * @param {import('./loop-state.js').LoopState} state  the state after it
 */
export function describeEvent(ev, state) {
  const who = taskName(state, ev.task);
  const at = (line) => (line > 0 ? ` (line ${line})` : '');
  switch (ev.kind) {
    case 'spawn': return `${taskName(state, ev.parent)} creates ${who}${at(ev.line)}: it is ready`;
    case 'run': return `${who} runs`;
    case 'suspend': {
      if (ev.reason === 'yield') return `${who} yields${at(ev.line)}: back of the ready queue`;
      return `${who} ${waitText(state, { reason: ev.reason, on: ev.on || 0, until: ev.until >= 0 ? ev.until : null })}${at(ev.line)}`;
    }
    case 'wake': {
      const by = ev.by > 0 ? taskName(state, ev.by) : WAKERS[ev.by] ?? 'the loop';
      return ev.code === -125 ? `${by} cancels ${who}: it is ready` : `${by} wakes ${who}: it is ready`;
    }
    case 'cancel': return `${taskName(state, ev.by || 0)} asks ${who} to cancel`;
    case 'done': return `${who} finishes${ev.cancelled ? ' (cancelled)' : ''}`;
    case 'output': return `${who} prints`;
    case 'blocked': return `${who} blocked the loop for ${Math.round(ev.ms)} ms`;
    case 'idle': return ev.input ? 'nothing is ready: the loop waits for input' : ev.until >= 0 ? `nothing is ready: the loop waits until ${seconds(ev.until)}` : 'nothing is ready';
    case 'object': return `${who}: ${ev.op.replace('_', ' ')} ${ev.obj}`;
    case 'exit': return `the run ends (status ${ev.status})`;
    default: return ev.kind;
  }
}
