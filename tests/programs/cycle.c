/* cycle.c - two tasks await each other: the run ends in ASYNC_EDEADLK,
 * and the inspector shows the cycle (tests/js/inspector.test.js). */
#include <stdio.h>
#include "async.h"

static async_task *first, *second;

static void *alice(void *arg) {
  (void)arg;
  async_sleep(0.1);
  puts("alice waits for bob");
  async_await(second, NULL);
  return NULL;
}

static void *bob(void *arg) {
  (void)arg;
  async_sleep(0.2);
  puts("bob waits for alice");
  async_await(first, NULL);
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  first = async_spawn(alice, NULL);
  second = async_spawn(bob, NULL);
  async_gather(first, second);
  return NULL;
}

int main(void) { return async_run(amain, NULL) == ASYNC_EDEADLK ? 0 : 1; }
