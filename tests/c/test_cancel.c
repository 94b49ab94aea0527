/* test_cancel.c - cancellation in every kind of wait, and its stickiness. */
#include "check.h"

static void *sleeper(void *arg) {
  (void)arg;
  int rc = async_sleep(10);
  LOG("sleep %d at %.1f", rc, async_now());
  return (void *)"cleaned up";
}

static void *cancel_after_half(void *arg) {
  (void)arg;
  async_task *t = async_spawn(sleeper, NULL);
  async_sleep(0.5);
  CHECK_INT(async_cancel(t), 0);
  void *r = NULL;
  CHECK_INT(async_await(t, &r), ASYNC_ECANCELED);
  CHECK_STR((const char *)r, "cleaned up");
  return NULL;
}

TEST(cancel_a_sleeping_task) {
  CHECK_INT(async_run(cancel_after_half, NULL), 0);
  CHECK_STR(log_text(), "sleep -125 at 0.5");
}

static void *cancel_before_start(void *arg) {
  (void)arg;
  async_task *t = async_spawn(sleeper, NULL);
  async_cancel(t);
  async_await(t, NULL);
  return NULL;
}

TEST(a_task_cancelled_before_it_starts_fails_its_first_suspension) {
  CHECK_INT(async_run(cancel_before_start, NULL), 0);
  CHECK_STR(log_text(), "sleep -125 at 0.0");
}

static void *sticky(void *arg) {
  (void)arg;
  async_queue *q = async_queue_new(1);
  async_event *e = async_event_new();
  async_cancel(async_current());
  CHECK(async_cancelled());
  CHECK_INT(async_sleep(1), ASYNC_ECANCELED);
  CHECK_INT(async_yield(), ASYNC_ECANCELED);
  void *item;
  CHECK_INT(async_queue_get(q, &item), ASYNC_ECANCELED);
  CHECK_INT(async_event_wait(e), ASYNC_ECANCELED);
  CHECK_INT(async_queue_put(q, NULL), 0); /* does not suspend: succeeds */
  CHECK_INT(async_queue_put(q, NULL), ASYNC_ECANCELED);
  CHECK(async_now() == 0.0);
  async_queue_free(q);
  async_event_free(e);
  return NULL;
}

TEST(after_a_cancel_every_suspension_fails_at_once) { CHECK_INT(async_run(sticky, NULL), 0); }

static async_task *target;
static void *awaiter(void *arg) {
  (void)arg;
  LOG("await %d", async_await(target, NULL));
  return NULL;
}
static void *cancel_awaiter(void *arg) {
  (void)arg;
  target = async_spawn(sleeper, NULL);
  async_task *w = async_spawn(awaiter, NULL);
  async_sleep(1);
  async_cancel(w);
  async_await(w, NULL);
  LOG("target done %d", async_task_done(target));
  async_sleep(10);
  return NULL;
}

TEST(cancel_while_awaiting_leaves_the_awaited_task_alone) {
  CHECK_INT(async_run(cancel_awaiter, NULL), 0);
  CHECK_STR(log_text(), "await -125|target done 0|sleep 0 at 10.0");
}

static async_queue *q;
static void *getter(void *arg) {
  (void)arg;
  void *item;
  LOG("get %d", async_queue_get(q, &item));
  return NULL;
}
static void *putter(void *arg) {
  (void)arg;
  LOG("put %d", async_queue_put(q, (void *)"x"));
  return NULL;
}
static void *cancel_in(void *fn) {
  async_task *t = async_spawn_named("waiter", (async_fn)fn, NULL);
  async_sleep(1);
  CHECK_INT(async_cancel(t), 0);
  async_await(t, NULL);
  LOG("at %.1f", async_now());
  return NULL;
}

static void *cancel_getter(void *arg) {
  (void)arg;
  q = async_queue_new(1);
  cancel_in((void *)getter);
  CHECK_INT(async_queue_size(q), 0);
  async_queue_free(q);
  return NULL;
}

TEST(cancel_a_task_waiting_to_get_from_a_queue) {
  CHECK_INT(async_run(cancel_getter, NULL), 0);
  CHECK_STR(log_text(), "get -125|at 1.0");
}

static void *cancel_putter(void *arg) {
  (void)arg;
  q = async_queue_new(1);
  async_queue_put(q, (void *)"first");
  cancel_in((void *)putter);
  CHECK_INT(async_queue_size(q), 1);
  async_queue_free(q);
  return NULL;
}

TEST(cancel_a_task_waiting_to_put_into_a_full_queue) {
  CHECK_INT(async_run(cancel_putter, NULL), 0);
  CHECK_STR(log_text(), "put -125|at 1.0");
}

static async_event *e;
static void *event_waiter(void *arg) {
  (void)arg;
  LOG("wait %d", async_event_wait(e));
  return NULL;
}
static void *cancel_event_waiter(void *arg) {
  (void)arg;
  e = async_event_new();
  cancel_in((void *)event_waiter);
  async_event_free(e);
  return NULL;
}

TEST(cancel_a_task_waiting_for_an_event) {
  CHECK_INT(async_run(cancel_event_waiter, NULL), 0);
  CHECK_STR(log_text(), "wait -125|at 1.0");
}

