/*
 * queue.c - asyncio.Queue: a FIFO ring of pointers, bounded or not, with
 * non-blocking put and get, and task_done/join. A woken
 * getter (putter) takes its turn when it runs and checks again, as asyncio
 * does; one cancelled after its wake passes the wake on, so none is lost,
 * and one woken by its cancel has none to pass (FIFO order holds).
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include "internal.h"

struct async_queue {
  async__obj   obj;      /* its id, and the inspector's list */
  void       **items;
  int          capacity; /* 0: unbounded */
  int          alloc, head, size;
  async__waitq getters, putters;
  async__waitq woken;    /* woken getters and putters that have not run yet */
  int          unfinished; /* items put and not yet marked done (join) */
  async__waitq joiners;
};

async_queue *async_queue_new(int capacity) {
  if (capacity < 0) return NULL;
  async_queue *q = async__zalloc(sizeof *q);
  if (!q) return NULL;
  q->capacity = capacity;
  q->alloc = capacity && capacity < 16 ? capacity : 16; /* grows to the capacity as items come */
  q->items = async__alloc((size_t)q->alloc * sizeof *q->items);
  if (!q->items) {
    free(q);
    return NULL;
  }
  async__obj_add(&q->obj, ASYNC__OBJ_QUEUE);
  q->getters.owner = q->putters.owner = q->joiners.owner = q->obj.id;
  async__emit_op(ASYNC_OP_QUEUE_NEW, q->obj.id, capacity);
  return q;
}

static int full(const async_queue *q) { return q->capacity && q->size >= q->capacity; }

static int grow(async_queue *q) {
  long long want = (long long)q->alloc * 2;
  if (q->capacity && want > q->capacity) want = q->capacity;
  if (want > INT_MAX || (unsigned long long)want > SIZE_MAX / sizeof *q->items) return ASYNC_ENOMEM; /* 32-bit size_t in wasm */
  int alloc = (int)want;
  void **items = async__alloc((size_t)alloc * sizeof *items);
  if (!items) return ASYNC_ENOMEM;
  for (int i = 0; i < q->size; i++) items[i] = q->items[(q->head + i) % q->alloc];
  free(q->items);
  q->items = items;
  q->alloc = alloc;
  q->head = 0;
  return ASYNC_OK;
}

static void wake_first(async_queue *q, async__waitq *w) { async__wake_first(w, ASYNC_OK, &q->woken); }

/* put_nowait: the caller has checked that q is not full. */
static int put_now(async_queue *q, void *item) {
  if (q->size == q->alloc && grow(q) != ASYNC_OK) return ASYNC_ENOMEM;
  q->items[(q->head + q->size) % q->alloc] = item;
  q->size++;
  q->unfinished++;
  async__emit_op(ASYNC_OP_QUEUE_PUT, q->obj.id, q->size);
  wake_first(q, &q->getters);
  return ASYNC_OK;
}

static void *get_now(async_queue *q) {
  void *it = q->items[q->head];
  q->head = (q->head + 1) % q->alloc;
  q->size--;
  async__emit_op(ASYNC_OP_QUEUE_GET, q->obj.id, q->size);
  wake_first(q, &q->putters);
  return it;
}

int async_queue_put(async_queue *q, void *item) {
  if (async__check_task_context() != ASYNC_OK || !q) return ASYNC_EINVAL;
  while (full(q)) {
    async__waitq_push(&q->putters, async__L.current);
    int rc = async__suspend(ASYNC_WAIT_QUEUE_PUT, 0, 1);
    if (rc == ASYNC_ECLOSED) return rc;
    if (rc < 0) {
      if (async__woken_before_cancel() && !full(q)) wake_first(q, &q->putters);
      return rc;
    }
  }
  return put_now(q, item);
}

int async_queue_get(async_queue *q, void **item) {
  if (async__check_task_context() != ASYNC_OK || !q) return ASYNC_EINVAL;
  while (q->size == 0) {
    async__waitq_push(&q->getters, async__L.current);
    int rc = async__suspend(ASYNC_WAIT_QUEUE_GET, 0, 1);
    if (rc == ASYNC_ECLOSED) return rc;
    if (rc < 0) {
      if (async__woken_before_cancel() && q->size > 0) wake_first(q, &q->getters);
      return rc;
    }
  }
  void *it = get_now(q);
  if (item) *item = it;
  return ASYNC_OK;
}

int async_queue_try_put(async_queue *q, void *item) {
  if (!q || !async__L.running) return ASYNC_EINVAL;
  return full(q) ? ASYNC_EFULL : put_now(q, item);
}

int async_queue_try_get(async_queue *q, void **item) {
  if (!q || !async__L.running) return ASYNC_EINVAL;
  if (q->size == 0) return ASYNC_EEMPTY;
  void *it = get_now(q);
  if (item) *item = it;
  return ASYNC_OK;
}

int async_queue_task_done(async_queue *q) {
  if (!q || !async__L.running) return ASYNC_EINVAL;
  if (q->unfinished <= 0) return ASYNC_EOVERFLOW;
  if (--q->unfinished == 0) async__waitq_wake_all(&q->joiners, ASYNC_OK);
  return ASYNC_OK;
}

/* As asyncio's join, an Event: woken once the count reaches 0, it returns
 * without looking again (a put meanwhile does not send it back to wait). */
int async_queue_join(async_queue *q) {
  if (async__check_task_context() != ASYNC_OK || !q) return ASYNC_EINVAL;
  if (q->unfinished == 0) return ASYNC_OK;
  async__waitq_push(&q->joiners, async__L.current);
  return async__suspend(ASYNC_WAIT_QUEUE_JOIN, 0, 1);
}

int async_queue_capacity(const async_queue *q) { return q ? q->capacity : ASYNC_EINVAL; }
int async_queue_full(const async_queue *q) { return q ? full(q) : ASYNC_EINVAL; }

int async_queue_size(const async_queue *q) { return q ? q->size : ASYNC_EINVAL; }

void async_queue_free(async_queue *q) {
  if (!q) return;
  async__waitq_wake_all(&q->getters, ASYNC_ECLOSED);
  async__waitq_wake_all(&q->putters, ASYNC_ECLOSED);
  async__waitq_wake_all(&q->joiners, ASYNC_ECLOSED);
  async__waitq_close(&q->woken);
  async__obj_remove(&q->obj);
  async__emit_op(ASYNC_OP_QUEUE_FREE, q->obj.id, 0);
  free(q->items);
  free(q);
}

/* For the inspector's dump (inspect.c). */
int async__queue_capacity(const async_queue *q) { return q->capacity; }
const async__waitq *async__queue_waiters(const async_queue *q, int putters) { return putters ? &q->putters : &q->getters; }
