/**
 * notices.js - the notices the runtime and the page print about a run, each
 * with a short "why, and how to fix it" entry. The reference page renders
 * the entries (reference.html#notice-ID); the output pane links a notice to
 * its entry by matching its text; the page words the pending-tasks notice
 * from the event stream with pendingNotice(). Pure data and functions.
 */

/** @typedef {{id: string, title: string, example: string, match: RegExp, why: string, fix: string[]}} Notice */

/** @type {Notice[]} */
export const NOTICES = [
  {
    id: 'blocked',
    title: 'A task blocked the event loop',
    example: "task 'main' blocked the event loop for 1000 ms without suspending",
    match: /blocked the event loop|loop blocked/,
    why: 'All tasks share one thread, and the loop can switch only when the running task suspends. A task that runs for more than 100 ms without suspending (a libc sleep(), a busy loop, a long computation) holds up every other task: their timers fire late and their output stalls. The timeline shows the stretch in red.',
    fix: ['Wait with async_sleep(), not sleep() or usleep().',
      'Split long work into pieces and call async_yield() between them, so other tasks get their turn.',
      'Read input with async_read_line(), which lets other tasks run while it waits.'],
  },
  {
    id: 'cancelled-running',
    title: 'A cancelled task keeps running',
    example: "task 'worker' was cancelled but has run for 5 s without suspending",
    match: /was cancelled but has run/,
    why: 'async_cancel() does not stop a task on the spot: the task learns of it when it next suspends, from the ASYNC_ECANCELED its waiting call returns. A task that computes without suspending never gets to that point, and it keeps the loop blocked meanwhile.',
    fix: ['In a long loop, check async_cancelled() and return when it says 1, or call async_yield() now and then.',
      'Check what async_sleep(), async_await() and the other waiting calls return: on ASYNC_ECANCELED, tidy up and return.'],
  },
  {
    id: 'deadlock',
    title: 'Deadlock: every task waits and nothing can wake them',
    example: "async: deadlock: every task waits and nothing can wake them: 'main', 'consumer'",
    match: /deadlock/,
    why: 'Every task that is left waits for something only another task could provide (an item on a queue nobody fills, an event nobody sets, a task that waits for it in turn), and no timer or input is pending. Nothing can ever run again, so async_run() stops and returns ASYNC_EDEADLK instead of hanging.',
    fix: ['Look at the tasks the notice names and at what each one waits for (the timeline shows it).',
      'Make sure every async_queue_get() has a producer and every async_event_wait() a matching async_event_set().',
      'Two tasks that async_await() each other can never finish: let one of them not wait.'],
  },
  {
    id: 'pending',
    title: 'Tasks were still pending when main returned',
    example: '2 tasks were still sleeping when main returned and were cancelled: await or gather them',
    match: /when main returned and (was|were) cancelled/,
    why: 'async_run() ends when main returns, and cancels whatever is left, as asyncio.run() does. A task that was still sleeping or waiting then gets ASYNC_ECANCELED from its waiting call and never does the rest of its work; if it ignores the code it may carry on at once, long before the time it asked to sleep.',
    fix: ['Keep the handle async_spawn() returns and wait for the task before main returns: async_await(t, NULL), or async_gather(a, b, ...) for several.',
      'If stopping them is what you want, cancel them yourself with async_cancel() (then await them to let them tidy up): this notice is not shown for tasks you cancelled.'],
  },
];

/**
 * The notice entry a line of output belongs to, if any.
 * @param {string} text
 * @returns {Notice|undefined}
 */
export function noticeFor(text) {
  return NOTICES.find((n) => n.match.test(text));
}

const STATE_WORD = { sleeping: 'sleeping', waiting: 'waiting', ready: 'ready to run', running: 'running' };

/**
 * The pending-tasks notice, worded from the tasks still alive when main
 * returned (the ones the program did not cancel itself), or null if none.
 * @param {{state: string}[]} alive  one per task, state: sleeping, waiting, ready
 * @returns {string|null}
 */
export function pendingNotice(alive) {
  if (!alive.length) return null;
  const counts = new Map(['sleeping', 'waiting', 'ready'].map((s) => [s, 0])); // the order pending_native.c says them in
  for (const t of alive) counts.set(t.state, (counts.get(t.state) || 0) + 1);
  for (const [s, n] of counts) if (!n) counts.delete(s);
  const parts = [...counts].map(([state, n], i) => {
    const word = STATE_WORD[state] || state;
    if (i === 0) return `${n} task${n === 1 ? ' was' : 's were'} still ${word}`;
    return `${n} ${n === 1 ? 'was' : 'were'} ${word}`;
  });
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
  // the same words natively: wasm/native/pending_native.c
  return `${list} when main returned and ${alive.length === 1 ? 'was' : 'were'} cancelled: await or gather ${alive.length === 1 ? 'it' : 'them'}`;
}
