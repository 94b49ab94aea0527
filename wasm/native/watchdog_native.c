/*
 * watchdog_native.c - natively, a thread that names a cancelled task which
 * keeps running without suspending. Nothing else can: the loop is stuck in
 * that task, and a cancel only takes effect at the task's next wait. (In
 * wasm the page does this from the event stream: a RUN of a cancelled task
 * and then silence.)
 *
 * Only runs of cancelled tasks are watched, so ordinary switches pay nothing;
 * the thread starts at the first such run and ends with async_run. It copies
 * the task's name under the lock, so it never touches a task that may be
 * freed.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "internal.h"

#define WATCH_AFTER_NS (ASYNC_STALL_SECONDS * 1000000000LL) /* as the page's stall banner */
#define WATCH_POLL_NS  (100 * 1000000LL)

static struct {
  pthread_mutex_t lock;
  pthread_cond_t  wake;     /* async__watch_end: stop now */
  pthread_t       thread;
  int             started, stopping;
  int             armed;    /* a cancelled task is running now */
  int             reported; /* this run of it was reported */
  int64_t         since;    /* host time the run began */
  char            name[ASYNC__NAME_MAX];
} W = {.lock = PTHREAD_MUTEX_INITIALIZER, .wake = PTHREAD_COND_INITIALIZER};

static void *watch(void *arg) {
  (void)arg;
  pthread_mutex_lock(&W.lock);
  while (!W.stopping) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts); /* the condvar's clock */
    int64_t at = (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec + WATCH_POLL_NS;
    ts.tv_sec = (time_t)(at / 1000000000LL);
    ts.tv_nsec = (long)(at % 1000000000LL);
    pthread_cond_timedwait(&W.wake, &W.lock, &ts);
    if (W.armed && !W.reported && async__host_now() - W.since >= WATCH_AFTER_NS) {
      W.reported = 1;
      fprintf(stderr,
              "async: task '%s' was cancelled but has run for %lld s without suspending: it blocks the loop, "
              "and a cancelled task stops only at its next wait (async_sleep, async_yield, async_await...)\n",
              W.name, (long long)((async__host_now() - W.since) / 1000000000LL));
    }
  }
  pthread_mutex_unlock(&W.lock);
  return NULL;
}

void async__host_watch(const async_task *t) {
  pthread_mutex_lock(&W.lock);
  if (!W.started && pthread_create(&W.thread, NULL, watch, NULL) == 0) W.started = 1;
  W.armed = 1;
  W.reported = 0;
  W.since = async__host_now();
  snprintf(W.name, sizeof W.name, "%s", t->name);
  pthread_mutex_unlock(&W.lock);
}

void async__host_unwatch(void) {
  pthread_mutex_lock(&W.lock);
  W.armed = 0;
  pthread_mutex_unlock(&W.lock);
}

/* Called by async__host_run_end. */
void async__watch_end(void) {
  pthread_mutex_lock(&W.lock);
  int started = W.started;
  W.stopping = 1;
  W.armed = 0;
  pthread_cond_signal(&W.wake);
  pthread_mutex_unlock(&W.lock);
  if (started) pthread_join(W.thread, NULL);
  W.started = W.stopping = 0;
}
