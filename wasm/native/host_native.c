/*
 * host_native.c - the host on Linux: the monotonic clock, waiting with
 * ppoll (for a deadline and/or stdin), line input from stdin, and the
 * event stream to stdout's cookie, the trace file and ASYNC_DEBUG.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "internal.h"
#include "trace.h"

int64_t async__host_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* clock_gettime is cheap here (the vDSO, no system call); CLOCK_MONOTONIC_COARSE could read
 * behind an earlier CLOCK_MONOTONIC reading. */
int64_t async__host_tick(void) { return async__host_now(); }

static struct timespec to_ts(int64_t ns) {
  struct timespec ts = {(time_t)(ns / 1000000000LL), (long)(ns % 1000000000LL)};
  return ts;
}

int async__host_wait(int64_t timeout_ns, int want_input) {
  struct pollfd fd = {0, POLLIN, 0};
  struct timespec ts = to_ts(timeout_ns > 0 ? timeout_ns : 0);
  int n = ppoll(want_input ? &fd : NULL, want_input ? 1 : 0, timeout_ns < 0 ? NULL : &ts, NULL);
  return n > 0;
}

void async__host_block(int64_t ns) {
  int64_t end = async__host_now() + ns;
  for (int64_t left = ns; left > 0; left = end - async__host_now()) {
    struct timespec ts = to_ts(left);
    ppoll(NULL, 0, &ts, NULL); /* not nanosleep: blocking.c replaces that */
  }
}

/* ---- input: stdin, read only when a task wants a line -------------------- */

static char inbuf[ASYNC_LINE_MAX];
static int inlen, in_eof, in_skip; /* in_skip: dropping the rest of a line cut at ASYNC_LINE_MAX */

int async__host_read_line(char *buf, int size) {
  for (;;) {
    if (in_skip) {
      char *nl = memchr(inbuf, '\n', (size_t)inlen);
      int used = nl ? (int)(nl - inbuf) + 1 : inlen;
      memmove(inbuf, inbuf + used, (size_t)(inlen - used));
      inlen -= used;
      in_skip = !nl && !in_eof;
    }
    char *nl = in_skip ? NULL : memchr(inbuf, '\n', (size_t)inlen);
    if (!in_skip && (nl || (in_eof && inlen > 0) || inlen == (int)sizeof inbuf)) {
      in_skip = !nl && !in_eof; /* a line longer than the buffer: the rest is dropped */
      int line = nl ? (int)(nl - inbuf) : inlen;
      int used = nl ? line + 1 : line;
      if (line > 0 && inbuf[line - 1] == '\r') line--;
      int n = line < size ? line : size;
      memcpy(buf, inbuf, (size_t)n);
      memmove(inbuf, inbuf + used, (size_t)(inlen - used));
      inlen -= used;
      return n;
    }
    if (in_eof) return ASYNC_EEOF;
    struct pollfd fd = {0, POLLIN, 0};
    if (poll(&fd, 1, 0) <= 0) return -1;
    ssize_t r = read(0, inbuf + inlen, sizeof inbuf - (size_t)inlen);
    if (r < 0 && (errno == EINTR || errno == EAGAIN)) return -1;
    if (r <= 0) in_eof = 1;
    else inlen += (int)r;
  }
}

/* ---- output: stdout goes through a cookie that reports each write -------- */

static FILE *real_stdout, *cookie_stdout;

static ssize_t cookie_write(void *c, const char *buf, size_t len) {
  (void)c;
  size_t done = 0;
  while (done < len) {
    ssize_t w = write(1, buf + done, len - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return done ? (ssize_t)done : -1;
    done += (size_t)w;
  }
  if (async__L.running)
    async__emit(ASYNC_EV_OUTPUT, async__L.current ? async__L.current->id : 0, 1, 0, buf, (int)len);
  return (ssize_t)len;
}

static int debug, inspecting;

void async__host_run_begin(void) {
  const char *d = getenv("ASYNC_DEBUG");
  debug = d && *d && strcmp(d, "0") != 0;
  const char *path = getenv("ASYNC_TRACE");
  if (path && *path) async__trace_open(path);
  const char *inspect = getenv("ASYNC_INSPECT"); /* tests: inspect.c */
  inspecting = inspect && *inspect;
  if (inspecting) async__inspect_open(inspect);
  async__listen_host(async__trace_active() || inspecting || debug);
  fflush(stdout);
  cookie_io_functions_t io = {NULL, cookie_write, NULL, NULL};
  cookie_stdout = fopencookie(NULL, "w", io);
  if (cookie_stdout) {
    setvbuf(cookie_stdout, NULL, _IOLBF, BUFSIZ);
    real_stdout = stdout;
    stdout = cookie_stdout;
  }
}

void async__host_run_end(void) {
  async__listen_host(0);
  fflush(stdout);
  if (cookie_stdout) {
    stdout = real_stdout;
    fclose(cookie_stdout);
    cookie_stdout = NULL;
  }
  async__watch_end();
  async__trace_close();
  async__inspect_close();
}

static const char *task_name(int id) {
  for (async_task *t = async__L.all_head; t; t = t->all_next)
    if (t->id == id) return t->name;
  return "?";
}

void async__host_event(const async_ev *ev) {
  async__trace_event(ev);
  if (inspecting) async__inspect_event(ev);
  if (debug && ev->kind == ASYNC_EV_BLOCKED)
    fprintf(stderr, "async: task '%s' blocked the loop for %.0f ms without suspending\n",
            task_name(ev->task), ev->b);
}

/* Nothing to look for: a NULL write traps here, and ctx_native.c names the task. */
void async__host_slice_done(const async_task *t) { (void)t; }

void async__host_fatal(const char *msg) {
  fflush(stdout);
  fprintf(stderr, "async: %s\n", msg);
  async__trace_close();
  _exit(ASYNC__EXIT_FATAL);
}
