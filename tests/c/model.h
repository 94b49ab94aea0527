/*
 * model.h - the scheduler model shared by test_model.c and the fuzz harness
 * (tests/fuzz/fuzz_scheduler.c): random programs of spawn, sleep, yield,
 * await, cancel, gather, wait_for, queue and event operations across many
 * tasks, and an observer that checks the invariants after every event:
 *   - time never goes back;
 *   - tasks run in the order they became ready (spawn, yield, wake: FIFO);
 *   - timers fire in (deadline, order set) order and never early;
 *   - a task runs only when it is not running, and never after it is done;
 *   - every task is done exactly once, and the run ends;
 *   - after a cancel, every suspension of that task fails with ASYNC_ECANCELED;
 *   - a lock has one holder at most, a semaphore SEM_PERMITS; both are taken
 *     in the order the waiters began to wait (FIFO, cancelled ones left out);
 *   - no lost permit: after the run the lock is free and the semaphore full;
 *   - no lost item: every item put was got or is still queued;
 *   - a task group's wait returns only once its children are done;
 *   - a condition's waiter holds the lock when its wait returns (one holder
 *     at most), and takes only tokens that were made;
 *   - async_wait returns how many of its tasks are done, at least one for
 *     FIRST_COMPLETED without a timeout, all for ALL_COMPLETED;
 *   - a queue's join is woken only when every item put was marked done;
 *   - async_as_completed hands out done tasks in the order they finished;
 *   - a barrier lets no task through before BARRIER_PARTIES have arrived
 *     for its group (a woken one may still end cancelled, as in asyncio),
 *     and after the run no task is left waiting at it.
 * Call model_run(); it returns async_run's result and leaves m.violations.
 */
#ifndef MODEL_H
#define MODEL_H
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "async.h"

enum { MAX_TASKS = 4096 };

/* The model's source of choices: a seeded generator in the test, the
 * fuzzer's bytes in the fuzz harness. Returns 0 .. n-1. */
static unsigned (*rnd)(unsigned n);

static struct {
  double last_time;
  int spawned, done_events, violations;
  unsigned char running[MAX_TASKS], done[MAX_TASKS];
  double deadline[MAX_TASKS];
  long set_order[MAX_TASKS], suspends;
  int sleeping[MAX_TASKS];
  double last_fire_deadline;
  long last_fire_order;
  double last_fire_time;
  int ready[1 << 16];         /* the ready queue as the model expects it */
  unsigned rhead, rtail;
  int lock_fifo[MAX_TASKS], sem_fifo[MAX_TASKS]; /* tasks waiting, in the order they suspended */
  int lock_n, sem_n;
  int lock_holders, sem_holders;
  long items_put, items_got;
  int cond_holders, tokens;
  unsigned char joining[MAX_TASKS]; /* suspended in async_queue_join */
  long jq_put, jq_done;
  long done_seq[MAX_TASKS];          /* order of DONE events, from 1 */
  long barrier_arrived, barrier_passed;
} m;

enum { SEM_PERMITS = 2, BARRIER_PARTIES = 2 };

static void fifo_remove(int *fifo, int *n, int t) {
  for (int i = 0; i < *n; i++)
    if (fifo[i] == t) {
      memmove(fifo + i, fifo + i + 1, (size_t)(*n - i - 1) * sizeof *fifo);
      (*n)--;
      return;
    }
}

static void ready_push(int t) { m.ready[m.rtail++ & 0xffff] = t; }

static void violation(const char *what, int task) {
  if (m.violations++ < 5) fprintf(stderr, "    invariant broken: %s (task %d, t=%.3f)\n", what, task, m.last_time);
}

