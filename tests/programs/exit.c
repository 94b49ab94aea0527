/* exit.c - exit(3) from a task ends the whole run with that status. */
#include <stdio.h>
#include <stdlib.h>
#include "async.h"

static void *quitter(void *arg) {
  (void)arg;
  async_sleep(0.2);
  puts("quitting");
  exit(3);
}

static void *ticker(void *arg) {
  (void)arg;
  for (int i = 0;; i++) {
    printf("tick %d\n", i);
    async_sleep(0.1);
  }
}

static void *amain(void *arg) {
  (void)arg;
  async_gather(async_spawn(quitter, NULL), async_spawn(ticker, NULL));
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
