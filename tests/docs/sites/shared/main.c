/* main.c - the template the docs demos share: the snippet, a function
 * named worker, goes where the marker is; main runs two of them. */
#include <stdio.h>
#include <stdlib.h>
#include "async.h"

/* @code */

static void *amain(void *arg) {
  (void)arg;
  async_gather(async_spawn_named("fast", worker, "0.1"), async_spawn_named("slow", worker, "0.3"));
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
