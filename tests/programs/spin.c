/* spin.c - a task that never suspends: the page must stay live and Stop must end it. */
#include <stdio.h>
#include "async.h"

static void *amain(void *arg) {
  (void)arg;
  puts("spinning");
  fflush(stdout);
  volatile unsigned long n = 0;
  for (;;) n++;
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
