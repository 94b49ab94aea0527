/*
 * semaphores.c - Semaphore and Barrier cases of CPython 3.11's
 * test_asyncio/test_locks.py in C; semaphores.out is what semaphores.py
 * prints. Not ported: the repr cases, test_draining_state (reads the
 * barrier's state from its repr), the reset cases (asyncio's reset waits for
 * the barrier's internal lock, which fixes step counts this barrier, without
 * that lock, does not share), the abort cases that raise an exception
 * inside `async with` (C has none to raise).
 */
#include "twin.h"

static async_semaphore *sem;
static async_barrier *barrier;
static int result[16], nresult;
static void print_result(void) {
  printf("result [");
  for (int i = 0; i < nresult; i++) printf("%s%d", i ? ", " : "", result[i]);
  printf("]");
}
static void *canceller(void *t) { async_cancel(t); return NULL; }
static void *sem_acquire(void *arg) { (void)arg; int rc = async_semaphore_acquire(sem); return rc ? async_fail(rc) : PTR(1); }

static void *test_initial_value_zero(void *arg) {
  (void)arg;
  sem = async_semaphore_new(0);
  printf("locked %s\n", PY(async_semaphore_locked(sem)));
  async_semaphore_free(sem);
  return NULL;
}

static void *test_semaphore(void *arg) {
  (void)arg;
  sem = async_semaphore_new(1);
  printf("value %d locked %s\n", async_semaphore_value(sem), PY(async_semaphore_locked(sem)));
  async_semaphore_free(sem);
  return NULL;
}

static void *test_semaphore_value(void *arg) {
  (void)arg;
  if (!async_semaphore_new(-1)) printf("ValueError\n");
  return NULL;
}

static void *sem_c(void *n) {
  if (async_semaphore_acquire(sem) < 0) return NULL;
  result[nresult++] = INT(n);
  return PTR(1);
}
static void *test_acquire(void *arg) {
  (void)arg;
  sem = async_semaphore_new(3);
  nresult = 0;
  int a = async_semaphore_acquire(sem), b = async_semaphore_acquire(sem);
  printf("acquire %s %s locked %s\n", PY(a == 0), PY(b == 0), PY(async_semaphore_locked(sem)));
  async_task *t1 = async_spawn(sem_c, PTR(1)), *t2 = async_spawn(sem_c, PTR(2)), *t3 = async_spawn(sem_c, PTR(3));
  async_yield();
  print_result();
  printf(" locked %s value %d\n", PY(async_semaphore_locked(sem)), async_semaphore_value(sem));
  async_task *t4 = async_spawn(sem_c, PTR(4));
  async_semaphore_release(sem);
  async_semaphore_release(sem);
  printf("value %d\n", async_semaphore_value(sem));
  async_yield();
  printf("value %d results %d locked %s\n", async_semaphore_value(sem), nresult, PY(async_semaphore_locked(sem)));
  void *r;
  async_task_result(t1, &r);
  printf("t1 %s %s\n", PY(async_task_done(t1)), PY(r));
  async_task *race[3] = {t2, t3, t4};
  int done = 0;
  for (int i = 0; i < 3; i++) done += async_task_result(race[i], &r) == 0 && r;
  printf("done %d\n", done);
  async_semaphore_release(sem);
  async_gather_n(3, race);
  print_result();
  printf("\n");
  async_semaphore_free(sem);
  return NULL;
}

static void *test_acquire_cancel(void *arg) {
  (void)arg;
  sem = async_semaphore_new(1);
  async_semaphore_acquire(sem);
  async_task *acquire = async_spawn(sem_acquire, NULL);
  async_spawn(canceller, acquire);
  if (async_await(acquire, NULL) == ASYNC_ECANCELED) printf("CancelledError\n");
  printf("value %d locked %s\n", async_semaphore_value(sem), PY(async_semaphore_locked(sem)));
  async_semaphore_free(sem);
  return NULL;
}

static void *test_acquire_cancel_before_awoken(void *arg) {
  (void)arg;
  sem = async_semaphore_new(0);
  async_task *t1 = async_spawn(sem_acquire, NULL), *t2 = async_spawn(sem_acquire, NULL), *t3 = async_spawn(sem_acquire, NULL),
             *t4 = async_spawn(sem_acquire, NULL);
  async_yield();
  async_cancel(t1);
  async_cancel(t2);
  async_semaphore_release(sem);
  async_yield();
  async_yield();
  printf("t3 done %s t4 done %s\n", PY(async_task_done(t3)), PY(async_task_done(t4)));
  async_cancel(t3);
  async_cancel(t4);
  async_yield();
  async_semaphore_free(sem);
  return NULL;
}

