/*
 * yields.c - zero-delay yields: one task calls async_yield() N times.
 * The runtime runs ready tasks in batches and gives the host's event loop a
 * turn between batches (every 8 ms of running), so this measures the yield
 * itself; the host counts its own turns (host.js: Program.hostTurns).
 *   yields [N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "async.h"

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long n;

static void *yielder(void *arg) {
  (void)arg;
  for (long i = 0; i < n; i++) async_yield();
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  double t0 = now_s();
  async_await(async_spawn(yielder, NULL), NULL);
  double t1 = now_s();
  printf("{\"bench\":\"yields\",\"yields\":%ld,\"total_ms\":%.3f,\"ns_per_yield\":%.1f}\n", n, (t1 - t0) * 1e3,
         (t1 - t0) * 1e9 / n);
  return NULL;
}

int main(int argc, char **argv) {
  n = argc > 1 ? atol(argv[1]) : 1000;
  return async_run(amain, NULL) ? 1 : 0;
}
