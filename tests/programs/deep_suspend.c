/* deep_suspend.c - a task suspends 1,300 calls deep, each call keeping 24
 * values live across the next (about 220 bytes of saved frame each): about
 * 286 KB, more than the 256 KB Asyncify save buffer holds and within its
 * 64 KB spare, while the engine's own call stack still has room (2,500
 * calls overflow that first). */
#include <stdio.h>
#include "async.h"

#define V(i) long long v##i = (long long)a * (i + 3) ^ (b + i);
#define U(i) r = r * 31 ^ v##i;

__attribute__((noinline)) static long long dive(int depth, long long a, long long b) {
  if (depth == 0) {
    async_sleep(0.1); /* suspend with every frame of the dive on the stack */
    return a + b;
  }
  V(0) V(1) V(2) V(3) V(4) V(5) V(6) V(7) V(8) V(9) V(10) V(11)
  V(12) V(13) V(14) V(15) V(16) V(17) V(18) V(19) V(20) V(21) V(22) V(23)
  long long r = dive(depth - 1, a + 1, b ^ depth);
  /* xor and multiply in turn: no sum the compiler could take before the call */
  U(0) U(1) U(2) U(3) U(4) U(5) U(6) U(7) U(8) U(9) U(10) U(11)
  U(12) U(13) U(14) U(15) U(16) U(17) U(18) U(19) U(20) U(21) U(22) U(23)
  return r;
}

static void *diver(void *arg) {
  (void)arg;
  printf("%lld\n", dive(1300, 1, 2));
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  async_await(async_spawn(diver, NULL), NULL);
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
