/*
 * stdin_wasm.c - standard C input in WebAssembly: scanf, fgets, getchar,
 * fread and read(0, ...) read the lines the host buffers (the page's Input
 * box; the lines given to wasm/host/host.js in Node). Like libc's sleep they block:
 * a task that reads stdin stops the whole loop until a line comes (the loop
 * reports the stretch as a SUSPEND for input with b = 1, "blocked on input"
 * in the timeline); async_read_line waits while other tasks run.
 *
 * Linked from libasync.a before libc, these definitions of musl's
 * __stdio_read (stdin's read function) and of read() win for the program.
 * Natively the C library reads stdin itself, blocking the same way.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"

static char line[4097]; /* the current line and its newline */
static int  pos, len, ended;

/* Take the host's next line if it has one: 1 bytes to read, 0 end of input, -1 none yet. */
static int take(void) {
  if (pos < len) return 1;
  if (ended) return 0;
  int n = async__host_read_line(line, (int)sizeof line - 1);
  if (n == ASYNC_EEOF) { ended = 1; return 0; }
  if (n < 0) return -1;
  line[n] = '\n';
  pos = 0;
  len = n + 1;
  return 1;
}

/* Up to size bytes of stdin, waiting for a line if none is buffered; 0 at end of input. */
static size_t stdin_read(void *buf, size_t size) {
  int r;
  while ((r = take()) < 0) {
    if (async__observing) return 0; /* the observer cannot wait (stream.c): as at the end of input */
    async_task *t = async__L.current;
    fflush(stdout); /* a prompt without a newline shows before the wait */
    if (t) {
      t->blocked_on_input = 1; /* back to the loop, which waits for the line (async__stdin_block) */
      async__ctx_suspend(t->ctx);
    } else {
      async__host_wait(-1, 1); /* outside async_run: the program itself waits */
    }
  }
  if (!r || !size) return 0;
  size_t n = (size_t)(len - pos) < size ? (size_t)(len - pos) : size;
  memcpy(buf, line + pos, n);
  pos += (int)n;
  return n;
}

/* What is buffered already, without waiting: up to size bytes. */
static size_t stdin_read_buffered(void *buf, size_t size) {
  if (take() <= 0) return 0;
  return stdin_read(buf, size);
}

/* The loop, for a task that read stdin with nothing buffered: block until a
 * line (or the end of input) comes, reported as the task waiting for input
 * while the loop stands still. Time stands still too on the virtual clock. */
void async__stdin_block(async_task *t) {
  async__emit(ASYNC_EV_SUSPEND, t->id, ASYNC_WAIT_INPUT, 1, NULL, 0);
  async__emit(ASYNC_EV_IDLE, 0, 1, -1, NULL, 0);
  while (take() < 0) async__host_wait(-1, 1);
  t->blocked_on_input = 0;
  async__emit(ASYNC_EV_WAKE, t->id, 0, 0, NULL, 0);
  async__emit(ASYNC_EV_RUN, t->id, 0, 0, NULL, 0);
}

/* musl's FILE (src/internal/stdio_impl.h) starts with flags, rpos and rend,
 * and holds read, write, seek, buf and buf_size in a row; what lies between
 * differs (wasi-libc drops a field that Emscripten's libc keeps), so buf is
 * found beside the read pointer, which is this very function. __stdio_read
 * must leave what does not fit the caller's buffer in the FILE's own, as
 * musl's does, because scanf pushes a character back by moving rpos. */
struct musl_head { unsigned flags; unsigned char *rpos, *rend; };
#define MUSL_F_EOF 16

size_t __stdio_read(FILE *file, unsigned char *buf, size_t size);

static unsigned char **file_buf(FILE *file) {
  void **w = (void **)file;
  for (int i = 3; i < 16; i++)
    if (w[i] == (void *)__stdio_read) return (unsigned char **)&w[i + 3]; /* read, write, seek, buf, buf_size */
  return NULL;
}

size_t __stdio_read(FILE *file, unsigned char *buf, size_t size) {
  struct musl_head *f = (struct musl_head *)file;
  unsigned char **fbuf = file_buf(file);
  size_t fsize = fbuf ? *(size_t *)(fbuf + 1) : 0;
  size_t direct = size - (fsize ? 1 : 0);
  size_t n = stdin_read(buf, direct);
  if (!n && direct) { f->flags |= MUSL_F_EOF; return 0; }
  if (n < direct || !fsize) return n;
  /* the caller's buffer is full (or was 1 byte): the rest goes to the FILE's buffer, as musl's readv would */
  size_t more = stdin_read_buffered(*fbuf, fsize);
  if (!more && !n) { f->flags |= MUSL_F_EOF; return 0; }
  f->rpos = *fbuf;
  f->rend = *fbuf + more;
  if (!more) return n;
  buf[size - 1] = *f->rpos++;
  return size;
}

ssize_t read(int fd, void *buf, size_t size) {
  if (fd != 0) {
    errno = EBADF; /* a program here has no other file to read */
    return -1;
  }
  return (ssize_t)stdin_read(buf, size);
}
