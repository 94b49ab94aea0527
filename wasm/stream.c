/*
 * stream.c - the event stream: every event goes to the host (trace file,
 * or the page through the wasm host) and to the observer, if one is set;
 * and the names of the vocabulary tables in async.h.
 */
#include "internal.h"

/* Set before or during a run; outlives async_run. */
static async_observer observer;
static void *observer_ud;

void async_set_observer(async_observer fn, void *userdata) {
  observer = fn;
  observer_ud = userdata;
}

void async__emit_at(int64_t t, async_ev_kind kind, int task, int a, double b, const char *text, int len) {
  async_ev ev = {kind, task, (double)t / 1e9, a, b, text, len};
  async__host_event(&ev);
  if (observer) observer(&ev, observer_ud);
}

void async__emit(async_ev_kind kind, int task, int a, double b, const char *text, int len) {
  async__emit_at(async__clock(), kind, task, a, b, text, len);
}

const char *async_ev_name(int kind) {
  static const char *const names[] = {
#define NAME(NAME, name, a, a_type, b, text) name,
      ASYNC_EV_MAP(NAME)
#undef NAME
  };
  return kind >= 0 && kind < ASYNC_EV_COUNT ? names[kind] : "unknown";
}

const char *async_wait_name(int reason) {
  static const char *const names[] = {
#define NAME(NAME, name, state, detail) name,
      ASYNC_WAIT_MAP(NAME)
#undef NAME
  };
  return reason >= 0 && reason < ASYNC_WAIT_COUNT ? names[reason] : "unknown";
}

const char *async_strerror(int code) {
  switch (code) {
  case ASYNC_OK: return "success";
#define MESSAGE(name, value, message) case ASYNC_##name: return message;
    ASYNC_ERRNO_MAP(MESSAGE)
#undef MESSAGE
  default: return "unknown error";
  }
}
