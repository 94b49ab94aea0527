/*
 * alloc.c - the runtime's allocations that may fail: the calls that report
 * ASYNC_ENOMEM or NULL use these, so that in wasm (oom_wasm.c) the failure
 * comes back to them instead of stopping the program.
 */
#include <stdlib.h>
#include "internal.h"

volatile int async__soft_alloc; /* volatile: compilers assume malloc leaves it alone */

void *async__alloc(size_t n) {
  async__soft_alloc++;
  void *p = malloc(n);
  async__soft_alloc--;
  return p;
}

void *async__zalloc(size_t n) {
  async__soft_alloc++;
  void *p = calloc(1, n);
  async__soft_alloc--;
  return p;
}
