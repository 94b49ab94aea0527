/* crowd.c - more sleeping tasks than wasm memory has stacks for (2 GB of
 * 32 KiB stacks), each keeping a buffer on its stack while it sleeps, so
 * none can park its stack: those that cannot start end as cancelled with
 * one message, the rest finish, and the run ends normally. */
#include <stdint.h>
#include <stdio.h>
#include "async.h"

#define N 80000

static void *sleeper(void *arg) {
  char note[32]; /* on the task's stack across the wait */
  snprintf(note, sizeof note, "sleeper %d", (int)(intptr_t)arg);
  async_sleep(1);
  return note[0] == 's' ? NULL : arg;
}

static async_task *tasks[N];

static void *amain(void *arg) {
  (void)arg;
  for (int i = 0; i < N; i++) tasks[i] = async_spawn(sleeper, (void *)(intptr_t)i);
  async_sleep(2);
  int done = 0, cancelled = 0;
  for (int i = 0; i < N; i++) {
    int r = async_await(tasks[i], NULL);
    if (r == 0) done++;
    else if (r == ASYNC_ECANCELED) cancelled++;
  }
  async_queue *q = async_queue_new(0); /* memory is back: this works again */
  printf("%d slept, %d could not start, queue %s\n", done, cancelled, q ? "made" : "not made");
  async_queue_free(q);
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