static void observe(const async_ev *ev, void *ud) {
  (void)ud;
  int t = ev->task;
  if (ev->time < m.last_time) violation("time went back", t);
  m.last_time = ev->time;
  if (t <= 0 || t >= MAX_TASKS) return;
  switch (ev->kind) {
  case ASYNC_EV_SPAWN: m.spawned++; ready_push(t); break;
  case ASYNC_EV_RUN:
    if (m.rhead == m.rtail || m.ready[m.rhead++ & 0xffff] != t) violation("ran out of FIFO order", t);
    if (m.running[t]) violation("ran while running", t);
    if (m.done[t]) violation("ran after done", t);
    m.running[t] = 1;
    break;
  case ASYNC_EV_SUSPEND:
    m.running[t] = 0;
    m.sleeping[t] = ev->a == ASYNC_WAIT_SLEEP;
    m.deadline[t] = ev->b;
    m.set_order[t] = m.suspends++;
    if (ev->a == ASYNC_WAIT_YIELD) ready_push(t);
    if (ev->a == ASYNC_WAIT_LOCK) m.lock_fifo[m.lock_n++] = t;
    if (ev->a == ASYNC_WAIT_SEMAPHORE) m.sem_fifo[m.sem_n++] = t;
    m.joining[t] = ev->a == ASYNC_WAIT_QUEUE_JOIN;
    break;
  case ASYNC_EV_WAKE:
    if (m.sleeping[t] && ev->a == 0) { /* a timer fired */
      if (ev->time + 1e-12 < m.deadline[t]) violation("timer fired early", t);
      if (ev->time == m.last_fire_time &&
          (m.deadline[t] < m.last_fire_deadline || (m.deadline[t] == m.last_fire_deadline && m.set_order[t] < m.last_fire_order)))
        violation("timers fired out of order", t);
      m.last_fire_deadline = m.deadline[t];
      m.last_fire_order = m.set_order[t];
      m.last_fire_time = ev->time;
    }
    if (m.joining[t] && ev->a == 0 && m.jq_done != m.jq_put) violation("join woken with items not done", t);
    m.sleeping[t] = m.joining[t] = 0;
    ready_push(t);
    break;
  case ASYNC_EV_DONE:
    if (m.done[t]) violation("done twice", t);
    m.done_seq[t] = m.done_events + 1;
    m.done[t] = 1;
    m.running[t] = 0;
    m.done_events++;
    break;
  default: break;
  }
}

static async_queue *q;
static async_event *ev;
static async_lock *lk;
static async_semaphore *sem;
static async_cond *cv;
static async_queue *jq; /* items a consumer marks done, for join */
static async_barrier *br;
static int budget; /* tasks left to spawn */

/* After an acquire: a task that waited must have been the first waiter. */
static void acquired(int *fifo, int *n, int rc) {
  int self = async_task_id(async_current());
  int waited = 0;
  for (int i = 0; i < *n; i++) waited |= fifo[i] == self;
  if (rc == 0 && waited && fifo[0] != self) violation("acquired out of FIFO order", self);
  if (waited) fifo_remove(fifo, n, self);
}

static void *worker(void *arg);

/* A suspending call made after a cancel must fail with ASYNC_ECANCELED. */
static void expect_cancelled(int rc) {
  if (rc != ASYNC_ECANCELED) violation("a cancelled task suspended normally", async_task_id(async_current()));
}

static void *getter(void *arg) {
  (void)arg;
  void *item;
  if (async_queue_get(q, &item) == 0) m.items_got++;
  return NULL;
}

/* Takes one item of jq, works on it a while, marks it done. */
static void *consumer(void *arg) {
  (void)arg;
  void *item;
  if (async_queue_get(jq, &item) != 0) return NULL;
  async_sleep((double)rnd(3) / 4);
  m.jq_done++; /* before task_done, which wakes the joiners: the observer checks the count */
  if (async_queue_task_done(jq) != 0) { m.jq_done--; violation("task_done refused an item got", 0); }
  return NULL;
}

