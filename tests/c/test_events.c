/* test_events.c - the event stream an observer sees: spawns, runs, waits,
 * output, and a stretch that blocks the loop. */
#include <unistd.h>
#include "check.h"

typedef struct { int kinds[64]; int tasks[64]; int n; double blocked_ms; int out_task; char out[64]; } seen_t;
static void observe(const async_ev *ev, void *ud) {
  seen_t *s = ud;
  if (s->n < 64) {
    s->kinds[s->n] = ev->kind;
    s->tasks[s->n++] = ev->task;
  }
  if (ev->kind == ASYNC_EV_BLOCKED) s->blocked_ms = ev->b;
  if (ev->kind == ASYNC_EV_OUTPUT && ev->len < 60) {
    s->out_task = ev->task;
    memcpy(s->out, ev->text, (size_t)ev->len);
    s->out[ev->len] = 0;
  }
}

static void *block_150ms(void *arg) {
  (void)arg;
  usleep(150000);
  return NULL;
}

TEST(a_long_stretch_without_suspending_is_reported_as_blocked) {
  seen_t s = {0};
  CHECK_INT(run_observed(block_150ms, observe, &s), 0);
  CHECK(s.blocked_ms >= 150);
}

static void *printer(void *arg) {
  (void)arg;
  printf("hello from %s\n", async_task_name(async_current()));
  return NULL;
}
static void *spawn_printer(void *arg) {
  (void)arg;
  async_await(async_spawn(printer, NULL), NULL);
  return NULL;
}

TEST(event_stream_for_spawn_await_and_output) {
  seen_t s = {0};
  CHECK_INT(run_observed(spawn_printer, observe, &s), 0);
  char got[256] = "";
  for (int i = 0; i < s.n; i++)
    snprintf(got + strlen(got), sizeof got - strlen(got), "%s%s:%d", i ? " " : "", async_ev_name(s.kinds[i]),
             s.tasks[i]);
  CHECK_STR(got, "spawn:1 run:1 spawn:2 suspend:1 run:2 output:2 done:2 wake:1 run:1 done:1");
  CHECK_INT(s.out_task, 2);
  CHECK_STR(s.out, "hello from printer\n");
}
