/* test_errors.c - misuse returns a code, never crashes. */
#include "check.h"

static void *noop(void *arg) { return arg; }

TEST(calls_outside_a_run_are_einval) {
  async_queue *q = async_queue_new(1);
  async_event *e = async_event_new();
  void *item;
  char buf[8];
  CHECK(async_spawn(noop, NULL) == NULL);
  CHECK_INT(async_sleep(1), ASYNC_EINVAL);
  CHECK_INT(async_yield(), ASYNC_EINVAL);
  CHECK_INT(async_queue_put(q, NULL), ASYNC_EINVAL);
  CHECK_INT(async_queue_get(q, &item), ASYNC_EINVAL);
  CHECK_INT(async_event_wait(e), ASYNC_EINVAL);
  CHECK_INT(async_read_line(buf, sizeof buf), ASYNC_EINVAL);
  CHECK_INT(async_gather_n(0, NULL), ASYNC_EINVAL);
  CHECK(async_current() == NULL);
  CHECK(!async_cancelled());
  async_queue_free(q);
  async_event_free(e);
}

static void *null_handles(void *arg) {
  (void)arg;
  void *item;
  async_task *none = NULL;
  CHECK_INT(async_await(NULL, NULL), ASYNC_EINVAL);
  CHECK_INT(async_cancel(NULL), ASYNC_EINVAL);
  CHECK_INT(async_wait_for(NULL, 1, NULL), ASYNC_EINVAL);
  CHECK_INT(async_gather_n(1, &none), ASYNC_EINVAL);
  CHECK_INT(async_gather_n(-1, NULL), ASYNC_EINVAL);
  CHECK_INT(async_queue_put(NULL, NULL), ASYNC_EINVAL);
  CHECK_INT(async_queue_get(NULL, &item), ASYNC_EINVAL);
  CHECK_INT(async_queue_size(NULL), ASYNC_EINVAL);
  CHECK_INT(async_event_wait(NULL), ASYNC_EINVAL);
  CHECK(async_spawn_named("x", NULL, NULL) == NULL);
  async_event_set(NULL);
  async_event_clear(NULL);
  async_event_free(NULL);
  async_queue_free(NULL);
  CHECK(!async_event_is_set(NULL));
  CHECK(!async_task_done(NULL));
  return NULL;
}

TEST(null_handles_are_einval) { CHECK_INT(async_run(null_handles, NULL), 0); }

static void *wait_on_self(void *arg) {
  (void)arg;
  async_task *self = async_current();
  CHECK_INT(async_await(self, NULL), ASYNC_EINVAL);
  CHECK_INT(async_wait_for(self, 1, NULL), ASYNC_EINVAL);
  CHECK_INT(async_gather(self), ASYNC_EINVAL);
  return NULL;
}

TEST(waiting_on_yourself_is_einval) { CHECK_INT(async_run(wait_on_self, NULL), 0); }

static void *bad_numbers(void *arg) {
  (void)arg;
  char buf[4];
  CHECK_INT(async_sleep(NAN), ASYNC_EINVAL);
  CHECK_INT(async_wait_for(async_spawn(noop, NULL), NAN, NULL), ASYNC_EINVAL);
  CHECK_INT(async_read_line(NULL, 4), ASYNC_EINVAL);
  CHECK_INT(async_read_line(buf, 0), ASYNC_EINVAL);
  CHECK(async_queue_new(-1) == NULL);
  CHECK_INT(async_sleep(-5), 0); /* negative sleeps yield, as in asyncio */
  return NULL;
}

TEST(bad_numbers_are_einval) { CHECK_INT(async_run(bad_numbers, NULL), 0); }

TEST(every_error_code_has_a_message) {
  int codes[] = {ASYNC_OK, ASYNC_EINVAL, ASYNC_ENOMEM, ASYNC_ETIMEDOUT, ASYNC_ECANCELED,
                 ASYNC_EDONE, ASYNC_ECLOSED, ASYNC_EEOF, ASYNC_EDEADLK};
  for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
    CHECK(strcmp(async_strerror(codes[i]), "unknown error") != 0);
  CHECK_STR(async_strerror(ASYNC_ECANCELED), "cancelled");
  CHECK_STR(async_strerror(12345), "unknown error");
  CHECK_STR(async_ev_name(ASYNC_EV_BLOCKED), "blocked");
  CHECK_STR(async_wait_name(ASYNC_WAIT_QUEUE_GET), "queue_get");
  CHECK_STR(async_ev_name(99), "unknown");
}

static async_event *never;
static void *wait_forever(void *arg) {
  (void)arg;
  never = async_event_new();
  async_event_wait(never); /* nobody will set it */
  return NULL;
}

TEST(a_deadlock_ends_the_run_with_edeadlk) {
  CHECK_INT(async_run(wait_forever, NULL), ASYNC_EDEADLK);
  async_event_free(never); /* its waiter is gone with the run: no crash */
  CHECK_INT(async_run(noop, NULL), 0); /* and the next run works */
}

static void *returns_arg(void *arg) { return arg; }
static void *runs_again(void *arg) {
  (void)arg;
  void *r;
  CHECK_INT(async_await(async_spawn(returns_arg, (void *)"x"), &r), 0);
  return r;
}

TEST(runs_can_follow_each_other) {
  for (int i = 0; i < 3; i++) CHECK_INT(async_run(runs_again, NULL), 0);
}

/* An observer runs inside the loop's bookkeeping (in wasm, below frames
 * Asyncify cannot unwind): a wait from it is refused, and the run goes on. */
static int observer_tries;
static async_event *observer_event;
static void try_to_wait(const async_ev *ev, void *ud) {
  (void)ud;
  (void)ev;
  if (!async_current() || observer_tries++) return;
  LOG("sleep %d", async_sleep(0.1));
  LOG("yield %d", async_yield());
  LOG("event %d", async_event_wait(observer_event));
  LOG("run %d", async_run(noop, NULL));
#ifdef __wasm__
  LOG("stdin %s", getchar() == EOF ? "EOF" : "read"); /* no line given: without the guard it would wait */
  clearerr(stdin);
#endif
}
static void *sleeps_twice(void *arg) {
  (void)arg;
  CHECK_INT(async_sleep(0.01), 0);
  LOG("woke at %.2f", async_now());
  CHECK_INT(async_yield(), 0);
  return NULL;
}

TEST(an_observer_cannot_wait) {
  observer_tries = 0;
  observer_event = async_event_new();
  CHECK_INT(run_observed(sleeps_twice, try_to_wait, NULL), 0);
#ifdef __wasm__
  CHECK_STR(check_log, "sleep -22|yield -22|event -22|run -22|stdin EOF|woke at 0.01");
#else
  CHECK_STR(check_log, "sleep -22|yield -22|event -22|run -22|woke at 0.01");
#endif
  async_event_free(observer_event);
}
