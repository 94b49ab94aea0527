/*
 * oom_wasm.c - a program that runs out of memory in wasm is stopped with a
 * message saying so. Programs are linked with --wrap=malloc, calloc and
 * realloc (wasm/toolchain/wasmcc, wasm/toolchain/wasicc.js), so every allocation comes here
 * first. A failure inside async__alloc is the runtime's to report
 * (ASYNC_ENOMEM, NULL); any other is fatal: wasm memory stops at a fixed
 * maximum, and C code that writes through the NULL it got would silently
 * corrupt memory from address 0 on, which in wasm is not a trap.
 */
#include <stdio.h>
#include <stdlib.h>
#include "faults.h"
#include "internal.h"

/* The maximum both toolchains link with (--max-memory=2147483648). */
#define ASYNC__MEMORY_LIMIT_MB 2048

void *__real_malloc(size_t n);
void *__real_calloc(size_t count, size_t n);
void *__real_realloc(void *p, size_t n);

static void out_of_memory(const char *call, size_t n) {
  char msg[200];
  const async_task *t = async__L.current;
  async__fault_message(msg, sizeof msg, ASYNC__FAULT_OUT_OF_MEMORY, t ? t->name : NULL, ASYNC__MEMORY_LIMIT_MB, call, n);
  async__host_fatal(msg);
}

void *__wrap_malloc(size_t n) {
  void *p = __real_malloc(n);
  if (!p && n && !async__soft_alloc) out_of_memory("malloc", n);
  return p;
}

void *__wrap_calloc(size_t count, size_t n) {
  void *p = __real_calloc(count, n);
  if (!p && count && n && !async__soft_alloc) out_of_memory("calloc", count * n);
  return p;
}

void *__wrap_realloc(void *q, size_t n) {
  void *p = __real_realloc(q, n);
  if (!p && n && !async__soft_alloc) out_of_memory("realloc", n);
  return p;
}
