/*
 * pending.c - main returns while two workers still sleep: async_run cancels
 * them, and says so ("2 tasks were still sleeping when main returned and were
 * cancelled"). The workers ignore async_sleep's ASYNC_ECANCELED, so each
 * prints "worker done" at once instead of after its second. A third task,
 * cancelled by main itself, is not counted.
 */
#include <stdio.h>
#include "async.h"

static void *worker(void *arg) {
  async_sleep(1); /* returns ASYNC_ECANCELED at 0.1 s: ignored here */
  printf("worker %s done at %.1f s\n", (const char *)arg, async_now());
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  async_spawn(worker, "a");
  async_spawn(worker, "b");
  async_task *c = async_spawn_named("stopped", worker, "c");
  async_sleep(0.1);
  async_cancel(c);
  puts("main done");
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