static void *test_acquire_hang(void *arg) {
  (void)arg;
  sem = async_semaphore_new(0);
  async_task *t1 = async_spawn(sem_acquire, NULL), *t2 = async_spawn(sem_acquire, NULL);
  async_yield();
  async_cancel(t1);
  async_semaphore_release(sem);
  async_yield();
  async_yield();
  printf("locked %s t2 done %s\n", PY(async_semaphore_locked(sem)), PY(async_task_done(t2)));
  async_semaphore_free(sem);
  return NULL;
}

static async_task *no_hang_t2;
static void *no_hang_c1(void *arg) {
  (void)arg;
  async_semaphore_acquire(sem);
  async_yield();
  async_semaphore_release(sem);
  async_cancel(no_hang_t2);
  return NULL;
}
static void *no_hang_c2(void *arg) {
  (void)arg;
  int rc = async_semaphore_acquire(sem);
  if (rc < 0) return async_fail(rc);
  printf("c2 should not get here\n");
  async_semaphore_release(sem);
  return NULL;
}
static void *test_acquire_no_hang(void *arg) {
  (void)arg;
  sem = async_semaphore_new(1);
  async_task *t[2] = {async_spawn(no_hang_c1, NULL), NULL};
  t[1] = no_hang_t2 = async_spawn(no_hang_c2, NULL);
  void *r[2];
  int rc2 = (async_gather_results(2, t, r), async_task_result(t[1], NULL));
  printf("r1 %s r2 %s\n", r[0] ? "?" : "None", py_error(rc2));
  async_wait_for(async_spawn(sem_acquire, NULL), 1.0, NULL);
  printf("acquired at %.2f\n", async_now());
  async_semaphore_free(sem);
  return NULL;
}

static void *test_release_not_acquired(void *arg) {
  (void)arg;
  sem = async_semaphore_new_bounded(1);
  printf("%s\n", py_error(async_semaphore_release(sem)));
  async_semaphore_free(sem);
  return NULL;
}

static void *test_release_no_waiters(void *arg) {
  (void)arg;
  sem = async_semaphore_new(1);
  async_semaphore_acquire(sem);
  printf("locked %s\n", PY(async_semaphore_locked(sem)));
  async_semaphore_release(sem);
  printf("locked %s\n", PY(async_semaphore_locked(sem)));
  async_semaphore_free(sem);
  return NULL;
}

static const char *tags[16];
static int ntags, nth[16];
static void *fifo_coro(void *tag) {
  for (int round = 1; round <= 2; round++) {
    async_semaphore_acquire(sem);
    tags[ntags] = tag;
    nth[ntags++] = round;
    async_sleep(0.01);
    async_semaphore_release(sem);
  }
  return NULL;
}
static void *test_acquire_fifo_order(void *arg) {
  (void)arg;
  sem = async_semaphore_new(1);
  ntags = 0;
  async_group *g = async_group_new();
  async_group_spawn(g, fifo_coro, "c1");
  async_group_spawn(g, fifo_coro, "c2");
  async_group_spawn(g, fifo_coro, "c3");
  async_group_wait(g);
  async_group_free(g);
  for (int i = 0; i < ntags; i++) printf("%s_%d ", tags[i], nth[i]);
  printf("at %.2f\n", async_now());
  async_semaphore_free(sem);
  return NULL;
}

static void *fifo2_c2(void *arg) {
  (void)arg;
  async_semaphore_acquire(sem);
  result[nresult++] = 2;
  async_semaphore_release(sem);
  async_semaphore_acquire(sem);
  result[nresult++] = 4;
  return PTR(1);
}
static void *test_acquire_fifo_order_2(void *arg) {
  (void)arg;
  sem = async_semaphore_new(1);
  nresult = 0;
  async_task *t[3] = {async_spawn(sem_c, PTR(1)), async_spawn(fifo2_c2, NULL), async_spawn(sem_c, PTR(3))};
  async_yield();
  async_semaphore_release(sem);
  async_semaphore_release(sem);
  async_gather_n(3, t);
  print_result();
  printf("\n");
  async_semaphore_free(sem);
  return NULL;
}

