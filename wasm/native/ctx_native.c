/*
 * ctx_native.c - task contexts on Linux: each task runs on its own mmap'd
 * stack (reserved, committed by the kernel only as it is touched) with a
 * PROT_NONE guard below it, so an overflow faults instead of corrupting
 * memory, and the fault is reported with the task's name.
 *
 * Each guarded stack costs the process two kernel mappings, and the kernel
 * allows about 65,000 (vm.max_map_count): past GUARDED_MAX live guarded
 * stacks, stacks are carved from 64 MB arenas (one mapping each) and have
 * canary words at their bottom instead, checked at every switch.
 *
 * The switch is async__switch (switch_x86_64.S) on x86-64, ucontext
 * elsewhere or with -DASYNC_USE_UCONTEXT. Under AddressSanitizer every
 * switch is announced with __sanitizer_{start,finish}_switch_fiber.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "faults.h"
#include "internal.h"

#if defined(__x86_64__) && !defined(ASYNC_USE_UCONTEXT)
#define ASYNC__ASM_SWITCH 1
void async__switch(void **save_sp, void *load_sp);
#else
#include <ucontext.h>
#endif

#if defined(__SANITIZE_ADDRESS__)
#define ASYNC__ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ASYNC__ASAN 1
#endif
#endif
#ifdef ASYNC__ASAN
#include <sanitizer/asan_interface.h>
#include <sanitizer/common_interface_defs.h>
#endif

#define STACK_SIZE (256 * 1024)
#define GUARD_SIZE (64 * 1024) /* big enough that a large local array still lands in it */
#define GUARD_SLACK 4096 /* a fault this far below the guard is still the stack's overflow */
#define CACHE_MAX 16
#define GUARDED_MAX 20000 /* far below the default vm.max_map_count of 65530 */
#define ARENA_STACKS 256

struct async__ctx {
#ifdef ASYNC__ASM_SWITCH
  void *sp;
#else
  ucontext_t uc;
#endif
  char         *map;   /* guard + stack, or a heap block when unguarded */
  size_t        stack_size;
  int           guarded;
  async_task   *task;
  void         *fake_stack; /* ASan's per-fiber fake stack */
  async__ctx   *cache_next;
};

static struct {
#ifdef ASYNC__ASM_SWITCH
  void *sp;
#else
  ucontext_t uc;
#endif
  const void *asan_bottom; /* the loop's stack, learnt at the first switch */
  size_t      asan_size;
  void       *fake_stack;
} loop;

static async__ctx *running;   /* the context of the running task */
static async__ctx *cache;     /* freed contexts kept for reuse */
static int cache_len;
static int guarded_live;      /* guarded stacks mapped now */

/* Unguarded stacks: bump-allocated from arenas, reused through a free list. */
static struct slot { struct slot *next; } *free_slots;
static char *arena_next, *arena_end;

static char *arena_take(void) {
  if (free_slots) {
    struct slot *s = free_slots;
    free_slots = s->next;
    return (char *)s;
  }
  if (arena_next == arena_end) {
    char *chunk = mmap(NULL, (size_t)ARENA_STACKS * STACK_SIZE, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (chunk == MAP_FAILED) return NULL;
    arena_next = chunk;
    arena_end = chunk + (size_t)ARENA_STACKS * STACK_SIZE;
  }
  char *stack = arena_next;
  arena_next += STACK_SIZE;
  return stack;
}

static void arena_give(char *stack) {
  struct slot *s = (struct slot *)stack;
  s->next = free_slots;
  free_slots = s;
}

size_t async__ctx_default_stack(void) { return STACK_SIZE; }

#define CANARY 0x5AFEC0DE5AFEC0DEull
#define CANARY_WORDS 8

static char *stack_base(const async__ctx *c) { return c->guarded ? c->map + GUARD_SIZE : c->map; }

/* ---- fault reports -------------------------------------------------------- */

/* A fault in a task: say which task and what, then die of the same signal. */
static void on_fault(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  async__ctx *c = running;
  char *addr = si->si_addr;
  char msg[200];
  int n = 0;
  const char *name = c && c->task ? c->task->name : NULL;
  if (c && c->guarded && sig == SIGSEGV && addr >= c->map - GUARD_SLACK && addr < stack_base(c)) {
    n = snprintf(msg, sizeof msg, "\nasync: ");
    n += async__fault_message(msg + n, sizeof msg - (size_t)n - 1, ASYNC__FAULT_STACK_OVERFLOW, name ? name : "?", c->stack_size);
    n += snprintf(msg + n, sizeof msg - (size_t)n, "\n");
    if (n > (int)sizeof msg - 1) n = (int)sizeof msg - 1;
    fflush(stdout);
    if (write(2, msg, (size_t)n) < 0) _exit(ASYNC__EXIT_FATAL);
    _exit(ASYNC__EXIT_FATAL);
  }
  int f = sig == SIGABRT ? ASYNC__FAULT_ABORT : sig == SIGFPE ? ASYNC__FAULT_ARITHMETIC : sig == SIGILL ? ASYNC__FAULT_ILLEGAL : ASYNC__FAULT_MEMORY;
  n = snprintf(msg, sizeof msg, "\nasync: ");
  n += async__fault_message(msg + n, sizeof msg - (size_t)n - 1, f, name);
  n += snprintf(msg + n, sizeof msg - (size_t)n, "\n");
  if (n > (int)sizeof msg - 1) n = (int)sizeof msg - 1;
  fflush(stdout);
  if (write(2, msg, (size_t)n) < 0) { /* nothing more to do */ }
  signal(sig, SIG_DFL); /* the default action, with its exit status and core */
  raise(sig);
}

static void install_fault_handler(void) {
#ifndef ASYNC__ASAN /* ASan reports overflows itself */
  static int done;
  if (done) return;
  done = 1;
  static char altstack[64 * 1024];
  stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
  sigaltstack(&ss, NULL);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGSEGV, &sa, NULL);
  sigaction(SIGBUS, &sa, NULL);
  sigaction(SIGFPE, &sa, NULL);
  sigaction(SIGILL, &sa, NULL);
  sigaction(SIGABRT, &sa, NULL);
#endif
}

