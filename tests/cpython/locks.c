/*
 * locks.c - Lock, Event and Condition cases of CPython 3.11's
 * test_asyncio/test_locks.py in C; locks.out is what locks.py prints.
 * Not ported: the repr cases and test_lock_doesnt_accept_loop_parameter
 * (Python objects), test_ambiguous_loops (one loop per run here),
 * test_wait_cancel_contested (asserts that cancelling a waiter that already
 * holds the wake is ignored: a cancel in async.h always ends the next wait).
 */
#include "twin.h"

static int result[16], nresult;
static void print_result(const char *before, const char *after) {
  printf("%sresult [", before);
  for (int i = 0; i < nresult; i++) printf("%s%d", i ? ", " : "", result[i]);
  printf("]%s", after);
}

static async_lock *lock;
static async_event *ev;
static async_cond *cond;

static void *canceller(void *t) { async_cancel(t); return NULL; } /* loop.call_soon(t.cancel) */

static void *test_lock(void *arg) {
  (void)arg;
  lock = async_lock_new();
  printf("locked %s\n", PY(async_lock_locked(lock)));
  async_lock_free(lock);
  return NULL;
}

static void *lock_c(void *n) {
  if (async_lock_acquire(lock) == 0) result[nresult++] = INT(n);
  return PTR(1);
}
static void *test_acquire(void *arg) {
  (void)arg;
  lock = async_lock_new();
  nresult = 0;
  printf("acquire %s\n", PY(async_lock_acquire(lock) == 0));
  async_task *t1 = async_spawn(lock_c, PTR(1)), *t2 = async_spawn(lock_c, PTR(2));
  async_yield();
  print_result("", "\n");
  async_lock_release(lock);
  async_yield();
  print_result("", "\n");
  async_yield();
  print_result("", "\n");
  async_task *t3 = async_spawn(lock_c, PTR(3));
  async_lock_release(lock);
  async_yield();
  print_result("", "\n");
  async_lock_release(lock);
  async_yield();
  print_result("", "\n");
  void *r1, *r2, *r3;
  async_task_result(t1, &r1), async_task_result(t2, &r2), async_task_result(t3, &r3);
  printf("done %s %s %s %s %s %s\n", PY(async_task_done(t1)), PY(r1), PY(async_task_done(t2)), PY(r2), PY(async_task_done(t3)), PY(r3));
  async_lock_free(lock);
  return NULL;
}

static void *lock_acquire(void *arg) { (void)arg; int rc = async_lock_acquire(lock); return rc ? async_fail(rc) : PTR(1); }
static void *test_acquire_cancel(void *arg) {
  (void)arg;
  lock = async_lock_new();
  printf("acquire %s\n", PY(async_lock_acquire(lock) == 0));
  async_task *task = async_spawn(lock_acquire, NULL);
  async_spawn(canceller, task);
  if (async_await(task, NULL) == ASYNC_ECANCELED) printf("CancelledError\n");
  printf("locked %s\n", PY(async_lock_locked(lock)));
  async_lock_free(lock);
  return NULL;
}

static void *lockit(void *blocker) {
  async_lock_acquire(lock);
  if (blocker) async_event_wait(blocker);
  async_lock_release(lock);
  return NULL;
}
static void *lockit_unlocked(void *arg) { /* lockit() whose acquire may fail: then there is nothing to release */
  (void)arg;
  int rc = async_lock_acquire(lock);
  if (rc == 0) async_lock_release(lock);
  return rc ? async_fail(rc) : NULL;
}
static void *test_cancel_race(void *arg) {
  (void)arg;
  lock = async_lock_new();
  ev = async_event_new();
  async_task *ta = async_spawn(lockit, ev);
  async_yield();
  printf("locked %s\n", PY(async_lock_locked(lock)));
  async_task *tb = async_spawn(lockit_unlocked, NULL);
  async_yield();
  async_task *tc = async_spawn(lockit_unlocked, NULL);
  async_yield();
  async_event_set(ev);
  async_cancel(tb);
  async_yield();
  async_yield();
  printf("locked %s ta done %s tb cancelled %s\n", PY(async_lock_locked(lock)), PY(async_task_done(ta)), PY(async_task_cancelled(tb)));
  async_await(tc, NULL);
  printf("tc done %s\n", PY(async_task_done(tc)));
  async_event_free(ev);
  async_lock_free(lock);
  return NULL;
}

