/*
 * ctx_wasm.c - task contexts in WebAssembly, switched inside the module
 * with Binaryen's Asyncify (no JavaScript on the switch path).
 *
 * A task runs on a C shadow stack (address-taken locals, big arrays). Its
 * wasm frames are unwound into a shared scratch buffer when it suspends, and
 * the bytes used are copied to a blob of exactly that size.
 *
 * A task that suspends with nothing on its shadow stack (the usual sleeper,
 * waiter or worker between items: its locals live in wasm frames) parks it:
 * the stack goes back to a pool and the task resumes on whichever stack the
 * pool gives it. That is safe because nothing can point into an empty stack,
 * and no frame that is still active saved a stack pointer (a function that
 * saves one has a shadow frame, so the stack would not be empty). A task
 * with anything there keeps its stack, so pointers to its locals that it
 * hands to other tasks stay valid while it waits. A parked task costs its
 * blob and its task record, a few hundred bytes instead of 32 KB.
 *
 * The pass must see async__ctx_suspend (start_unwind, stop_rewind), and
 * each wait that inlines it (internal.h), as the top of the runtime and
 * async__ctx_resume (start_rewind, stop_unwind) as its bottom: none is
 * instrumented, everything between them is. Resume calls the task's
 * function itself, so that no frame of the runtime's lies between. Programs are
 * linked without Binaryen's optimizer and Asyncify runs first (see the
 * Makefile), because the optimizer would inline task code into resume.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "faults.h"
#include "internal.h"

ASYNC__ASYNCIFY(stop_unwind) void asyncify_stop_unwind(void);
ASYNC__ASYNCIFY(start_rewind) void asyncify_start_rewind(void *data);

uintptr_t async__sp_get(void); /* sp_wasm.S */
void async__sp_set(uintptr_t sp);

#define STACK_SIZE (32 * 1024)
#define SCRATCH_SIZE (256 * 1024)
#define CANARY 0x5AFEC0DEu
#define CANARY_WORDS 4
#define POOL_MAX 64 /* parked stacks kept for reuse; more are freed */

struct async__ctx {
  char     *stack;     /* NULL while parked */
  size_t    stack_size;
  uintptr_t sp;        /* shadow stack pointer while suspended */
  char     *blob;      /* the unwound frames while suspended */
  size_t    blob_len, blob_cap;
  int       started;
  int       overflowed; /* ASYNC__STACK_BELOW: suspended with its stack pointer below the stack */
};

/* Asyncify's view of a save area: the next byte to use, and the end. */
static struct { char *cur, *end; } data;
/* The save area, with a spare SCRATCH_SPARE behind it so that an unwind
 * that overflows it (reported in resume) lands there, not on other data. */
#define SCRATCH_SPARE (64 * 1024)
static char scratch[SCRATCH_SIZE + SCRATCH_SPARE];
static int unwinding;
int async__ctx_rewinding;

/* A stack is its size in bytes, then CANARY_WORDS more above its top: the
 * words below catch a stack that grew too deep, the words above a write
 * that ran up past the top (a local array cleared beyond its end), which
 * would otherwise land on whatever the allocator put next. */
#define GUARD_BYTES (CANARY_WORDS * sizeof(uint32_t))
static void guard_set(char *s, size_t size) {
  for (int i = 0; i < CANARY_WORDS; i++) ((uint32_t *)s)[i] = ((uint32_t *)(s + size))[i] = CANARY;
}
static int guard_broken(const char *s, size_t size) {
  for (int i = 0; i < CANARY_WORDS; i++) {
    if (((const uint32_t *)s)[i] != CANARY) return ASYNC__STACK_BELOW;
    if (((const uint32_t *)(s + size))[i] != CANARY) return ASYNC__STACK_ABOVE;
  }
  return 0;
}

/* Parked stacks, all STACK_SIZE bytes, their canaries intact. */
static char *pool[POOL_MAX];
static int pooled;

size_t async__ctx_default_stack(void) { return STACK_SIZE; }

