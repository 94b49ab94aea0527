/*
 * trace.c - writes the event stream as Chrome Trace Event JSON, loadable in
 * Perfetto or chrome://tracing: one track (tid) per task named after it, a
 * track for the loop, complete ("X") slices for running / ready / sleeping /
 * waiting, instants for output, cancel and done, and red "loop blocked"
 * slices. Slices are closed as states change, so it streams to disk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "trace.h"

typedef struct {
  const char *state; /* static string: "running", "sleeping", ... */
  double      since; /* µs */
  double      run_since;
  /* the open slice's args: where (SPAWN, SUSPEND), on what, woken by whom */
  const char *file;
  int         line, on, by, has_by;
} lane;

static FILE *out;
static lane *lanes;
static int nlanes;
static double last_us;
static int first = 1;

static void json_string(const char *s, int len) {
  fputc('"', out);
  for (int i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\') fprintf(out, "\\%c", c);
    else if (c == '\n') fputs("\\n", out);
    else if (c < 0x20) fprintf(out, "\\u%04x", c);
    else fputc(c, out);
  }
  fputc('"', out);
}

static void begin(void) {
  fputs(first ? "\n" : ",\n", out);
  first = 0;
}

static void meta(int tid, const char *key, const char *name, int len) {
  begin();
  fprintf(out, "{\"ph\":\"M\",\"pid\":1,\"tid\":%d,\"name\":\"%s\",\"args\":{\"name\":", tid, key);
  json_string(name, len);
  fputs("}}", out);
}

static lane *lane_of(int tid) {
  if (tid < 0) return NULL;
  if (tid >= nlanes) {
    int n = nlanes ? nlanes : 64;
    while (n <= tid) n *= 2;
    lane *l = realloc(lanes, (size_t)n * sizeof *l);
    if (!l) return NULL;
    memset(l + nlanes, 0, (size_t)(n - nlanes) * sizeof *l);
    lanes = l;
    nlanes = n;
  }
  return &lanes[tid];
}

static void slice_args(const lane *l) {
  if (!l || (!l->line && !l->on && !l->has_by)) return;
  const char *sep = "";
  fputs(",\"args\":{", out);
  if (l->line) {
    fprintf(out, "\"line\":%d", l->line);
    sep = ",";
    if (l->file) {
      fputs(",\"file\":", out);
      json_string(l->file, (int)strlen(l->file));
    }
  }
  if (l->on) fprintf(out, "%s\"on\":%d", sep, l->on), sep = ",";
  if (l->has_by) {
    if (l->by > 0) fprintf(out, "%s\"woken_by\":%d", sep, l->by);
    else fprintf(out, "%s\"woken_by\":\"%s\"", sep,
                 l->by == ASYNC_BY_TIMER ? "timer" : l->by == ASYNC_BY_INPUT ? "input" : "loop");
  }
  fputc('}', out);
}

static void slice_with(int tid, const char *name, double ts, double dur, const char *color, const lane *args) {
  begin();
  fprintf(out, "{\"ph\":\"X\",\"pid\":1,\"tid\":%d,\"name\":\"%s\",\"ts\":%.3f,\"dur\":%.3f", tid, name, ts,
          dur);
  if (color) fprintf(out, ",\"cname\":\"%s\"", color);
  slice_args(args);
  fputc('}', out);
}

static void slice(int tid, const char *name, double ts, double dur, const char *color) {
  slice_with(tid, name, ts, dur, color, NULL);
}

/* Close the lane's current slice at `us` and open `state` (NULL: none). */
static void enter(int tid, const char *state, double us) {
  lane *l = lane_of(tid);
  if (!l) return;
  if (l->state) slice_with(tid, l->state, l->since, us - l->since, NULL, l);
  if (state && strcmp(state, "running") == 0) l->run_since = us;
  l->state = state;
  l->since = us;
  l->file = NULL;
  l->line = l->on = l->by = l->has_by = 0;
}

/* The args of the slice `enter` just opened. */
static void mark(int tid, const char *file, int line, int on) {
  lane *l = lane_of(tid);
  if (l) l->file = file, l->line = line, l->on = on;
}

