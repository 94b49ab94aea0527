/*
 * check.h - a small test harness for the runtime's C tests.
 *
 *   TEST(sleep_orders_by_deadline) { ... CHECK(x == 1); CHECK_STR(log_text(), "a|b"); }
 *
 * Tests run in file order under the virtual clock, each in a fresh
 * async_run, and the binary ends with "N passed, N failed". CHECK records a
 * failure and carries on, so it also works inside task functions. LOG()
 * appends to a per-test trace of what happened, in order.
 */
#ifndef CHECK_H
#define CHECK_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "async.h"

typedef void (*check_fn)(void);
static struct { const char *name; check_fn fn; } check_tests[256];
static int check_ntests, check_failed_now;
static char check_log[8192];

static void check_register(const char *name, check_fn fn) {
  check_tests[check_ntests].name = name;
  check_tests[check_ntests++].fn = fn;
}

#define TEST(name)                                                                     \
  static void name(void);                                                              \
  __attribute__((constructor)) static void check_reg_##name(void) { check_register(#name, name); } \
  static void name(void)

static void check_fail(const char *file, int line, const char *what) {
  fprintf(stderr, "    %s:%d: check failed: %s\n", file, line, what);
  check_failed_now = 1;
}

#define CHECK(cond) do { if (!(cond)) check_fail(__FILE__, __LINE__, #cond); } while (0)
#define CHECK_INT(a, b) do { long long a_ = (a), b_ = (b); if (a_ != b_) { \
    char m_[256]; snprintf(m_, sizeof m_, "%s == %s (%lld vs %lld)", #a, #b, a_, b_); \
    check_fail(__FILE__, __LINE__, m_); } } while (0)
#define CHECK_NEAR(a, b, eps) do { double a_ = (a), b_ = (b); if (fabs(a_ - b_) > (eps)) { \
    char m_[256]; snprintf(m_, sizeof m_, "%s ~ %s (%g vs %g)", #a, #b, a_, b_); \
    check_fail(__FILE__, __LINE__, m_); } } while (0)
#define CHECK_STR(a, b) do { const char *a_ = (a), *b_ = (b); if (strcmp(a_, b_) != 0) { \
    char m_[2048]; snprintf(m_, sizeof m_, "%s\n      got:      %.900s\n      expected: %.900s", #a, a_, b_); \
    check_fail(__FILE__, __LINE__, m_); } } while (0)

/* Append "what" (printf-style) to the log, separated by '|'. */
__attribute__((unused, format(printf, 1, 2))) static void LOG(const char *fmt, ...) {
  size_t len = strlen(check_log);
  if (len && len < sizeof check_log - 1) check_log[len++] = '|';
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(check_log + len, sizeof check_log - len, fmt, ap);
  va_end(ap);
}

__attribute__((unused)) static const char *log_text(void) { return check_log; }

/* async_run(fn, NULL) with observer seeing every event, then no observer again. */
__attribute__((unused)) static int run_observed(async_fn fn, async_observer observer, void *userdata) {
  async_set_observer(observer, userdata);
  int rc = async_run(fn, NULL);
  async_set_observer(NULL, NULL);
  return rc;
}

/* Seconds of the real monotonic clock, for the tests that run on it. */
__attribute__((unused)) static double real_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  setenv("ASYNC_CLOCK", "virtual", 1);
  int passed = 0, failed = 0;
  for (int i = 0; i < check_ntests; i++) {
    if (argc > 1 && !strstr(check_tests[i].name, argv[1])) continue;
    check_failed_now = 0;
    check_log[0] = '\0';
    check_tests[i].fn();
    printf("%s %s\n", check_failed_now ? "FAIL" : "ok  ", check_tests[i].name);
    if (check_failed_now) failed++;
    else passed++;
  }
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}

#endif