/* A stack from the pool, else a new one: NULL only from alloc (may_fail). */
static char *stack_get(size_t size, void *(*alloc)(size_t)) {
  if (size == STACK_SIZE && pooled > 0) return pool[--pooled];
  char *s = alloc(size + GUARD_BYTES);
  if (s) guard_set(s, size);
  return s;
}

static void stack_put(char *s, size_t size) {
  if (size == STACK_SIZE && pooled < POOL_MAX) pool[pooled++] = s;
  else free(s);
}

static uintptr_t stack_top(const async__ctx *c) { return ((uintptr_t)(c->stack + c->stack_size)) & ~(uintptr_t)15; }

async__ctx *async__ctx_new(size_t stack_size) {
  async__ctx *c = async__zalloc(sizeof *c);
  if (!c) return NULL;
  c->stack = stack_get(stack_size, async__alloc);
  if (!c->stack) {
    free(c);
    return NULL;
  }
  c->stack_size = stack_size;
  return c;
}

void async__ctx_free(async__ctx *c) {
  if (!c) return;
  if (c->stack) stack_put(c->stack, c->stack_size);
  free(c->blob);
  free(c);
}

int async__ctx_overflowed(const async__ctx *c) {
  if (c->overflowed) return c->overflowed;
  if (!c->stack) return 0; /* parked: it was checked when it parked */
  return guard_broken(c->stack, c->stack_size);
}

void *async__ctx_unwind(async__ctx *c) {
  /* While the task's frames are live, so the report names its line; and
   * before the unwound frames are copied to the blob, which allocates:
   * memory above an overrun stack may be the allocator's own. Nothing
   * writes to the stack from here until it parks (resume), which trusts this. */
  int broken = guard_broken(c->stack, c->stack_size);
  if (broken == ASYNC__STACK_ABOVE) async__report_stack(async__L.current);
  if (broken) c->overflowed = broken;
  c->sp = async__sp_get();
  data.cur = scratch;
  data.end = scratch + SCRATCH_SIZE;
  unwinding = 1;
  return &data;
}

__attribute__((noinline)) void async__ctx_suspend(async__ctx *c) {
  if (async__ctx_rewinding) { /* resumed: the frames above us are back */
    async__ctx_rewinding = 0;
    asyncify_stop_rewind();
    return;
  }
  asyncify_start_unwind(async__ctx_unwind(c));
}

__attribute__((noinline)) void async__ctx_resume(async__ctx *c, async_task *t) {
  uintptr_t loop_sp = async__sp_get();
  if (!c->stack) {
    /* Parked: any stack will do. The wrapped malloc stops the program if
     * there is none (oom_wasm.c); a task cannot be left half-resumed. */
    c->stack = stack_get(c->stack_size, malloc);
    c->sp = stack_top(c);
  }
  if (!c->started) {
    c->started = 1;
    async__sp_set(stack_top(c));
  } else {
    /* Rewinding pops the saved frames from the end back to the start. */
    data.cur = c->blob + c->blob_len;
    data.end = data.cur;
    async__sp_set(c->sp);
    async__ctx_rewinding = 1;
    asyncify_start_rewind(&data);
  }
  void *result = t->fn(t->arg);
  if (!unwinding) {
    async__task_return(t, result);
  } else {
    unwinding = 0;
    /* Checked before Binaryen's own check in stop_unwind, which would trap without a word. */
    if (data.cur > data.end) {
      char msg[160];
      async__fault_message(msg, sizeof msg, ASYNC__FAULT_SAVE_OVERFLOW, t->name, SCRATCH_SIZE / 1024);
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
    /* A big local array moves the stack pointer past the guard words without
     * writing them: caught if the task suspends while the array is live. */
    if (c->sp < (uintptr_t)c->stack + GUARD_BYTES) c->overflowed = ASYNC__STACK_BELOW;
    if (c->sp == stack_top(c) && !c->overflowed) { /* its guard words were checked as it unwound */
      stack_put(c->stack, c->stack_size);
      c->stack = NULL;
    }
  }
  async__sp_set(loop_sp);
}
