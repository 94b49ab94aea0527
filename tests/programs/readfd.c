/*
 * readfd.c - read(0, ...) reads standard input: the Input box's lines in the
 * page, stdin natively; 0 at the end of input.
 */
#include <stdio.h>
#include <unistd.h>
#include "async.h"

static void *amain(void *arg) {
  (void)arg;
  char buf[64];
  ssize_t n;
  while ((n = read(0, buf, 4)) > 0) printf("read %d: \"%.*s\"\n", (int)n, (int)n, buf);
  printf("read returned %d at the end of input\n", (int)n);
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
