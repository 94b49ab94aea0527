/* aborts.c - a task that calls abort(): the run ends with a message naming it. */
#include <stdio.h>
#include <stdlib.h>
#include "async.h"

static void *quitter(void *arg) {
  (void)arg;
  puts("about to abort");
  abort();
}

static void *amain(void *arg) {
  (void)arg;
  async_await(async_spawn(quitter, NULL), NULL);
  return NULL;
}

int main(void) { return async_run(amain, NULL) != 0; }
