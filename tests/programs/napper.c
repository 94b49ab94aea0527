/* napper.c - one task sleeps 0.4 s and says how long that took on the loop's
 * clock and on clock_gettime's monotonic one: a run paused meanwhile
 * (tests/browser/pause.test.js) must not charge it the pause. */
#include <stdio.h>
#include <time.h>
#include "async.h"

static double mono(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *napper(void *arg) {
  (void)arg;
  double t0 = async_now(), m0 = mono();
  printf("napping\n");
  async_sleep(0.4);
  printf("slept %.2f s (loop clock), %.2f s (monotonic)\n", async_now() - t0, mono() - m0);
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  async_task *t = async_spawn(napper, NULL);
  async_await(t, NULL);
  return NULL;
}

int main(void) { return async_run(amain, NULL); }
