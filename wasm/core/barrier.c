/*
 * barrier.c - asyncio.Barrier: `parties` tasks wait until the last one
 * arrives, then all go on together (the barrier drains, then refills).
 * Tasks that arrive while it drains or resets wait to enter. Abort breaks
 * it for good; reset breaks the current round and refills.
 */
#include <stdlib.h>
#include "internal.h"

typedef enum { FILLING, DRAINING, RESETTING, BROKEN } barrier_state;

struct async_barrier {
  int           parties, count;
  barrier_state state;
  async__waitq  waiters;  /* in the round, and those waiting to enter */
  async__waitq  woken;    /* woken, not yet run */
};

async_barrier *async_barrier_new(int parties) {
  if (parties < 1) return NULL;
  async_barrier *b = async__zalloc(sizeof *b);
  if (b) b->parties = parties;
  return b;
}

/* Everyone waiting re-checks (asyncio's notify_all on the barrier's condition). */
static void wake_all(async_barrier *b) { async__wake_all_into(&b->waiters, ASYNC_OK, &b->woken); }

/* Wait until cond no longer holds; ASYNC_ECLOSED if the barrier was freed. */
#define WAIT_WHILE(b, cond, rc)                                      \
  while (cond) {                                                     \
    async__waitq_push(&(b)->waiters, async__L.current);              \
    (rc) = async__suspend(ASYNC_WAIT_BARRIER, 0, 1);                 \
    if ((rc) < 0) break;                                             \
  }

static void leave(async_barrier *b) {
  if (--b->count == 0) {
    if (b->state == RESETTING || b->state == DRAINING) b->state = FILLING;
    wake_all(b);
  }
}

int async_barrier_wait(async_barrier *b) {
  if (async__check_task_context() != ASYNC_OK || !b) return ASYNC_EINVAL;
  int rc = 0;
  WAIT_WHILE(b, b->state == DRAINING || b->state == RESETTING, rc);
  if (rc < 0) return rc;
  if (b->state == BROKEN) return ASYNC_EBROKEN;
  int index = b->count++;
  if (index + 1 == b->parties) {
    b->state = DRAINING;
    wake_all(b);
  } else {
    WAIT_WHILE(b, b->state == FILLING, rc);
    if (rc == ASYNC_ECLOSED) return rc;
    if (rc == 0 && (b->state == BROKEN || b->state == RESETTING)) rc = ASYNC_EBROKEN;
  }
  leave(b);
  return rc < 0 ? rc : index;
}

int async_barrier_abort(async_barrier *b) {
  if (!b || !async__L.running) return ASYNC_EINVAL;
  b->state = BROKEN;
  wake_all(b);
  return ASYNC_OK;
}

int async_barrier_reset(async_barrier *b) {
  if (!b || !async__L.running) return ASYNC_EINVAL;
  if (b->count > 0) b->state = RESETTING;
  else b->state = FILLING;
  wake_all(b);
  return ASYNC_OK;
}

int async_barrier_n_waiting(const async_barrier *b) { return b && b->state == FILLING ? b->count : 0; }
int async_barrier_broken(const async_barrier *b) { return b && b->state == BROKEN; }

void async_barrier_free(async_barrier *b) {
  if (!b) return;
  async__waitq_wake_all(&b->waiters, ASYNC_ECLOSED);
  async__waitq_close(&b->woken);
  free(b);
}
