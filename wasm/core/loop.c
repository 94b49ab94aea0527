/*
 * loop.c - async_run and the scheduler: the ready queue, suspend and wake,
 * the clocks, and the turn of the loop.
 *
 * A turn runs the tasks that were ready when it began (tasks readied during
 * the turn wait for the next one, as in asyncio), then fires due timers and
 * hands out input. When nothing is ready the loop waits on the host until the
 * next deadline or input; under the virtual clock it jumps there instead.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdio_ext.h>
#include <string.h>
#include "faults.h"
#include "internal.h"

async__loop async__L;

/* Give the host's event loop a turn at least this often while tasks keep
 * running (the page stays live, a worker receives messages). */
#define ASYNC__HOST_SLICE_NS (8 * 1000000LL)

/* Every reading of the host clock goes through these, so host_ns is the
 * latest: no event has a later stamp, and the loop can reuse it instead of
 * reading again (in Chromium a reading costs more than a switch).
 * The loop's own per-switch reading is a tick, which may be up to 1 ms
 * behind; whatever a task asks for (async_now, a deadline) is exact. */
static int64_t host_clock(void) { return async__L.host_ns = async__host_now(); }

static int64_t host_tick(void) { return async__L.host_ns = async__host_tick(); } /* never behind host_ns (internal.h) */

int64_t async__clock(void) {
  if (!async__L.running) return 0;
  if (async__L.virtual_clock) return async__L.vnow;
  return host_clock() - async__L.start_ns;
}

double async_now(void) { return (double)async__clock() / 1e9; }

int async__check_task_context(void) {
  return async__L.running && async__L.current && !async__observing ? ASYNC_OK : ASYNC_EINVAL;
}

void async__ready_push(async_task *t) {
  t->ready_next = NULL;
  if (async__L.ready_tail) async__L.ready_tail->ready_next = t;
  else async__L.ready_head = t;
  async__L.ready_tail = t;
  async__L.ready_count++;
}

static async_task *ready_pop(void) {
  async_task *t = async__L.ready_head;
  if (!t) return NULL;
  async__L.ready_head = t->ready_next;
  if (!async__L.ready_head) async__L.ready_tail = NULL;
  async__L.ready_count--;
  t->ready_next = NULL;
  return t;
}

/* Call sites (async.h): the running task's is async__site_now, which
 * run_task swaps in and out; a spawn takes async__site_spawn. */
const async__site *async__site_now;
const async__site *async__site_spawn;

/* The body of every wait, inlined into async_yield, the most frequent: in
 * wasm each call between a task and the switch is one more frame for
 * Asyncify to unwind and rewind. */
static inline __attribute__((always_inline)) int suspend(async_wait_reason reason, double detail, int cancellable) {
  async_task *t = async__L.current;
#ifdef __wasm__
  if (async__ctx_rewinding) { /* resumed (internal.h: the switch inlined) */
    async__ctx_rewinding = 0;
    asyncify_stop_rewind();
    goto resumed;
  }
#endif
  if (cancellable && t->cancel_requested) {
    /* Never suspended: undo what the caller registered for the wait. */
    if (t->waitq) async__waitq_remove(t);
    if (t->heap_index >= 0) async__timer_remove(t);
    return t->wake_code = ASYNC_ECANCELED;
  }
  /* Output written before the switch belongs to this task (and comes before
   * the wait in the stream, so a yield is not seen queued before it suspends). */
  if (__fpending(stdout)) fflush(stdout); /* nothing written, nothing to flush: most switches */
  t->wake_code = 0;
  t->cancellable_wait = cancellable ? 1 : 0;
  t->suspend_reason = (int)reason; /* the loop reports the SUSPEND, stamped with its clock reading */
  t->suspend_detail = detail;
  if (reason == ASYNC_WAIT_YIELD) {
    t->state = ASYNC__READY;
    async__ready_push(t);
  } else {
    t->state = ASYNC__WAITING;
  }
#ifdef __wasm__
  asyncify_start_unwind(async__ctx_unwind(t->ctx));
  return 0; /* unwinding: nobody sees it */
resumed:
#else
  async__ctx_suspend(t->ctx);
#endif
  if (t->waitq) async__waitq_remove(t); /* an object's list of the woken (async__wake_first) */
  /* A cancel that arrived after an ordinary wake still wins, as in asyncio;
   * never over an error such as ASYNC_ECLOSED, which says the object is gone. */
  if (cancellable && t->cancel_requested && t->wake_code == ASYNC_OK) return ASYNC_ECANCELED;
  return t->wake_code;
}

