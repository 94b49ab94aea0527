/*
 * ring_wasm.c - the event ring: events without text (run, suspend, wake,
 * cancel, done, blocked, idle, object) are written here, in the module's
 * memory, instead of crossing to JavaScript one call each. The host drains
 * it in order (wasm/host/host.js, Program.drain): before any event that
 * crosses with text (spawn, output), at every host wait, when it is full
 * (the "drain" import), at the end of the run and after a trap.
 *
 * Layout (offsets from async__ring(), all little-endian), struct of arrays
 * so that the host copies each column with one TypedArray.set:
 *   0  u32 magic       RING_MAGIC
 *   4  i32 count       events written since the last drain
 *   8  i32 cap         RING_CAP
 *  12  i32 seq0        events drained before (seq of event 0)
 *  16  f64 time[cap]   seconds
 *      f64 b[cap]      NaN when the kind (or a suspend's reason) has no b
 *      i32 task[cap]
 *      i32 a[cap]      a reason, op or bool as its index (0 if out of range)
 *      i32 s[cap]      the kind's obj (a suspend's on, a wake's by), else -1
 *      i32 file[cap]   a site's __FILE__ pointer, else 0
 *      i32 seq[cap]    seq0 + its index: a slot not written this round fails it
 *      u16 line[cap]   a site's line cut at 65,535, else 0
 *      u8  kind[cap]   async_ev_kind
 *      u32 magic       RING_MAGIC again, after the last column
 * The columns hold exactly what web/run/event-log.js's EventBatch.push
 * stores for the same event (its kind codes are async.h's), so the page's
 * worker bulk-copies them into its batch.
 *
 * A trap may have written anywhere below the stack that overflowed (a task's
 * stack that overflows can write down through the heap, the main stack and
 * the data, this ring among them, before wasm traps): the host validates what it drains then (magics, seq, kinds,
 * times, task ids) and drops an invalid tail. The running task (RUN to
 * SUSPEND or DONE) is also kept in a wasm global (running_wasm.S), outside
 * linear memory, so a fault names it even when its RUN was trampled.
 */
#include <math.h>
#include "internal.h"

#define RING_CAP   1024
#define RING_MAGIC 0x676e6952u /* "Ring" */

/* The host drains the ring and sets count to 0 (host_wasm.c lists the imports). */
__attribute__((import_module("async"), import_name("drain"))) void host_drain(void);

static struct ring {
  uint32_t magic;
  int32_t  count, cap, seq0;
  double   time[RING_CAP], b[RING_CAP];
  int32_t  task[RING_CAP], a[RING_CAP], s[RING_CAP], file[RING_CAP], seq[RING_CAP];
  uint16_t line[RING_CAP];
  uint8_t  kind[RING_CAP];
  uint32_t magic_end;
} ring = {RING_MAGIC, 0, RING_CAP, 0, {0}, {0}, {0}, {0}, {0}, {0}, {0}, {0}, {0}, RING_MAGIC};
/* The host finds the columns by these offsets (host.js, ringViews). */
_Static_assert(offsetof(struct ring, time) == 16 && offsetof(struct ring, kind) == 16 + 38 * RING_CAP &&
                   offsetof(struct ring, magic_end) == ((16 + 39 * RING_CAP + 3) & ~3),
               "the ring's layout is the host's");

/* What each kind carries, from async.h's table. */
enum { A_NONE, A_int, A_code, A_bool, A_reason, A_op };
static const struct {
  unsigned char a, b, text, site, obj;
} carries[ASYNC_EV_COUNT] = {
#define ROW(NAME, name, a, a_type, b, text, site, obj) \
  {sizeof(a) > 1 ? A_##a_type : A_NONE, sizeof(b) > 1, sizeof(text) > 1, sizeof(site) > 1, sizeof(obj) > 1},
    ASYNC_EV_MAP(ROW)
#undef ROW
};
static const unsigned char reason_detail[ASYNC_WAIT_COUNT] = {
#define ROW(NAME, name, state, detail) sizeof(detail) > 1,
    ASYNC_WAIT_MAP(ROW)
#undef ROW
};

__attribute__((export_name("async__ring"), used)) void *async__ring(void) { return &ring; }

/* The task between its RUN and its SUSPEND or DONE, from the global. */
__attribute__((export_name("async__running_task"), used)) int async__running_task(void) { return async__running_get(); }

int async__ring_put(const async_ev *ev) {
  int k = ev->kind, n = ring.count;
  if (k < 0 || k >= ASYNC_EV_COUNT || carries[k].text) return 0;
  if (k == ASYNC_EV_RUN) async__running_set(ev->task);
  else if (k == ASYNC_EV_SUSPEND || k == ASYNC_EV_DONE) async__running_set(0);
  if (n >= RING_CAP) {
    host_drain(); /* the host empties it (count = 0, seq0 moved on) */
    n = ring.count;
    if (n >= RING_CAP) n = ring.count = 0; /* a host that did not: drop, never write past the end */
  }
  int a = ev->a;
  double b = NAN;
  switch (carries[k].a) {
  case A_NONE: a = 0; break;
  case A_bool: a = a != 0; break;
  case A_reason:
    if (a < 0 || a >= ASYNC_WAIT_COUNT) a = 0;
    if (reason_detail[a]) b = ev->b;
    break;
  case A_op:
    if (a < 0 || a >= ASYNC_OP_COUNT) a = 0;
    break;
  default: break;
  }
  if (carries[k].b) b = ev->b;
  ring.time[n] = ev->time;
  ring.b[n] = b;
  ring.task[n] = ev->task;
  ring.a[n] = a;
  ring.s[n] = carries[k].obj ? ev->obj : -1;
  ring.file[n] = carries[k].site ? (int32_t)(uintptr_t)ev->file : 0;
  ring.seq[n] = ring.seq0 + n;
  ring.line[n] = carries[k].site ? (uint16_t)(ev->line < 65535 ? ev->line : 65535) : 0;
  ring.kind[n] = (uint8_t)k;
  ring.count = n + 1;
  if (k == ASYNC_EV_BLOCKED) host_drain(); /* a user must see it at once: the program may go on computing */
  return 1;
}