static void *worker(void *arg) {
  int steps = (int)(intptr_t)arg;
  async_task *kids[4];
  int nkids = 0;
  for (int i = 0; i < steps; i++) {
    int c = async_cancelled(), rc;
    switch (rnd(20)) {
    case 0: rc = async_sleep((double)rnd(5) / 4); if (c) expect_cancelled(rc); break; /* equal deadlines are common */
    case 1: rc = async_yield(); if (c) expect_cancelled(rc); break;
    case 2:
      if (budget > 0 && nkids < 4) { budget--; kids[nkids++] = async_spawn(worker, (void *)(intptr_t)rnd(6)); }
      break;
    case 3:
      if (nkids) {
        async_task *k = kids[rnd((unsigned)nkids)];
        int was_done = async_task_done(k);
        rc = async_await(k, NULL);
        if (c && !was_done) expect_cancelled(rc);
      }
      break;
    case 4: if (nkids) async_cancel(kids[rnd((unsigned)nkids)]); break;
    case 5:
      if (nkids) {
        int all_done = 1;
        for (int k = 0; k < nkids; k++) all_done &= async_task_done(kids[k]);
        rc = async_gather_n(nkids, kids);
        if (c && !all_done) expect_cancelled(rc);
      }
      break;
    case 6: if (async_queue_put(q, (void *)(intptr_t)i) == 0) m.items_put++; break;
    case 7: /* a get that may wait: given a second, or cancelled by wait_for */
      if (budget > 0) {
        budget--;
        rc = async_wait_for(async_spawn(getter, NULL), (double)rnd(3) / 2, NULL);
        if (rc != 0 && rc != ASYNC_ETIMEDOUT && rc != ASYNC_ECANCELED) violation("wait_for failed oddly", 0);
      }
      break;
    case 8: {
      int set = async_event_is_set(ev);
      rc = async_event_wait(ev);
      if (c && !set) expect_cancelled(rc);
      break;
    }
    case 9: if (rnd(8) == 0) async_cancel(async_current()); break;
    case 10: /* a lock held across a sleep (which a cancel may cut short) */
      rc = async_lock_acquire(lk);
      acquired(m.lock_fifo, &m.lock_n, rc);
      if (c && rc == 0 && async_lock_locked(lk) == 0) violation("acquire returned without the lock", 0);
      if (rc == 0) {
        if (m.lock_holders++) violation("two tasks hold the lock", async_task_id(async_current()));
        async_sleep((double)rnd(3) / 4);
        m.lock_holders--;
        async_lock_release(lk);
      }
      break;
    case 11:
      rc = async_semaphore_acquire(sem);
      acquired(m.sem_fifo, &m.sem_n, rc);
      if (rc == 0) {
        if (++m.sem_holders > SEM_PERMITS) violation("more holders than permits", async_task_id(async_current()));
        async_sleep((double)rnd(3) / 4);
        m.sem_holders--;
        async_semaphore_release(sem);
      }
      break;
    case 12: {
      void *item;
      if (rnd(2)) { if (async_queue_try_put(q, (void *)(intptr_t)i) == 0) m.items_put++; }
      else if (async_queue_try_get(q, &item) == 0) m.items_got++;
      break;
    }
    case 13: /* a group of workers: its wait ends with every child done */
      if (budget > 1) {
        budget -= 2;
        async_group *g = async_group_new();
        async_task *a = async_group_spawn(g, worker, (void *)(intptr_t)rnd(4));
        async_task *b = async_group_spawn(g, worker, (void *)(intptr_t)rnd(4));
        async_group_wait(g);
        if ((a && !async_task_done(a)) || (b && !async_task_done(b))) violation("a group's wait returned before its children", 0);
        async_group_free(g);
      }
      break;
    case 14: /* take a token under the condition, waiting for one */
      if (async_lock_acquire(async_cond_lock(cv)) != 0) break;
      if (m.cond_holders++) violation("two tasks hold the condition's lock", async_task_id(async_current()));
      rc = 0;
      while (m.tokens == 0 && rc == 0) {
        m.cond_holders--;
        rc = async_cond_wait(cv);
        if (!async_lock_locked(async_cond_lock(cv))) violation("a condition wait returned without the lock", 0);
        if (m.cond_holders++) violation("two tasks hold the condition's lock", async_task_id(async_current()));
      }
      if (rc == 0) m.tokens--;
      if (m.tokens < 0) violation("a token was taken twice", 0);
      m.cond_holders--;
      async_lock_release(async_cond_lock(cv));
      break;
    case 15: /* make a token and notify one waiter */
      if (async_lock_acquire(async_cond_lock(cv)) != 0) break;
      m.tokens++;
      async_cond_notify(cv, 1);
      async_lock_release(async_cond_lock(cv));
      break;
    case 16:
      if (nkids) {
        double timeout = rnd(3) ? -1 : (double)rnd(3) / 4;
        async_wait_when when = (async_wait_when)rnd(3);
        rc = async_wait(nkids, kids, when, timeout);
        int done = 0;
        for (int k = 0; k < nkids; k++) done += async_task_done(kids[k]);
        if (rc >= 0 && rc != done) violation("async_wait miscounted", 0);
        if (rc >= 0 && timeout < 0 && when == ASYNC_FIRST_COMPLETED && done == 0) violation("async_wait returned with none done", 0);
        if (rc >= 0 && timeout < 0 && when == ASYNC_ALL_COMPLETED && done != nkids) violation("async_wait returned early", 0);
        if (c && rc >= 0 && done < nkids && !(timeout >= 0 || when != ASYNC_ALL_COMPLETED)) expect_cancelled(rc);
      }
      break;
    case 17: /* an item for a consumer, then join: it returns once every item is done */
      if (budget > 0) {
        budget--;
        if (async_queue_put(jq, (void *)(intptr_t)i) == 0) m.jq_put++;
        async_spawn(consumer, NULL);
        rc = async_queue_join(jq);
        if (rc != 0 && rc != ASYNC_ECANCELED) violation("join failed oddly", 0);
      }
      break;
    case 18: { /* a barrier of two, until the setter breaks it */
      int broken = async_barrier_broken(br);
      if (!broken) m.barrier_arrived++;
      rc = async_barrier_wait(br);
      if (rc >= 0) {
        if (rc >= BARRIER_PARTIES) violation("a barrier index out of range", 0);
        if (++m.barrier_passed > m.barrier_arrived - m.barrier_arrived % BARRIER_PARTIES)
          violation("a barrier let a task through before its group was whole", async_task_id(async_current()));
      } else if (rc != ASYNC_EBROKEN && rc != ASYNC_ECANCELED) violation("a barrier wait failed oddly", 0);
      break;
    }
    case 19: /* as_completed over the children: each comes out done, in the order they finished */
      if (nkids) {
        async_task *left_tasks[4], *d;
        memcpy(left_tasks, kids, sizeof(async_task *) * (size_t)nkids);
        long last = 0;
        for (int left = nkids; left > 0;) {
          if (async_as_completed(&left, left_tasks, &d) != 0) break;
          long seq = m.done_seq[async_task_id(d)];
          if (!async_task_done(d) || seq == 0) violation("as_completed gave a task not done", async_task_id(d));
          if (seq < last) violation("as_completed out of finishing order", async_task_id(d));
          last = seq;
        }
      }
      break;
    }
  }
  for (int k = 0; k < nkids; k++) async_await(kids[k], NULL);
  return NULL;
}

