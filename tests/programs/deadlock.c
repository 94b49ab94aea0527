/*
 * deadlock.c - main waits for an event nobody sets: nothing can ever run
 * again, so async_run stops with ASYNC_EDEADLK and the runtime names the
 * waiting tasks ("async: deadlock: ...") instead of hanging.
 */
#include <stdio.h>
#include "async.h"

static void *amain(void *arg) {
  async_event *never = arg;
  puts("waiting for an event nobody sets");
  async_event_wait(never);
  return NULL;
}

int main(void) {
  async_event *e = async_event_new();
  int rc = async_run(amain, e);
  async_event_free(e);
  printf("async_run: %s\n", async_strerror(rc));
  return rc == ASYNC_EDEADLK ? 0 : 1;
}
