/* test_sync.c - locks, semaphores, conditions and barriers: FIFO wakes, and
 * a cancelled waiter never loses a permit or a notify. */
#include <stdint.h>
#include "check.h"

static async_lock *lk;
static async_semaphore *sem;
static async_cond *cv;
static async_barrier *bar;

static void *locker(void *arg) {
  int id = (int)(intptr_t)arg;
  int rc = async_lock_acquire(lk);
  if (rc < 0) { LOG("%d %s", id, async_strerror(rc)); return NULL; }
  LOG("%d in at %.0f", id, async_now());
  async_sleep(1);
  async_lock_release(lk);
  return NULL;
}

static void *lock_fifo(void *arg) {
  (void)arg;
  lk = async_lock_new();
  async_task *t[4];
  for (intptr_t i = 0; i < 4; i++) t[i] = async_spawn(locker, (void *)i);
  async_sleep(0.5);
  async_cancel(t[2]); /* waiting: leaves no hole */
  async_gather_n(4, t);
  CHECK(!async_lock_locked(lk));
  CHECK_INT(async_lock_release(lk), ASYNC_ENOTLOCKED);
  async_lock_free(lk);
  return NULL;
}

TEST(lock_is_fifo_and_a_cancelled_waiter_leaves_no_hole) {
  CHECK_INT(async_run(lock_fifo, NULL), 0);
  CHECK_STR(log_text(), "0 in at 0|2 cancelled|1 in at 1|3 in at 2");
}

static void *lock_newcomer(void *arg) {
  (void)arg;
  lk = async_lock_new();
  async_lock_acquire(lk);
  async_task *a = async_spawn(locker, (void *)1), *b = async_spawn(locker, (void *)2);
  async_yield();
  async_lock_release(lk); /* wakes 1: unlocked until it runs, but a newcomer queues behind 1 and 2 */
  CHECK(!async_lock_locked(lk));
  CHECK_INT(async_lock_acquire(lk), 0);
  LOG("main in at %.0f", async_now());
  async_lock_release(lk);
  async_gather(a, b);
  async_lock_free(lk);
  return NULL;
}
TEST(lock_release_wakes_first_and_newcomers_queue_behind) {
  CHECK_INT(async_run(lock_newcomer, NULL), 0);
  CHECK_STR(log_text(), "1 in at 0|2 in at 1|main in at 2");
}

static void *lock_pass_on(void *arg) {
  (void)arg;
  lk = async_lock_new();
  async_lock_acquire(lk);
  async_task *a = async_spawn(locker, (void *)1), *b = async_spawn(locker, (void *)2);
  async_yield();
  async_lock_release(lk); /* wakes 1, which is cancelled before it runs: 2 gets the lock */
  async_cancel(a);
  async_gather(a, b);
  async_lock_free(lk);
  return NULL;
}
TEST(lock_woken_waiter_cancelled_passes_the_lock_on) {
  CHECK_INT(async_run(lock_pass_on, NULL), 0);
  CHECK_STR(log_text(), "1 cancelled|2 in at 0");
}

static void *sem_user(void *arg) {
  int id = (int)(intptr_t)arg;
  int rc = async_semaphore_acquire(sem);
  if (rc < 0) { LOG("%d %s", id, async_strerror(rc)); return NULL; }
  LOG("%d in at %.0f", id, async_now());
  async_sleep(1);
  async_semaphore_release(sem);
  return NULL;
}
static void *sem_main(void *arg) {
  (void)arg;
  sem = async_semaphore_new(2);
  async_task *t[6];
  for (intptr_t i = 0; i < 6; i++) t[i] = async_spawn(sem_user, (void *)i);
  async_sleep(0.5);
  CHECK(async_semaphore_locked(sem));
  async_cancel(t[3]);
  async_gather_n(6, t);
  CHECK_INT(async_semaphore_value(sem), 2);
  async_semaphore_free(sem);
  return NULL;
}
TEST(semaphore_limits_and_wakes_fifo) {
  CHECK_INT(async_run(sem_main, NULL), 0);
  CHECK_STR(log_text(), "0 in at 0|1 in at 0|3 cancelled|2 in at 1|4 in at 1|5 in at 2");
}

