/*
 * input.c - async_read_line: readers wait in FIFO order; the loop hands each
 * line the host has buffered to the first waiting reader.
 */
#include <string.h>
#include "internal.h"

/* The line handed to a reader before it runs (one reader is woken per line);
 * who it is for lives in the loop, so a run never inherits another's. */
static char pending[ASYNC_LINE_MAX];
#define pending_for async__L.input_for
#define pending_len async__L.input_len

void async__input_poll(void) {
  async__L.waker = ASYNC_BY_INPUT;
  while (async__L.input_waiters.head && !pending_for) {
    int n = async__host_read_line(pending, sizeof pending);
    if (n == -1) break;
    async_task *t = async__L.input_waiters.head;
    if (n == ASYNC_EEOF) { /* every reader learns that input ended */
      async__waitq_wake_all(&async__L.input_waiters, ASYNC_EEOF);
      break;
    }
    pending_len = n;
    pending_for = t;
    async__wake(t, ASYNC_OK);
  }
  async__L.waker = 0;
}

int async_read_line(char *buf, int size) {
  if (async__check_task_context() != ASYNC_OK || !buf || size <= 0) return ASYNC_EINVAL;
  async_task *self = async__L.current;
  async__waitq_push(&async__L.input_waiters, self);
  int rc = async__suspend(ASYNC_WAIT_INPUT, 0, 1);
  if (pending_for == self) {
    pending_for = NULL;
    if (rc < 0) { /* cancelled after the line was ours: give it to the next reader */
      async_task *next = async__L.input_waiters.head;
      if (next) {
        pending_for = next;
        async__wake(next, ASYNC_OK);
      } else {
        pending_len = -1; /* no one wants it: the line is dropped, as a closed prompt would */
      }
      return rc;
    }
    int n = pending_len < size - 1 ? pending_len : size - 1;
    memcpy(buf, pending, (size_t)n);
    buf[n] = '\0';
    pending_len = -1;
    return n;
  }
  return rc < 0 ? rc : ASYNC_EEOF;
}