static int lock_count, call_count;
static async_task *t1_race;
static void *count_lockit(void *arg) {
  (void)arg;
  call_count++;
  if (async_lock_acquire(lock) < 0) return NULL;
  lock_count++;
  return NULL;
}
static void *trigger(void *arg) {
  (void)arg;
  async_cancel(t1_race);
  async_lock_release(lock);
  return NULL;
}
static void *test_cancel_release_race(void *arg) {
  (void)arg;
  lock = async_lock_new();
  lock_count = call_count = 0;
  async_lock_acquire(lock);
  async_task *t1 = t1_race = async_spawn(count_lockit, NULL), *t2 = async_spawn(count_lockit, NULL), *t3 = async_spawn(count_lockit, NULL);
  async_yield();
  async_spawn(trigger, NULL);
  if (async_await(t1, NULL) == ASYNC_ECANCELED) printf("CancelledError\n");
  printf("lock_count %d call_count %d\n", lock_count, call_count);
  printf("t1 cancelled %s t2 done %s\n", PY(async_task_cancelled(t1)), PY(async_task_done(t2)));
  async_cancel(t3);
  async_yield();
  printf("t3 cancelled %s\n", PY(async_task_cancelled(t3)));
  async_lock_free(lock);
  return NULL;
}

static void *test_finished_waiter_cancelled(void *arg) {
  (void)arg;
  lock = async_lock_new();
  async_lock_acquire(lock);
  printf("locked %s\n", PY(async_lock_locked(lock)));
  async_task *tb = async_spawn(lock_acquire, NULL);
  async_yield();
  async_task *tc = async_spawn(lock_acquire, NULL);
  async_cancel(tb);
  async_lock_release(lock);
  async_yield();
  printf("locked %s tb cancelled %s\n", PY(async_lock_locked(lock)), PY(async_task_cancelled(tb)));
  async_await(tc, NULL);
  printf("tc done %s\n", PY(async_task_done(tc)));
  async_lock_free(lock);
  return NULL;
}

static void *test_release_not_acquired(void *arg) {
  (void)arg;
  lock = async_lock_new();
  printf("%s\n", py_error(async_lock_release(lock)));
  async_lock_free(lock);
  return NULL;
}

static void *test_release_no_waiters(void *arg) {
  (void)arg;
  lock = async_lock_new();
  async_lock_acquire(lock);
  printf("locked %s\n", PY(async_lock_locked(lock)));
  async_lock_release(lock);
  printf("locked %s\n", PY(async_lock_locked(lock)));
  async_lock_free(lock);
  return NULL;
}

static void *test_context_manager(void *arg) { /* async with lock: acquire ... release */
  (void)arg;
  lock = async_lock_new();
  async_lock_acquire(lock);
  printf("locked %s\n", PY(async_lock_locked(lock)));
  async_lock_release(lock);
  printf("locked %s\n", PY(async_lock_locked(lock)));
  async_lock_free(lock);
  return NULL;
}

static void *event_c(void *n) {
  if (async_event_wait(ev) == 0) result[nresult++] = INT(n);
  return PTR(1);
}
static void *test_event_wait(void *arg) {
  (void)arg;
  ev = async_event_new();
  nresult = 0;
  printf("is_set %s\n", PY(async_event_is_set(ev)));
  async_task *t1 = async_spawn(event_c, PTR(1)), *t2 = async_spawn(event_c, PTR(2));
  async_yield();
  print_result("", "\n");
  async_task *t3 = async_spawn(event_c, PTR(3));
  async_event_set(ev);
  async_yield();
  print_result("", "\n");
  printf("done %s %s %s\n", PY(async_task_done(t1)), PY(async_task_done(t2)), PY(async_task_done(t3)));
  async_event_free(ev);
  return NULL;
}

static void *test_event_wait_on_set(void *arg) {
  (void)arg;
  ev = async_event_new();
  async_event_set(ev);
  printf("wait %s\n", PY(async_event_wait(ev) == 0));
  async_event_free(ev);
  return NULL;
}

static void *event_wait(void *arg) { (void)arg; int rc = async_event_wait(ev); return rc ? async_fail(rc) : PTR(1); }
static void *test_event_wait_cancel(void *arg) {
  (void)arg;
  ev = async_event_new();
  async_task *wait = async_spawn(event_wait, NULL);
  async_spawn(canceller, wait);
  if (async_await(wait, NULL) == ASYNC_ECANCELED) printf("CancelledError\n");
  async_event_free(ev);
  return NULL;
}

static void *test_event_clear(void *arg) {
  (void)arg;
  ev = async_event_new();
  printf("is_set %s\n", PY(async_event_is_set(ev)));
  async_event_set(ev);
  printf("is_set %s\n", PY(async_event_is_set(ev)));
  async_event_clear(ev);
  printf("is_set %s\n", PY(async_event_is_set(ev)));
  async_event_free(ev);
  return NULL;
}

