/*
 * faults.h - the runtime's fault messages, written once: a fault that ends
 * the program (natively the signal report of ctx_native.c, in wasm the
 * runtime's own checks that call async__host_fatal) is worded from this
 * table. vocab_js.c prints it as FAULTS in build/gen/vocab.js, where
 * wasm/host/faults.js (the JavaScript side's one place for faults: the engine's
 * traps) reads the same rows.
 *
 * A message is "<who><sep><text>[: <hint>]", who being "task 'NAME'" or,
 * without a task, "a task" (sep ' ') or nothing (sep ': ', then dropped);
 * text is a printf format for the arguments the call site passes. The host
 * inserts " in FUNC(), line N" before the hint when it knows the place.
 *   X(NAME, sep, text, hint)
 */
#ifndef ASYNC_FAULTS_H
#define ASYNC_FAULTS_H

#include <stdarg.h>
#include <stdio.h>

#define ASYNC_FAULT_MAP(X)                                                                                   \
  X(STACK_OVERFLOW, " ", "overflowed its stack (%zu bytes)", "is there a deep recursion or a big local array?") \
  X(STACK_OVERRUN, " ", "wrote past the top of its stack (%zu bytes)", "is a local array written beyond its end?") \
  X(SAVE_OVERFLOW, " ", "suspended with more than %d KB of calls on its stack (the save buffer overflowed)",      \
    "is a recursion too deep?")                                                                              \
  X(NULL_WRITE, " ", "wrote through a NULL pointer (to address %ld)",                                         \
    "is a pointer used before it is set, or a lookup's NULL not checked?")                                   \
  X(ABORT, ": ", "aborted: abort() was called, or an assert() failed", "")                                   \
  X(OUT_OF_MEMORY, ": ", "out of memory (limit %d MB): %s of %zu bytes failed", "")                          \
  X(ARITHMETIC, ": ", "division by zero (or another arithmetic fault)", "")                                   \
  X(ILLEGAL, ": ", "an illegal instruction (undefined behaviour?)", "")                                       \
  X(MEMORY, ": ", "invalid memory access: a null or wild pointer, or an index out of range", "")

enum {
#define X(NAME, sep, text, hint) ASYNC__FAULT_##NAME,
  ASYNC_FAULT_MAP(X)
#undef X
};

/* Word fault `f` for task `name` (NULL: none known) into buf; the
 * arguments are the text's. Safe in a signal handler as snprintf is here
 * (glibc's, without floating point). */
static inline int async__fault_message(char *buf, size_t size, int f, const char *name, ...) {
  static const char *const sep[] = {
#define X(NAME, s, text, hint) s,
      ASYNC_FAULT_MAP(X)
#undef X
  };
  static const char *const text[] = {
#define X(NAME, s, t, hint) t,
      ASYNC_FAULT_MAP(X)
#undef X
  };
  static const char *const hint[] = {
#define X(NAME, s, t, h) h,
      ASYNC_FAULT_MAP(X)
#undef X
  };
  int n = name ? snprintf(buf, size, "task '%s'%s", name, sep[f]) : sep[f][0] == ' ' ? snprintf(buf, size, "a task ") : 0;
  if (n < 0 || (size_t)n >= size) return n;
  va_list ap;
  va_start(ap, name);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  int m = vsnprintf(buf + n, size - (size_t)n, text[f], ap);
#pragma GCC diagnostic pop
  va_end(ap);
  if (m < 0) return m;
  n += m;
  if (hint[f][0] && (size_t)n < size) n += snprintf(buf + n, size - (size_t)n, ": %s", hint[f]);
  return n;
}

#endif
