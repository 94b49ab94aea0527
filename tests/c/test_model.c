/* test_model.c - the scheduler model (model.h) over 200 seeded random
 * programs: every invariant holds after every event. Reproducible: the seed
 * names the run (MODEL_VERBOSE=1 prints each). */
#include "check.h"
#include "model.h"

static uint64_t state;
static unsigned xorshift(unsigned n) {
  state ^= state << 13, state ^= state >> 7, state ^= state << 17;
  return (unsigned)(state % n);
}

static void run_seed(uint64_t seed, int roots) {
  state = seed * 0x9E3779B97F4A7C15ull + 1;
  rnd = xorshift;
  int rc = model_run(roots);
  if (rc != 0) fprintf(stderr, "    seed %llu: async_run returned %d\n", (unsigned long long)seed, rc);
  CHECK_INT(rc, 0);
  CHECK_INT(m.violations, 0);
  CHECK_INT(m.done_events, m.spawned);
  if (getenv("MODEL_VERBOSE")) fprintf(stderr, "    seed %llu: %d tasks, %ld suspensions, %.2f s\n", (unsigned long long)seed, m.spawned, m.suspends, m.last_time);
}

TEST(model_random_programs_keep_every_invariant) {
  for (uint64_t seed = 1; seed <= 200; seed++) run_seed(seed, 8 + (int)(seed % 40));
}
