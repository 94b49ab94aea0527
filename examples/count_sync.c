/*
 * count_sync.c - a blocking sleep stops the whole loop: three counts take three seconds.
 *
 * From the asyncio tutorial: the same count() as count_async.c, but it
 * sleeps with libc's sleep(), which blocks instead of suspending. Nothing
 * else can run meanwhile, so the counts run one after another and the run
 * takes 3.00 s. The runtime notices each stretch of more than 100 ms without
 * a suspension and reports it as "loop blocked" (red in the timeline).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "async.h"

static void count(void) {
  puts("One");
  sleep(1); /* blocks the loop: nothing else runs for a second */
  puts("Two");
}

static void *amain(void *arg) {
  (void)arg;
  for (int i = 0; i < 3; i++) count();
  const char *file = strrchr(__FILE__, '/') ? strrchr(__FILE__, '/') + 1 : __FILE__;
  printf("%s executed in %0.2f seconds.\n", file, async_now());
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
