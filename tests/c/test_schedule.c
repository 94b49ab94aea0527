/* test_schedule.c - run order: spawns, sleeps, yields and wakes. */
#include "check.h"

static void *log_name(void *arg) {
  LOG("%s", (const char *)arg);
  return NULL;
}

static void *spawner(void *arg) {
  (void)arg;
  async_spawn_named("a", log_name, "a");
  LOG("m1");
  async_yield();
  LOG("m2");
  return NULL;
}

TEST(spawned_task_first_runs_after_spawner_suspends) {
  CHECK_INT(async_run(spawner, NULL), 0);
  CHECK_STR(log_text(), "m1|a|m2");
}

static void *spawn_three(void *arg) {
  (void)arg;
  async_task *t[] = {async_spawn_named("a", log_name, "a"), async_spawn_named("b", log_name, "b"),
                     async_spawn_named("c", log_name, "c")};
  CHECK_INT(async_gather_n(3, t), 0);
  return NULL;
}

TEST(tasks_start_in_spawn_order) {
  CHECK_INT(async_run(spawn_three, NULL), 0);
  CHECK_STR(log_text(), "a|b|c");
}

static void *sleep_for(void *arg) {
  double s = *(double *)arg;
  CHECK_INT(async_sleep(s), 0);
  LOG("%.1f@%.1f", s, async_now());
  return NULL;
}

static void *sleepers(void *arg) {
  (void)arg;
  static double d[] = {0.3, 0.1, 0.2};
  async_task *t[3];
  for (int i = 0; i < 3; i++) t[i] = async_spawn(sleep_for, &d[i]);
  async_gather_n(3, t);
  return NULL;
}

TEST(sleepers_wake_in_deadline_order) {
  CHECK_INT(async_run(sleepers, NULL), 0);
  CHECK_STR(log_text(), "0.1@0.1|0.2@0.2|0.3@0.3");
}

static void *late_setter(void *arg) {
  (void)arg;
  async_sleep(0.5);
  async_sleep(0.5); /* deadline 1.0, set at 0.5 */
  LOG("late");
  return NULL;
}
static void *early_setter(void *arg) {
  (void)arg;
  async_sleep(1.0); /* deadline 1.0, set at 0 */
  LOG("early");
  return NULL;
}
static void *tie(void *arg) {
  (void)arg;
  async_gather(async_spawn(late_setter, NULL), async_spawn(early_setter, NULL));
  return NULL;
}

TEST(equal_deadlines_fire_in_the_order_they_were_set) {
  CHECK_INT(async_run(tie, NULL), 0);
  CHECK_STR(log_text(), "early|late");
}

static async_event *ev;
static void *event_waiter(void *arg) {
  CHECK_INT(async_event_wait(ev), 0);
  LOG("%s", (const char *)arg);
  return NULL;
}
static void *setter(void *arg) {
  (void)arg;
  ev = async_event_new();
  async_task *w1 = async_spawn_named("w1", event_waiter, "w1");
  async_task *w2 = async_spawn_named("w2", event_waiter, "w2");
  async_yield();
  async_event_set(ev);
  LOG("after set");
  async_gather(w1, w2);
  async_event_free(ev);
  return NULL;
}

TEST(waking_never_preempts_the_running_task) {
  CHECK_INT(async_run(setter, NULL), 0);
  CHECK_STR(log_text(), "after set|w1|w2");
}

static void *yielder(void *arg) {
  for (int i = 0; i < 3; i++) {
    LOG("%s%d", (const char *)arg, i);
    CHECK_INT(async_yield(), 0);
  }
  return NULL;
}
static void *two_yielders(void *arg) {
  (void)arg;
  async_gather(async_spawn_named("a", yielder, "a"), async_spawn_named("b", yielder, "b"));
  return NULL;
}

TEST(yields_interleave_round_robin) {
  CHECK_INT(async_run(two_yielders, NULL), 0);
  CHECK_STR(log_text(), "a0|b0|a1|b1|a2|b2");
}

static void *zero_sleeper(void *arg) {
  for (int i = 0; i < 2; i++) {
    LOG("%s%d", (const char *)arg, i);
    CHECK_INT(async_sleep(0), 0);
  }
  return NULL;
}
static void *two_zero_sleepers(void *arg) {
  (void)arg;
  async_gather(async_spawn_named("a", zero_sleeper, "a"), async_spawn_named("b", zero_sleeper, "b"));
  CHECK(async_now() == 0.0);
  return NULL;
}

TEST(sleep_zero_is_a_yield) {
  CHECK_INT(async_run(two_zero_sleepers, NULL), 0);
  CHECK_STR(log_text(), "a0|b0|a1|b1");
}