static void *test_event_clear_with_waiters(void *arg) {
  (void)arg;
  ev = async_event_new();
  nresult = 0;
  async_task *t = async_spawn(event_c, PTR(1));
  async_yield();
  print_result("", "\n");
  async_event_set(ev);
  async_event_clear(ev);
  printf("is_set %s\n", PY(async_event_is_set(ev)));
  async_event_set(ev);
  async_event_set(ev);
  async_yield();
  print_result("", "\n");
  void *r;
  async_task_result(t, &r);
  printf("done %s %s\n", PY(async_task_done(t)), PY(r));
  async_event_free(ev);
  return NULL;
}

static async_lock *cond_lock(void) { return async_cond_lock(cond); }

static void *cond_c(void *n) {
  async_lock_acquire(cond_lock());
  if (async_cond_wait(cond) == 0) result[nresult++] = INT(n);
  return PTR(1);
}
static void print_cond(void) { print_result("", ""); printf(" locked %s\n", PY(async_lock_locked(cond_lock()))); }
static void *test_condition_wait(void *arg) {
  (void)arg;
  cond = async_cond_new(NULL);
  nresult = 0;
  async_task *t1 = async_spawn(cond_c, PTR(1)), *t2 = async_spawn(cond_c, PTR(2)), *t3 = async_spawn(cond_c, PTR(3));
  async_yield();
  print_cond();
  printf("acquire %s\n", PY(async_lock_acquire(cond_lock()) == 0));
  async_cond_notify(cond, 1);
  async_yield();
  print_cond();
  async_lock_release(cond_lock());
  async_yield();
  print_cond();
  async_cond_notify(cond, 2);
  async_yield();
  print_cond();
  async_lock_release(cond_lock());
  async_yield();
  print_cond();
  async_lock_release(cond_lock());
  async_yield();
  print_cond();
  printf("done %s %s %s\n", PY(async_task_done(t1)), PY(async_task_done(t2)), PY(async_task_done(t3)));
  async_cond_free(cond);
  return NULL;
}

static void *cond_wait(void *arg) { (void)arg; int rc = async_cond_wait(cond); return rc ? async_fail(rc) : PTR(1); }
static void *test_condition_wait_cancel(void *arg) {
  (void)arg;
  cond = async_cond_new(NULL);
  async_lock_acquire(cond_lock());
  async_task *wait = async_spawn(cond_wait, NULL);
  async_spawn(canceller, wait);
  if (async_await(wait, NULL) == ASYNC_ECANCELED) printf("CancelledError\n");
  printf("locked %s\n", PY(async_lock_locked(cond_lock())));
  async_cond_free(cond);
  return NULL;
}

static int waited;
static void *wait_on_cond(void *arg) { /* async with cond: await cond.wait() */
  (void)arg;
  async_lock_acquire(cond_lock());
  waited = 1;
  int rc = async_cond_wait(cond);
  async_lock_release(cond_lock());
  return rc ? async_fail(rc) : NULL;
}
static void *test_condition_wait_cancel_after_notify(void *arg) {
  (void)arg;
  cond = async_cond_new(NULL);
  waited = 0;
  async_task *waiter = async_spawn(wait_on_cond, NULL);
  async_yield();
  async_lock_acquire(cond_lock());
  async_cond_notify(cond, 1);
  async_yield();
  async_cancel(waiter);
  async_yield();
  async_lock_release(cond_lock());
  async_yield();
  printf("cancelled %s waited %s locked %s\n", PY(async_task_cancelled(waiter)), PY(waited), PY(async_lock_locked(cond_lock())));
  async_cond_free(cond);
  return NULL;
}

static void *test_condition_wait_unacquired(void *arg) {
  (void)arg;
  cond = async_cond_new(NULL);
  printf("%s\n", py_error(async_cond_wait(cond)));
  async_cond_free(cond);
  return NULL;
}

static int presult;
static void *cond_wait_for(void *arg) {
  (void)arg;
  async_lock_acquire(cond_lock());
  int rc = 0;
  while (!presult && rc == 0) rc = async_cond_wait(cond); /* cond.wait_for(predicate) */
  if (rc == 0) {
    result[nresult++] = 1;
    async_lock_release(cond_lock());
  }
  return PTR(1);
}
static void *test_condition_wait_for(void *arg) {
  (void)arg;
  cond = async_cond_new(NULL);
  nresult = 0;
  presult = 0;
  async_task *t = async_spawn(cond_wait_for, NULL);
  async_yield();
  print_result("", "\n");
  async_lock_acquire(cond_lock());
  async_cond_notify(cond, 1);
  async_lock_release(cond_lock());
  async_yield();
  print_result("", "\n");
  presult = 1;
  async_lock_acquire(cond_lock());
  async_cond_notify(cond, 1);
  async_lock_release(cond_lock());
  async_yield();
  print_result("", "\n");
  void *r;
  async_task_result(t, &r);
  printf("done %s %s\n", PY(async_task_done(t)), PY(r));
  async_cond_free(cond);
  return NULL;
}