static void *test_acquire_fifo_order_3(void *arg) {
  (void)arg;
  sem = async_semaphore_new(0);
  nresult = 0;
  async_task *t[3] = {async_spawn(sem_c, PTR(1)), async_spawn(sem_c, PTR(2)), async_spawn(sem_c, PTR(3))};
  async_yield();
  async_cancel(t[0]);
  async_yield();
  async_semaphore_release(sem);
  async_semaphore_release(sem);
  async_gather_n(3, t);
  print_result();
  printf("\n");
  async_semaphore_free(sem);
  return NULL;
}

static void *test_barrier_parties(void *arg) {
  (void)arg;
  if (!async_barrier_new(0)) printf("ValueError\n");
  if (!async_barrier_new(-4)) printf("ValueError\n");
  barrier = async_barrier_new(5);
  printf("parties %d\n", barrier ? 5 : 0);
  async_barrier_free(barrier);
  return NULL;
}

static int indices[8], nindices;
static void print_indices(const char *what) {
  int sorted[8];
  for (int i = 0; i < nindices; i++) sorted[i] = indices[i];
  for (int i = 0; i < nindices; i++)
    for (int j = i + 1; j < nindices; j++)
      if (sorted[j] < sorted[i]) { int x = sorted[i]; sorted[i] = sorted[j]; sorted[j] = x; }
  printf("%s [", what);
  for (int i = 0; i < nindices; i++) printf("%s%d", i ? ", " : "", sorted[i]);
  printf("]");
}
static void gather_coros(int n, async_fn fn) {
  async_task *t[8];
  for (int i = 0; i < n; i++) t[i] = async_spawn(fn, NULL);
  async_gather_n(n, t);
}

static void *cm_coro(void *arg) { (void)arg; indices[nindices++] = async_barrier_wait(barrier); return NULL; }
static void *test_barrier_context_manager(void *arg) {
  (void)arg;
  barrier = async_barrier_new(3);
  nindices = 0;
  gather_coros(3, cm_coro);
  print_indices("results");
  printf(" n_waiting %d broken %s\n", async_barrier_n_waiting(barrier), PY(async_barrier_broken(barrier)));
  async_barrier_free(barrier);
  return NULL;
}

static void *test_barrier_filling_one_task(void *arg) {
  (void)arg;
  barrier = async_barrier_new(1);
  int ret = async_barrier_wait(barrier);
  printf("index %d n_waiting %d broken %s\n", ret, async_barrier_n_waiting(barrier), PY(async_barrier_broken(barrier)));
  async_barrier_free(barrier);
  return NULL;
}

static void *barrier_wait(void *arg) { (void)arg; int rc = async_barrier_wait(barrier); return rc < 0 ? async_fail(rc) : PTR(rc); }
static void *test_barrier_filling_task_by_task(void *arg) {
  (void)arg;
  barrier = async_barrier_new(3);
  async_task *t[3];
  t[0] = async_spawn(barrier_wait, NULL);
  async_yield();
  printf("n_waiting %d\n", async_barrier_n_waiting(barrier));
  t[1] = async_spawn(barrier_wait, NULL);
  async_yield();
  printf("n_waiting %d\n", async_barrier_n_waiting(barrier));
  t[2] = async_spawn(barrier_wait, NULL);
  async_yield();
  async_wait(3, t, ASYNC_ALL_COMPLETED, -1);
  printf("n_waiting %d broken %s\n", async_barrier_n_waiting(barrier), PY(async_barrier_broken(barrier)));
  async_barrier_free(barrier);
  return NULL;
}

static int n_true, n_false;
static void *twice_coro(void *arg) {
  (void)arg;
  async_barrier_wait(barrier);
  n_true++;
  async_barrier_wait(barrier);
  n_false++;
  return NULL;
}
static void *test_barrier_filling_tasks_wait_twice(void *arg) {
  (void)arg;
  barrier = async_barrier_new(5);
  n_true = n_false = 0;
  gather_coros(5, twice_coro);
  printf("True %d False %d n_waiting %d\n", n_true, n_false, async_barrier_n_waiting(barrier));
  async_barrier_free(barrier);
  return NULL;
}

