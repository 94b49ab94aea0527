/*
 * host_wasm.c - the host in WebAssembly: a handful of imports from the
 * "async" module, provided by wasm/host/host.js in Node and in the page's Worker
 * (and by any WASI driver that implements them).
 *
 *   now() -> f64                 ms of a monotonic clock (performance.now)
 *   tick() -> f64                now(), cheaper and up to 1 ms behind, never
 *                                behind an earlier now() or tick()
 *   wait(timeout_ms f64, want_input i32) -> i32
 *                                give the host's event loop a turn, until the
 *                                timeout (< 0: none) or input; unwinds the whole
 *                                module with Asyncify (the only suspending import)
 *   block(ms f64)                block for real (libc sleep in a task)
 *   read_line(buf, size) -> i32  a buffered line's length, -1 none, -2 end of input
 *   event(kind, task, time f64, a, b f64, text, len, line, file, obj)
 *                                one event of the stream (async.h) that carries
 *                                text (spawn, output); file is a NUL-terminated
 *                                string that lives as long as the program. The
 *                                host drains the ring first, so order is kept.
 *   drain()                      the event ring (ring_wasm.c) is full, or holds an
 *                                event a user must see at once (blocked): take
 *                                its events and set its count to 0
 *   fatal(msg, len)              an unrecoverable fault; does not return
 *
 * Every other event goes to the ring in memory, not across the boundary:
 * the host drains it at each of these calls (drain, event, wait, fatal),
 * at the end of the run and after a trap.
 *
 * Output is plain WASI fd_write; the host passes each write of stdout and
 * stderr back through the export async__output, so OUTPUT events come from
 * the runtime (with its task and time) in both backends.
 */
#include <stdio.h>
#include <string.h>
#include "internal.h"

#define ASYNC__IMPORT(name) __attribute__((import_module("async"), import_name(name)))
ASYNC__IMPORT("now") double host_now(void);
ASYNC__IMPORT("tick") double host_tick(void);
ASYNC__IMPORT("wait") int host_wait(double timeout_ms, int want_input);
ASYNC__IMPORT("block") void host_block(double ms);
ASYNC__IMPORT("read_line") int host_read_line(char *buf, int size);
ASYNC__IMPORT("event") void host_event(int kind, int task, double time, int a, double b, const char *text, int len,
                                       int line, const char *file, int obj);
ASYNC__IMPORT("fatal") void host_fatal(const char *msg, int len);

#define ASYNC__EXPORT(name) __attribute__((export_name(name), used))

/* The save area the host unwinds the main stack into while the loop waits. */
static struct {
  char *cur, *end;
  char  buf[16 * 1024];
} main_unwind;

ASYNC__EXPORT("async__main_unwind") void *async__main_unwind(void) {
  main_unwind.cur = main_unwind.buf;
  main_unwind.end = main_unwind.buf + sizeof main_unwind.buf;
  return &main_unwind;
}

ASYNC__EXPORT("async__current_task") int async__current_task(void) {
  return async__L.current ? async__L.current->id : 0;
}

ASYNC__EXPORT("async_now") double async__export_now(void) { return async_now(); }

/* After a trap: the running task's stack size if it overflowed its stack
 * (its guard words are gone), else 0. The host then names the fault. */
ASYNC__EXPORT("async__stack_overflowed") int async__stack_overflowed(void) {
  async_task *t = async__L.current;
  return t && t->ctx && async__ctx_overflowed(t->ctx) ? (int)async__ctx_default_stack() : 0;
}

/* One fd_write (musl writes a line as two iovecs: its buffer, then the rest)
 * becomes one OUTPUT event, as one write() is natively; a longer one gives an
 * event per iovec. */
enum { OUTPUT_JOIN_MAX = 4096 };
ASYNC__EXPORT("async__output") void async__output(int fd, const struct { const char *p; int n; } *iov, int n) {
  static char joined[OUTPUT_JOIN_MAX];
  int task = async__L.current ? async__L.current->id : 0, len = 0;
  for (int i = 0; i < n; i++) len += iov[i].n;
  if (n == 1 || len > (int)sizeof joined) {
    for (int i = 0; i < n; i++)
      if (iov[i].n) async__emit(ASYNC_EV_OUTPUT, task, fd, 0, iov[i].p, iov[i].n);
    return;
  }
  len = 0;
  for (int i = 0; i < n; i++) {
    memcpy(joined + len, iov[i].p, (size_t)iov[i].n);
    len += iov[i].n;
  }
  if (len) async__emit(ASYNC_EV_OUTPUT, task, fd, 0, joined, len);
}

int64_t async__host_now(void) { return (int64_t)(host_now() * 1e6); }

int64_t async__host_tick(void) { return (int64_t)(host_tick() * 1e6); }

int async__host_wait(int64_t timeout_ns, int want_input) {
  async__nullpage_check(NULL);
  return host_wait(timeout_ns < 0 ? -1.0 : (double)timeout_ns / 1e6, want_input);
}

void async__host_block(int64_t ns) { host_block((double)ns / 1e6); }

int async__host_read_line(char *buf, int size) {
  int n = host_read_line(buf, size);
  return n == -2 ? ASYNC_EEOF : n;
}

void async__host_event(const async_ev *ev) {
  if (async__ring_put(ev)) return;
  host_event(ev->kind, ev->task, ev->time, ev->a, ev->b, ev->text, ev->len, ev->line, ev->file, ev->obj);
}

void async__host_run_begin(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  async__nullpage_arm();
}

/* A write through NULL is not a trap in wasm: look for one after each slice. */
void async__host_slice_done(const async_task *t) { async__nullpage_check(t); }

void async__host_run_end(void) {
  fflush(stdout);
  async__nullpage_check(NULL);
}

/* No thread can watch here: the page's watchdog sees the same thing in the
 * event stream (a RUN of a task after its CANCEL, then nothing for ASYNC_STALL_SECONDS). */
void async__host_watch(const async_task *t) { (void)t; }
void async__host_unwatch(void) {}

void async__host_fatal(const char *msg) {
  fflush(stdout);
  host_fatal(msg, (int)strlen(msg));
}
