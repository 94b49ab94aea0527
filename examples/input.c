/*
 * input.c - a ticker keeps counting while main waits for a line of input.
 *
 * async_read_line suspends only the task that reads: the loop goes on
 * running the ticker until you answer. (Under the virtual clock time stands
 * still while input is awaited, so runs are exact whenever you type.)
 */
#include <stdio.h>
#include "async.h"

static void *ticker(void *arg) {
  (void)arg;
  for (int i = 1;; i++) {
    printf("tick %d\n", i);
    if (async_sleep(0.5) == ASYNC_ECANCELED) return NULL;
  }
}

static void *amain(void *arg) {
  (void)arg;
  async_task *t = async_spawn(ticker, NULL);
  puts("What is your name?");
  char name[64];
  int n = async_read_line(name, sizeof name); /* the ticker keeps ticking */
  if (n >= 0) printf("Hello, %s!\n", name);
  else printf("No name (%s).\n", async_strerror(n));
  async_sleep(1.2);
  async_cancel(t);
  async_await(t, NULL);
  puts("Bye.");
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