static void *return_coro(void *arg) {
  (void)arg;
  async_barrier_wait(barrier);
  indices[nindices++] = async_barrier_wait(barrier);
  return NULL;
}
static void *test_barrier_filling_tasks_check_return_value(void *arg) {
  (void)arg;
  barrier = async_barrier_new(5);
  nindices = 0;
  gather_coros(5, return_coro);
  print_indices("indices");
  printf(" n_waiting %d\n", async_barrier_n_waiting(barrier));
  async_barrier_free(barrier);
  return NULL;
}

static async_barrier *barrier_nowaiting;
static int rewait_n;
static void *draining_coro(void *arg) {
  (void)arg;
  async_barrier_wait(barrier);
  if (rewait_n > 0) {
    rewait_n--;
    async_barrier_wait(barrier);
  } else {
    async_barrier_wait(barrier_nowaiting);
    async_barrier_wait(barrier);
  }
  return NULL;
}
static void *test_barrier_blocking_tasks_while_draining(void *arg) {
  (void)arg;
  barrier = async_barrier_new(5);
  barrier_nowaiting = async_barrier_new(3);
  rewait_n = 2;
  gather_coros(5, draining_coro);
  printf("n_waiting %d %d\n", async_barrier_n_waiting(barrier), async_barrier_n_waiting(barrier_nowaiting));
  async_barrier_free(barrier);
  async_barrier_free(barrier_nowaiting);
  return NULL;
}

static int nresults;
static void *cancel_coro(void *arg) {
  (void)arg;
  int rc = async_barrier_wait(barrier);
  if (rc < 0) return async_fail(rc);
  nresults++;
  return NULL;
}
static void *test_barrier_filling_tasks_cancel_one(void *arg) {
  (void)arg;
  barrier = async_barrier_new(3);
  nresults = 0;
  async_task *t1 = async_spawn(cancel_coro, NULL);
  async_yield();
  printf("n_waiting %d\n", async_barrier_n_waiting(barrier));
  async_task *t2 = async_spawn(cancel_coro, NULL);
  async_yield();
  printf("n_waiting %d\n", async_barrier_n_waiting(barrier));
  async_cancel(t1);
  async_yield();
  printf("n_waiting %d\n", async_barrier_n_waiting(barrier));
  if (async_await(t1, NULL) == ASYNC_ECANCELED) printf("CancelledError %s\n", PY(async_task_cancelled(t1)));
  async_task *t3 = async_spawn(cancel_coro, NULL);
  async_yield();
  printf("n_waiting %d\n", async_barrier_n_waiting(barrier));
  async_task *t4 = async_spawn(cancel_coro, NULL);
  async_gather(t2, t3, t4);
  printf("results %d n_waiting %d broken %s\n", nresults, async_barrier_n_waiting(barrier), PY(async_barrier_broken(barrier)));
  async_barrier_free(barrier);
  return NULL;
}

static void *test_barrier_abort_barrier(void *arg) {
  (void)arg;
  barrier = async_barrier_new(1);
  async_barrier_abort(barrier);
  printf("n_waiting %d broken %s\n", async_barrier_n_waiting(barrier), PY(async_barrier_broken(barrier)));
  printf("%s\n", py_error(async_barrier_wait(barrier)));
  async_barrier_free(barrier);
  return NULL;
}

int main(void) {
  CASE(test_initial_value_zero);
  CASE(test_semaphore);
  CASE(test_semaphore_value);
  CASE(test_acquire);
  CASE(test_acquire_cancel);
  CASE(test_acquire_cancel_before_awoken);
  CASE(test_acquire_hang);
  CASE(test_acquire_no_hang);
  CASE(test_release_not_acquired);
  CASE(test_release_no_waiters);
  CASE(test_acquire_fifo_order);
  CASE(test_acquire_fifo_order_2);
  CASE(test_acquire_fifo_order_3);
  CASE(test_barrier_parties);
  CASE(test_barrier_context_manager);
  CASE(test_barrier_filling_one_task);
  CASE(test_barrier_filling_task_by_task);
  CASE(test_barrier_filling_tasks_wait_twice);
  CASE(test_barrier_filling_tasks_check_return_value);
  CASE(test_barrier_blocking_tasks_while_draining);
  CASE(test_barrier_filling_tasks_cancel_one);
  CASE(test_barrier_abort_barrier);
  return 0;
}
