/*
 * twin.h - helpers for the C twins of CPython's asyncio tests
 * (tests/cpython/NAME.c, NAME.py, NAME.out): each ported case prints
 * "== name" and what it observes, in the same words as its Python twin
 * (vclock.py), under the virtual clock.
 */
#ifndef TWIN_H
#define TWIN_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "async.h"

#define PY(b) ((b) ? "True" : "False")
#define INT(p) ((int)(intptr_t)(p))
#define PTR(i) ((void *)(intptr_t)(i))

/* Python's exception names for the codes a ported call returns. */
__attribute__((unused)) static const char *py_error(int rc) {
  switch (rc) {
  case ASYNC_ECANCELED: return "CancelledError";
  case ASYNC_ETIMEDOUT: return "TimeoutError";
  case ASYNC_EEMPTY: return "QueueEmpty";
  case ASYNC_EFULL: return "QueueFull";
  case ASYNC_EOVERFLOW: return "ValueError";
  case ASYNC_ENOTLOCKED: return "RuntimeError";
  case ASYNC_EBROKEN: return "BrokenBarrierError";
  default: return rc < 0 ? async_strerror(rc) : "ok";
  }
}

__attribute__((unused)) static double now2(void) { return async_now(); }

/* Run one case on a fresh loop, as the Python twin does. */
#define CASE(fn) do { printf("== %s\n", #fn); fflush(stdout); int rc_ = async_run(fn, NULL); \
    if (rc_ < 0) printf("raised %s\n", py_error(rc_)); } while (0)

__attribute__((constructor)) static void twin_virtual_clock(void) { setenv("ASYNC_CLOCK", "virtual", 1); }

#endif
