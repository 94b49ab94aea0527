/*
 * timers.c - timer accuracy: 1,000 concurrent sleepers with delays spread
 * over 0.1 to 1 s (a fixed pseudo-random sequence), real clock. Each measures
 * how late it woke after its deadline; prints p50 and p99 in ms.
 *   timers [N]
 */
#include <stdio.h>
#include <stdlib.h>
#include "async.h"

static double *late;
static int n;

static void *sleeper(void *arg) {
  int i = (int)(size_t)arg;
  double delay = 0.1 + (double)((i * 7919u) % 900u) / 1000.0;
  double deadline = async_now() + delay;
  async_sleep(delay);
  late[i] = (async_now() - deadline) * 1000.0;
  return NULL;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static void *amain(void *arg) {
  (void)arg;
  async_task **t = malloc(sizeof *t * (size_t)n);
  for (int i = 0; i < n; i++) t[i] = async_spawn(sleeper, (void *)(size_t)i);
  async_gather_n(n, t);
  qsort(late, (size_t)n, sizeof *late, cmp);
  printf("{\"bench\":\"timers\",\"sleepers\":%d,\"late_p50_ms\":%.3f,\"late_p99_ms\":%.3f,\"late_max_ms\":%.3f}\n", n,
         late[n / 2], late[n * 99 / 100], late[n - 1]);
  free(t);
  return NULL;
}

int main(int argc, char **argv) {
  n = argc > 1 ? atoi(argv[1]) : 1000;
  late = calloc((size_t)n, sizeof *late);
  int rc = async_run(amain, NULL);
  free(late);
  return rc ? 1 : 0;
}
