/*
 * condition.c - asyncio.Condition over an async_lock: wait releases the
 * lock, waits for a notify and takes the lock back before it returns, even
 * when cancelled. A waiter cancelled after a notify passes the notify on to
 * the next waiter (asyncio 3.11 loses it; 3.13 passes it on, as here).
 */
#include <stdlib.h>
#include "internal.h"

struct async_cond {
  async_lock  *lock;
  int          own_lock;
  async__waitq waiters;
  async__waitq woken;   /* notified, not yet run */
};

async_cond *async_cond_new(async_lock *l) {
  async_cond *c = async__zalloc(sizeof *c);
  if (!c) return NULL;
  c->lock = l ? l : async_lock_new();
  c->own_lock = !l;
  if (!c->lock) {
    free(c);
    return NULL;
  }
  return c;
}

async_lock *async_cond_lock(async_cond *c) { return c ? c->lock : NULL; }

int async_cond_wait(async_cond *c) {
  if (async__check_task_context() != ASYNC_OK || !c) return ASYNC_EINVAL;
  if (!async_lock_locked(c->lock)) return ASYNC_ENOTLOCKED;
  async_lock *lock = c->lock; /* c may be freed while we wait */
  async_lock_release(lock);
  async__waitq_push(&c->waiters, async__L.current);
  int rc = async__suspend(ASYNC_WAIT_CONDITION, 0, 1);
  if (rc == ASYNC_ECLOSED) return rc;
  if (rc == ASYNC_ECANCELED && async__woken_before_cancel() && c->waiters.head)
    async__wake_first(&c->waiters, ASYNC_OK, &c->woken); /* the notify goes on */
  int got = async__lock_acquire(lock, 0); /* back in the lock's FIFO, cancelled or not */
  if (got < 0) return got;
  if (rc == ASYNC_OK && async__L.current->cancel_requested) return ASYNC_ECANCELED; /* cancelled while taking the lock back */
  return rc;
}

int async_cond_notify(async_cond *c, int n) {
  if (!c || !async__L.running || n < 0) return ASYNC_EINVAL;
  if (!async_lock_locked(c->lock)) return ASYNC_ENOTLOCKED;
  int woken = 0;
  while (woken < n && async__wake_first(&c->waiters, ASYNC_OK, &c->woken)) woken++;
  return woken;
}

int async_cond_notify_all(async_cond *c) { return async_cond_notify(c, 1 << 30); }

void async_cond_free(async_cond *c) {
  if (!c) return;
  async__waitq_wake_all(&c->waiters, ASYNC_ECLOSED);
  async__waitq_close(&c->woken);
  if (c->own_lock) async_lock_free(c->lock);
  free(c);
}
