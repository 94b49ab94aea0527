/* yielder.c - a task that does nothing but yield, for ever: the busiest
 * event stream there is. The page must keep answering and Stop must work. */
#include <stdio.h>
#include "async.h"

static void *spinner(void *arg) {
  (void)arg;
  for (;;) async_yield();
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  puts("yielding");
  async_task *t = async_spawn_named("spinner", spinner, NULL);
  async_await(t, NULL);
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
