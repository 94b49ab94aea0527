/* overrun.c - a task clears 20,000 bytes from the start of its 16 KB local buffer:
 * the writes run past the top of its stack. Natively (256 KB stacks with a
 * guard region) the frame's return address is lost; in wasm the writes land
 * on the memory above the task's 32 KB stack (here main's ledger), and
 * nothing traps. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "async.h"

/* Out of line, as a library call would be: the compiler cannot see that the writes overrun. */
__attribute__((noinline)) static void clear(char *buf, size_t n) { memset(buf, 0, n); }

static void *scrubber(void *arg) {
  size_t n = *(size_t *)arg;
  char buf[16 * 1024];
  snprintf(buf, sizeof buf, "scrubbing %zu bytes", n);
  puts(buf);
  clear(buf, n);
  async_sleep(0.1);
  puts(buf[0] ? "dirty" : "scrubbed");
  return NULL;
}

static void *amain(void *arg) {
  async_task *t = async_spawn_named("scrubber", scrubber, arg);
  char *ledger = calloc(1, 128 * 1024); /* allocated after the task's stack: above it */
  async_await(t, NULL);
  printf("main done%s\n", ledger[0] ? ", the ledger was written" : "");
  free(ledger);
  return NULL;
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 20000;
  return async_run(amain, &n) == 0 ? 0 : 1;
}
