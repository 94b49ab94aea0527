/* test_sites.c - where each task is (async.h, "Call sites" and the event
 * table): every SUSPEND carries the line and file of the program's call and
 * what it waits on, every SPAWN its line, every WAKE who woke it; queues and
 * events have ids and report their changes as OBJECT events. */
#include "check.h"

typedef struct { int kind, task, a, line, obj, by; double b; const char *file; } rec;
static rec recs[512];
static int nrecs;

static void observe(const async_ev *ev, void *ud) {
  (void)ud;
  if (ev->kind == ASYNC_EV_OUTPUT || nrecs == 512) return;
  recs[nrecs++] = (rec){ev->kind, ev->task, ev->a, ev->line, ev->obj, ev->kind == ASYNC_EV_WAKE ? ev->obj : 0, ev->b, ev->file};
}

static int run(async_fn fn) {
  nrecs = 0;
  return run_observed(fn, observe, NULL);
}

/* The n-th (0-based) event of a kind for a task; NULL if none. */
static const rec *find(int kind, int task, int n) {
  for (int i = 0; i < nrecs; i++)
    if (recs[i].kind == kind && recs[i].task == task && n-- == 0) return &recs[i];
  return NULL;
}

#define SUSPEND_AT(task, n, reason, at, on) do { const rec *r_ = find(ASYNC_EV_SUSPEND, task, n); CHECK(r_ != NULL); \
    if (r_) { CHECK_STR(async_wait_name(r_->a), reason); CHECK_INT(r_->line, at); CHECK_INT(r_->obj, on); \
              CHECK(r_->file && strstr(r_->file, "test_sites.c")); } } while (0)
#define WOKEN_BY(task, n, who) do { const rec *r_ = find(ASYNC_EV_WAKE, task, n); CHECK(r_ != NULL); \
    if (r_) CHECK_INT(r_->by, who); } while (0)

static int l_spawn_a, l_spawn_b, l_sleep, l_yield, l_gather, l_await, l_wait_for, l_put, l_get, l_ev, l_line;
static async_queue *q;
static async_event *e;

static void *sleeper(void *arg) {
  (void)arg;
  l_sleep = __LINE__; async_sleep(0.5);
  l_yield = __LINE__; async_yield();
  return NULL;
}

static void *getter(void *arg) {
  (void)arg;
  void *item;
  l_get = __LINE__; async_queue_get(q, &item);
  l_put = __LINE__; async_queue_put(q, item); async_queue_put(q, item); /* the second waits: capacity 1 */
  return NULL;
}

static void *waiter(void *arg) {
  (void)arg;
  l_ev = __LINE__; async_event_wait(e);
  return NULL;
}

static void *waits_every_way(void *arg) {
  (void)arg;
  q = async_queue_new(1);
  e = async_event_new();
  l_spawn_a = __LINE__; async_task *a = async_spawn(sleeper, NULL);
  l_spawn_b = __LINE__; async_task *b = async_spawn(getter, NULL);
  async_task *w = async_spawn(waiter, NULL);
  l_gather = __LINE__; async_gather(a);
  async_queue_put(q, (void *)1);                             /* wakes the getter: by main */
  async_event_set(e);                                        /* wakes the waiter: by main */
  l_await = __LINE__; async_await(w, NULL);
  /* b has taken the item and put it back, and its second put waits: the queue holds 1 */
  l_wait_for = __LINE__; CHECK_INT(async_wait_for(b, 1.0, NULL), ASYNC_ETIMEDOUT);
  void *item;
  async_queue_get(q, &item);
  async_queue_free(q);
  async_event_free(e);
  return NULL;
}

TEST(suspensions_carry_their_line_and_what_they_wait_on) {
  CHECK_INT(run(waits_every_way), 0);
  const rec *sa = find(ASYNC_EV_SPAWN, 2, 0), *sb = find(ASYNC_EV_SPAWN, 3, 0), *sm = find(ASYNC_EV_SPAWN, 1, 0);
  CHECK(sa && sb && sm);
  if (sa && sb && sm) {
    CHECK_INT(sa->line, l_spawn_a);
    CHECK_INT(sb->line, l_spawn_b);
    CHECK_INT(sm->line, 0); /* async_run's own spawn of main: no call in the program */
  }
  SUSPEND_AT(2, 0, "sleep", l_sleep, 0);
  SUSPEND_AT(2, 1, "yield", l_yield, 0);
  SUSPEND_AT(1, 0, "gather", l_gather, 2);
  /* queue and event ids: the queue was made first */
  const rec *qn = find(ASYNC_EV_OBJECT, 1, 0), *en = find(ASYNC_EV_OBJECT, 1, 1);
  CHECK(qn && en);
  if (!qn || !en) return;
  CHECK_INT(qn->a, ASYNC_OP_QUEUE_NEW);
  CHECK_INT((int)qn->b, 1);
  CHECK_INT(en->a, ASYNC_OP_EVENT_NEW);
  CHECK(qn->obj > 0 && en->obj == qn->obj + 1);
  SUSPEND_AT(3, 0, "queue_get", l_get, qn->obj);
  SUSPEND_AT(3, 1, "queue_put", l_put, qn->obj);
  SUSPEND_AT(4, 0, "event", l_ev, en->obj);
  SUSPEND_AT(1, 1, "await", l_await, 4);
  SUSPEND_AT(1, 2, "wait_for", l_wait_for, 3);
  const rec *wf = find(ASYNC_EV_SUSPEND, 1, 2);
  if (wf) CHECK_NEAR(wf->b, 1.5, 1e-9); /* wait_for's b: its deadline */
  /* who woke whom */
  WOKEN_BY(2, 0, ASYNC_BY_TIMER);  /* the sleeper's deadline */
  WOKEN_BY(1, 0, 2);               /* gather: the sleeper finished */
  WOKEN_BY(3, 0, 1);               /* the getter: main's put */
  WOKEN_BY(4, 0, 1);               /* the event's waiter: main's set */
  WOKEN_BY(1, 1, 4);               /* await: the waiter finished */
  WOKEN_BY(1, 2, ASYNC_BY_TIMER);  /* wait_for: its timeout */
  WOKEN_BY(3, 1, 1);               /* the blocked put: main's cancel */
  const rec *c = find(ASYNC_EV_WAKE, 3, 1);
  if (c) CHECK_INT(c->a, ASYNC_ECANCELED);
  /* every put and get says the queue's size after it */
  int puts = 0, gets = 0;
  for (int i = 0; i < nrecs; i++) {
    if (recs[i].kind != ASYNC_EV_OBJECT || recs[i].obj != qn->obj) continue;
    if (recs[i].a == ASYNC_OP_QUEUE_PUT) { puts++; CHECK_INT((int)recs[i].b, 1); }
    if (recs[i].a == ASYNC_OP_QUEUE_GET) { gets++; CHECK_INT((int)recs[i].b, 0); }
  }
  CHECK_INT(puts, 2);
  CHECK_INT(gets, 2);
}

