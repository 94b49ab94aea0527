/* test_clock.c - the virtual clock: it jumps to the next deadline, and
 * blocking calls move it on by as long as they really block. */
#include <time.h>
#include <unistd.h>
#include "check.h"

static void *long_sleep(void *arg) {
  (void)arg;
  async_sleep(0.5);
  async_sleep(100);
  LOG("%.3f", async_now());
  return NULL;
}

TEST(virtual_clock_jumps_to_the_next_deadline) {
  double t0 = real_seconds();
  CHECK_INT(async_run(long_sleep, NULL), 0);
  CHECK_STR(log_text(), "100.500");
  CHECK(real_seconds() - t0 < 5.0);
}

TEST(now_is_zero_outside_a_run) { CHECK(async_now() == 0.0); }

static void *blocker(void *arg) {
  (void)arg;
  LOG("%.1f", async_now());
  usleep(200000); /* blocks for real: the virtual clock moves on by as much */
  LOG("%.1f", async_now());
  struct timespec ts = {0, 100000000};
  nanosleep(&ts, NULL);
  LOG("%.1f", async_now());
  return NULL;
}

TEST(blocking_calls_advance_the_virtual_clock) {
  double t0 = real_seconds();
  CHECK_INT(async_run(blocker, NULL), 0);
  CHECK_STR(log_text(), "0.0|0.2|0.3");
  CHECK(real_seconds() - t0 >= 0.3); /* and they really block */
}
