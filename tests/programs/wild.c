/* wild.c - a pointer holding garbage (here a stale value from a record that
 * was never filled in): natively a segmentation fault, in wasm an access
 * beyond the end of memory. */
#include <stdint.h>
#include <stdio.h>
#include "async.h"

struct record { int *score; };

static void *scorer(void *arg) {
  struct record *r = arg;
  async_sleep(0.1);
  *r->score = 1;
  puts("scored");
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  static struct record r;
  r.score = (int *)(uintptr_t)0xdead0000u; /* garbage: the field was never set */
  puts("scoring");
  async_await(async_spawn_named("scorer", scorer, &r), NULL);
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
