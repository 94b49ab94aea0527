/*
 * background.c - a background task runs while main keeps working.
 *
 * From "Introduction to Async Python" (vuer's sess.spawn_task): main spawns
 * background_counter, counts on its own every 0.5 s, then awaits the task.
 *
 * The order differs from the seed's listing in one place, on purpose. At
 * t = 1.0 s two sleeps end at the same instant: the background task's first
 * sleep(1), set at t = 0, and main's second sleep(0.5), set at t = 0.5. Timers
 * with equal deadlines fire in the order they were set (asyncio does the same
 * on a real clock, where the later-set one is a hair later), so
 * "Background: 1" prints before "Main: 2". The seed shows them the other way
 * round; the timeline shows the tie.
 */
#include <stdio.h>
#include "async.h"

static void *background_counter(void *arg) {
  (void)arg;
  for (int i = 0; i < 5; i++) {
    printf("Background: %d\n", i);
    async_sleep(1);
  }
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  /* Start a background task */
  async_task *task = async_spawn(background_counter, NULL);

  /* Main loop continues independently */
  for (int i = 0; i < 3; i++) {
    printf("Main: %d\n", i);
    async_sleep(0.5);
  }

  /* Wait for the background task to finish */
  async_await(task, NULL);
  puts("Done!");
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
