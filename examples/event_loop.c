/*
 * event_loop.c - two tasks run concurrently on one event loop.
 *
 * From "Introduction to Async Python" (vuer): task_a and task_b each print,
 * then sleep. While one sleeps the loop runs the other, so B, with the
 * shorter sleep, finishes first although A started first.
 */
#include <stdio.h>
#include "async.h"

static void *task_a(void *arg) {
  (void)arg;
  puts("A: start");
  async_sleep(0.5);
  puts("A: done");
  return NULL;
}

static void *task_b(void *arg) {
  (void)arg;
  puts("B: start");
  async_sleep(0.3);
  puts("B: done"); /* finishes first (0.3 s) */
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  async_gather(async_spawn(task_a, NULL), async_spawn(task_b, NULL));
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
