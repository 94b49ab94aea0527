/*
 * abort_wasm.c - abort() in wasm stops the run with a message naming the
 * task, as natively (the SIGABRT report in ctx_native.c). Emscripten's libc
 * would end the program with status 1 and say nothing. Programs built by
 * wasm/toolchain/wasmcc link with --wrap=abort, so calls to abort() (assert()'s too)
 * come here; wasi-libc's abort (the in-browser toolchain) traps, which
 * host.js names.
 */
#include <stdio.h>
#include <stdlib.h>
#include "faults.h"
#include "internal.h"

void __wrap_abort(void);
void __wrap_abort(void) {
  char msg[120];
  const async_task *t = async__L.current;
  async__fault_message(msg, sizeof msg, ASYNC__FAULT_ABORT, t ? t->name : NULL);
  fflush(stdout);
  async__host_fatal(msg);
  __builtin_trap(); /* the host does not return from fatal */
}