static void *forever(void *arg) {
  (void)arg;
  async_sleep(100);
  return NULL;
}

static void *reader(void *arg) {
  (void)arg;
  char buf[16];
  l_line = __LINE__; int n = async_read_line(buf, sizeof buf);
  CHECK_INT(n, ASYNC_EEOF); /* the tests run with stdin at its end */
  return NULL;
}

static void *leaves_a_sleeper(void *arg) {
  (void)arg;
  async_spawn(forever, NULL);
  async_await(async_spawn(reader, NULL), NULL);
  return NULL;
}

TEST(wakes_say_the_loop_and_input) {
  CHECK_INT(run(leaves_a_sleeper), 0);
  SUSPEND_AT(3, 0, "input", l_line, 0);
  WOKEN_BY(3, 0, ASYNC_BY_INPUT);
  WOKEN_BY(2, 0, 0); /* asyncio.run's cancel of what main left: the loop */
  const rec *w = find(ASYNC_EV_WAKE, 2, 0);
  if (w) CHECK_INT(w->a, ASYNC_ECANCELED);
}

static int (*sleep_fn)(double) = async_sleep; /* no macro: no call site */

static void *through_a_pointer(void *arg) {
  (void)arg;
  l_yield = __LINE__; async_yield();
  sleep_fn(0.1);
  return NULL;
}

TEST(a_call_through_a_pointer_keeps_the_previous_line) {
  CHECK_INT(run(through_a_pointer), 0);
  SUSPEND_AT(1, 0, "yield", l_yield, 0);
  SUSPEND_AT(1, 1, "sleep", l_yield, 0);
}

/* The site is kept per task: a call through a pointer carries its own task's
 * previous line, never that of the task that ran just before it, and a task
 * with no call of its own yet carries none. */
static int l_other;

static void *yields_then_sleeps_through_a_pointer(void *arg) {
  (void)arg;
  l_yield = __LINE__; async_yield();
  sleep_fn(0.1);
  return NULL;
}

static void *only_through_a_pointer(void *arg) {
  (void)arg;
  sleep_fn(0.1);
  return NULL;
}

static void *two_tasks_one_pointer(void *arg) {
  (void)arg;
  async_task *a = async_spawn(yields_then_sleeps_through_a_pointer, NULL);
  async_task *b = async_spawn(only_through_a_pointer, NULL);
  l_other = __LINE__; async_yield(); /* main runs between a's yield and a's sleep */
  async_gather(a, b);
  return NULL;
}

TEST(each_task_keeps_its_own_line) {
  CHECK_INT(run(two_tasks_one_pointer), 0);
  SUSPEND_AT(1, 0, "yield", l_other, 0);
  SUSPEND_AT(2, 0, "yield", l_yield, 0);
  SUSPEND_AT(2, 1, "sleep", l_yield, 0);
  const rec *r = find(ASYNC_EV_SUSPEND, 3, 0);
  CHECK(r != NULL);
  if (r) CHECK_INT(r->line, 0);
}

/* A spawn that fails (outside a run, or with no function) still uses up its
 * site: the next spawn without a call site of its own (async_run's of main,
 * or one through a pointer) carries none. */
static async_task *(*spawn_fn)(const char *, async_fn, void *) = async_spawn_named; /* no macro */

static void *spawns_badly(void *arg) {
  (void)arg;
  CHECK(async_spawn(NULL, NULL) == NULL);
  async_task *t = spawn_fn("quiet", forever, NULL);
  async_cancel(t);
  return NULL;
}

TEST(a_failed_spawn_leaves_no_site_behind) {
  CHECK(async_spawn(forever, NULL) == NULL); /* outside a run */
  CHECK_INT(run(spawns_badly), 0);
  const rec *m = find(ASYNC_EV_SPAWN, 1, 0), *q = find(ASYNC_EV_SPAWN, 2, 0);
  CHECK(m && q);
  if (m) CHECK_INT(m->line, 0);
  if (q) CHECK_INT(q->line, 0);
}