static void *setter(void *arg) {
  (void)arg;
  async_sleep(3); /* every event waiter wakes by then, and every condition waiter: tokens without end */
  async_event_set(ev);
  async_barrier_abort(br); /* a task alone at the barrier would wait for ever */
  if (async_lock_acquire(async_cond_lock(cv)) == 0) {
    m.tokens = 1 << 30;
    async_cond_notify_all(cv);
    async_lock_release(async_cond_lock(cv));
  }
  return NULL;
}

static void *amain(void *arg) {
  int roots = (int)(intptr_t)arg;
  q = async_queue_new(0);
  ev = async_event_new();
  lk = async_lock_new();
  sem = async_semaphore_new(SEM_PERMITS);
  cv = async_cond_new(NULL);
  jq = async_queue_new(0);
  br = async_barrier_new(BARRIER_PARTIES);
  async_task *s = async_spawn(setter, NULL);
  async_task *t[64];
  for (int i = 0; i < roots; i++) t[i] = async_spawn(worker, (void *)(intptr_t)(8 + rnd(24)));
  for (int i = 0; i < roots; i++)
    if (rnd(4) == 0) async_cancel(t[rnd((unsigned)roots)]);
  async_gather_n(roots, t);
  async_await(s, NULL);
  return NULL; /* tasks orphaned by a cancelled parent may still use q and ev: freed after the run */
}

/* Run one program; the caller sets rnd first. */
static int model_run(int roots) {
  memset(&m, 0, sizeof m);
  m.last_fire_time = -1;
  budget = 1000;
  async_set_observer(observe, NULL);
  int rc = async_run(amain, (void *)(intptr_t)roots);
  async_set_observer(NULL, NULL);
  if (m.items_put != m.items_got + async_queue_size(q)) violation("an item was lost", 0);
  if (async_lock_locked(lk) || m.lock_n) violation("the lock was left held or with a waiter", 0);
  if (async_semaphore_value(sem) != SEM_PERMITS || m.sem_n) violation("a permit was lost or a waiter left behind", 0);
  if (async_lock_locked(async_cond_lock(cv))) violation("the condition's lock was left held", 0);
  if (m.jq_done > m.jq_put) violation("more items marked done than put", 0);
  if (async_barrier_n_waiting(br)) violation("a task was left waiting at the barrier", 0);
  async_queue_free(q);
  async_event_free(ev);
  async_lock_free(lk);
  async_semaphore_free(sem);
  async_cond_free(cv);
  async_queue_free(jq);
  async_barrier_free(br);
  return rc;
}

#endif
