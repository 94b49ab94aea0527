/*
 * lock.c - asyncio.Lock: FIFO among waiters. release() wakes the first
 * waiter, which takes the lock when it runs; meanwhile a newcomer does not
 * jump the queue. A waiter cancelled after its wake passes it on.
 */
#include <stdlib.h>
#include "internal.h"

struct async_lock {
  int          locked;
  async__waitq waiters;
  async__waitq woken;   /* woken by a release, not yet run: the lock is theirs next */
};

async_lock *async_lock_new(void) { return async__zalloc(sizeof(async_lock)); }

static void wake_first(async_lock *l) {
  if (!l->woken.head) async__wake_first(&l->waiters, ASYNC_OK, &l->woken);
}

int async__lock_acquire(async_lock *l, int cancellable) {
  if (!l->locked && !l->waiters.head && !l->woken.head) {
    l->locked = 1;
    return ASYNC_OK;
  }
  async__waitq_push(&l->waiters, async__L.current);
  int rc = async__suspend(ASYNC_WAIT_LOCK, 0, cancellable); /* only a release (or a free) wakes it */
  if (rc == ASYNC_ECLOSED) return rc;
  if (rc < 0) {
    if (!l->locked) wake_first(l);
    return rc;
  }
  l->locked = 1;
  return ASYNC_OK;
}

int async_lock_acquire(async_lock *l) {
  if (async__check_task_context() != ASYNC_OK || !l) return ASYNC_EINVAL;
  return async__lock_acquire(l, 1);
}

int async_lock_release(async_lock *l) {
  if (!l || !async__L.running) return ASYNC_EINVAL;
  if (!l->locked) return ASYNC_ENOTLOCKED;
  l->locked = 0;
  wake_first(l);
  return ASYNC_OK;
}

int async_lock_locked(const async_lock *l) { return l && l->locked; }

void async_lock_free(async_lock *l) {
  if (!l) return;
  async__waitq_wake_all(&l->waiters, ASYNC_ECLOSED);
  async__waitq_close(&l->woken);
  free(l);
}
