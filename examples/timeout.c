/*
 * timeout.c - giving up on a slow task with a timeout.
 *
 * asyncio.wait_for in C: the quick lookup answers within its 1 s budget;
 * the slow one does not, so it is cancelled (its sleep returns
 * ASYNC_ECANCELED) and async_wait_for returns ASYNC_ETIMEDOUT.
 */
#include <stdio.h>
#include "async.h"

static void *lookup(void *arg) {
  double seconds = *(double *)arg, start = async_now();
  if (async_sleep(seconds) == ASYNC_ECANCELED) {
    printf("%.1fs lookup: cancelled after %.1f of its %.1f s\n", async_now(), async_now() - start, seconds);
    return NULL;
  }
  return "found it";
}

static void try_lookup(double seconds) {
  void *answer;
  async_task *t = async_spawn(lookup, &seconds);
  int rc = async_wait_for(t, 1.0, &answer);
  if (rc == 0) printf("%.1fs main: a %.1f s lookup answered: %s\n", async_now(), seconds, (char *)answer);
  else printf("%.1fs main: a %.1f s lookup failed: %s\n", async_now(), seconds, async_strerror(rc));
}

static void *amain(void *arg) {
  (void)arg;
  try_lookup(0.3);
  try_lookup(2.0);
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
