/*
 * semaphore.c - a semaphore limits how many requests run at once.
 *
 * Eight downloads start together, but a semaphore of 3 lets only three run at
 * a time (as a polite client limits its connections to a server): the others
 * wait in async_semaphore_acquire, in the order they arrived, and each
 * release lets the next one in. Without the limit all eight would overlap;
 * with it the timeline shows at most three lanes downloading.
 */
#include <stdint.h>
#include <stdio.h>
#include "async.h"

static async_semaphore *limit;
static int running, most;

static const double sizes[] = {0.5, 0.3, 0.4, 0.2, 0.6, 0.3, 0.1, 0.4}; /* seconds each download takes */

static void *download(void *arg) {
  int n = (int)(intptr_t)arg;
  async_semaphore_acquire(limit); /* waits while 3 downloads run */
  running++;
  if (running > most) most = running;
  printf("%.1fs download %d: start (%d running)\n", async_now(), n, running);
  async_sleep(sizes[n - 1]);
  running--;
  printf("%.1fs download %d: done\n", async_now(), n);
  async_semaphore_release(limit);
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  limit = async_semaphore_new(3);
  async_task *t[8];
  for (int i = 0; i < 8; i++) t[i] = async_spawn(download, (void *)(intptr_t)(i + 1));
  async_gather_n(8, t);
  printf("%.1fs all done: at most %d at once\n", async_now(), most);
  async_semaphore_free(limit);
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
