/* counter.c - a file a demo loads with src="counter.c". */
#include <stdio.h>
#include "async.h"

static void *count(void *arg) {
  const char *name = arg;
  for (int i = 1; i <= 3; i++) {
    printf("%s %d\n", name, i);
    async_yield();
  }
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  async_gather(async_spawn_named("left", count, "left"), async_spawn_named("right", count, "right"));
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
