/* parked.c - 100,000 tasks asleep at once fit in a few hundred bytes each:
 * a task with nothing on its stack parks the stack while it waits. A task
 * that handed out pointers to its locals keeps its stack: main's results
 * array is written by workers while main waits. */
#include <stdint.h>
#include <stdio.h>
#include "async.h"
#include "memory.h"

#define N 100000

static async_task *tasks[N];
static int slept;

static void *sleeper(void *arg) {
  (void)arg;
  if (async_sleep(1) == 0) slept++;
  return NULL;
}

static void *worker(void *arg) {
  int *result = arg; /* points into main's stack */
  async_sleep(0.5);
  *result = 42;
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  int results[3] = {0, 0, 0};
  async_task *w[3];
  for (int i = 0; i < 3; i++) w[i] = async_spawn(worker, &results[i]);
  long before = memory_bytes();
  for (int i = 0; i < N; i++) tasks[i] = async_spawn(sleeper, NULL);
  async_sleep(0.5); /* every sleeper has started and is asleep */
  long during = memory_bytes();
  async_gather_n(N, tasks);
  async_gather_n(3, w);
  printf("%d slept, %ld bytes per sleeping task\n", slept, (during - before) / N);
  printf("results %d %d %d\n", results[0], results[1], results[2]);
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
