/*
 * switch.c - the cost of a task switch: two tasks ping-pong with async_yield.
 *   switch [switches] [depth]   prints one JSON line: ns per switch
 * With depth > 0 each task yields from that many nested calls down, since
 * Asyncify's cost grows with the frames it saves and restores.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "async.h"

static long half;
static int depth;

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

__attribute__((noinline)) static long nest(int d) {
  if (d == 0) {
    for (long i = 0; i < half; i++) async_yield();
    return 0;
  }
  return nest(d - 1) + d;
}

static void *pinger(void *arg) {
  (void)arg;
  nest(depth);
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  async_task *a = async_spawn(pinger, NULL), *b = async_spawn(pinger, NULL);
  double t0 = now_ns();
  async_gather(a, b);
  double t1 = now_ns();
  printf("{\"bench\":\"switch\",\"depth\":%d,\"switches\":%ld,\"ns_per_switch\":%.1f}\n", depth, 2 * half,
         (t1 - t0) / (2.0 * half));
  return NULL;
}

int main(int argc, char **argv) {
  half = (argc > 1 ? atol(argv[1]) : 1000000) / 2;
  depth = argc > 2 ? atoi(argv[2]) : 0;
  return async_run(amain, NULL) ? 1 : 0;
}
