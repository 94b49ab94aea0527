/*
 * nullpage_wasm.c - in wasm, address 0 is ordinary memory: a write through
 * a NULL pointer does not trap, it lands silently in the first bytes of
 * memory. Neither build keeps anything there (Emscripten's data begins at
 * 1024; wasip1's stack-first layout puts the far end of the 5 MB main stack
 * there, which the loop never reaches), so the runtime fills those bytes
 * with a pattern and checks it: the first 64 bytes (where a NULL struct's
 * fields are) after every run slice, so the report names the task; all of
 * it at each turn of the host's loop and at the end of the run. A full check
 * per slice would make every task switch slower (make bench: Task switch).
 *
 * The pattern also makes a pointer read through NULL point beyond 2 GB, past
 * the end of memory, so following it traps as an invalid memory access
 * instead of quietly reading zeros.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "faults.h"
#include "internal.h"

#define NULLPAGE_BYTES 1024
#define NULLPAGE_SLICE 64
#define NULLPAGE_WORD  0xa5a5a5a5a5a5a5a5ULL

/* Volatile: the compiler may not know it is NULL, or it would treat every
 * access below as undefined behaviour and drop it. */
static uint64_t *volatile nullpage = 0;

void async__nullpage_arm(void) {
  uint64_t *p = nullpage;
  for (int i = 0; i < NULLPAGE_BYTES / 8; i++) p[i] = NULLPAGE_WORD;
}

/* The lowest address below bytes written since the page was armed, or -1. */
static long written(int bytes) {
  const uint64_t *p = nullpage;
  uint64_t diff = 0;
  for (int i = 0; i < bytes / 8; i++) diff |= p[i] ^ NULLPAGE_WORD;
  if (!diff) return -1; /* the common case: one pass, no branches inside */
  for (int i = 0; i < bytes; i++)
    if (((const unsigned char *)p)[i] != 0xa5) return i;
  return -1;
}

void async__nullpage_check(const async_task *t) {
  long at = written(t ? NULLPAGE_SLICE : NULLPAGE_BYTES);
  if (at < 0) return;
  char msg[200];
  async__fault_message(msg, sizeof msg, ASYNC__FAULT_NULL_WRITE, t ? t->name : NULL, at);
  async__host_fatal(msg);
}
