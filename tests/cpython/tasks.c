/*
 * tasks.c - cases of CPython 3.11's test_asyncio/test_tasks.py in C, on the
 * virtual clock; tasks.out is what tasks.py prints. Most of test_tasks.py
 * cannot be ported: it tests Python's coroutine and future machinery
 * (ensure_future, reprs, stacks, contexts, tracebacks, uncancel, custom task
 * classes, the C-accelerated module) that a C runtime has no counterpart for.
 * Left out for a documented difference: gather's first exception (async.h's
 * gather waits for every child), cancel messages, tasks that catch their
 * cancel and wait again.
 */
#include "twin.h"

static void *sleeper(void *dt) { int rc = async_sleep(*(double *)dt); return rc ? async_fail(rc) : NULL; }
static const double s01 = 0.1, s015 = 0.15, s10 = 10.0;

static void *test_wait(void *arg) {
  (void)arg;
  async_task *t[2] = {async_spawn(sleeper, (void *)&s015), async_spawn(sleeper, (void *)&s01)};
  for (int i = 0; i < 2; i++) {
    int done = async_wait(2, t, ASYNC_ALL_COMPLETED, -1);
    printf("done %d pending %d at %.2f\n", done, 2 - done, async_now());
  }
  return NULL;
}

static void *test_wait_first_completed(void *arg) {
  (void)arg;
  async_task *a = async_spawn(sleeper, (void *)&s10), *b = async_spawn(sleeper, (void *)&s01);
  async_task *t[2] = {b, a};
  async_wait(2, t, ASYNC_FIRST_COMPLETED, -1);
  void *r;
  async_task_result(b, &r);
  /* asyncio.wait's done and pending sets: async_wait leaves the done ones marked done */
  printf("b done %s a pending %s %s %s %s at %.2f\n", PY(async_task_done(b)), PY(!async_task_done(a)), PY(async_task_done(a)),
         PY(async_task_done(b)), r ? "?" : "None", async_now());
  async_cancel(a);
  return NULL;
}

static void *exc(void *arg) { (void)arg; return async_fail(-10001); /* ZeroDivisionError */ }
static void *test_wait_first_exception(void *arg) {
  (void)arg;
  async_task *a = async_spawn(sleeper, (void *)&s10), *b = async_spawn(exc, NULL);
  async_task *t[2] = {b, a};
  async_wait(2, t, ASYNC_FIRST_EXCEPTION, -1);
  printf("b done %s a pending %s at %.2f\n", PY(async_task_done(b)), PY(!async_task_done(a)), async_now());
  async_cancel(a);
  return NULL;
}

static void *test_wait_with_timeout(void *arg) {
  (void)arg;
  async_task *a = async_spawn(sleeper, (void *)&s01), *b = async_spawn(sleeper, (void *)&s015);
  async_task *t[2] = {b, a};
  async_wait(2, t, ASYNC_ALL_COMPLETED, 0.11);
  printf("a done %s b pending %s at %.2f\n", PY(async_task_done(a)), PY(!async_task_done(b)), async_now());
  async_cancel(b);
  return NULL;
}

struct sleep_for { double dt; const char *x; };
static void *sleeper_x(void *arg) {
  struct sleep_for *s = arg;
  async_sleep(s->dt);
  return (void *)s->x;
}
static void *test_as_completed(void *arg) {
  (void)arg;
  static struct sleep_for b = {0.01, "b"}, c = {0.15, "c"}, a = {0.01, "a"};
  async_task *t[3] = {async_spawn(sleeper_x, &b), async_spawn(sleeper_x, &c), async_spawn(sleeper_x, &a)};
  const char *values[3];
  int left = 3, n = 0;
  async_task *done;
  while (left > 0 && async_as_completed(&left, t, &done) == 0) {
    void *r;
    async_await(done, &r);
    values[n++] = r;
  }
  int swap = values[0][0] > values[1][0];
  printf("first two ['%s', '%s'] last %s at %.2f\n", values[swap], values[!swap], values[2], async_now());
  return NULL;
}

static async_task *self_task;
static void *cancels_itself(void *arg) {
  (void)arg;
  async_cancel(self_task);
  int rc = async_sleep(100);
  return rc ? async_fail(rc) : PTR(12);
}
static void *test_cancel_current_task(void *arg) {
  (void)arg;
  async_task *t = self_task = async_spawn(cancels_itself, NULL);
  printf("cancelled %s\n", PY(async_task_cancelled(t)));
  if (async_await(t, NULL) == ASYNC_ECANCELED) printf("CancelledError\n");
  printf("done %s cancelled %s cancel again %s at %.2f\n", PY(async_task_done(t)), PY(async_task_cancelled(t)),
         PY(async_cancel(t) == 0), async_now());
  return NULL;
}

