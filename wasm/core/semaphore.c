/*
 * semaphore.c - asyncio.Semaphore and BoundedSemaphore: a release hands
 * its permit to the first waiter (the value stays reserved for it until it
 * runs); a waiter cancelled after its wake gives the permit back and passes
 * it on, so none is lost and FIFO order holds.
 */
#include <stdlib.h>
#include "internal.h"

struct async_semaphore {
  int          value;
  int          bound;   /* BoundedSemaphore's initial value; -1 for a plain one */
  async__waitq waiters;
  async__waitq woken;   /* hold a permit reserved by a release, not yet run */
};

static async_semaphore *create(int value, int bounded) {
  if (value < 0) return NULL;
  async_semaphore *s = async__zalloc(sizeof *s);
  if (!s) return NULL;
  s->value = value;
  s->bound = bounded ? value : -1;
  return s;
}

async_semaphore *async_semaphore_new(int value) { return create(value, 0); }
async_semaphore *async_semaphore_new_bounded(int value) { return create(value, 1); }

int async_semaphore_locked(const async_semaphore *s) {
  return s && (s->value == 0 || s->waiters.head || s->woken.head);
}

int async_semaphore_value(const async_semaphore *s) { return s ? s->value : ASYNC_EINVAL; }

static void wake_next(async_semaphore *s) {
  if (s->waiters.head) {
    s->value--;
    async__wake_first(&s->waiters, ASYNC_OK, &s->woken);
  }
}

int async_semaphore_acquire(async_semaphore *s) {
  if (async__check_task_context() != ASYNC_OK || !s) return ASYNC_EINVAL;
  if (!async_semaphore_locked(s)) {
    s->value--;
    return ASYNC_OK;
  }
  async__waitq_push(&s->waiters, async__L.current);
  int rc = async__suspend(ASYNC_WAIT_SEMAPHORE, 0, 1);
  if (rc == ASYNC_ECLOSED) return rc;
  if (rc < 0) {
    if (async__woken_before_cancel()) { /* the permit reserved for us goes to the next */
      s->value++;
      wake_next(s);
    }
    return rc;
  }
  if (s->value > 0) wake_next(s);
  return ASYNC_OK;
}

int async_semaphore_release(async_semaphore *s) {
  if (!s || !async__L.running) return ASYNC_EINVAL;
  if (s->bound >= 0 && s->value >= s->bound) return ASYNC_EOVERFLOW;
  s->value++;
  wake_next(s);
  return ASYNC_OK;
}

void async_semaphore_free(async_semaphore *s) {
  if (!s) return;
  async__waitq_wake_all(&s->waiters, ASYNC_ECLOSED);
  async__waitq_close(&s->woken);
  free(s);
}