int async__suspend(async_wait_reason reason, double detail, int cancellable) { return suspend(reason, detail, cancellable); }

int async_yield(void) {
  if (!async__L.running || !async__L.current || async__observing) return ASYNC_EINVAL; /* async__check_task_context */
  return suspend(ASYNC_WAIT_YIELD, 0, 1);
}

int async__woken_before_cancel(void) { return async__L.current->wake_code == ASYNC_OK; }

void async__wake(async_task *t, int code) {
  if (t->state != ASYNC__WAITING) return;
  if (t->waitq) async__waitq_remove(t);
  if (t->heap_index >= 0) async__timer_remove(t);
  t->wake_code = code;
  t->state = ASYNC__READY;
  async__ready_push(t); /* before the event: an observer sees the state after it */
  async_ev ev = {ASYNC_EV_WAKE, t->id, -1, code, 0, NULL, 0, 0, NULL,
                 async__L.current ? async__L.current->id : async__L.waker}; /* obj: by */
  async__emit_ev(&ev);
}

/* The run clock at host time host_ns (the virtual clock ignores it). */
static int64_t run_time(int64_t host_ns) {
  return async__L.virtual_clock ? async__L.vnow : host_ns - async__L.start_ns;
}

/* Run one task until it suspends or returns; the only caller of resume.
 * One clock reading per switch: the slice's start is the previous slice's
 * end, and RUN and SUSPEND are stamped with those readings. */
static void run_task(async_task *t, int64_t *slice_start) {
  if (!t->ctx) {
    t->ctx = async__ctx_new(async__ctx_default_stack());
    if (!t->ctx) {
      /* Not even a stack: the task ends as if cancelled before it began (said once a run). */
      if (!async__L.said_no_stack++)
        fprintf(stderr, "async: out of memory: cannot start task '%s' (and maybe more)\n", t->name);
      t->cancel_requested = 1;
      async__task_finish(t);
      return;
    }
  }
  async__L.current = t;
  t->state = ASYNC__RUNNING;
  int64_t t0 = *slice_start;
  async__emit_at(run_time(t0), ASYNC_EV_RUN, t->id, 0, 0, NULL, 0);
  if (t->cancel_requested) async__host_watch(t);
  async__site_now = t->site;
  async__ctx_resume(t->ctx, t);
#ifdef __wasm__
  for (; t->blocked_on_input; async__ctx_resume(t->ctx, t)) { /* t reads stdin: the loop blocks until a line comes */
    async__stdin_block(t);
    t0 = host_tick();
  }
#endif
  t->site = async__site_now;
  async__host_slice_done(t); /* still current: a fault found here is t's */
  async__L.current = NULL;
  if (t->cancel_requested) async__host_unwatch(); /* cancelled before or during the run */
  int64_t t1 = host_tick();
  *slice_start = t1;
  if (t->state != ASYNC__DONE && async__listening) {
    async_ev ev = {ASYNC_EV_SUSPEND, t->id, (double)run_time(t1) / 1e9, t->suspend_reason, t->suspend_detail, NULL, 0,
                   async__site_line(t->site), async__site_file(t->site), t->waitq ? t->waitq->owner : 0};
    async__emit_ev(&ev);
  }
  if (t1 - t0 > ASYNC__BLOCKED_NS)
    async__emit_at(run_time(t1), ASYNC_EV_BLOCKED, t->id, 0, (double)(t1 - t0) / 1e6, NULL, 0);
  if (async__ctx_overflowed(t->ctx)) async__report_stack(t);
  if (t->state == ASYNC__DONE) {
    async__ctx_free(t->ctx); /* a finished task's stack goes at once */
    t->ctx = NULL;
  }
}

void async__report_stack(const async_task *t) {
  char msg[192];
  async__fault_message(msg, sizeof msg, async__ctx_overflowed(t->ctx) == ASYNC__STACK_ABOVE ? ASYNC__FAULT_STACK_OVERRUN : ASYNC__FAULT_STACK_OVERFLOW,
                       t->name, async__ctx_default_stack());
  async__host_fatal(msg);
}

