/*
 * taskgroup.c - asyncio.TaskGroup: a scope that owns its children. The
 * first child to fail (async_fail) cancels the others; the group's wait
 * returns that code. A cancelled waiter cancels the children and still
 * waits for them: no child outlives its group's wait.
 */
#include <stdlib.h>
#include "internal.h"

struct async_group {
  async_task **kids;
  int          n, cap;
  int          live;        /* children not yet finished */
  int          failed;      /* the first child's failure code, 0 if none */
  int          closed;      /* waited for: no more spawns */
  async__waitq waiter;
  async__waitq woken;       /* the waiter, woken by a child, not yet run */
};

async_group *async_group_new(void) {
  if (async__check_task_context() != ASYNC_OK) return NULL;
  return async__zalloc(sizeof(async_group));
}

static void cancel_children(async_group *g) {
  for (int i = 0; i < g->n; i++)
    if (g->kids[i]->state != ASYNC__DONE) async_cancel(g->kids[i]);
}

void async__group_child_done(async_task *t) {
  async_group *g = t->group;
  g->live--;
  if (t->fail_code && t->fail_code != ASYNC_ECANCELED && !g->failed) { /* passing a cancel on is not a failure */
    g->failed = t->fail_code;
    cancel_children(g);
  }
  async__wake_all_into(&g->waiter, ASYNC_OK, &g->woken);
}

async_task *async_group_spawn_named(async_group *g, const char *name, async_fn fn, void *arg) {
  if (!g || g->closed || g->failed || async__check_task_context() != ASYNC_OK) return NULL;
  if (g->n == g->cap) {
    int cap = g->cap ? g->cap * 2 : 8;
    async_task **kids = async__alloc((size_t)cap * sizeof *kids);
    if (!kids) return NULL;
    for (int i = 0; i < g->n; i++) kids[i] = g->kids[i];
    free(g->kids);
    g->kids = kids;
    g->cap = cap;
  }
  async_task *t = async_spawn_named(name, fn, arg);
  if (!t) return NULL;
  t->group = g;
  g->kids[g->n++] = t;
  g->live++;
  return t;
}

int async_group_wait(async_group *g) {
  if (!g || async__check_task_context() != ASYNC_OK) return ASYNC_EINVAL;
  int cancelled = 0;
  while (g->live > 0) {
    async__waitq_push(&g->waiter, async__L.current);
    int rc = async__suspend(ASYNC_WAIT_GROUP, 0, !cancelled);
    if (rc == ASYNC_ECLOSED) return rc;
    if (rc == ASYNC_ECANCELED && !cancelled) { /* the owner was cancelled: so are the children, and we wait for them */
      cancelled = 1;
      cancel_children(g);
    }
  }
  g->closed = 1;
  if (g->failed) return g->failed;
  return cancelled ? ASYNC_ECANCELED : ASYNC_OK;
}

void async_group_free(async_group *g) {
  if (!g) return;
  for (int i = 0; i < g->n; i++) {
    if (g->kids[i]->state != ASYNC__DONE && async__L.running) async_cancel(g->kids[i]);
    g->kids[i]->group = NULL;
  }
  async__waitq_wake_all(&g->waiter, ASYNC_ECLOSED);
  async__waitq_close(&g->woken);
  free(g->kids);
  free(g);
}
