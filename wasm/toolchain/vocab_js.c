/*
 * vocab_js.c - prints async.h's vocabulary tables (and faults.h's) as a JavaScript module
 * (build/gen/vocab.js, imported by host.js and through it by the page), so
 * JavaScript reads the same rows as C. Built and run natively by the
 * Makefile; it needs only the header.
 */
#include <stdio.h>
#include "async.h"
#include "core/faults.h"

static void str(const char *s) {
  putchar('\'');
  for (; *s; s++) {
    if (*s == '\'' || *s == '\\') putchar('\\');
    putchar(*s);
  }
  putchar('\'');
}

int main(void) {
  puts("/* Generated from wasm/async.h by wasm/toolchain/vocab_js.c: do not edit. */");
  puts("/** ASYNC_E* codes: {name, code, message}. */");
  puts("export const ERRORS = [");
#define ERR(NAME, value, message) printf("  { name: "), str("ASYNC_" #NAME), printf(", code: %d, message: ", value), str(message), puts(" },");
  ASYNC_ERRNO_MAP(ERR)
#undef ERR
  puts("];");
  puts("/** Event kinds, indexed by ASYNC_EV_*: {name, a, aType, b, text, site, obj}; a field named '' is not carried. */");
  puts("export const EVENT_KINDS = [");
#define EV(NAME, name, a, a_type, b, text, site, obj)                                         \
  printf("  { name: "), str(name), printf(", a: "), str(a), printf(", aType: "), str(#a_type), \
      printf(", b: "), str(b), printf(", text: "), str(text), printf(", site: "), str(site),  \
      printf(", obj: "), str(obj), puts(" },");
  ASYNC_EV_MAP(EV)
#undef EV
  puts("];");
  puts("/** Object operations (an OBJECT event's op), indexed by ASYNC_OP_*: {name, value} (value: what its b is). */");
  puts("export const OBJECT_OPS = [");
#define OP(NAME, name, value) printf("  { name: "), str(name), printf(", value: "), str(value), puts(" },");
  ASYNC_OP_MAP(OP)
#undef OP
  puts("];");
  puts("/** Wait reasons, indexed by ASYNC_WAIT_*: {name, state, detail} (detail: the SUSPEND's b). */");
  puts("export const WAIT_REASONS = [");
#define WAIT(NAME, name, state, detail) \
  printf("  { name: "), str(name), printf(", state: "), str(state), printf(", detail: "), str(detail), puts(" },");
  ASYNC_WAIT_MAP(WAIT)
#undef WAIT
  puts("];");
  puts("/** ASYNC_STALL_SECONDS in ms: this long without an event, a live run is said to be stuck. */");
  printf("export const STALL_MS = %d;\n", ASYNC_STALL_SECONDS * 1000);
  puts("/** The runtime's fault messages (faults.h's ASYNC_FAULT_MAP), by name: {sep, text, hint}; text is a printf format. */");
  puts("export const FAULTS = {");
#define FAULT(NAME, sep, text, hint) \
  printf("  " #NAME ": { sep: "), str(sep), printf(", text: "), str(text), printf(", hint: "), str(hint), puts(" },");
  ASYNC_FAULT_MAP(FAULT)
#undef FAULT
  puts("};");
  return 0;
}