static void report_deadlock(void) {
  char line[512];
  int n = 0, len = snprintf(line, sizeof line, "async: deadlock: every task waits and nothing can wake them:");
  for (async_task *t = async__L.all_head; t && len < (int)sizeof line - 64; t = t->all_next) {
    if (t->state != ASYNC__WAITING) continue;
    len += snprintf(line + len, sizeof line - (size_t)len, "%s '%s'", n++ ? "," : "", t->name);
  }
  fprintf(stderr, "%s\n", line);
}

static void free_all_tasks(void) {
  async_task *t = async__L.all_head;
  while (t) {
    async_task *next = t->all_next;
    if (t->waitq) async__waitq_remove(t); /* a deadlocked task may still sit in a user's queue */
    if (t->ctx) async__ctx_free(t->ctx);
    free(t);
    t = next;
  }
  async__timer_free_all();
}

static void cancel_all_live(void) {
  for (async_task *t = async__L.all_head; t; t = t->all_next)
    if (t->state != ASYNC__DONE) async_cancel(t);
}

int async_run(async_fn main_fn, void *arg) { return async_run_result(main_fn, arg, NULL); }

int async_run_result(async_fn main_fn, void *arg, void **result) {
  if (result) *result = NULL;
  if (async__L.running || !main_fn || async__observing) return ASYNC_EINVAL;
  memset(&async__L, 0, sizeof async__L);
  async__site_spawn = NULL; /* a spawn call outside a run left its site: not main's */
  const char *clk = getenv("ASYNC_CLOCK");
  async__L.virtual_clock = clk && strcmp(clk, "virtual") == 0;
  async__L.start_ns = host_clock();
  async__L.running = 1;
  async__host_run_begin();

  int rc = ASYNC_OK;
  async_task *main_task = async_spawn_named("main", main_fn, arg);
  if (!main_task) rc = ASYNC_ENOMEM;
  int64_t slice, last_host_turn = async__L.host_ns;

  /* One clock reading per switch, taken when a slice ends: the next slice
   * starts then, and the turn's timers are due by it. */
  while (rc == ASYNC_OK && async__L.live > 0) {
    slice = async__L.host_ns; /* not before the last turn's wakes, so RUN never precedes a WAKE */
    async__L.turn++;
    async__L.phase = ASYNC__PHASE_RUN;
    for (int n = async__L.ready_count; n > 0; n--) {
      run_task(ready_pop(), &slice);
      if (slice - last_host_turn > ASYNC__HOST_SLICE_NS) {
        async__host_wait(0, 0);
        slice = last_host_turn = host_clock();
      }
    }
    if (main_task->state == ASYNC__DONE && !async__L.shutting_down) {
      async__L.shutting_down = 1; /* asyncio.run cancels what main left behind; spawn cancels what that spawns */
#ifndef __wasm__
      async__report_pending(); /* in wasm the page says it, from the event stream */
#endif
      cancel_all_live();
    }
    async__L.phase = ASYNC__PHASE_TIMERS;
    async__timer_fire_due(run_time(async__L.host_ns));
    async__L.phase = ASYNC__PHASE_INPUT;
    async__input_poll();
    if (async__L.ready_count || async__L.live == 0) continue;

    int want_input = async__L.input_waiters.head != NULL;
    int64_t next = async__timer_next();
    if (next < 0 && !want_input) {
      report_deadlock();
      rc = ASYNC_EDEADLK;
      break;
    }
    int64_t now = async__clock();
    async__L.phase = ASYNC__PHASE_WAIT;
    async__emit(ASYNC_EV_IDLE, 0, want_input, next < 0 ? -1.0 : (double)next / 1e9, NULL, 0);
    if (async__L.virtual_clock) {
      /* Time jumps to the next deadline. While a reader waits, virtual time
       * stands still until input arrives, so runs are exact whenever the
       * input comes. */
      if (want_input) {
        async__host_wait(-1, 1);
      } else {
        if (next > async__L.vnow) async__L.vnow = next;
        if (host_clock() - last_host_turn <= ASYNC__HOST_SLICE_NS) continue;
        async__host_wait(0, 0);
      }
    } else {
      async__host_wait(next < 0 ? -1 : (next > now ? next - now : 0), want_input);
    }
    last_host_turn = host_clock();
  }

  if (rc == ASYNC_OK && main_task) { /* main's outcome: its value, or its failure (asyncio.run raises it) */
    if (main_task->fail_code) rc = main_task->fail_code;
    else if (result) *result = main_task->result;
  }
  fflush(stdout);
  free_all_tasks();
  async__host_run_end();
  memset(&async__L, 0, sizeof async__L);
  return rc;
}
