/*
 * timer.c - sleeping tasks in a binary min-heap ordered by (deadline, the
 * order timers were set), so equal deadlines fire in the order they were set.
 */
#include <math.h>
#include <stdlib.h>
#include "internal.h"

static int before(const async_task *a, const async_task *b) {
  return a->deadline < b->deadline || (a->deadline == b->deadline && a->timer_seq < b->timer_seq);
}

static void place(int i, async_task *t) {
  async__L.heap[i] = t;
  t->heap_index = i;
}

static void sift_up(int i) {
  async_task *t = async__L.heap[i];
  while (i > 0) {
    int parent = (i - 1) / 2;
    if (!before(t, async__L.heap[parent])) break;
    place(i, async__L.heap[parent]);
    i = parent;
  }
  place(i, t);
}

static void sift_down(int i) {
  async_task *t = async__L.heap[i];
  int n = async__L.heap_len;
  for (;;) {
    int c = 2 * i + 1;
    if (c >= n) break;
    if (c + 1 < n && before(async__L.heap[c + 1], async__L.heap[c])) c++;
    if (!before(async__L.heap[c], t)) break;
    place(i, async__L.heap[c]);
    i = c;
  }
  place(i, t);
}

void async__timer_add(async_task *t, int64_t deadline) {
  if (async__L.heap_len == async__L.heap_cap) {
    int cap = async__L.heap_cap ? async__L.heap_cap * 2 : 64;
    async_task **h = realloc(async__L.heap, (size_t)cap * sizeof *h);
    if (!h) async__host_fatal("out of memory growing the timer heap");
    async__L.heap = h;
    async__L.heap_cap = cap;
  }
  t->deadline = deadline;
  t->timer_seq = async__L.timer_seq++;
  async__L.heap[async__L.heap_len] = t;
  sift_up(async__L.heap_len++);
}

void async__timer_remove(async_task *t) {
  int i = t->heap_index;
  if (i < 0) return;
  t->heap_index = -1;
  async_task *last = async__L.heap[--async__L.heap_len];
  if (i == async__L.heap_len) return;
  place(i, last);
  if (i > 0 && before(last, async__L.heap[(i - 1) / 2])) sift_up(i);
  else sift_down(i);
}

int async__timer_fire_due(int64_t now) {
  int n = 0;
  async__L.waker = ASYNC_BY_TIMER;
  while (async__L.heap_len > 0 && async__L.heap[0]->deadline <= now) {
    async_task *t = async__L.heap[0];
    if (t->state == ASYNC__WAITING) async__wake(t, ASYNC_OK); /* which leaves the heap */
    else async__timer_remove(t);
    n++;
  }
  async__L.waker = 0;
  return n;
}

int64_t async__timer_next(void) { return async__L.heap_len ? async__L.heap[0]->deadline : -1; }

void async__timer_free_all(void) {
  free(async__L.heap);
  async__L.heap = NULL;
  async__L.heap_len = async__L.heap_cap = 0;
}

int async_sleep(double seconds) {
  if (async__check_task_context() != ASYNC_OK || isnan(seconds)) return ASYNC_EINVAL;
  if (seconds <= 0) return async_yield();
  int64_t deadline = async__clock() + async__seconds_to_ns(seconds);
  async__timer_add(async__L.current, deadline);
  return async__suspend(ASYNC_WAIT_SLEEP, (double)deadline / 1e9, 1);
}

/* async_yield is in loop.c, next to the wait it inlines. */

void async__credit_blocked(int64_t ns) {
  if (async__L.running && async__L.virtual_clock && ns > 0) async__L.vnow += ns;
}
