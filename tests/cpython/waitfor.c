/*
 * waitfor.c - cases of CPython 3.11's test_asyncio/test_waitfor.py in C;
 * waitfor.out is what waitfor.py prints. Not ported: the SlowTask cases
 * (test_asyncio_wait_for_cancelled, test_asyncio_wait_for_timeout) and
 * test_wait_for_self_cancellation (a task that ignores its cancel and waits
 * again: in async.h a cancel holds for every later wait);
 * test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started (a task
 * cancelled before it starts runs to its first wait in async.h);
 * test_wait_for_cancellation_race_condition (a task that swallows its cancel
 * and returns a value: wait_for's timeout is ASYNC_ETIMEDOUT regardless).
 */
#include "twin.h"

#define FOO_EXCEPTION (-10001)

static void *returns_done(void *arg) { (void)arg; return "done"; }
static void *test_wait_for_timeout_less_then_0_or_0_future_done(void *arg) {
  (void)arg;
  async_task *fut = async_spawn(returns_done, NULL);
  async_yield();
  void *ret;
  async_wait_for(fut, 0, &ret);
  printf("ret %s done %s\n", (char *)ret, PY(async_task_done(fut)));
  return NULL;
}

static int foo_running;
static async_event *started;
static void *foo(void *arg) {
  double seconds = *(double *)arg;
  foo_running = 1;
  if (started) async_event_set(started);
  int rc = async_sleep(seconds);
  foo_running = 0; /* finally */
  return rc ? async_fail(rc) : "done";
}
static void *test_wait_for_timeout_less_then_0_or_0(void *arg) {
  (void)arg;
  static const double timeouts[] = {0, -1}, ten = 10;
  for (int i = 0; i < 2; i++) {
    foo_running = -1;
    started = async_event_new();
    async_task *fut = async_spawn(foo, (void *)&ten);
    async_event_wait(started);
    int rc = async_wait_for(fut, timeouts[i], NULL);
    if (rc == ASYNC_ETIMEDOUT) printf("timeout %g TimeoutError at %.2f\n", timeouts[i], async_now());
    printf("done %s cancelled %s foo_running %s\n", PY(async_task_done(fut)), PY(async_task_cancelled(fut)), PY(foo_running));
    async_event_free(started);
    started = NULL;
  }
  return NULL;
}

static void *test_wait_for(void *arg) {
  (void)arg;
  static const double long_timeout = 300;
  foo_running = -1;
  async_task *fut = async_spawn(foo, (void *)&long_timeout);
  if (async_wait_for(fut, 0.1, NULL) == ASYNC_ETIMEDOUT) printf("TimeoutError at %.2f\n", async_now());
  printf("done %s cancelled %s foo_running %s\n", PY(async_task_done(fut)), PY(async_task_cancelled(fut)), PY(foo_running));
  return NULL;
}

static void *test_wait_for_blocking(void *arg) { /* timeout=None: no timeout */
  (void)arg;
  void *res;
  async_wait_for(async_spawn(returns_done, NULL), 1e300, &res);
  printf("res %s\n", (char *)res);
  return NULL;
}

static void *later_ok(void *arg) { (void)arg; async_sleep(0.1); return "ok"; }
static void *test_wait_for_race_condition(void *arg) {
  (void)arg;
  void *res;
  async_wait_for(async_spawn(later_ok, NULL), 0.2, &res);
  printf("res %s at %.2f\n", (char *)res, async_now());
  return NULL;
}

static int task_done;
static void *inner(void *arg) {
  (void)arg;
  int rc = async_sleep(10);
  task_done = 1; /* finally */
  return rc ? async_fail(rc) : NULL;
}
static void *test_wait_for_waits_for_task_cancellation(void *arg) {
  (void)arg;
  task_done = 0;
  async_task *inner_task = async_spawn(inner, NULL);
  if (async_wait_for(inner_task, 0.0001, NULL) == ASYNC_ETIMEDOUT)
    printf("TimeoutError from %s\n", async_task_cancelled(inner_task) ? "CancelledError" : "?");
  printf("task_done %s\n", PY(task_done));
  return NULL;
}

static void *w0_foo(void *arg) {
  (void)arg;
  async_task *inner_task = async_spawn(inner, NULL);
  async_sleep(0.0001);
  int rc = async_wait_for(inner_task, 0, NULL);
  return rc ? async_fail(rc) : NULL;
}
static void *test_wait_for_waits_for_task_cancellation_w_timeout_0(void *arg) {
  (void)arg;
  task_done = 0;
  if (async_await(async_spawn(w0_foo, NULL), NULL) == ASYNC_ETIMEDOUT) printf("TimeoutError\n");
  printf("task_done %s\n", PY(task_done));
  return NULL;
}

static void *raising_inner(void *arg) {
  (void)arg;
  async_sleep(0.2);
  return async_fail(FOO_EXCEPTION); /* finally: raise FooException */
}
static void *raising_foo(void *arg) {
  (void)arg;
  int rc = async_wait_for(async_spawn(raising_inner, NULL), 0.0001, NULL);
  return rc ? async_fail(rc) : NULL;
}
static void *test_wait_for_reraises_exception_during_cancellation(void *arg) {
  (void)arg;
  if (async_await(async_spawn(raising_foo, NULL), NULL) == FOO_EXCEPTION) printf("FooException\n");
  return NULL;
}

static async_event *never;
static void *blocking_coroutine(void *arg) { (void)arg; int rc = async_event_wait(never); return rc ? async_fail(rc) : NULL; }
static double wait_timeout;
static void *wait_for_task(void *t) { int rc = async_wait_for(t, wait_timeout, NULL); return rc ? async_fail(rc) : NULL; }
static void *canceller(void *t) { async_cancel(t); return NULL; }
static void cancel_wait_for(double timeout) {
  never = async_event_new();
  wait_timeout = timeout;
  async_task *task = async_spawn(blocking_coroutine, NULL);
  async_task *wait = async_spawn(wait_for_task, task);
  async_spawn(canceller, wait);
  if (async_await(wait, NULL) == ASYNC_ECANCELED) printf("CancelledError\n");
  printf("task cancelled %s\n", PY(async_task_cancelled(task)));
  async_event_free(never);
}
static void *test_cancel_blocking_wait_for(void *arg) { (void)arg; cancel_wait_for(1e300); return NULL; }
static void *test_cancel_wait_for(void *arg) { (void)arg; cancel_wait_for(60.0); return NULL; }

int main(void) {
  CASE(test_wait_for_timeout_less_then_0_or_0_future_done);
  CASE(test_wait_for_timeout_less_then_0_or_0);
  CASE(test_wait_for);
  CASE(test_wait_for_blocking);
  CASE(test_wait_for_race_condition);
  CASE(test_wait_for_waits_for_task_cancellation);
  CASE(test_wait_for_waits_for_task_cancellation_w_timeout_0);
  CASE(test_wait_for_reraises_exception_during_cancellation);
  CASE(test_cancel_blocking_wait_for);
  CASE(test_cancel_wait_for);
  return 0;
}
