/*
 * vocab.c - the vocabulary as C sees it, for tests/js/vocab.test.js: first
 * the tables through the runtime's own functions (async_ev_name,
 * async_wait_name, async_strerror) and the field layout of ASYNC_EV_MAP;
 * then a run that produces every event kind and wait reason, each event
 * printed raw (kind task a b) as the observer saw it, for the test to
 * compare with what host.js decoded from the same events.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "async.h"

static char raw[1 << 16];
static size_t raw_len;

static void observe(const async_ev *ev, void *ud) {
  (void)ud;
  if (raw_len < sizeof raw - 128)
    raw_len += (size_t)snprintf(raw + raw_len, sizeof raw - raw_len, "event %d %d %d %.9g %d\n", (int)ev->kind, ev->task, ev->a, ev->b, ev->obj);
}

static async_queue *q;
static async_event *e;

static void *sleeper(void *arg) { (void)arg; async_sleep(1); return NULL; }
static void *putter(void *arg) { (void)arg; async_queue_put(q, NULL); async_queue_put(q, NULL); return NULL; }
static void *getter(void *arg) { (void)arg; void *it; async_queue_get(q, &it); async_queue_get(q, &it); return NULL; }
static void *waiter(void *arg) { (void)arg; return (void *)(long)async_event_wait(e); }
static void *reader(void *arg) { (void)arg; char line[16]; return (void *)(long)async_read_line(line, sizeof line); }
static void *forever(void *arg) { (void)arg; return (void *)(long)async_sleep(1e6); }
static async_lock *lk;
static async_semaphore *sem;
static async_cond *cv;
static async_barrier *bar;
static void *locker(void *arg) { (void)arg; async_lock_acquire(lk); async_lock_release(lk); return NULL; }
static void *sem_user(void *arg) { (void)arg; async_semaphore_acquire(sem); async_semaphore_release(sem); return NULL; }
static void *cond_waiter(void *arg) {
  (void)arg;
  async_lock_acquire(async_cond_lock(cv));
  async_cond_wait(cv);
  async_lock_release(async_cond_lock(cv));
  return NULL;
}
static void *party(void *arg) { (void)arg; async_barrier_wait(bar); return NULL; }
static async_queue *jq;
static void *worker(void *arg) { (void)arg; void *it; async_queue_get(jq, &it); async_sleep(0.1); async_queue_task_done(jq); return NULL; }

static void *amain(void *arg) {
  (void)arg;
  q = async_queue_new(1);
  e = async_event_new();
  async_task *s = async_spawn(sleeper, NULL);
  async_await(s, NULL);                        /* await, sleep, idle */
  async_yield();                               /* yield */
  async_task *g = async_spawn(getter, NULL), *p = async_spawn(putter, NULL);
  async_gather(g, p);                          /* gather, queue_get, queue_put */
  async_task *w = async_spawn(waiter, NULL);
  async_yield();
  async_event_set(e);                          /* event */
  async_await(w, NULL);
  async_task *r = async_spawn(reader, NULL);
  async_await(r, NULL);                        /* input */
  async_wait_for(async_spawn(forever, NULL), 0.5, NULL); /* wait_for, cancel, done cancelled */
  jq = async_queue_new(0);
  async_queue_put(jq, NULL);
  async_task *wk = async_spawn(worker, NULL);
  async_queue_join(jq);                        /* queue_join */
  async_queue_free(jq);
  async_task *many[2] = {wk, async_spawn(sleeper, NULL)};
  async_wait(2, many, ASYNC_ALL_COMPLETED, -1); /* wait */
  async_task *more[1] = {async_spawn(sleeper, NULL)}, *done;
  int left = 1;
  async_as_completed(&left, more, &done);      /* as_completed */
  async_group *grp = async_group_new();
  async_group_spawn(grp, sleeper, NULL);
  async_group_wait(grp);                       /* group */
  async_group_free(grp);
  lk = async_lock_new();
  async_lock_acquire(lk);
  async_task *l = async_spawn(locker, NULL);
  async_yield();                               /* lock */
  async_lock_release(lk);
  async_await(l, NULL);
  sem = async_semaphore_new(0);
  async_task *su = async_spawn(sem_user, NULL);
  async_yield();                               /* semaphore */
  async_semaphore_release(sem);
  async_await(su, NULL);
  cv = async_cond_new(NULL);
  async_task *cw = async_spawn(cond_waiter, NULL);
  async_yield();                               /* condition */
  async_lock_acquire(async_cond_lock(cv));
  async_cond_notify(cv, 1);
  async_lock_release(async_cond_lock(cv));
  async_await(cw, NULL);
  bar = async_barrier_new(2);
  async_task *p2 = async_spawn(party, NULL);
  async_barrier_wait(bar);                     /* barrier */
  async_await(p2, NULL);
  async_lock_free(lk);
  async_semaphore_free(sem);
  async_cond_free(cv);
  async_barrier_free(bar);
  printf("output\n");                          /* output */
  usleep(120 * 1000);                          /* blocked */
  async_queue_free(q);
  async_event_free(e);
  return NULL;
}

int main(void) {
  for (int k = 0; k <= ASYNC_EV_COUNT; k++) printf("kind %d %s\n", k, async_ev_name(k));
#define FIELDS(NAME, name, a, a_type, b, text, site, obj) \
  printf("fields %d %s|%s|%s|%s|%s|%s\n", ASYNC_EV_##NAME, a, #a_type, b, text, site, obj);
  ASYNC_EV_MAP(FIELDS)
  for (int r = 0; r <= ASYNC_WAIT_COUNT; r++) printf("reason %d %s\n", r, async_wait_name(r));
#define WAIT(NAME, name, state, detail) printf("wait %d %s|%s\n", ASYNC_WAIT_##NAME, state, detail);
  ASYNC_WAIT_MAP(WAIT)
#define ERR(NAME, value, message) printf("error ASYNC_%s %d %s\n", #NAME, ASYNC_##NAME, async_strerror(ASYNC_##NAME));
  ASYNC_ERRNO_MAP(ERR)
  printf("error ASYNC_OK 0 %s\n", async_strerror(ASYNC_OK));
  fflush(stdout);
  async_set_observer(observe, NULL);
  int rc = async_run(amain, NULL);
  async_set_observer(NULL, NULL);
  fwrite(raw, 1, raw_len, stdout);
  printf("run %d\n", rc);
  return rc != 0;
}
