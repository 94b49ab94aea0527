/* chars.c - prints one character at a time, each flushed (a line every 64),
 * yielding after each: a flood of one-character writes. */
#include <stdio.h>
#include "async.h"

static void *amain(void *arg) {
  (void)arg;
  for (unsigned long i = 0;; i++) {
    putchar(i % 64 == 63 ? '\n' : 'a' + (int)(i % 26));
    fflush(stdout);
    async_yield();
  }
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
