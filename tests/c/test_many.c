/* test_many.c - waiting for many tasks (wait, as_completed, gather with
 * results), failure codes, a task's state without awaiting it, task groups,
 * and main's result from async_run_result. */
#include <stdint.h>
#include "check.h"

static void *after(void *arg) {
  async_sleep((double)(intptr_t)arg);
  return arg;
}
static void *fails_after(void *arg) {
  if (async_sleep((double)(intptr_t)arg) < 0) return NULL;
  return async_fail(-10000 - (int)(intptr_t)arg);
}

static void *wait_main(void *arg) {
  (void)arg;
  async_task *t[3] = {async_spawn(after, (void *)3), async_spawn(after, (void *)1), async_spawn(after, (void *)2)};
  CHECK_INT(async_wait(3, t, ASYNC_FIRST_COMPLETED, -1), 1);
  LOG("first at %.0f: %d %d %d", async_now(), async_task_done(t[0]), async_task_done(t[1]), async_task_done(t[2]));
  CHECK_INT(async_wait(3, t, ASYNC_ALL_COMPLETED, 0.5), 1); /* times out; cancels nothing */
  LOG("timeout at %.1f", async_now());
  CHECK_INT(async_wait(3, t, ASYNC_ALL_COMPLETED, -1), 3);
  LOG("all at %.0f", async_now());
  async_task *u[2] = {async_spawn(after, (void *)5), async_spawn(fails_after, (void *)1)};
  CHECK_INT(async_wait(2, u, ASYNC_FIRST_EXCEPTION, -1), 1);
  LOG("exception at %.0f", async_now());
  void *r;
  CHECK_INT(async_task_result(u[0], &r), ASYNC_ENOTDONE);
  CHECK_INT(async_task_result(u[1], &r), -10001);
  async_cancel(u[0]);
  async_await(u[0], NULL);
  CHECK(async_task_cancelled(u[0]));
  CHECK_INT(async_task_result(u[0], &r), ASYNC_ECANCELED);
  CHECK_INT(async_task_result(t[1], &r), 0);
  CHECK(r == (void *)1);
  CHECK_INT(async_wait(0, NULL, ASYNC_ALL_COMPLETED, -1), 0);
  CHECK_INT(async_wait(1, u, 7, -1), ASYNC_EINVAL);
  return NULL;
}
TEST(wait_first_all_exception_and_timeout) {
  CHECK_INT(async_run(wait_main, NULL), 0);
  CHECK_STR(log_text(), "first at 1: 0 1 0|timeout at 1.5|all at 3|exception at 4");
}

static void *as_completed_main(void *arg) {
  (void)arg;
  async_task *t[4] = {async_spawn(after, (void *)3), async_spawn(after, (void *)1), async_spawn(after, (void *)2),
                      async_spawn(after, (void *)1)};
  int left = 4;
  async_task *done;
  while (left > 0 && async_as_completed(&left, t, &done) == 0)
    LOG("task %d at %.0f", async_task_id(done), async_now());
  return NULL;
}
TEST(as_completed_yields_in_finishing_order) {
  CHECK_INT(async_run(as_completed_main, NULL), 0);
  CHECK_STR(log_text(), "task 3 at 1|task 5 at 1|task 4 at 2|task 2 at 3");
}

static void *gather_results_main(void *arg) {
  (void)arg;
  async_task *t[3] = {async_spawn(after, (void *)2), async_spawn(after, (void *)1), async_spawn(after, (void *)3)};
  void *r[3];
  CHECK_INT(async_gather_results(3, t, r), 0);
  LOG("%d %d %d", (int)(intptr_t)r[0], (int)(intptr_t)r[1], (int)(intptr_t)r[2]);
  async_task *u[2] = {async_spawn(after, (void *)1), async_spawn(fails_after, (void *)2)};
  CHECK_INT(async_gather_results(2, u, r), -10002);
  LOG("%d %s", (int)(intptr_t)r[0], r[1] ? "value" : "NULL");
  CHECK_INT(async_await(u[1], NULL), -10002);
  return NULL;
}
TEST(gather_results_in_argument_order_and_failure_codes) {
  CHECK_INT(async_run(gather_results_main, NULL), 0);
  CHECK_STR(log_text(), "2 1 3|1 NULL");
}

static void *child(void *arg) {
  int rc = async_sleep((double)(intptr_t)arg);
  LOG("child %d %s at %.0f", (int)(intptr_t)arg, rc ? async_strerror(rc) : "done", async_now());
  return NULL;
}
static void *group_main(void *arg) {
  (void)arg;
  async_group *g = async_group_new();
  async_group_spawn(g, child, (void *)1);
  async_group_spawn(g, child, (void *)2);
  CHECK_INT(async_group_wait(g), 0);
  LOG("group done at %.0f", async_now());
  CHECK(async_group_spawn(g, child, (void *)1) == NULL); /* waited for: closed */
  async_group_free(g);
  g = async_group_new();
  async_group_spawn(g, child, (void *)5);
  async_group_spawn(g, fails_after, (void *)1);
  async_group_spawn(g, child, (void *)7);
  CHECK_INT(async_group_wait(g), -10001);
  LOG("group failed at %.0f", async_now());
  async_group_free(g);
  return NULL;
}
TEST(task_group_waits_for_all_and_cancels_the_rest_on_failure) {
  CHECK_INT(async_run(group_main, NULL), 0);
  CHECK_STR(log_text(), "child 1 done at 1|child 2 done at 2|group done at 2|child 5 cancelled at 3|child 7 cancelled at 3|group failed at 3");
}

static async_task *owner;
static void *group_owner(void *arg) {
  (void)arg;
  async_group *g = async_group_new();
  async_group_spawn(g, child, (void *)5);
  async_group_spawn(g, child, (void *)6);
  int rc = async_group_wait(g);
  LOG("owner %s at %.0f", async_strerror(rc), async_now());
  async_group_free(g);
  return NULL;
}
static void *group_cancel_main(void *arg) {
  (void)arg;
  owner = async_spawn(group_owner, NULL);
  async_sleep(2);
  async_cancel(owner);
  async_await(owner, NULL);
  return NULL;
}
TEST(task_group_owner_cancelled_cancels_children_and_waits) {
  CHECK_INT(async_run(group_cancel_main, NULL), 0);
  CHECK_STR(log_text(), "child 5 cancelled at 2|child 6 cancelled at 2|owner cancelled at 2");
}

static void *returns_arg(void *arg) { async_sleep(1); return arg; }
static void *main_fails(void *arg) { (void)arg; return async_fail(-10042); }
TEST(run_result_gives_back_main_value_or_failure) {
  void *r = NULL;
  CHECK_INT(async_run_result(returns_arg, (void *)42, &r), 0);
  CHECK(r == (void *)42);
  CHECK_INT(async_run_result(main_fails, NULL, &r), -10042);
  CHECK(r == NULL);
  CHECK_INT(async_run(main_fails, NULL), -10042);
  CHECK(async_fail(-1) == NULL); /* outside a run: nothing to fail */
}
