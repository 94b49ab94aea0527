/* stubborn.c - a task that is cancelled, then loops without ever suspending
 * again: it never reaches a wait where the cancellation could stop it, so
 * it blocks the loop. The page says so after 5 s. */
#include <stdio.h>
#include "async.h"

static volatile unsigned long spins;

static void *worker(void *arg) {
  (void)arg;
  while (async_sleep(0.1) == 0) puts("working");
  puts("cancelled: tidying up, forever");
  for (;;) spins++; /* no wait in here: nothing can stop it */
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  async_task *t = async_spawn_named("worker", worker, NULL);
  async_sleep(0.25);
  async_cancel(t);
  async_await(t, NULL);
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