static void *test_cancel_awaited_task(void *arg) {
  (void)arg;
  async_task *t = async_spawn(sleeper, (void *)&s10);
  async_yield();
  async_cancel(t);
  if (async_await(t, NULL) == ASYNC_ECANCELED) printf("CancelledError\n");
  printf("cancelled %s at %.2f\n", PY(async_task_cancelled(t)), async_now());
  return NULL;
}

static async_event *fut1, *fut2;
static async_task *task1, *task2;
static void *coro1(void *arg) {
  (void)arg;
  printf("task1 is current %s\n", PY(async_current() == task1));
  async_event_wait(fut1);
  printf("task1 is current %s\n", PY(async_current() == task1));
  async_event_set(fut2);
  return NULL;
}
static void *coro2(void *arg) {
  (void)arg;
  printf("task2 is current %s\n", PY(async_current() == task2));
  async_event_set(fut1);
  async_event_wait(fut2);
  printf("task2 is current %s\n", PY(async_current() == task2));
  return NULL;
}
static void *test_current_task_with_interleaving_tasks(void *arg) {
  (void)arg;
  fut1 = async_event_new();
  fut2 = async_event_new();
  task1 = async_spawn(coro1, NULL);
  task2 = async_spawn(coro2, NULL);
  async_task *t[2] = {task1, task2};
  async_wait(2, t, ASYNC_ALL_COMPLETED, -1);
  async_event_free(fut1);
  async_event_free(fut2);
  return NULL;
}

static void *test_sleep_cancel(void *arg) {
  (void)arg;
  async_task *t = async_spawn(sleeper, (void *)&s10);
  async_yield();
  async_cancel(t);
  async_yield();
  printf("cancelled %s at %.2f\n", PY(async_task_cancelled(t) && async_task_done(t)), async_now());
  return NULL;
}

static void *test_gather_success(void *arg) {
  (void)arg;
  static struct sleep_for a = {0.3, "a"}, b = {0.1, "b"}, c = {0.2, "c"};
  async_task *t[3] = {async_spawn(sleeper_x, &a), async_spawn(sleeper_x, &b), async_spawn(sleeper_x, &c)};
  void *r[3];
  async_gather_results(3, t, r);
  printf("results ['%s', '%s', '%s'] at %.2f\n", (char *)r[0], (char *)r[1], (char *)r[2], async_now());
  return NULL;
}

static async_task *kids[2];
static void *gather_kids(void *arg) { (void)arg; int rc = async_gather_n(2, kids); return rc ? async_fail(rc) : NULL; }
static void *test_cancel_gather_1(void *arg) {
  (void)arg;
  for (int i = 0; i < 2; i++) kids[i] = async_spawn(sleeper, (void *)&s10);
  async_task *gather_task = async_spawn(gather_kids, NULL);
  async_sleep(0.1);
  async_cancel(gather_task);
  if (async_await(gather_task, NULL) == ASYNC_ECANCELED) printf("CancelledError\n");
  printf("children cancelled [%s, %s] at %.2f\n", PY(async_task_cancelled(kids[0])), PY(async_task_cancelled(kids[1])), async_now());
  return NULL;
}

static void *forty_two(void *arg) { (void)arg; async_sleep(0.1); return PTR(42); }
static void *test_task_basics(void *arg) {
  (void)arg;
  async_task *t = async_spawn(forty_two, NULL);
  printf("done %s cancelled %s\n", PY(async_task_done(t)), PY(async_task_cancelled(t)));
  void *r;
  if (async_task_result(t, &r) == ASYNC_ENOTDONE) printf("InvalidStateError\n");
  async_sleep(0.2);
  async_task_result(t, &r);
  printf("done %s cancelled %s result %d\n", PY(async_task_done(t)), PY(async_task_cancelled(t)), INT(r));
  return NULL;
}

int main(void) {
  CASE(test_wait);
  CASE(test_wait_first_completed);
  CASE(test_wait_first_exception);
  CASE(test_wait_with_timeout);
  CASE(test_as_completed);
  CASE(test_cancel_current_task);
  CASE(test_cancel_awaited_task);
  CASE(test_current_task_with_interleaving_tasks);
  CASE(test_sleep_cancel);
  CASE(test_gather_success);
  CASE(test_cancel_gather_1);
  CASE(test_task_basics);
  return 0;
}
