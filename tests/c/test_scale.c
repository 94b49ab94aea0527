/* test_scale.c - deep stacks across a suspension, and ten thousand tasks. */
#include <stdlib.h>
#include "check.h"

static long recurse(int depth) {
  volatile char frame[64];
  for (int i = 0; i < 64; i++) frame[i] = (char)(depth + i);
  if (depth == 0) {
    async_sleep(0.1); /* suspend with 200 frames on the stack */
    char text[64];     /* and format a double there: musl's %f needs kilobytes of stack */
    snprintf(text, sizeof text, "%f", 1.0 / 3.0);
    return frame[63] + (strcmp(text, "0.333333") == 0 ? 0 : 1000);
  }
  return frame[depth % 64] + recurse(depth - 1);
}
static void *deep(void *arg) {
  (void)arg;
  long sum = recurse(200);
  LOG("%ld", sum);
  return NULL;
}
static void *two_deep(void *arg) {
  (void)arg;
  async_gather(async_spawn(deep, NULL), async_spawn(deep, NULL));
  return NULL;
}

TEST(recursion_200_deep_with_64_byte_frames_suspends_and_resumes) {
  long expect = 63;
  for (int d = 1; d <= 200; d++) expect += (char)(d + d % 64);
  char want[64];
  snprintf(want, sizeof want, "%ld|%ld", expect, expect);
  CHECK_INT(async_run(two_deep, NULL), 0);
  CHECK_STR(log_text(), want);
}

enum { MANY = 10000 };
static int finished;
static void *sleep_one(void *arg) {
  (void)arg;
  if (async_sleep(1) == 0) finished++;
  return NULL;
}
static void *many(void *arg) {
  (void)arg;
  static async_task *t[MANY];
  for (int i = 0; i < MANY; i++) t[i] = async_spawn(sleep_one, NULL);
  CHECK_INT(async_gather_n(MANY, t), 0);
  LOG("%d at %.2f", finished, async_now());
  return NULL;
}

TEST(ten_thousand_tasks_sleep_one_second_virtual_clock) {
  finished = 0;
  CHECK_INT(async_run(many, NULL), 0);
  CHECK_STR(log_text(), "10000 at 1.00");
}

TEST(ten_thousand_tasks_sleep_one_second_real_clock) {
  finished = 0;
  unsetenv("ASYNC_CLOCK");
  double t0 = real_seconds();
  CHECK_INT(async_run(many, NULL), 0);
  double took = real_seconds() - t0;
  setenv("ASYNC_CLOCK", "virtual", 1);
  CHECK_INT(finished, MANY);
  CHECK(took >= 1.0);
}
