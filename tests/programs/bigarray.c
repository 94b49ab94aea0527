/* bigarray.c - a local array bigger than a wasm task's 32 KB stack, written
 * only at its start and kept across a wait: the stack pointer has jumped past
 * the stack's guard words without touching them. Natively (256 KB stacks) it
 * fits. */
#include <stdio.h>
#include "async.h"

static void *reader(void *arg) {
  (void)arg;
  char line[48 * 1024];
  snprintf(line, sizeof line, "a long line");
  async_sleep(0.1);
  printf("%s\n", line);
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  async_await(async_spawn_named("reader", reader, NULL), NULL);
  puts("main done");
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
