/* deep_suspend.c - a task suspends 20,000 calls deep: more than the Asyncify save buffer holds. */
#include <stdio.h>
#include "async.h"

__attribute__((noinline)) static int dive(int depth, int a, int b, int c) {
  if (depth == 0) {
    async_sleep(0.1); /* suspend with every frame of the dive on the stack */
    return a + b + c;
  }
  int r = dive(depth - 1, a + 1, b ^ depth, c * 3 + 1);
  return r + a - b + c;
}

static void *diver(void *arg) {
  (void)arg;
  printf("%d\n", dive(20000, 1, 2, 3));
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  async_await(async_spawn(diver, NULL), NULL);
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
