/* flood.c - prints without end and without suspending: the page caps the output. */
#include <stdio.h>
#include "async.h"

static void *amain(void *arg) {
  (void)arg;
  for (unsigned long i = 0;; i++) printf("line %lu\n", i);
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
