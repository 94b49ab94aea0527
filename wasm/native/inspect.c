/*
 * inspect.c - the runtime's own state after every event, for tests only
 * (native): ASYNC_INSPECT=file.jsonl (or fd:N, an open descriptor) writes one
 * JSON line per event,
 *
 *   {"i":N,"ev":{kind,task,time,a,b,line,obj},"turn":T,"phase":"run|timers|input|wait",
 *    "ready":[ids in run order],"timers":[[id,deadline s],...] in firing order,
 *    "tasks":[[id,"ready|running|waiting",line,spawn line,"reason"|null,on,cancelled],...] not done, in spawn order,
 *    "queues":[[id,size,capacity,[getters],[putters]],...],"events":[[id,set,[waiters]],...] in id order,
 *    "input":[readers]}
 *
 * read straight from the scheduler's structures (the ready list, the timer
 * heap, each wait queue), so the page's reconstruction from the event stream
 * (web/inspector/loop-state.js) can be checked against it event by event.
 * Waiters count from their SUSPEND: a task that has registered for a wait
 * but still runs (its output is flushed at the switch) is "running" until then.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"

static FILE *out;
static long count;

static const char *const phases[] = {"run", "timers", "input", "wait"};
static const char *const states[] = {"ready", "running", "waiting", "done"};

static void waiters(FILE *f, const async__waitq *q) {
  fputc('[', f);
  int n = 0;
  for (const async_task *t = q->head; t; t = t->wait_next)
    if (t->state == ASYNC__WAITING) fprintf(f, "%s%d", n++ ? "," : "", t->id);
  fputc(']', f);
}

static int by_deadline(const void *x, const void *y) {
  const async_task *a = *(async_task *const *)x, *b = *(async_task *const *)y;
  if (a->deadline != b->deadline) return a->deadline < b->deadline ? -1 : 1;
  return a->timer_seq < b->timer_seq ? -1 : a->timer_seq > b->timer_seq;
}

static int by_id(const void *x, const void *y) {
  return (*(async__obj *const *)x)->id - (*(async__obj *const *)y)->id;
}

/* The state as one JSON object (no newline). */
void async__inspect_dump(FILE *f) {
  fprintf(f, "\"turn\":%d,\"phase\":\"%s\",\"ready\":[", async__L.turn, phases[async__L.phase & 3]);
  int n = 0;
  for (async_task *t = async__L.ready_head; t; t = t->ready_next) fprintf(f, "%s%d", n++ ? "," : "", t->id);

  fputs("],\"timers\":[", f);
  async_task **sorted = malloc((size_t)(async__L.heap_len + 1) * sizeof *sorted);
  int k = 0;
  for (int i = 0; sorted && i < async__L.heap_len; i++)
    if (async__L.heap[i]->state == ASYNC__WAITING) sorted[k++] = async__L.heap[i];
  if (sorted) qsort(sorted, (size_t)k, sizeof *sorted, by_deadline);
  for (int i = 0; i < k; i++) fprintf(f, "%s[%d,%.17g]", i ? "," : "", sorted[i]->id, (double)sorted[i]->deadline / 1e9);
  free(sorted);

  fputs("],\"tasks\":[", f);
  n = 0;
  for (async_task *t = async__L.all_head; t; t = t->all_next) {
    if (t->state == ASYNC__DONE) continue;
    int waiting = t->state == ASYNC__WAITING;
    fprintf(f, "%s[%d,\"%s\",%d,%d,", n++ ? "," : "", t->id, states[t->state],
            t->state == ASYNC__RUNNING ? 0 : async__site_line(t->site), async__site_line(t->spawn_site));
    if (waiting) fprintf(f, "\"%s\",%d", async_wait_name(t->suspend_reason), t->waitq ? t->waitq->owner : 0);
    else fputs("null,0", f);
    fprintf(f, ",%d]", t->cancel_requested ? 1 : 0);
  }

  /* objects in id order (the list is newest first) */
  int nobj = 0;
  for (async__obj *o = async__objects; o; o = o->next) nobj++;
  async__obj **objs = malloc((size_t)(nobj + 1) * sizeof *objs);
  k = 0;
  for (async__obj *o = async__objects; objs && o; o = o->next) objs[k++] = o;
  if (objs) qsort(objs, (size_t)k, sizeof *objs, by_id);
  fputs("],\"queues\":[", f);
  n = 0;
  for (int i = 0; i < k; i++) {
    if (objs[i]->kind != ASYNC__OBJ_QUEUE) continue;
    const async_queue *q = (const async_queue *)objs[i]; /* the header is its first member */
    fprintf(f, "%s[%d,%d,%d,", n++ ? "," : "", objs[i]->id, async_queue_size(q), async__queue_capacity(q));
    waiters(f, async__queue_waiters(q, 0));
    fputc(',', f);
    waiters(f, async__queue_waiters(q, 1));
    fputc(']', f);
  }
  fputs("],\"events\":[", f);
  n = 0;
  for (int i = 0; i < k; i++) {
    if (objs[i]->kind != ASYNC__OBJ_EVENT) continue;
    const async_event *e = (const async_event *)objs[i];
    fprintf(f, "%s[%d,%d,", n++ ? "," : "", objs[i]->id, async_event_is_set(e));
    waiters(f, async__event_waiters(e));
    fputc(']', f);
  }
  free(objs);
  fputs("],\"input\":", f);
  waiters(f, &async__L.input_waiters);
}

void async__inspect_open(const char *path) {
  async__inspect_close();
  out = strncmp(path, "fd:", 3) == 0 ? fdopen(dup(atoi(path + 3)), "w") : fopen(path, "w");
  if (!out) fprintf(stderr, "async: cannot write the inspector's dump to %s\n", path);
  count = 0;
}

void async__inspect_event(const async_ev *ev) {
  if (!out) return;
  fprintf(out, "{\"i\":%ld,\"ev\":{\"kind\":\"%s\",\"task\":%d,\"time\":%.17g,\"a\":%d,\"b\":%.17g,\"line\":%d,\"obj\":%d},",
          count++, async_ev_name(ev->kind), ev->task, ev->time, ev->a, ev->b, ev->line, ev->obj);
  async__inspect_dump(out);
  fputs("}\n", out);
}

void async__inspect_close(void) {
  if (out) fclose(out);
  out = NULL;
}
