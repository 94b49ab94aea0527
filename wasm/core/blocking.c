/*
 * blocking.c - libc's blocking sleeps, replaced: they still block the whole
 * program for real (that is the lesson of count_sync.c), and under the
 * virtual clock they also move time on by what they slept.
 *
 * Linked from libasync.a before libc, these definitions win for the program.
 */
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include "internal.h"

static void block(int64_t ns) {
  if (ns <= 0) return;
  async__host_block(ns);
  async__credit_blocked(ns);
}

unsigned sleep(unsigned seconds) {
  block((int64_t)seconds * 1000000000LL);
  return 0;
}

int usleep(useconds_t usec) {
  block((int64_t)usec * 1000LL);
  return 0;
}

int nanosleep(const struct timespec *req, struct timespec *rem) {
  if (!req || req->tv_nsec < 0 || req->tv_nsec > 999999999L || req->tv_sec < 0) {
    errno = EINVAL;
    return -1;
  }
  block((int64_t)req->tv_sec * 1000000000LL + req->tv_nsec);
  if (rem) rem->tv_sec = 0, rem->tv_nsec = 0;
  return 0;
}
