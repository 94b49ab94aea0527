/* test_wait.c - await, gather and wait_for. */
#include "check.h"

static void *after(void *arg) {
  async_sleep(*(double *)arg);
  return arg;
}

static void *await_result(void *arg) {
  (void)arg;
  static double d = 0.5;
  void *r = NULL;
  CHECK_INT(async_await(async_spawn(after, &d), &r), 0);
  CHECK(r == &d);
  CHECK(async_now() == 0.5);
  return NULL;
}

TEST(await_returns_the_task_result) { CHECK_INT(async_run(await_result, NULL), 0); }

static int suspends;
static void count_suspends(const async_ev *ev, void *ud) {
  (void)ud;
  if (ev->kind == ASYNC_EV_SUSPEND && ev->task == 1) suspends++;
}
static void *quick(void *arg) { return arg; }
static void *await_done(void *arg) {
  (void)arg;
  async_task *t = async_spawn(quick, (void *)"r");
  async_yield();
  int before = suspends;
  void *r = NULL;
  CHECK_INT(async_await(t, &r), 0);
  CHECK_STR((const char *)r, "r");
  CHECK_INT(suspends, before);
  return NULL;
}

TEST(awaiting_a_finished_task_does_not_suspend) {
  suspends = 0;
  CHECK_INT(run_observed(await_done, count_suspends, NULL), 0);
}

static void *gather_all(void *arg) {
  (void)arg;
  static double d[] = {0.2, 0.7, 0.4};
  async_task *t[3];
  for (int i = 0; i < 3; i++) t[i] = async_spawn(after, &d[i]);
  CHECK_INT(async_gather_n(3, t), 0);
  CHECK(async_now() == 0.7);
  for (int i = 0; i < 3; i++) CHECK(async_task_done(t[i]));
  return NULL;
}

TEST(gather_waits_for_every_task) { CHECK_INT(async_run(gather_all, NULL), 0); }

static void *sleeper(void *arg) {
  (void)arg;
  async_sleep(10);
  return NULL;
}
static void *canceller(void *arg) {
  async_sleep(0.5);
  async_cancel(arg);
  return NULL;
}
static void *gather_with_cancelled_child(void *arg) {
  (void)arg;
  async_task *s = async_spawn(sleeper, NULL);
  async_task *c = async_spawn(canceller, s);
  CHECK_INT(async_gather(s, c), ASYNC_ECANCELED);
  CHECK(async_now() == 0.5);
  return NULL;
}

TEST(gather_reports_a_cancelled_child) { CHECK_INT(async_run(gather_with_cancelled_child, NULL), 0); }

static void *gather_nothing(void *arg) {
  (void)arg;
  CHECK_INT(async_gather_n(0, NULL), 0);
  return NULL;
}

TEST(gather_of_nothing_returns_at_once) { CHECK_INT(async_run(gather_nothing, NULL), 0); }

static void *wait_for_fast(void *arg) {
  (void)arg;
  static double d = 0.3;
  void *r = NULL;
  CHECK_INT(async_wait_for(async_spawn(after, &d), 1.0, &r), 0);
  CHECK(r == &d);
  CHECK(async_now() == 0.3);
  async_sleep(2); /* the cancelled timer must not fire into this sleep */
  CHECK(async_now() == 2.3);
  return NULL;
}

TEST(wait_for_returns_the_result_within_the_timeout) { CHECK_INT(async_run(wait_for_fast, NULL), 0); }

static void *slow(void *arg) {
  (void)arg;
  int rc = async_sleep(5);
  LOG("slow %d at %.1f", rc, async_now());
  return NULL;
}
static void *wait_for_slow(void *arg) {
  (void)arg;
  async_task *t = async_spawn(slow, NULL);
  CHECK_INT(async_wait_for(t, 1.0, NULL), ASYNC_ETIMEDOUT);
  LOG("timed out at %.1f, done %d", async_now(), async_task_done(t));
  return NULL;
}

TEST(wait_for_cancels_on_timeout_and_waits_for_the_task) {
  CHECK_INT(async_run(wait_for_slow, NULL), 0);
  CHECK_STR(log_text(), "slow -125 at 1.0|timed out at 1.0, done 1");
}

static void *wait_for_zero(void *arg) {
  (void)arg;
  CHECK_INT(async_wait_for(async_spawn(slow, NULL), 0, NULL), ASYNC_ETIMEDOUT);
  CHECK_INT(async_wait_for(async_spawn(quick, NULL), -1, NULL), ASYNC_ETIMEDOUT);
  return NULL;
}

TEST(wait_for_with_no_time_left_times_out) {
  CHECK_INT(async_run(wait_for_zero, NULL), 0);
  CHECK_STR(log_text(), "slow -125 at 0.0");
}

static void *result_of_done(void *arg) {
  (void)arg;
  async_task *t = async_spawn(quick, (void *)"v");
  async_yield();
  void *r = NULL;
  CHECK_INT(async_wait_for(t, 0, &r), 0);
  CHECK_STR((const char *)r, "v");
  return NULL;
}

TEST(wait_for_a_finished_task_returns_its_result) { CHECK_INT(async_run(result_of_done, NULL), 0); }

/* Issue 14, bug 1: a caller cancelled while wait_for, past its timeout,
 * waits for the cancelled task gets ASYNC_ECANCELED, as asyncio raises
 * CancelledError (it used to get ASYNC_ETIMEDOUT when timeout > 0). The
 * canceller's timer is due with wait_for's and set after it, so it runs
 * while the caller waits for the timed-out task to finish. */
static void *wf_slow(void *arg) { (void)arg; LOG("slow: %s", async_strerror(async_sleep(10))); return NULL; }
static async_task *wf_caller;
static void *wf_canceller(void *arg) {
  (void)arg;
  async_sleep(1.0);
  LOG("cancel caller");
  async_cancel(wf_caller);
  return NULL;
}
static void *wf_body(void *arg) {
  (void)arg;
  async_task *t = async_spawn(wf_slow, NULL);
  async_spawn(wf_canceller, NULL);
  int rc = async_wait_for(t, 1.0, NULL);
  LOG("wait_for: %s at %.1f", async_strerror(rc), async_now());
  return NULL;
}
static void *wf_main(void *arg) {
  (void)arg;
  wf_caller = async_spawn(wf_body, NULL);
  async_await(wf_caller, NULL);
  async_sleep(0.1);
  return NULL;
}

TEST(wait_for_cancelled_while_cancelling_on_timeout_returns_ECANCELED) {
  CHECK_INT(async_run(wf_main, NULL), 0);
  CHECK_STR(log_text(), "cancel caller|slow: cancelled|wait_for: cancelled at 1.0");
}
