/*
 * sleepers.c - many tasks asleep at once: gather of N tasks each sleeping
 * 1 s. Prints wall time and the memory the run added per sleeping task
 * (resident set natively; linear memory in wasm), measured while all sleep.
 *   sleepers [N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "async.h"
#include "../programs/memory.h"

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long n, slept;
static long base, during;

static void *sleeper(void *arg) {
  (void)arg;
  if (async_sleep(1) == 0) slept++; /* a task that could not get a stack never sleeps */
  return NULL;
}

static void *probe(void *arg) {
  (void)arg;
  async_sleep(0.5);
  during = memory_bytes();
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  async_task **t = malloc(sizeof *t * (size_t)(n + 1));
  double t0 = now_s();
  for (long i = 0; i < n; i++) t[i] = async_spawn(sleeper, NULL);
  t[n] = async_spawn(probe, NULL);
  async_gather_n((int)n + 1, t);
  double t1 = now_s();
  printf("{\"bench\":\"sleepers\",\"tasks\":%ld,\"slept\":%ld,\"wall_s\":%.3f,\"bytes_per_task\":%.0f}\n", n, slept,
         t1 - t0, (double)(during - base) / (double)n);
  free(t);
  return NULL;
}

int main(int argc, char **argv) {
  n = argc > 1 ? atol(argv[1]) : 10000;
  base = memory_bytes();
  return async_run(amain, NULL) ? 1 : 0;
}
