/*
 * wait.c - waiting for any of several tasks: asyncio.wait and
 * as_completed. The waiter puts a watch on each task (a task waits in one
 * queue at a time, so it cannot join several tasks' joiners); a finishing
 * task wakes its watchers, and the waiter checks again.
 */
#include <stdlib.h>
#include "internal.h"

void async__watchers_wake(async_task *t) {
  for (async__watch *w = t->watchers; w; w = w->next) async__wake(w->waiter, ASYNC_OK);
}

static void unwatch(async_task *t, async__watch *mine) {
  for (async__watch **p = &t->watchers; *p; p = &(*p)->next)
    if (*p == mine) {
      *p = mine->next;
      return;
    }
}

static int check_tasks(int n, async_task **tasks) {
  if (async__check_task_context() != ASYNC_OK || n < 0 || (n > 0 && !tasks)) return ASYNC_EINVAL;
  for (int i = 0; i < n; i++)
    if (!tasks[i] || tasks[i] == async__L.current) return ASYNC_EINVAL;
  return ASYNC_OK;
}

/* Suspend until one of the n tasks finishes or the deadline (-1: none). */
static int wait_any(int n, async_task **tasks, async_wait_reason reason, int64_t deadline) {
  async_task *self = async__L.current;
  async__watch stack_watches[16];
  async__watch *w = n <= 16 ? stack_watches : async__alloc((size_t)n * sizeof *w);
  if (!w) return ASYNC_ENOMEM;
  for (int i = 0; i < n; i++) {
    w[i].waiter = self;
    w[i].next = tasks[i]->watchers;
    tasks[i]->watchers = &w[i];
  }
  if (deadline >= 0) async__timer_add(self, deadline);
  int rc = async__suspend(reason, deadline >= 0 ? (double)deadline / 1e9 : -1, 1); /* b: the timer, for the inspector */
  if (self->heap_index >= 0) async__timer_remove(self);
  for (int i = 0; i < n; i++) unwatch(tasks[i], &w[i]);
  if (w != stack_watches) free(w);
  return rc;
}

static int count_done(int n, async_task **tasks, async_wait_when when, int *stop) {
  int done = 0, failed = 0;
  for (int i = 0; i < n; i++) {
    if (tasks[i]->state != ASYNC__DONE) continue;
    done++;
    failed |= tasks[i]->fail_code != 0;
  }
  *stop = done == n || (when == ASYNC_FIRST_COMPLETED && done > 0) || (when == ASYNC_FIRST_EXCEPTION && failed);
  return done;
}

int async_wait(int n, async_task **tasks, async_wait_when when, double timeout) {
  if (check_tasks(n, tasks) != ASYNC_OK || when < ASYNC_FIRST_COMPLETED || when > ASYNC_ALL_COMPLETED || timeout != timeout)
    return ASYNC_EINVAL;
  int64_t deadline = timeout < 0 ? -1 : async__clock() + async__seconds_to_ns(timeout);
  for (;;) {
    int stop, done = count_done(n, tasks, when, &stop);
    if (stop || (deadline >= 0 && async__clock() >= deadline)) return done;
    int rc = wait_any(n, tasks, ASYNC_WAIT_WAIT, deadline);
    if (rc < 0) return rc;
  }
}

int async_as_completed(int *left, async_task **tasks, async_task **done) {
  if (!left || !done || *left <= 0 || check_tasks(*left, tasks) != ASYNC_OK) return ASYNC_EINVAL;
  int n = *left;
  for (;;) {
    int first = -1;
    for (int i = 0; i < n; i++)
      if (tasks[i]->state == ASYNC__DONE && (first < 0 || tasks[i]->done_seq < tasks[first]->done_seq)) first = i;
    if (first >= 0) {
      async_task *t = tasks[first];
      tasks[first] = tasks[n - 1];
      tasks[n - 1] = t;
      *left = n - 1;
      *done = t;
      return ASYNC_OK;
    }
    int rc = wait_any(n, tasks, ASYNC_WAIT_AS_COMPLETED, -1);
    if (rc < 0) return rc;
  }
}
