/*
 * longline.c - async_read_line with lines longer than the buffer and than
 * ASYNC_LINE_MAX: each is cut to size-1 (and ASYNC_LINE_MAX) and the rest
 * dropped, so every call reads the next line (tests/js/input.test.js).
 */
#include <stdio.h>
#include <string.h>
#include "async.h"

static void *amain(void *arg) {
  (void)arg;
  static char big[3 * ASYNC_LINE_MAX];
  char small[100];
  int n;
  while ((n = async_read_line(small, sizeof small)) >= 0) {
    printf("small %d %.3s\n", n, small);
    if ((n = async_read_line(big, sizeof big)) < 0) break;
    printf("big %d %.3s %d\n", n, big, (int)strlen(big));
  }
  printf("end %s\n", async_strerror(n));
  return NULL;
}

int main(void) { return async_run(amain, NULL) != 0; }
