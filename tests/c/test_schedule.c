/* test_schedule.c - run order, timers, clocks, names and the event stream. */
#include <stdint.h>
#include <time.h>
#include <unistd.h>
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

static double real_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *long_sleep(void *arg) {
  (void)arg;
  async_sleep(0.5);
  async_sleep(100);
  LOG("%.3f", async_now());
  return NULL;
}

TEST(virtual_clock_jumps_to_the_next_deadline) {
  double t0 = real_seconds();
  CHECK_INT(async_run(long_sleep, NULL), 0);
  CHECK_STR(log_text(), "100.500");
  CHECK(real_seconds() - t0 < 5.0);
}

TEST(now_is_zero_outside_a_run) { CHECK(async_now() == 0.0); }

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

static void *blocker(void *arg) {
  (void)arg;
  LOG("%.1f", async_now());
  usleep(200000); /* blocks for real: the virtual clock moves on by as much */
  LOG("%.1f", async_now());
  struct timespec ts = {0, 100000000};
  nanosleep(&ts, NULL);
  LOG("%.1f", async_now());
  return NULL;
}

TEST(blocking_calls_advance_the_virtual_clock) {
  double t0 = real_seconds();
  CHECK_INT(async_run(blocker, NULL), 0);
  CHECK_STR(log_text(), "0.0|0.2|0.3");
  CHECK(real_seconds() - t0 >= 0.3); /* and they really block */
}

typedef struct { int kinds[64]; int tasks[64]; int n; double blocked_ms; int out_task; char out[64]; } seen_t;
static void observe(const async_ev *ev, void *ud) {
  seen_t *s = ud;
  if (s->n < 64) {
    s->kinds[s->n] = ev->kind;
    s->tasks[s->n++] = ev->task;
  }
  if (ev->kind == ASYNC_EV_BLOCKED) s->blocked_ms = ev->b;
  if (ev->kind == ASYNC_EV_OUTPUT && ev->len < 60) {
    s->out_task = ev->task;
    memcpy(s->out, ev->text, (size_t)ev->len);
    s->out[ev->len] = 0;
  }
}

static void *block_150ms(void *arg) {
  (void)arg;
  usleep(150000);
  return NULL;
}

TEST(a_long_stretch_without_suspending_is_reported_as_blocked) {
  seen_t s = {0};
  async_set_observer(observe, &s);
  CHECK_INT(async_run(block_150ms, NULL), 0);
  async_set_observer(NULL, NULL);
  CHECK(s.blocked_ms >= 150);
}

static void *printer(void *arg) {
  (void)arg;
  printf("hello from %s\n", async_task_name(async_current()));
  return NULL;
}
static void *spawn_printer(void *arg) {
  (void)arg;
  async_await(async_spawn(printer, NULL), NULL);
  return NULL;
}

TEST(event_stream_for_spawn_await_and_output) {
  seen_t s = {0};
  async_set_observer(observe, &s);
  CHECK_INT(async_run(spawn_printer, NULL), 0);
  async_set_observer(NULL, NULL);
  char got[256] = "";
  for (int i = 0; i < s.n; i++)
    snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s:%d", i ? " " : "", async_ev_name(s.kinds[i]),
             s.tasks[i]);
  CHECK_STR(got, "spawn:1 run:1 spawn:2 suspend:1 run:2 output:2 done:2 wake:1 run:1 done:1");
  CHECK_INT(s.out_task, 2);
  CHECK_STR(s.out, "hello from printer\n");
}

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

static long recurse(int depth) {
  volatile char frame[64];
  for (int i = 0; i < 64; i++) frame[i] = (char)(depth + i);
  if (depth == 0) {
    async_sleep(0.1); /* suspend with 200 frames on the stack */
    char text[64];     /* and format a double there: musl's %f needs kilobytes of stack */
    snprintf(text, sizeof text, "%f", 1.0 / 3.0);
    return frame[63] + (strcmp(text, "0.333333") == 0 ? 0 : 1000);
  }
  return frame[depth % 64] + recurse(depth - 1);
}
static void *deep(void *arg) {
  (void)arg;
  long sum = recurse(200);
  LOG("%ld", sum);
  return NULL;
}
static void *two_deep(void *arg) {
  (void)arg;
  async_gather(async_spawn(deep, NULL), async_spawn(deep, NULL));
  return NULL;
}

TEST(recursion_200_deep_with_64_byte_frames_suspends_and_resumes) {
  long expect = 63;
  for (int d = 1; d <= 200; d++) expect += (char)(d + d % 64);
  char want[64];
  snprintf(want, sizeof want, "%ld|%ld", expect, expect);
  CHECK_INT(async_run(two_deep, NULL), 0);
  CHECK_STR(log_text(), want);
}

enum { MANY = 10000 };
static int finished;
static void *sleep_one(void *arg) {
  (void)arg;
  if (async_sleep(1) == 0) finished++;
  return NULL;
}
static void *many(void *arg) {
  (void)arg;
  static async_task *t[MANY];
  for (int i = 0; i < MANY; i++) t[i] = async_spawn(sleep_one, NULL);
  CHECK_INT(async_gather_n(MANY, t), 0);
  LOG("%d at %.2f", finished, async_now());
  return NULL;
}

TEST(ten_thousand_tasks_sleep_one_second_virtual_clock) {
  finished = 0;
  CHECK_INT(async_run(many, NULL), 0);
  CHECK_STR(log_text(), "10000 at 1.00");
}

TEST(ten_thousand_tasks_sleep_one_second_real_clock) {
  finished = 0;
  unsetenv("ASYNC_CLOCK");
  double t0 = real_seconds();
  CHECK_INT(async_run(many, NULL), 0);
  double took = real_seconds() - t0;
  setenv("ASYNC_CLOCK", "virtual", 1);
  CHECK_INT(finished, MANY);
  CHECK(took >= 1.0);
}