/* ---- contexts ------------------------------------------------------------- */

static void entry(void);

static void prepare(async__ctx *c) {
  c->fake_stack = NULL;
#ifdef ASYNC__ASM_SWITCH
  /* Laid out as async__switch leaves a stack: control words, six registers,
   * then the address `ret` jumps to, and a fake return address above it so
   * that entry() starts with the stack aligned as after a call. */
  uint64_t *top = (uint64_t *)(stack_base(c) + c->stack_size);
  top[-1] = 0;
  top[-2] = (uint64_t)(uintptr_t)entry;
  for (int i = 3; i <= 8; i++) top[-i] = 0;
  top[-9] = 0x1F80 | ((uint64_t)0x037F << 32); /* default MXCSR, x87 control word */
  c->sp = &top[-9];
#else
  getcontext(&c->uc);
  c->uc.uc_stack.ss_sp = stack_base(c);
  c->uc.uc_stack.ss_size = c->stack_size;
  c->uc.uc_link = NULL;
  makecontext(&c->uc, entry, 0);
#endif
}

async__ctx *async__ctx_new(size_t stack_size) {
  install_fault_handler();
  if (cache && stack_size == STACK_SIZE) {
    async__ctx *c = cache;
    cache = c->cache_next;
    cache_len--;
    prepare(c);
    return c;
  }
  async__ctx *c = calloc(1, sizeof *c);
  if (!c) return NULL;
  c->stack_size = stack_size;
  c->map = MAP_FAILED;
  if (guarded_live < GUARDED_MAX) {
    c->map = mmap(NULL, GUARD_SIZE + stack_size, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (c->map != MAP_FAILED && mprotect(c->map, GUARD_SIZE, PROT_NONE) != 0) {
      munmap(c->map, GUARD_SIZE + stack_size);
      c->map = MAP_FAILED;
    }
  }
  if (c->map != MAP_FAILED) {
    c->guarded = 1;
    guarded_live++;
  } else {
    c->map = stack_size == STACK_SIZE ? arena_take() : NULL;
    if (!c->map) {
      free(c);
      return NULL;
    }
    for (int i = 0; i < CANARY_WORDS; i++) ((uint64_t *)c->map)[i] = CANARY;
  }
  prepare(c);
  return c;
}

void async__ctx_free(async__ctx *c) {
  if (!c) return;
#ifdef ASYNC__ASAN
  /* Frames abandoned on this stack leave poison behind. */
  __asan_unpoison_memory_region(stack_base(c), c->stack_size);
#endif
  if (c->guarded && c->stack_size == STACK_SIZE && cache_len < CACHE_MAX) {
    c->cache_next = cache;
    cache = c;
    cache_len++;
    return;
  }
  if (c->guarded) {
    munmap(c->map, GUARD_SIZE + c->stack_size);
    guarded_live--;
  } else {
    arena_give(c->map);
  }
  free(c);
}

int async__ctx_overflowed(const async__ctx *c) {
  if (c->guarded) return 0; /* the guard faults first */
  for (int i = 0; i < CANARY_WORDS; i++)
    if (((const uint64_t *)c->map)[i] != CANARY) return 1;
  return 0;
}

static void to_task(async__ctx *c) {
#ifdef ASYNC__ASAN
  __sanitizer_start_switch_fiber(&loop.fake_stack, stack_base(c), c->stack_size);
#endif
#ifdef ASYNC__ASM_SWITCH
  async__switch(&loop.sp, c->sp);
#else
  swapcontext(&loop.uc, &c->uc);
#endif
#ifdef ASYNC__ASAN
  __sanitizer_finish_switch_fiber(loop.fake_stack, NULL, NULL);
#endif
}

/* finished: the task will never run again, so ASan may drop its fake stack. */
static void to_loop(async__ctx *c, int finished) {
#ifdef ASYNC__ASAN
  __sanitizer_start_switch_fiber(finished ? NULL : &c->fake_stack, loop.asan_bottom, loop.asan_size);
#else
  (void)finished;
#endif
#ifdef ASYNC__ASM_SWITCH
  async__switch(&c->sp, loop.sp);
#else
  swapcontext(&c->uc, &loop.uc);
#endif
#ifdef ASYNC__ASAN
  __sanitizer_finish_switch_fiber(c->fake_stack, &loop.asan_bottom, &loop.asan_size);
#endif
}

static void entry(void) {
#ifdef ASYNC__ASAN
  __sanitizer_finish_switch_fiber(NULL, &loop.asan_bottom, &loop.asan_size);
#endif
  async__ctx *c = running;
  async__task_main(c->task);
  to_loop(c, 1);
  abort(); /* a finished context is never resumed */
}

void async__ctx_resume(async__ctx *c, async_task *t) {
  c->task = t;
  running = c;
  to_task(c);
  running = NULL;
}

void async__ctx_suspend(async__ctx *c) { to_loop(c, 0); }
