/* overflow.c - a task recurses without end: its stack overflows, and the message names it. */
#include <stdio.h>
#include "async.h"

static int walk(int depth) {
  volatile char frame[256];
  frame[0] = (char)depth;
  return walk(depth + 1) + frame[0];
}

static void *walker(void *arg) {
  (void)arg;
  printf("%d\n", walk(0));
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  puts("walking");
  async_await(async_spawn(walker, NULL), NULL);
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
