/* hog.c - a task that allocates without end (wasm only: natively the
 * machine's memory is the limit). The run stops with "out of memory". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "async.h"

static void *kept; /* every block stays reachable (and the compiler keeps the mallocs) */

static void *hog(void *arg) {
  (void)arg;
  for (int i = 0;; i++) {
    void **block = malloc(64u << 20);
    block[0] = kept; /* no check: with a NULL this would write over address 0 */
    kept = block;
    if (i % 8 == 0) printf("%d MB\n", (i + 1) * 64);
    async_sleep(0);
  }
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  async_await(async_spawn_named("hog", hog, NULL), NULL);
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
