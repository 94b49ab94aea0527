/*
 * internal.h - the runtime's private structures and the two seams every
 * backend fills in: the context switch (ctx_*.c) and the host (host_*.c).
 */
#ifndef ASYNC_INTERNAL_H
#define ASYNC_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#define ASYNC_NO_CALL_SITES /* the runtime defines these calls, and its own calls are not the program's */
#include "async.h"

#define ASYNC__NAME_MAX 32
#define ASYNC__BLOCKED_NS (100 * 1000000LL) /* a run slice longer than this is reported */
#define ASYNC__EXIT_FATAL 134 /* a fatal error's exit status: 128 + SIGABRT, as a shell reports abort() */

/* ---- The context switch (ctx_native.c, ctx_wasm.c) ---------------------- */
/*
 * Asymmetric coroutines: only the loop resumes a task, and a task only
 * suspends back to the loop. A context is started by its first resume, which
 * runs async__task_main(task) on the task's own stack (in wasm, the task's
 * function and then async__task_return: one frame fewer to unwind).
 */
typedef struct async__ctx async__ctx;

size_t      async__ctx_default_stack(void);               /* bytes per task stack */
async__ctx *async__ctx_new(size_t stack_size);            /* NULL when out of memory */
void        async__ctx_free(async__ctx *c);               /* releases the stack; never for the running context */
void        async__ctx_resume(async__ctx *c, async_task *t); /* loop only: run t until it suspends or returns */
void        async__ctx_suspend(async__ctx *c);            /* task only: back to the loop until resumed */
#ifdef __wasm__
/* A wait inlines the switch rather than calling async__ctx_suspend, so that
 * no frame of its own is unwound and rewound (loop.c's suspend): it calls
 * Asyncify's start_unwind with what async__ctx_unwind returns, and returns;
 * when the task is resumed, Asyncify calls it again, and it begins by asking
 * async__ctx_rewinding, then stops the rewind itself. Asyncify sees such a
 * function as the top of the runtime and leaves it uninstrumented: nothing
 * it calls may suspend, and what it needs after the switch it must find
 * again (async__L.current), not keep in a local. */
#define ASYNC__ASYNCIFY(name) __attribute__((import_module("asyncify"), import_name(#name)))
ASYNC__ASYNCIFY(start_unwind) void asyncify_start_unwind(void *data);
ASYNC__ASYNCIFY(stop_rewind) void asyncify_stop_rewind(void);
extern int  async__ctx_rewinding;                         /* ctx_wasm.c: a resumed task's frames are being rewound */
void       *async__ctx_unwind(async__ctx *c);             /* ctx_wasm.c: c is about to unwind: Asyncify's data for start_unwind */
#endif
enum { ASYNC__STACK_BELOW = 1, ASYNC__STACK_ABOVE = 2 };
int         async__ctx_overflowed(const async__ctx *c);   /* guard words overwritten: ASYNC__STACK_BELOW (too deep) or _ABOVE (written past the top); else 0 */
void        async__report_stack(const async_task *t);     /* loop.c: end the program with t's stack fault */
void        async__task_main(async_task *t);              /* task.c: the body every context starts in */
void        async__task_return(async_task *t, void *result); /* task.c: t's function returned result (the end of async__task_main) */
void        async__task_finish(async_task *t);            /* task.c: done; wake whoever awaits it */

/* ---- Memory (alloc.c, oom_wasm.c) ----------------------------------------
 * What the API reports as NULL or ASYNC_ENOMEM is allocated with these. In
 * wasm every other malloc, calloc or realloc that fails stops the program
 * with "out of memory" (oom_wasm.c): memory has a fixed maximum there, and a
 * write through NULL is not a trap but silent corruption. */
extern volatile int async__soft_alloc;             /* > 0 inside async__alloc and async__zalloc */
void *async__alloc(size_t n);              /* malloc that may return NULL */
void *async__zalloc(size_t n);             /* calloc(1, n) that may return NULL */
void  async__nullpage_arm(void);           /* wasm: fill the first 1 KB of memory with a pattern (nullpage_wasm.c) */
void  async__nullpage_check(const async_task *t); /* wasm: after t's slice (or NULL: anywhere), a NULL write is fatal */

/* ---- The host (host_native.c, host_wasm.c) ------------------------------ */
/* Times are nanoseconds of the host's monotonic clock. */

