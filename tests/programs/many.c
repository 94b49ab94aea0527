/* many.c - 1,000 tasks that print and sleep at staggered times: the timeline must stay smooth. */
#include <stdio.h>
#include <stdint.h>
#include "async.h"

static void *worker(void *arg) {
  intptr_t i = (intptr_t)arg;
  for (int step = 0; step < 3; step++) {
    async_sleep(0.2 + (double)(i % 50) / 100.0);
    if (i % 100 == 0) printf("worker %d step %d\n", (int)i, step);
  }
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  static async_task *t[1000];
  for (intptr_t i = 0; i < 1000; i++) t[i] = async_spawn(worker, (void *)i);
  async_gather_n(1000, t);
  puts("all 1000 done");
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
