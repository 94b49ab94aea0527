/* divide.c - a task divides by zero: a runtime error that names the task. */
#include <stdio.h>
#include "async.h"

static volatile int zero = 0;

static void *divider(void *arg) {
  (void)arg;
  async_sleep(0.1);
  int total = 100;
  printf("%d\n", total / zero); /* (1 / x is folded into comparisons; this is not) */
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  async_await(async_spawn(divider, NULL), NULL);
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
