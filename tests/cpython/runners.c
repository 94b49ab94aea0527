/*
 * runners.c - cases of CPython 3.11's test_asyncio/test_runners.py
 * (asyncio.run) in C; runners.out is what runners.py prints. Not ported: the
 * debug-mode, event-loop-policy, task-factory, context-variable, signal and
 * KeyboardInterrupt cases (async.h has none of these), the Runner object's
 * close cases (async_run has no object to close), and the hanging-task error
 * reports (a leftover task's failure is not logged).
 */
#include "twin.h"

static void *main_return(void *arg) { (void)arg; async_yield(); return PTR(42); }
static void *main_raises(void *arg) { (void)arg; async_yield(); return async_fail(-10001); /* SpamError */ }
static void *main_nested(void *arg) { (void)arg; return PTR(async_run(main_nested, NULL)); }
static int lo_done, lo_cancelled; /* task handles end with their run: the leftover says how it ended */
static void *leftover(void *arg) {
  (void)arg;
  lo_cancelled = async_sleep(0.1) == ASYNC_ECANCELED;
  lo_done = 1;
  return NULL;
}
static void *main_leaves(void *arg) { (void)arg; async_spawn(leftover, NULL); return PTR(123); }
static void *f(void *x) { async_sleep(0.5); return PTR(INT(x) * 2); }

int main(void) {
  void *r;
  printf("== test_asyncio_run_return\n");
  if (async_run_result(main_return, NULL, &r) == 0) printf("result %d\n", INT(r));
  printf("== test_asyncio_run_raises\n");
  if (async_run(main_raises, NULL) == -10001) printf("raised SpamError\n");
  printf("== test_asyncio_run_only_coro\n");
  if (async_run(NULL, NULL) == ASYNC_EINVAL) printf("ValueError\n");
  printf("== test_asyncio_run_from_running_loop\n");
  if (async_run_result(main_nested, NULL, &r) == 0 && INT(r) == ASYNC_EINVAL) printf("RuntimeError\n");
  printf("== test_asyncio_run_cancels_hanging_tasks\n");
  int rc = async_run_result(main_leaves, NULL, &r);
  printf("result %d leftover done %s cancelled %s\n", rc == 0 ? INT(r) : rc, PY(lo_done), PY(lo_cancelled));
  printf("== test_run_twice\n");
  void *r1, *r2;
  async_run_result(f, PTR(1), &r1);
  async_run_result(f, PTR(2), &r2);
  printf("results %d %d\n", INT(r1), INT(r2));
  return 0;
}
