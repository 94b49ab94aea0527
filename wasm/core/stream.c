/*
 * stream.c - the event stream: every event goes to the host (trace file,
 * or the page through the wasm host) and to the observer, if one is set;
 * and the names of the vocabulary tables in async.h.
 */
#include "internal.h"

/* Set before or during a run; outlives async_run. */
static async_observer observer;
static void *observer_ud;
int async__observing;

/* The observer runs inside the emit calls, which Asyncify leaves alone
 * (asyncify-removelist.txt): nothing may suspend below them, so while it
 * runs every wait returns ASYNC_EINVAL (async__check_task_context). */
static void observe(const async_ev *ev) {
  int was = async__observing;
  async__observing = 1;
  observer(ev, observer_ud);
  async__observing = was;
}
#ifdef __wasm__
static int host_listens = 1; /* the host takes every event, output outside a run too */
int async__listening = 1;
#else
static int host_listens;
int async__listening;
#endif

void async_set_observer(async_observer fn, void *userdata) {
  observer = fn;
  observer_ud = userdata;
  async__listening = host_listens || observer;
}

void async__listen_host(int on) {
  host_listens = on;
  async__listening = host_listens || observer;
}

void async__emit_at(int64_t t, async_ev_kind kind, int task, int a, double b, const char *text, int len) {
  if (!async__listening) return;
  async_ev ev = {kind, task, (double)t / 1e9, a, b, text, len, 0, NULL, 0};
  async__host_event(&ev);
  if (observer) observe(&ev);
}

void async__emit_ev(async_ev *ev) {
  if (!async__listening) return;
  if (ev->time < 0) ev->time = (double)async__clock() / 1e9;
  async__host_event(ev);
  if (observer) observe(ev);
}

/* ---- waitable objects ------------------------------------------------------- */

async__obj *async__objects;
static int next_obj_id;

void async__obj_add(async__obj *o, int kind) {
  o->id = ++next_obj_id;
  o->kind = kind;
  o->prev = NULL;
  o->next = async__objects;
  if (async__objects) async__objects->prev = o;
  async__objects = o;
}

void async__obj_remove(async__obj *o) {
  if (o->prev) o->prev->next = o->next;
  else async__objects = o->next;
  if (o->next) o->next->prev = o->prev;
  o->prev = o->next = NULL;
}

void async__emit_op(async_op op, int obj, double b) {
  if (!async__L.running) return;
  async_ev ev = {ASYNC_EV_OBJECT, async__L.current ? async__L.current->id : 0, -1, (int)op, b, NULL, 0, 0, NULL, obj};
  async__emit_ev(&ev);
}

void async__emit(async_ev_kind kind, int task, int a, double b, const char *text, int len) {
  async__emit_at(async__clock(), kind, task, a, b, text, len);
}

const char *async_ev_name(int kind) {
  static const char *const names[] = {
#define NAME(NAME, name, a, a_type, b, text, site, obj) name,
      ASYNC_EV_MAP(NAME)
#undef NAME
  };
  return kind >= 0 && kind < ASYNC_EV_COUNT ? names[kind] : "unknown";
}

const char *async_op_name(int op) {
  static const char *const names[] = {
#define NAME(NAME, name, value) name,
      ASYNC_OP_MAP(NAME)
#undef NAME
  };
  return op >= 0 && op < ASYNC_OP_COUNT ? names[op] : "unknown";
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
