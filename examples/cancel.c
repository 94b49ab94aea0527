/*
 * cancel.c - cancelling a task that would run for a long time.
 *
 * From "Introduction to Async Python" (vuer): long_task ticks once a second;
 * main lets it run for 2.5 s and cancels it. The sleep it is in returns
 * ASYNC_ECANCELED (Python raises CancelledError there) and the task ends.
 */
#include <stdio.h>
#include "async.h"

static void *long_task(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++) {
    printf("Tick %d\n", i);
    if (async_sleep(1) == ASYNC_ECANCELED) return NULL; /* stop it */
  }
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  async_task *task = async_spawn(long_task, NULL);
  async_sleep(2.5); /* let it run briefly */
  async_cancel(task);
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
