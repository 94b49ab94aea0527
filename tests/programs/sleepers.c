/* sleepers.c - 100,000 tasks each sleeping 1 s, gathered: the page must
 * show "Finished" soon after the runtime is done (about 1 s). */
#include <stdio.h>
#include <stdlib.h>
#include "async.h"

#define N 100000

static void *sleeper(void *arg) {
  (void)arg;
  async_sleep(1);
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  async_task **t = malloc(N * sizeof *t);
  if (!t) return NULL;
  for (int i = 0; i < N; i++) t[i] = async_spawn(sleeper, NULL);
  async_gather_n(N, t);
  free(t);
  printf("%d sleepers woke\n", N);
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
