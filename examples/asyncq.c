/*
 * asyncq.c - producers and consumers share a queue; join waits until every item is dealt with.
 *
 * From realpython's async-IO tutorial (asyncq.py). Two producers put items
 * at their own pace; three consumers take them. Each consumer calls
 * async_queue_task_done after it has dealt with an item, and main's
 * async_queue_join returns once every item put has been marked done. The
 * consumers loop forever, so main then cancels them: their waiting
 * async_queue_get returns ASYNC_ECANCELED. The tutorial's random counts and
 * delays are fixed tables here, so the output is the same every run.
 */
#include <stdint.h>
#include <stdio.h>
#include "async.h"

static async_queue *q;

typedef struct { int id, items; double pause; } producer_spec;

static void *produce(void *arg) {
  const producer_spec *p = arg;
  for (int i = 0; i < p->items; i++) {
    async_sleep(p->pause);
    int item = p->id * 100 + i;
    async_queue_put(q, (void *)(intptr_t)item);
    printf("%.2fs Producer %d added <%d> to queue.\n", async_now(), p->id, item);
  }
  return NULL;
}

static void *consume(void *arg) {
  int id = (int)(intptr_t)arg;
  for (;;) {
    void *item;
    if (async_queue_get(q, &item) == ASYNC_ECANCELED) break; /* main cancels us once the queue is joined */
    double got = async_now();
    async_sleep(0.3 + 0.1 * id); /* dealing with the item */
    printf("%.2fs Consumer %d got element <%d> in %.2f seconds.\n", async_now(), id, (int)(intptr_t)item, async_now() - got);
    async_queue_task_done(q);
  }
  printf("%.2fs Consumer %d cancelled.\n", async_now(), id);
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  static const producer_spec specs[] = {{1, 3, 0.2}, {2, 2, 0.5}};
  q = async_queue_new(0);
  async_task *producers[2], *consumers[3];
  for (int i = 0; i < 2; i++) producers[i] = async_spawn_named(i ? "producer_2" : "producer_1", produce, (void *)&specs[i]);
  for (int i = 0; i < 3; i++)
    consumers[i] = async_spawn_named(i == 0 ? "consumer_1" : i == 1 ? "consumer_2" : "consumer_3", consume, (void *)(intptr_t)(i + 1));
  async_gather_n(2, producers); /* every item is in the queue */
  async_queue_join(q);          /* and every item has been dealt with */
  printf("%.2fs All items processed.\n", async_now());
  for (int i = 0; i < 3; i++) async_cancel(consumers[i]);
  async_gather_n(3, consumers);
  async_queue_free(q);
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
