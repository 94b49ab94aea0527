/* inspect_model.c - runs the scheduler model's random program for one seed
 * (the same programs as test_model.c), for the inspector's oracle test:
 *   ASYNC_CLOCK=virtual ASYNC_INSPECT=out.jsonl inspect_model SEED [SEED...]
 * Each run dumps every event with the scheduler's state after it (the file
 * holds the last seed's run). Exit status 1 if an invariant broke. */
#include <stdlib.h>
#include "model.h"

static uint64_t state;
static unsigned xorshift(unsigned n) {
  state ^= state << 13, state ^= state >> 7, state ^= state << 17;
  return (unsigned)(state % n);
}

int main(int argc, char **argv) {
  int bad = 0;
  for (int i = 1; i < argc; i++) {
    uint64_t seed = strtoull(argv[i], NULL, 10);
    state = seed * 0x9E3779B97F4A7C15ull + 1;
    rnd = xorshift;
    int rc = model_run(8 + (int)(seed % 40));
    if (rc != 0 || m.violations) bad = 1;
  }
  return bad;
}