static void *cond_c_release(void *n) {
  async_lock_acquire(cond_lock());
  if (async_cond_wait(cond) == 0) {
    result[nresult++] = INT(n);
    async_lock_release(cond_lock());
  }
  return PTR(1);
}
static void *test_condition_notify(void *arg) {
  (void)arg;
  cond = async_cond_new(NULL);
  nresult = 0;
  async_task *t1 = async_spawn(cond_c_release, PTR(1)), *t2 = async_spawn(cond_c_release, PTR(2)), *t3 = async_spawn(cond_c_release, PTR(3));
  async_yield();
  print_result("", "\n");
  async_lock_acquire(cond_lock());
  async_cond_notify(cond, 1);
  async_lock_release(cond_lock());
  async_yield();
  print_result("", "\n");
  async_lock_acquire(cond_lock());
  async_cond_notify(cond, 1);
  async_cond_notify(cond, 2048);
  async_lock_release(cond_lock());
  async_yield();
  print_result("", "\n");
  printf("done %s %s %s\n", PY(async_task_done(t1)), PY(async_task_done(t2)), PY(async_task_done(t3)));
  async_cond_free(cond);
  return NULL;
}

static void *test_condition_notify_all(void *arg) {
  (void)arg;
  cond = async_cond_new(NULL);
  nresult = 0;
  async_task *t1 = async_spawn(cond_c_release, PTR(1)), *t2 = async_spawn(cond_c_release, PTR(2));
  async_yield();
  print_result("", "\n");
  async_lock_acquire(cond_lock());
  async_cond_notify_all(cond);
  async_lock_release(cond_lock());
  async_yield();
  print_result("", "\n");
  printf("done %s %s\n", PY(async_task_done(t1)), PY(async_task_done(t2)));
  async_cond_free(cond);
  return NULL;
}

static void *test_condition_notify_unacquired(void *arg) {
  (void)arg;
  cond = async_cond_new(NULL);
  printf("%s\n", py_error(async_cond_notify(cond, 1)));
  printf("%s\n", py_error(async_cond_notify_all(cond)));
  async_cond_free(cond);
  return NULL;
}

static void *test_condition_explicit_lock(void *arg) {
  (void)arg;
  lock = async_lock_new();
  cond = async_cond_new(lock);
  printf("same lock %s\n", PY(async_cond_lock(cond) == lock));
  async_lock_acquire(lock);
  printf("locked %s\n", PY(async_lock_locked(cond_lock())));
  async_lock_release(lock);
  printf("locked %s\n", PY(async_lock_locked(cond_lock())));
  async_cond_free(cond);
  async_lock_free(lock);
  return NULL;
}

static void *test_condition_timeout_in_block(void *arg) {
  (void)arg;
  cond = async_cond_new(NULL);
  async_lock_acquire(cond_lock());
  int rc = async_wait_for(async_spawn(cond_wait, NULL), 0.5, NULL);
  printf("%s at %.2f locked %s\n", py_error(rc), async_now(), PY(async_lock_locked(cond_lock())));
  async_lock_release(cond_lock());
  async_cond_free(cond);
  return NULL;
}

int main(void) {
  CASE(test_lock);
  CASE(test_acquire);
  CASE(test_acquire_cancel);
  CASE(test_cancel_race);
  CASE(test_cancel_release_race);
  CASE(test_finished_waiter_cancelled);
  CASE(test_release_not_acquired);
  CASE(test_release_no_waiters);
  CASE(test_context_manager);
  CASE(test_event_wait);
  CASE(test_event_wait_on_set);
  CASE(test_event_wait_cancel);
  CASE(test_event_clear);
  CASE(test_event_clear_with_waiters);
  CASE(test_condition_wait);
  CASE(test_condition_wait_cancel);
  CASE(test_condition_wait_cancel_after_notify);
  CASE(test_condition_wait_unacquired);
  CASE(test_condition_wait_for);
  CASE(test_condition_notify);
  CASE(test_condition_notify_all);
  CASE(test_condition_notify_unacquired);
  CASE(test_condition_explicit_lock);
  CASE(test_condition_timeout_in_block);
  return 0;
}