int64_t async__host_now(void);                             /* real monotonic time */
int64_t async__host_tick(void);                            /* the same, cheaper: up to 1 ms behind, never behind an earlier reading */
int     async__host_wait(int64_t timeout_ns, int want_input); /* sleep until timeout (-1: none), or input if wanted; 0 returns soon (a yield to the host's event loop) */
void    async__host_block(int64_t ns);                     /* block the whole program for real (libc sleep in a task) */
int     async__host_read_line(char *buf, int size);        /* a complete line if one is buffered: its length; -1 none yet; ASYNC_EEOF */
void    async__host_event(const async_ev *ev);             /* deliver one event to the host */
void    async__host_run_begin(void);                       /* async_run starts (stdio, trace files) */
void    async__host_run_end(void);
void    async__host_fatal(const char *msg);                /* report an unrecoverable fault and end the program */
void    async__host_watch(const async_task *t);            /* cancelled t runs now: name it if it never suspends (watchdog_native.c) */
void    async__host_unwatch(void);                         /* it suspended or finished */
void    async__host_slice_done(const async_task *t);       /* after each run slice of t: faults the machine does not trap */
void    async__watch_end(void);                            /* native: stop the watchdog thread (host_run_end) */
void    async__report_pending(void);                       /* natively, main returned: name what is left on stderr (pending_native.c) */
void    async__stdin_block(async_task *t);                 /* wasm: t read stdin: block the loop until a line comes (stdin_wasm.c) */
int     async__ring_put(const async_ev *ev);               /* wasm: an event without text into the ring (ring_wasm.c), drained by the host: 1; else 0 */
void    async__running_set(int task);                      /* wasm: the running task, in a global outside memory (running_wasm.S) */
int     async__running_get(void);

/* ---- Tasks --------------------------------------------------------------- */

typedef enum { ASYNC__READY, ASYNC__RUNNING, ASYNC__WAITING, ASYNC__DONE } async__state;

/* An intrusive FIFO of waiting tasks (await, queue, event, input). */
typedef struct async__waitq {
  async_task *head, *tail;
  int         owner; /* the id of the task or object waited on (SUSPEND's obj), 0: input */
} async__waitq;

struct async_task {
  int            id;
  async__state   state;
  char           name[ASYNC__NAME_MAX];
  async_fn       fn;
  void          *arg;
  void          *result;
  async__ctx    *ctx;
  unsigned       cancel_requested : 1;
  unsigned       cancellable_wait : 1;  /* the current wait ends on cancel */
  unsigned       blocked_on_input : 1;  /* wasm: read stdin with no line buffered (stdin_wasm.c) */
  int            wake_code;             /* what the current wait returns */
  int            suspend_reason;        /* why it last suspended (reported by the loop) */
  double         suspend_detail;
  async_task    *ready_next;            /* ready queue link */
  async_task    *all_next;              /* spawn-order list of every task */
  async__waitq  *waitq;                 /* the queue this task waits in, if any */
  async_task    *wait_prev, *wait_next;
  async__waitq   joiners;               /* tasks awaiting this one */
  int            fail_code;             /* async_fail's code, 0 if it has not failed */
  uint64_t       done_seq;              /* finishing order (async_as_completed) */
  struct async_group *group;            /* the task group it belongs to, if any (taskgroup.c) */
  struct async__watch *watchers;        /* tasks in async_wait / async_as_completed on it (wait.c) */
  int            heap_index;            /* position in the timer heap, -1 if none */
  int64_t        deadline;              /* timer deadline (ns of the run clock) */
  uint64_t       timer_seq;             /* tie-break: order timers were set */
  /* where it is, for the inspector (async.h, "Call sites") */
  const async__site *site;             /* the program's latest suspending call (NULL: none yet) */
  const async__site *spawn_site;       /* where it was spawned (NULL: unknown) */
};

/* A task waiting for any of several tasks registers one watch on each: a
 * task wakes its watchers when it finishes (wait.c). */
typedef struct async__watch {
  async_task          *waiter;
  struct async__watch *next;
} async__watch;
void    async__watchers_wake(async_task *t);      /* wait.c: t finished */
void    async__group_child_done(async_task *t);   /* taskgroup.c: t, a group's child, finished */
int     async__lock_acquire(async_lock *l, int cancellable); /* lock.c: for async_cond_wait, which must get it back */

/* ---- The loop ------------------------------------------------------------ */

typedef struct async__loop {
  int           running;
  int           virtual_clock;
  int64_t       start_ns;       /* host time when the run began (real clock) */
  int64_t       host_ns;        /* the latest reading of the host clock */
  int64_t       vnow;           /* virtual clock: ns since start */
  int64_t       blocked_ns;     /* time credited by blocking calls in the current slice */
  async_task   *current;
  async_task   *ready_head, *ready_tail;
  int           ready_count;
  async_task   *all_head, *all_tail;
  int           next_id;
  int           live;           /* tasks not yet done */
  /* timers: a binary min-heap of tasks ordered by (deadline, timer_seq) */
  async_task  **heap;
  int           heap_len, heap_cap;
  uint64_t      timer_seq;
  async__waitq  input_waiters;
  async_task   *input_for;     /* reader woken with a line it has not taken yet */
  int           input_len;
  int           said_no_stack; /* "cannot start task" was reported */
  int           shutting_down; /* main returned: what is left, and what it spawns, is cancelled */
  uint64_t      done_seq;      /* tasks finished so far */
  /* for the inspector */
  int           turn;          /* turns of the loop begun (1: the first) */
  int           phase;         /* ASYNC__PHASE_* */
  int           waker;         /* WAKE's by when no task runs: 0, ASYNC_BY_TIMER, ASYNC_BY_INPUT */
} async__loop;

