/*
 * count_async.c - three counts that sleep concurrently take one second.
 *
 * From the asyncio tutorial: each count() prints "One", sleeps 1 s and
 * prints "Two". Gathered, the three sleeps overlap: all three "One"s come
 * first, then the three "Two"s, and the whole run takes 1.00 s, not 3.
 * Compare count_sync.c.
 */
#include <stdio.h>
#include <string.h>
#include "async.h"

static void *count(void *arg) {
  (void)arg;
  puts("One");
  async_sleep(1); /* mimics some operation; other tasks run meanwhile */
  puts("Two");
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  async_task *tasks[] = {async_spawn(count, NULL), async_spawn(count, NULL), async_spawn(count, NULL)};
  async_gather_n(3, tasks); /* run them concurrently */
  const char *file = strrchr(__FILE__, '/') ? strrchr(__FILE__, '/') + 1 : __FILE__;
  printf("%s executed in %0.2f seconds.\n", file, async_now());
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
