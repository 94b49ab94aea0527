/**
 * queue.mjs - compile slots shared fairly between clients.
 *
 * Contract: `schedule(client, fn)` runs fn when a slot is free and resolves
 * or rejects as fn does. At most `concurrent` run at once, and at most
 * `perClient` of them for one client, even when the other slots are idle:
 * so a client whose compiles hang (include bombs, each up to the wall-clock
 * limit) holds one slot, never all of them, and the next client starts at
 * once. Waiting work is taken round-robin between clients, not first come
 * first served, so a long line from one client does not delay another's
 * single compile. It throws (synchronously) HttpError 429 when the client
 * already has `perClient + perClientQueue` compiles in the service, and 503
 * when `queue` compiles wait in all; both with Retry-After.
 *
 * Why per-client limits: a distinct source costs an attacker nothing, so
 * remembering bad sources alone (see verdicts.mjs) cannot stop a flood of
 * new ones; bounding what one address may hold can. Its limit: clients
 * behind one proxy or NAT share an address, and share its slot.
 */
import { HttpError } from './http.mjs';

/**
 * @param {{concurrent: number, queue: number, perClient: number, perClientQueue: number}} L
 */
export function createQueue(L) {
  /** client -> {running, waiting: Function[]}; Map order is the round-robin order. */
  const clients = new Map();
  let running = 0;
  let waiting = 0;
  const stats = { busy: 0, throttled: 0 };

  function start(client, c, go) {
    running++;
    c.running++;
    clients.delete(client); // to the back of the round
    clients.set(client, c);
    go();
  }

  function dispatch() {
    for (const [client, c] of clients) {
      if (running >= L.concurrent) return;
      if (c.running < L.perClient && c.waiting.length) {
        waiting--;
        start(client, c, c.waiting.shift());
        return dispatch();
      }
    }
  }

  return {
    stats,
    /** @template T @param {string} client @param {() => Promise<T>} fn @returns {Promise<T>} */
    schedule(client, fn) {
      const c = clients.get(client) || { running: 0, waiting: [] };
      if (c.running + c.waiting.length >= L.perClient + L.perClientQueue) {
        stats.throttled++;
        throw new HttpError(429, `you have ${c.running + c.waiting.length} compiles in progress: wait for them to finish`, { 'retry-after': '2' });
      }
      const now = running < L.concurrent && c.running < L.perClient;
      if (!now && waiting >= L.queue) {
        stats.busy++;
        throw new HttpError(503, 'the compile service is busy: try again in a moment', { 'retry-after': '2' });
      }
      clients.set(client, c);
      return new Promise((resolve, reject) => {
        const go = () => {
          fn().then(resolve, reject).finally(() => {
            running--;
            c.running--;
            if (!c.running && !c.waiting.length) clients.delete(client);
            dispatch();
          });
        };
        if (now) start(client, c, go);
        else { waiting++; c.waiting.push(go); }
      });
    },
  };
}