/* What the loop is doing: running the ready tasks, firing due timers, handing
 * out input, waiting (after IDLE). */
enum { ASYNC__PHASE_RUN, ASYNC__PHASE_TIMERS, ASYNC__PHASE_INPUT, ASYNC__PHASE_WAIT };

extern async__loop async__L;

/* A call site's fields for an event (async_ev's line and file). */
static inline int         async__site_line(const async__site *s) { return s ? s->line : 0; }
static inline const char *async__site_file(const async__site *s) { return s ? s->file : NULL; }

int64_t async__clock(void);                       /* ns since the run began, on the run's clock */
int64_t async__seconds_to_ns(double s);           /* <= 0 gives 0; huge values saturate to "forever" */
void    async__credit_blocked(int64_t ns);        /* a blocking call took ns: the virtual clock moves on */
void    async__emit(async_ev_kind kind, int task, int a, double b, const char *text, int len);
void    async__emit_at(int64_t t, async_ev_kind kind, int task, int a, double b, const char *text, int len); /* t: run clock ns */
void    async__emit_ev(async_ev *ev);             /* deliver a filled-in event (stamps time when < 0) */
/* Nonzero when someone takes events: the host (natively a trace, the
 * inspector's dump or ASYNC_DEBUG, said at run begin; in wasm always, output
 * outside a run included) or an observer. When nobody does, the
 * emit calls return at once and hot paths skip building their events. */
extern int async__listening;
void    async__listen_host(int on);               /* the native host says, at run begin and end */
void    async__ready_push(async_task *t);
int     async__check_task_context(void);          /* ASYNC_OK inside a task, else ASYNC_EINVAL (also inside the observer) */
extern int async__observing;                      /* stream.c: the observer is running: no wait may suspend */

/* Suspend the current task until async__wake. With cancellable set, a pending
 * or later cancel ends the wait with ASYNC_ECANCELED (and a pending one
 * returns at once). Returns the wake code. */
int     async__suspend(async_wait_reason reason, double detail, int cancellable);
/* After a wait that returned ASYNC_ECANCELED: 1 if the object had woken the
 * task first (a put, a release, a notify), so it holds a wake to pass on to
 * the next waiter; 0 if the cancel itself ended the wait. */
int     async__woken_before_cancel(void);
void    async__wake(async_task *t, int code);     /* end t's wait: leave queues and timers, join the ready queue */

void    async__waitq_push(async__waitq *q, async_task *t);
void    async__waitq_remove(async_task *t);
void    async__waitq_wake_all(async__waitq *q, int code);
/* Wake the first waiter of q (if any) with code, and keep it in `woken`
 * until it runs: freeing the object then closes `woken` (async__waitq_close),
 * so a task woken but not yet run returns ASYNC_ECLOSED and never touches
 * freed memory. Returns the task woken, or NULL. */
async_task *async__wake_first(async__waitq *q, int code, async__waitq *woken);
void    async__waitq_close(async__waitq *woken);
void    async__wake_all_into(async__waitq *q, int code, async__waitq *woken); /* every waiter, as async__wake_first */

void    async__timer_add(async_task *t, int64_t deadline);
void    async__timer_remove(async_task *t);
int     async__timer_fire_due(int64_t now);       /* wake every task whose deadline <= now: how many */
int64_t async__timer_next(void);                  /* earliest deadline, or -1 */
void    async__timer_free_all(void);

void    async__input_poll(void);                  /* hand buffered lines to waiting readers */

/* ---- Waitable objects (stream.c) ------------------------------------------
 * Queues and events begin with this header: an id for the event stream, and
 * a list of the live ones for the inspector's dump (inspect.c). */
enum { ASYNC__OBJ_QUEUE, ASYNC__OBJ_EVENT };
typedef struct async__obj {
  int                id, kind;
  struct async__obj *prev, *next;
} async__obj;
extern async__obj *async__objects;                /* live objects, newest first */
void    async__obj_add(async__obj *o, int kind);  /* give o an id and list it */
void    async__obj_remove(async__obj *o);
void    async__emit_op(async_op op, int obj, double b); /* an OBJECT event, during a run */

/* ---- The inspector's dump (inspect.c, native, for tests) ----------------- */
void    async__inspect_open(const char *path);    /* ASYNC_INSPECT=file.jsonl: each event and the state after it */
void    async__inspect_event(const async_ev *ev);
void    async__inspect_close(void);
int     async__queue_capacity(const async_queue *q);                          /* queue.c */
const async__waitq *async__queue_waiters(const async_queue *q, int putters);  /* queue.c: getters (0) or putters (1) */
const async__waitq *async__event_waiters(const async_event *e);               /* event.c */

#endif /* ASYNC_INTERNAL_H */
