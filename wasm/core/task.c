/*
 * task.c - tasks: spawn, the body every task runs in, await, gather,
 * cancel and wait_for; and the wait queues every waiting primitive uses.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* ---- wait queues ---------------------------------------------------------- */

void async__waitq_push(async__waitq *q, async_task *t) {
  t->waitq = q;
  t->wait_next = NULL;
  t->wait_prev = q->tail;
  if (q->tail) q->tail->wait_next = t;
  else q->head = t;
  q->tail = t;
}

void async__waitq_remove(async_task *t) {
  async__waitq *q = t->waitq;
  if (!q) return;
  if (t->wait_prev) t->wait_prev->wait_next = t->wait_next;
  else q->head = t->wait_next;
  if (t->wait_next) t->wait_next->wait_prev = t->wait_prev;
  else q->tail = t->wait_prev;
  t->waitq = NULL;
  t->wait_prev = t->wait_next = NULL;
}

void async__waitq_wake_all(async__waitq *q, int code) {
  /* Wake in the order they began to wait; async__wake unlinks each. */
  while (q->head) async__wake(q->head, code);
}

async_task *async__wake_first(async__waitq *q, int code, async__waitq *woken) {
  async_task *t = q->head;
  if (!t) return NULL;
  async__wake(t, code);
  async__waitq_push(woken, t); /* left by async__suspend when t runs */
  return t;
}

void async__wake_all_into(async__waitq *q, int code, async__waitq *woken) {
  while (async__wake_first(q, code, woken)) {}
}

void async__waitq_close(async__waitq *woken) {
  while (woken->head) {
    async_task *t = woken->head;
    t->wake_code = ASYNC_ECLOSED;
    async__waitq_remove(t);
  }
}

/* ---- spawning and finishing ------------------------------------------------ */

async_task *async_spawn_named(const char *name, async_fn fn, void *arg) {
  const async__site *site = async__site_spawn; /* this call's, even when it fails */
  async__site_spawn = NULL;
  if (!async__L.running || !fn) return NULL;
  async_task *t = async__zalloc(sizeof *t);
  if (!t) return NULL;
  t->id = ++async__L.next_id;
  snprintf(t->name, sizeof t->name, "%s", name && *name ? name : "task");
  t->fn = fn;
  t->arg = arg;
  t->heap_index = -1;
  t->state = ASYNC__READY;
  t->joiners.owner = t->id;
  t->spawn_site = site;
  if (async__L.all_tail) async__L.all_tail->all_next = t;
  else async__L.all_head = t;
  async__L.all_tail = t;
  async__L.live++;
  async__ready_push(t); /* first runs after the spawner suspends */
  async_ev ev = {ASYNC_EV_SPAWN, t->id, -1, async__L.current ? async__L.current->id : 0, 0, t->name,
                 (int)strlen(t->name), async__site_line(t->spawn_site), async__site_file(t->spawn_site), 0};
  async__emit_ev(&ev);
  if (async__L.shutting_down) async_cancel(t); /* else a loop in it would keep async_run from returning */
  return t;
}

void async__task_finish(async_task *t) {
  t->state = ASYNC__DONE;
  t->done_seq = ++async__L.done_seq;
  async__L.live--;
  async__emit(ASYNC_EV_DONE, t->id, t->cancel_requested, 0, NULL, 0);
  async__waitq_wake_all(&t->joiners, 0);
  if (t->watchers) async__watchers_wake(t);
  if (t->group) async__group_child_done(t);
}

void async__task_return(async_task *t, void *result) {
  t->result = result;
  fflush(stdout);
  async__task_finish(t);
}

void async__task_main(async_task *t) { async__task_return(t, t->fn(t->arg)); }

async_task *async_current(void) { return async__L.running ? async__L.current : NULL; }
const char *async_task_name(const async_task *t) { return t ? t->name : ""; }
int async_task_id(const async_task *t) { return t ? t->id : 0; }
int async_task_done(const async_task *t) { return t && t->state == ASYNC__DONE; }
int async_task_cancelled(const async_task *t) { return t && t->cancel_requested; }

void *async_fail(int code) {
  if (async__check_task_context() == ASYNC_OK) async__L.current->fail_code = code ? code : ASYNC_EFAILED;
  return NULL;
}

int async_cancelled(void) {
  return async__check_task_context() == ASYNC_OK && async__L.current->cancel_requested;
}

int async_cancel(async_task *t) {
  if (!async__L.running || !t) return ASYNC_EINVAL;
  if (t->state == ASYNC__DONE) return ASYNC_EDONE;
  if (!t->cancel_requested) {
    t->cancel_requested = 1;
    async__emit(ASYNC_EV_CANCEL, t->id, async__L.current ? async__L.current->id : 0, 0, NULL, 0);
    if (t == async__L.current) async__host_watch(t); /* cancelled itself: it must still suspend */
  }
  if (t->state == ASYNC__WAITING && t->cancellable_wait) async__wake(t, ASYNC_ECANCELED);
  return ASYNC_OK;
}