static void instant(int tid, const char *name, double us, const char *text, int len) {
  begin();
  fprintf(out, "{\"ph\":\"i\",\"s\":\"t\",\"pid\":1,\"tid\":%d,\"name\":\"%s\",\"ts\":%.3f", tid, name, us);
  if (text) {
    fputs(",\"args\":{\"text\":", out);
    json_string(text, len);
    fputc('}', out);
  }
  fputc('}', out);
}

void async__trace_open(const char *path) {
  async__trace_close();
  out = fopen(path, "w");
  if (!out) {
    fprintf(stderr, "async: cannot write trace to %s\n", path);
    return;
  }
  first = 1;
  last_us = 0;
  fputs("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[", out);
  meta(0, "process_name", "async_run", 9);
  meta(0, "thread_name", "event loop", 10);
}

/* A lane's slice name while it waits for `reason`: the table's state, and
 * for "waiting" the reason too ("waiting: queue_get"). */
static const char *wait_state(int reason) {
  static const struct { const char *state, *name; } table[] = {
#define ROW(NAME, name, state, detail) {state, name},
      ASYNC_WAIT_MAP(ROW)
#undef ROW
  };
  static char names[ASYNC_WAIT_COUNT][48];
  if (reason < 0 || reason >= ASYNC_WAIT_COUNT) return "waiting: unknown";
  if (strcmp(table[reason].state, "waiting") != 0) return table[reason].state;
  if (!names[reason][0]) snprintf(names[reason], sizeof names[reason], "waiting: %s", table[reason].name);
  return names[reason];
}

/* A kind added to ASYNC_EV_MAP without a case here does not compile. */
#pragma GCC diagnostic error "-Wswitch-enum"
int async__trace_active(void) { return out != NULL; }

void async__trace_event(const async_ev *ev) {
  if (!out) return;
  double us = ev->time * 1e6;
  last_us = us;
  switch (ev->kind) {
  case ASYNC_EV_SPAWN:
    meta(ev->task, "thread_name", ev->text, ev->len);
    begin();
    fprintf(out, "{\"ph\":\"M\",\"pid\":1,\"tid\":%d,\"name\":\"thread_sort_index\",\"args\":{\"sort_index\":%d}}",
            ev->task, ev->task);
    enter(ev->task, "ready", us);
    mark(ev->task, ev->file, ev->line, 0);
    break;
  case ASYNC_EV_RUN: enter(ev->task, "running", us); break;
  case ASYNC_EV_SUSPEND:
    enter(ev->task, wait_state(ev->a), us);
    mark(ev->task, ev->file, ev->line, ev->obj);
    break;
  case ASYNC_EV_WAKE: {
    enter(ev->task, "ready", us);
    lane *l = lane_of(ev->task);
    if (l) l->by = ev->obj, l->has_by = 1; /* obj: by */
    break;
  }
  case ASYNC_EV_OBJECT: break;
  case ASYNC_EV_CANCEL: instant(ev->task, "cancel", us, NULL, 0); break;
  case ASYNC_EV_DONE:
    enter(ev->task, NULL, us);
    instant(ev->task, ev->a ? "cancelled" : "done", us, NULL, 0);
    break;
  case ASYNC_EV_OUTPUT: instant(ev->task, "output", us, ev->text, ev->len); break;
  case ASYNC_EV_BLOCKED: {
    lane *l = lane_of(ev->task);
    double from = l ? l->run_since : us;
    slice(ev->task, "loop blocked", from, us - from, "terrible");
    break;
  }
  case ASYNC_EV_IDLE: instant(0, ev->a ? "idle: waiting for input" : "idle", us, NULL, 0); break;
  case ASYNC_EV_COUNT:
  default: instant(ev->task, "unknown event", us, NULL, 0); break; /* a corrupt stream */
  }
}

void async__trace_close(void) {
  if (!out) return;
  for (int i = 0; i < nlanes; i++)
    if (lanes[i].state) enter(i, NULL, last_us);
  fputs("\n]}\n", out);
  fclose(out);
  out = NULL;
  free(lanes);
  lanes = NULL;
  nlanes = 0;
}
