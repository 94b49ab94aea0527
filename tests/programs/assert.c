/* assert.c - a failed assert() in a task: the message, then the run ends. */
#include <assert.h>
#include <stdio.h>
#include "async.h"

static void *checker(void *arg) {
  (void)arg;
  int balance = -5;
  async_sleep(0.1);
  assert(balance >= 0);
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  async_await(async_spawn(checker, NULL), NULL);
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
