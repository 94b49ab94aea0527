/*
 * fuzz_scheduler.c - libFuzzer drives the scheduler model (tests/c/model.h)
 * with its bytes as the program's choices: the first byte picks how many
 * tasks start, every later one an operation or its argument (when they run
 * out, every choice is 0). Any broken invariant, deadlock or sanitizer
 * report is a crash. `make fuzz` runs it (FUZZ_SECONDS, default 600).
 */
#include <stdlib.h>
#include "model.h"

static const uint8_t *bytes;
static size_t nbytes, pos;

static unsigned from_input(unsigned n) { return pos < nbytes ? bytes[pos++] % n : 0; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  setenv("ASYNC_CLOCK", "virtual", 1);
  bytes = data;
  nbytes = size;
  pos = 0;
  rnd = from_input;
  int roots = 1 + (int)from_input(32);
  int rc = model_run(roots);
  if (rc != 0 || m.violations || m.done_events != m.spawned) {
    fprintf(stderr, "model: async_run %d, %d violations, %d of %d tasks done\n", rc, m.violations, m.done_events, m.spawned);
    abort();
  }
  return 0;
}