/* ---- waiting for tasks ------------------------------------------------------ */

/* Wait for t to finish. Returns 0 when it has, or the wait's error. */
static int join(async_task *t, async_wait_reason reason, double detail, int cancellable) {
  while (t->state != ASYNC__DONE) {
    async__waitq_push(&t->joiners, async__L.current);
    int rc = async__suspend(reason, detail, cancellable);
    if (rc < 0) return rc;
  }
  return ASYNC_OK;
}

static int check_other(const async_task *t) {
  if (async__check_task_context() != ASYNC_OK || !t || t == async__L.current) return ASYNC_EINVAL;
  return ASYNC_OK;
}

/* A finished task's outcome: a failure's code first (raised even in a
 * cancelled task's cleanup, as in asyncio), then its cancel. */
static int outcome(const async_task *t, void **result) {
  if (result) *result = t->fail_code ? NULL : t->result;
  if (t->fail_code) return t->fail_code;
  return t->cancel_requested ? ASYNC_ECANCELED : ASYNC_OK;
}

int async_task_result(const async_task *t, void **result) {
  if (!t) return ASYNC_EINVAL;
  if (t->state != ASYNC__DONE) return ASYNC_ENOTDONE;
  return outcome(t, result);
}

int async_await(async_task *t, void **result) {
  if (check_other(t) != ASYNC_OK) return ASYNC_EINVAL;
  int rc = join(t, ASYNC_WAIT_AWAIT, t->id, 1);
  return rc < 0 ? rc : outcome(t, result);
}

int async_gather_n(int n, async_task **tasks) {
  if (async__check_task_context() != ASYNC_OK || n < 0 || (n > 0 && !tasks)) return ASYNC_EINVAL;
  for (int i = 0; i < n; i++)
    if (check_other(tasks[i]) != ASYNC_OK) return ASYNC_EINVAL;
  for (int i = 0; i < n; i++) {
    if (join(tasks[i], ASYNC_WAIT_GATHER, tasks[i]->id, 1) == ASYNC_OK) continue;
    /* The caller was cancelled: so are the children, and we wait for them. */
    for (int j = i; j < n; j++) async_cancel(tasks[j]);
    for (int j = i; j < n; j++) join(tasks[j], ASYNC_WAIT_GATHER, tasks[j]->id, 0);
    return ASYNC_ECANCELED;
  }
  for (int i = 0; i < n; i++)
    if (tasks[i]->fail_code) return tasks[i]->fail_code;
  for (int i = 0; i < n; i++)
    if (tasks[i]->cancel_requested) return ASYNC_ECANCELED;
  return ASYNC_OK;
}

int async_gather_results(int n, async_task **tasks, void **results) {
  if (n > 0 && !results) return ASYNC_EINVAL;
  int rc = async_gather_n(n, tasks);
  if (rc == ASYNC_EINVAL) return rc;
  for (int i = 0; i < n; i++) outcome(tasks[i], &results[i]); /* every child has finished, whatever rc says */
  return rc;
}

int64_t async__seconds_to_ns(double s) {
  if (s <= 0) return 0;
  if (s >= 9.2e9) return INT64_MAX / 2; /* "forever", and still safe to add to a clock */
  return (int64_t)(s * 1e9 + 0.5);
}

/* After wait_for cancelled t and waited for it: the caller's own cancel wins
 * (asyncio's CancelledError), then t's failure during its cancel (asyncio
 * re-raises it), else the timeout. */
static int timed_out(const async_task *self, const async_task *t, int rc) {
  if (self->cancel_requested) return ASYNC_ECANCELED;
  if (t->fail_code && t->fail_code != ASYNC_ECANCELED) return t->fail_code;
  return rc < 0 ? rc : ASYNC_ETIMEDOUT;
}

int async_wait_for(async_task *t, double timeout, void **result) {
  if (check_other(t) != ASYNC_OK || isnan(timeout)) return ASYNC_EINVAL;
  async_task *self = async__L.current;
  if (t->state == ASYNC__DONE) return outcome(t, result);
  if (self->cancel_requested || timeout <= 0) {
    /* Cancelled already, or no time at all: as in asyncio, t does not get to
     * run first, and is not left running behind the caller's back. */
    async_cancel(t);
    join(t, ASYNC_WAIT_WAIT_FOR, -1, 0);
    return timed_out(self, t, ASYNC_OK);
  }
  int64_t deadline = async__clock() + async__seconds_to_ns(timeout);
  async__timer_add(self, deadline);
  async__waitq_push(&t->joiners, self);
  int rc = async__suspend(ASYNC_WAIT_WAIT_FOR, (double)deadline / 1e9, 1);
  /* Woken by t finishing (0), by the timer (0 with t still running), or by a cancel. */
  if (self->heap_index >= 0) async__timer_remove(self);
  if (t->state == ASYNC__DONE && rc == ASYNC_OK) return outcome(t, result);
  async_cancel(t);
  join(t, ASYNC_WAIT_WAIT_FOR, -1, 0);
  return timed_out(self, t, rc);
}
