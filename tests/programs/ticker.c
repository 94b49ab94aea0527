/* ticker.c - a task that sleeps 1 ms, for ever, saying so every 1,000
 * ticks: a steady event stream that must never wear the page down. */
#include <stdio.h>
#include "async.h"

static void *amain(void *arg) {
  (void)arg;
  for (unsigned long i = 1;; i++) {
    async_sleep(0.001);
    if (i % 1000 == 0) printf("tick %lu\n", i);
  }
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