static void *reader(void *arg) {
  (void)arg;
  char buf[16];
  LOG("read %d", async_read_line(buf, sizeof buf));
  return NULL;
}
static void *cancel_reader(void *arg) {
  (void)arg;
  async_task *t = async_spawn(reader, NULL);
  async_yield(); /* the reader is now waiting for input */
  async_cancel(t);
  async_await(t, NULL);
  return NULL;
}

TEST(cancel_a_task_waiting_for_input) {
  CHECK_INT(async_run(cancel_reader, NULL), 0);
  CHECK_STR(log_text(), "read -125");
}

static void *child(void *arg) {
  int rc = async_sleep(*(double *)arg);
  LOG("child %.0f: %d at %.1f", *(double *)arg, rc, async_now());
  return NULL;
}
static void *gatherer(void *arg) {
  (void)arg;
  static double d1 = 5, d2 = 7;
  int rc = async_gather(async_spawn(child, &d1), async_spawn(child, &d2));
  LOG("gather %d", rc);
  return NULL;
}
static void *cancel_gatherer(void *arg) {
  (void)arg;
  async_task *g = async_spawn(gatherer, NULL);
  async_sleep(1);
  async_cancel(g);
  CHECK_INT(async_await(g, NULL), ASYNC_ECANCELED);
  return NULL;
}

TEST(cancelling_gather_cancels_the_children_and_waits_for_them) {
  CHECK_INT(async_run(cancel_gatherer, NULL), 0);
  CHECK_STR(log_text(), "child 5: -125 at 1.0|child 7: -125 at 1.0|gather -125");
}

static void *waits_for(void *arg) {
  (void)arg;
  static double d = 5;
  int rc = async_wait_for(async_spawn(child, &d), 3, NULL);
  LOG("wait_for %d", rc);
  return NULL;
}
static void *cancel_wait_for(void *arg) {
  (void)arg;
  async_task *w = async_spawn(waits_for, NULL);
  async_sleep(1);
  async_cancel(w);
  async_await(w, NULL);
  return NULL;
}

TEST(cancelling_wait_for_cancels_the_task_it_waits_for) {
  CHECK_INT(async_run(cancel_wait_for, NULL), 0);
  CHECK_STR(log_text(), "child 5: -125 at 1.0|wait_for -125");
}

static void *quick(void *arg) { return arg; }
static void *cancel_finished(void *arg) {
  (void)arg;
  async_task *t = async_spawn(quick, NULL);
  async_await(t, NULL);
  CHECK_INT(async_cancel(t), ASYNC_EDONE);
  CHECK_INT(async_await(t, NULL), 0);
  return NULL;
}

TEST(cancelling_a_finished_task_is_edone) { CHECK_INT(async_run(cancel_finished, NULL), 0); }

static int cancel_events;
static void count_cancels(const async_ev *ev, void *ud) {
  (void)ud;
  if (ev->kind == ASYNC_EV_CANCEL) cancel_events++;
}
static void *cancel_twice(void *arg) {
  (void)arg;
  async_task *t = async_spawn(sleeper, NULL);
  async_yield();
  CHECK_INT(async_cancel(t), 0);
  CHECK_INT(async_cancel(t), 0);
  async_await(t, NULL);
  return NULL;
}

TEST(a_second_cancel_is_harmless_and_reported_once) {
  cancel_events = 0;
  CHECK_INT(run_observed(cancel_twice, count_cancels, NULL), 0);
  CHECK_INT(cancel_events, 1);
}

static void *woken_then_cancelled(void *arg) {
  (void)arg;
  q = async_queue_new(0);
  async_task *g1 = async_spawn_named("g1", getter, NULL);
  async_task *g2 = async_spawn_named("g2", getter, NULL);
  async_yield(); /* both wait */
  async_queue_put(q, (void *)"x"); /* wakes g1 ... */
  async_cancel(g1);                /* ... which is cancelled before it runs */
  async_gather(g1, g2);
  async_queue_free(q);
  return NULL;
}

TEST(a_getter_cancelled_after_its_wake_passes_the_item_on) {
  CHECK_INT(async_run(woken_then_cancelled, NULL), 0);
  CHECK_STR(log_text(), "get -125|get 0");
}

/* Issue 14, bug 3: a task spawned while async_run cancels what main left
 * (here by a cancelled task's cleanup) is cancelled too, so a loop in it
 * ends and async_run returns, as asyncio.run does. Bounded, so that the
 * bug shows as a failure rather than a hang. */
static int late_rounds;
static void *late_loop(void *arg) {
  (void)arg;
  while (late_rounds < 1000 && async_sleep(1) == 0) late_rounds++;
  LOG("late loop ends after %d rounds", late_rounds);
  return NULL;
}
static void *leaves_cleanup(void *arg) {
  (void)arg;
  if (async_sleep(100) == ASYNC_ECANCELED) async_spawn(late_loop, NULL); /* cleanup spawns */
  return NULL;
}
static void *leaves_main(void *arg) {
  (void)arg;
  async_spawn(leaves_cleanup, NULL);
  async_yield();
  return NULL;
}

TEST(run_cancels_tasks_spawned_during_shutdown) {
  late_rounds = 0;
  CHECK_INT(async_run(leaves_main, NULL), 0);
  CHECK_STR(log_text(), "late loop ends after 0 rounds");
}