static void *sem_pass_on(void *arg) {
  (void)arg;
  sem = async_semaphore_new(0);
  async_task *a = async_spawn(sem_user, (void *)1), *b = async_spawn(sem_user, (void *)2);
  async_yield();
  async_semaphore_release(sem); /* reserved for 1, cancelled before it runs: the permit goes to 2 */
  async_cancel(a);
  async_gather(a, b);
  CHECK_INT(async_semaphore_value(sem), 1);
  async_semaphore_free(sem);
  sem = async_semaphore_new_bounded(1);
  CHECK_INT(async_semaphore_release(sem), ASYNC_EOVERFLOW);
  CHECK_INT(async_semaphore_acquire(sem), 0);
  CHECK_INT(async_semaphore_release(sem), 0);
  async_semaphore_free(sem);
  CHECK(async_semaphore_new(-1) == NULL);
  return NULL;
}
TEST(semaphore_permit_of_a_cancelled_waiter_is_not_lost) {
  CHECK_INT(async_run(sem_pass_on, NULL), 0);
  CHECK_STR(log_text(), "1 cancelled|2 in at 0");
}

static int cv_ready;
static void *cv_waiter(void *arg) {
  int id = (int)(intptr_t)arg;
  async_lock_acquire(async_cond_lock(cv));
  int rc = 0;
  while (!cv_ready && rc == 0) rc = async_cond_wait(cv);
  LOG("%d %s locked=%d", id, rc ? async_strerror(rc) : "woke", async_lock_locked(async_cond_lock(cv)));
  if (rc == 0) cv_ready--;
  async_lock_release(async_cond_lock(cv));
  return NULL;
}
static void *cv_main(void *arg) {
  (void)arg;
  cv = async_cond_new(NULL);
  cv_ready = 0;
  CHECK_INT(async_cond_notify(cv, 1), ASYNC_ENOTLOCKED);
  CHECK_INT(async_cond_wait(cv), ASYNC_ENOTLOCKED);
  async_task *t[4];
  for (intptr_t i = 0; i < 4; i++) t[i] = async_spawn(cv_waiter, (void *)i);
  async_yield();
  async_lock_acquire(async_cond_lock(cv));
  cv_ready = 2;
  CHECK_INT(async_cond_notify(cv, 2), 2); /* 0 and 1; 0 is cancelled before it runs: the notify goes to 2 */
  async_cancel(t[0]);
  async_lock_release(async_cond_lock(cv));
  async_sleep(1);
  async_lock_acquire(async_cond_lock(cv));
  cv_ready = 1;
  CHECK_INT(async_cond_notify_all(cv), 1);
  async_lock_release(async_cond_lock(cv));
  async_gather_n(4, t);
  async_cond_free(cv);
  return NULL;
}
TEST(condition_notify_is_fifo_and_not_lost_to_a_cancel) {
  CHECK_INT(async_run(cv_main, NULL), 0);
  CHECK_STR(log_text(), "0 cancelled locked=1|1 woke locked=1|2 woke locked=1|3 woke locked=1");
}

static void *bar_party(void *arg) {
  int id = (int)(intptr_t)arg;
  async_sleep(id);
  int rc = async_barrier_wait(bar);
  LOG("%d: %d at %.0f", id, rc, async_now());
  return NULL;
}
static void *bar_main(void *arg) {
  (void)arg;
  bar = async_barrier_new(3);
  async_task *t[3];
  for (intptr_t i = 0; i < 3; i++) t[i] = async_spawn(bar_party, (void *)i);
  async_gather_n(3, t);
  CHECK_INT(async_barrier_n_waiting(bar), 0);
  async_task *u = async_spawn(bar_party, (void *)0);
  async_sleep(1);
  CHECK_INT(async_barrier_n_waiting(bar), 1);
  async_barrier_abort(bar);
  async_await(u, NULL);
  CHECK(async_barrier_broken(bar));
  CHECK_INT(async_barrier_wait(bar), ASYNC_EBROKEN);
  async_barrier_free(bar);
  CHECK(async_barrier_new(0) == NULL);
  return NULL;
}
TEST(barrier_releases_all_parties_together) {
  CHECK_INT(async_run(bar_main, NULL), 0);
  CHECK_STR(log_text(), "2: 2 at 2|0: 0 at 2|1: 1 at 2|0: -1009 at 3");
}

static void *lock_free_woken(void *arg) {
  (void)arg;
  lk = async_lock_new();
  async_lock_acquire(lk);
  async_task *a = async_spawn(locker, (void *)1);
  async_yield();
  async_lock_release(lk); /* wakes 1; freed before it runs */
  async_lock_free(lk);
  async_await(a, NULL);
  return NULL;
}
TEST(lock_freed_after_a_wake_returns_ECLOSED) {
  CHECK_INT(async_run(lock_free_woken, NULL), 0);
  CHECK_STR(log_text(), "1 the object waited on was freed");
}
