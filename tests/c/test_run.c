/* test_run.c - async_run's contract, and tasks' names and ids. */
#include "check.h"

static void *log_name(void *arg) {
  LOG("%s", (const char *)arg);
  return NULL;
}

static void *forever(void *arg) {
  (void)arg;
  LOG("sleeping");
  int rc = async_sleep(1000);
  LOG("woke %d at %.1f", rc, async_now());
  return NULL;
}
static void *leave_one_behind(void *arg) {
  (void)arg;
  async_spawn(forever, NULL);
  async_sleep(1);
  LOG("main returns");
  return NULL;
}

TEST(run_cancels_what_main_leaves_behind) {
  CHECK_INT(async_run(leave_one_behind, NULL), 0);
  CHECK_STR(log_text(), "sleeping|main returns|woke -125 at 1.0");
}

static void *nested(void *arg) {
  (void)arg;
  CHECK_INT(async_run(nested, NULL), ASYNC_EINVAL);
  return NULL;
}

TEST(run_inside_a_run_is_einval) { CHECK_INT(async_run(nested, NULL), 0); }

TEST(run_without_main_is_einval) { CHECK_INT(async_run(NULL, NULL), ASYNC_EINVAL); }

static void *names(void *arg) {
  (void)arg;
  CHECK_STR(async_task_name(async_current()), "main");
  CHECK_INT(async_task_id(async_current()), 1);
  async_task *a = async_spawn(log_name, "x");
  async_task *b = async_spawn_named(NULL, log_name, "y");
  CHECK_STR(async_task_name(a), "log_name");
  CHECK_STR(async_task_name(b), "task");
  CHECK_INT(async_task_id(b), 3);
  CHECK(!async_task_done(a));
  async_gather(a, b);
  CHECK(async_task_done(a));
  return NULL;
}

TEST(tasks_are_named_after_their_function_and_numbered) {
  CHECK_INT(async_run(names, NULL), 0);
  CHECK_STR(async_task_name(NULL), "");
}
