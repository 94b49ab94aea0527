/*
 * ctx_wasm.c - task contexts in WebAssembly, switched inside the module
 * with Binaryen's Asyncify (no JavaScript on the switch path).
 *
 * A task has its own C shadow stack (address-taken locals). Its wasm frames
 * are unwound into a shared scratch buffer when it suspends, and the bytes
 * used are copied to a blob of exactly that size, so a suspended task costs
 * its stack plus what it really had on the call stack.
 *
 * The pass must see async__ctx_suspend (start_unwind, stop_rewind) as the
 * top of the runtime and async__ctx_resume (start_rewind, stop_unwind) as its
 * bottom: neither is instrumented, everything between them is. Programs are
 * linked without Binaryen's optimizer and Asyncify runs first (see the
 * Makefile), because the optimizer would inline task code into resume.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define ASYNC__IMPORT(mod, name) __attribute__((import_module(mod), import_name(name)))
ASYNC__IMPORT("asyncify", "start_unwind") void asyncify_start_unwind(void *data);
ASYNC__IMPORT("asyncify", "stop_unwind") void asyncify_stop_unwind(void);
ASYNC__IMPORT("asyncify", "start_rewind") void asyncify_start_rewind(void *data);
ASYNC__IMPORT("asyncify", "stop_rewind") void asyncify_stop_rewind(void);

uintptr_t async__sp_get(void); /* sp_wasm.S */
void async__sp_set(uintptr_t sp);

#define STACK_SIZE (32 * 1024)
#define SCRATCH_SIZE (256 * 1024)
#define CANARY 0x5AFEC0DEu
#define CANARY_WORDS 4

struct async__ctx {
  char     *stack;
  size_t    stack_size;
  uintptr_t sp;        /* shadow stack pointer while suspended */
  char     *blob;      /* the unwound frames while suspended */
  size_t    blob_len, blob_cap;
  int       started;
};

/* Asyncify's view of a save area: the next byte to use, and the end. */
static struct { char *cur, *end; } data;
/* The save area, with a spare SCRATCH_SPARE behind it so that an unwind
 * that overflows it (reported in resume) lands there, not on other data. */
#define SCRATCH_SPARE (64 * 1024)
static char scratch[SCRATCH_SIZE + SCRATCH_SPARE];
static int unwinding, rewinding;

size_t async__ctx_default_stack(void) { return STACK_SIZE; }

async__ctx *async__ctx_new(size_t stack_size) {
  async__ctx *c = async__zalloc(sizeof *c);
  if (!c) return NULL;
  c->stack = async__alloc(stack_size);
  if (!c->stack) {
    free(c);
    return NULL;
  }
  c->stack_size = stack_size;
  for (int i = 0; i < CANARY_WORDS; i++) ((uint32_t *)c->stack)[i] = CANARY;
  return c;
}

void async__ctx_free(async__ctx *c) {
  if (!c) return;
  free(c->stack);
  free(c->blob);
  free(c);
}

int async__ctx_overflowed(const async__ctx *c) {
  for (int i = 0; i < CANARY_WORDS; i++)
    if (((const uint32_t *)c->stack)[i] != CANARY) return 1;
  return 0;
}

__attribute__((noinline)) void async__ctx_suspend(async__ctx *c) {
  if (rewinding) { /* resumed: the frames above us are back */
    rewinding = 0;
    asyncify_stop_rewind();
    return;
  }
  c->sp = async__sp_get();
  data.cur = scratch;
  data.end = scratch + SCRATCH_SIZE;
  unwinding = 1;
  asyncify_start_unwind(&data);
}

__attribute__((noinline)) void async__ctx_resume(async__ctx *c, async_task *t) {
  uintptr_t loop_sp = async__sp_get();
  if (!c->started) {
    c->started = 1;
    async__sp_set(((uintptr_t)(c->stack + c->stack_size)) & ~(uintptr_t)15);
  } else {
    /* Rewinding pops the saved frames from the end back to the start. */
    data.cur = c->blob + c->blob_len;
    data.end = data.cur;
    async__sp_set(c->sp);
    rewinding = 1;
    asyncify_start_rewind(&data);
  }
  async__task_main(t);
  if (unwinding) {
    unwinding = 0;
    /* Checked before Binaryen's own check in stop_unwind, which would trap without a word. */
    if (data.cur > data.end) {
      char msg[160];
      snprintf(msg, sizeof msg, "task '%s' suspended with more than %d KB of calls on its stack (the save buffer overflowed): is a recursion too deep?",
               t->name, SCRATCH_SIZE / 1024);
      async__host_fatal(msg);
    }
    asyncify_stop_unwind();
    size_t n = (size_t)(data.cur - scratch);
    if (n > c->blob_cap) {
      c->blob = realloc(c->blob, n); /* never NULL: a failure stops the program (oom_wasm.c) */
      c->blob_cap = n;
    }
    memcpy(c->blob, scratch, n);
    c->blob_len = n;
  }
  async__sp_set(loop_sp);
}
