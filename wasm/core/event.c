/*
 * event.c - asyncio.Event: set wakes every waiter in the order they began
 * to wait; waiting on a set event returns at once.
 */
#include <stdlib.h>
#include "internal.h"

struct async_event {
  async__obj   obj;      /* its id, and the inspector's list */
  int          is_set;
  async__waitq waiters;
};

async_event *async_event_new(void) {
  async_event *e = async__zalloc(sizeof(async_event));
  if (!e) return NULL;
  async__obj_add(&e->obj, ASYNC__OBJ_EVENT);
  e->waiters.owner = e->obj.id;
  async__emit_op(ASYNC_OP_EVENT_NEW, e->obj.id, 0);
  return e;
}

void async_event_set(async_event *e) {
  if (!e || e->is_set) return;
  e->is_set = 1;
  async__emit_op(ASYNC_OP_EVENT_SET, e->obj.id, 1);
  async__waitq_wake_all(&e->waiters, ASYNC_OK);
}

void async_event_clear(async_event *e) {
  if (!e) return;
  if (e->is_set) async__emit_op(ASYNC_OP_EVENT_CLEAR, e->obj.id, 0);
  e->is_set = 0;
}

int async_event_is_set(const async_event *e) { return e && e->is_set; }

int async_event_wait(async_event *e) {
  if (async__check_task_context() != ASYNC_OK || !e) return ASYNC_EINVAL;
  if (e->is_set) return ASYNC_OK;
  async__waitq_push(&e->waiters, async__L.current);
  return async__suspend(ASYNC_WAIT_EVENT, 0, 1);
}

void async_event_free(async_event *e) {
  if (!e) return;
  async__waitq_wake_all(&e->waiters, ASYNC_ECLOSED);
  async__obj_remove(&e->obj);
  async__emit_op(ASYNC_OP_EVENT_FREE, e->obj.id, 0);
  free(e);
}

/* For the inspector's dump (inspect.c). */
const async__waitq *async__event_waiters(const async_event *e) { return &e->waiters; }
