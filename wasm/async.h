/*
 * async.h - an asyncio-like coroutine runtime for C.
 *
 * One event loop runs tasks cooperatively: a task runs until it suspends
 * (sleep, yield, await, gather, wait, a queue, an event, a lock, a semaphore,
 * a condition, a barrier, a task group, input), then the loop runs the next
 * ready task. The same code builds natively (gcc/clang) and to
 * WebAssembly, where the loop yields to the host's own event loop so a page
 * stays live while C code "sleeps".
 *
 *   static void *task_a(void *arg) { puts("A: start"); async_sleep(0.5); puts("A: done"); return NULL; }
 *   static void *amain(void *arg) { return async_gather(async_spawn(task_a, NULL)) ? NULL : arg; }
 *   int main(void) { return async_run(amain, NULL) < 0; }
 *
 * Scheduling is deterministic:
 *   - a spawned task first runs after its spawner suspends;
 *   - waking never preempts: a woken task joins the back of the ready queue,
 *     in wake order;
 *   - timers with equal deadlines fire in the order they were set;
 *   - each turn of the loop runs the tasks that were ready when it began,
 *     then fires due timers and reads input.
 *
 * Errors are negative ASYNC_E* codes; async_strerror() names them. Misuse
 * (NULL handles, calls outside async_run, waiting on yourself) returns
 * ASYNC_EINVAL and never crashes.
 *
 * Environment: ASYNC_CLOCK=virtual selects the virtual clock (time stands
 * still while tasks compute and jumps to the next deadline when nothing is
 * ready); ASYNC_TRACE=file.json (native) writes the run as Chrome Trace Event
 * JSON; ASYNC_DEBUG=1 (native) prints loop-blocked warnings to stderr;
 * ASYNC_INSPECT=file.jsonl (native, for tests) writes each event and the
 * scheduler's state after it (wasm/native/inspect.c).
 */
#ifndef ASYNC_H
#define ASYNC_H

#ifdef __cplusplus
extern "C" {
#endif

typedef struct async_task  async_task;
typedef struct async_queue async_queue;
typedef struct async_event async_event;
typedef void *(*async_fn)(void *arg);

/* ---- Error codes ------------------------------------------------------ */
/*
 * The vocabulary (error codes, event kinds, wait reasons) is written once, as
 * X-macro tables (libuv's UV_ERRNO_MAP): they generate the enums, the name
 * functions, the trace's slice names, and the JavaScript tables the page
 * reads (build/gen/vocab.js, written by wasm/toolchain/vocab_js.c). A new row here is
 * a new code, kind or reason everywhere.
 *
 * X(NAME, value, message): ASYNC_NAME = value; async_strerror(value) = message.
 * The comment on each row names the calls that return it.
 */
#define ASYNC_ERRNO_MAP(X)                                                                              \
  X(EINVAL,    -22,   "invalid argument or call outside a task") /* misuse: NULL handle, outside async_run, \
                         waiting on yourself (every call) */                                            \
  X(ENOMEM,    -12,   "out of memory") /* async_run, async_queue_put, async_queue_try_put (in wasm any   \
                         other failed malloc, calloc or realloc stops the program: "out of memory") */  \
  X(ETIMEDOUT, -110,  "timed out") /* async_wait_for: the timeout expired first */                      \
  X(ECANCELED, -125,  "cancelled") /* every suspending call: the caller was cancelled;                  \
                                      async_await, async_gather_n: a task was */                        \
  X(EDONE,     -1001, "task already finished") /* async_cancel */                                      \
  X(ECLOSED,   -1002, "the object waited on was freed") /* waits on a queue, event, lock, semaphore, \
                         condition, barrier or group */                                              \
  X(EEOF,      -1003, "end of input") /* async_read_line */                                             \
  X(EDEADLK,   -1004, "deadlock: every task waits and nothing can wake them") /* async_run */        \
  X(EFULL,     -1005, "queue full") /* async_queue_try_put */                                         \
  X(EEMPTY,    -1006, "queue empty") /* async_queue_try_get */                                        \
  X(ENOTLOCKED, -1007, "the lock is not held") /* async_lock_release, async_cond_wait, async_cond_notify */ \
  X(EOVERFLOW, -1008, "released or marked done more often than acquired or put")                     \
                         /* async_semaphore_release (bounded), async_queue_task_done */              \
  X(EBROKEN,   -1009, "barrier broken: aborted or reset while waiting") /* async_barrier_wait */      \
  X(ENOTDONE,  -1010, "task not finished yet") /* async_task_result */                                \
  X(EFAILED,   -1011, "task failed") /* the code of async_fail(0): a failure with no code of its own */

enum {
  ASYNC_OK = 0,
#define ASYNC__ERRNO_ENUM(name, value, message) ASYNC_##name = (value),
  ASYNC_ERRNO_MAP(ASYNC__ERRNO_ENUM)
#undef ASYNC__ERRNO_ENUM
};

const char  *async_strerror(int code);                 /* the message of an ASYNC_E* code; "success" for 0, "unknown error" otherwise */

/* ---- The loop ----------------------------------------------------------- */

int          async_run(async_fn main, void *arg);      /* asyncio.run: run main as task "main" until it returns, cancel what is left (and what
                                                          that spawns); 0, main's failure code (async_fail), ASYNC_EINVAL, ASYNC_ENOMEM or ASYNC_EDEADLK */
int          async_run_result(async_fn main, void *arg, void **result); /* async_run, and main's return value in *result (NULL if it failed) */
double       async_now(void);                          /* loop.time(): seconds since async_run began (0 outside it) */

/* ---- Tasks -------------------------------------------------------------- */

async_task  *async_spawn_named(const char *name, async_fn fn, void *arg);  /* asyncio.create_task: NULL on misuse or out of memory */
#define      async_spawn(fn, arg) async_spawn_named(#fn, (fn), (arg))       /* the task (and its timeline lane) is named after fn */
int          async_sleep(double seconds);              /* asyncio.sleep: 0, ASYNC_ECANCELED or ASYNC_EINVAL; seconds <= 0 yields */
int          async_yield(void);                        /* asyncio.sleep(0): 0 or ASYNC_ECANCELED */
int          async_await(async_task *t, void **result);/* await t: 0 and t's return value; t's failure code (async_fail); ASYNC_ECANCELED if t or the
                                                          caller was cancelled (cancelling the caller does not cancel t) */
int          async_cancel(async_task *t);              /* task.cancel(): t's current or next suspension returns ASYNC_ECANCELED, and so does every later one; 0 or ASYNC_EDONE */
int          async_cancelled(void);                    /* 1 if the current task has been asked to cancel */
int          async_wait_for(async_task *t, double timeout, void **result); /* asyncio.wait_for: as async_await, but on timeout (timeout <= 0: at once,
                                                          t not run first) t is cancelled, waited for, and ASYNC_ETIMEDOUT returned (t's failure
                                                          code if it failed meanwhile); a caller cancelled meanwhile cancels and waits for t too,
                                                          and gets ASYNC_ECANCELED */
async_task  *async_current(void);                      /* the running task, NULL outside a task */
const char  *async_task_name(const async_task *t);     /* the name given at spawn ("main" for async_run's task); "" for NULL */
int          async_task_id(const async_task *t);       /* 1 for main, then 2, 3, ... in spawn order; 0 for NULL */

/* Failure. C has no exceptions: a task fails by returning async_fail(code).
 * Whoever awaits it (async_await, async_wait_for, async_gather_n, a task
 * group, async_run for main) gets that code instead of 0. Use a negative code:
 * an ASYNC_E* one or your own below -10000; 0 becomes ASYNC_EFAILED. */
void        *async_fail(int code);                     /* marks the current task failed with code; returns NULL: `return async_fail(-10001);` */

/* A task's state without awaiting it (task.done(), .cancelled(), .result()). */
int          async_task_done(const async_task *t);     /* 1 once t has returned (or failed, or ended cancelled) */
int          async_task_cancelled(const async_task *t);/* 1 if t was asked to cancel (task.cancelled() once it is done) */
int          async_task_result(const async_task *t, void **result); /* t's outcome, without waiting: 0 and its return value, its failure code,
                                                          ASYNC_ECANCELED, ASYNC_ENOTDONE while it runs, ASYNC_EINVAL for NULL */

/* ---- Waiting for many tasks --------------------------------------------- */

int          async_gather_n(int n, async_task **tasks);/* asyncio.gather: wait for all; 0, the first failure's code (in argument order), or
                                                          ASYNC_ECANCELED if one was cancelled; cancelling the caller cancels the children and returns once they have finished */
int          async_gather_results(int n, async_task **tasks, void **results); /* async_gather_n, and each task's return value in results[i], in argument order (NULL for a
                                                          failed or cancelled one) */
/* async_gather(t1, t2, ...): variadic async_gather_n. C leaves the evaluation order of the
 * arguments unspecified (gcc and clang go left to right); spawn into variables first to be sure. */
#define      async_gather(...) (ASYNC__HERE (async_gather_n)( \
                 (int)(sizeof((async_task *[]){__VA_ARGS__}) / sizeof(async_task *)), (async_task *[]){__VA_ARGS__}))

typedef enum { ASYNC_FIRST_COMPLETED, ASYNC_FIRST_EXCEPTION, ASYNC_ALL_COMPLETED } async_wait_when;
int          async_wait(int n, async_task **tasks, async_wait_when when, double timeout); /* asyncio.wait: until the first is done, the first fails (or
                                                          all are done), or all are done, or timeout seconds (< 0: none) pass. Cancels nothing. The number
                                                          done (check each with async_task_done), ASYNC_ECANCELED, ASYNC_EINVAL */
int          async_as_completed(int *left, async_task **tasks, async_task **done); /* asyncio.as_completed, one step: waits for the first of
                                                          tasks[0 .. *left) to finish (the one that finished first, if several have), moves it to
                                                          tasks[*left - 1], decrements *left, and sets *done. 0, ASYNC_ECANCELED, ASYNC_EINVAL */

/* ---- Task groups (asyncio.TaskGroup: structured concurrency) ------------- */
/*
 * A group owns the tasks spawned into it. async_group_wait waits for all of
 * them. When one fails (async_fail), the others are cancelled at once and the
 * wait returns that first failure's code; when the waiter is cancelled, so are
 * the children, and it returns ASYNC_ECANCELED once they have finished. A
 * child that ends cancelled (or fails with ASYNC_ECANCELED, passing a cancel
 * on) is not a failure. Differences from asyncio: the owner is not
 * interrupted while it runs code before async_group_wait (C has no exception
 * to throw into it); the group reports one code, not an ExceptionGroup.
 */
typedef struct async_group async_group;
async_group *async_group_new(void);                    /* NULL outside a task or out of memory */
async_task  *async_group_spawn_named(async_group *g, const char *name, async_fn fn, void *arg); /* NULL on misuse, out of memory, or once the group
                                                          has failed or been waited for */
#define      async_group_spawn(g, fn, arg) async_group_spawn_named((g), #fn, (fn), (arg))
int          async_group_wait(async_group *g);         /* 0, the first failure's code, ASYNC_ECANCELED, ASYNC_ECLOSED (freed meanwhile), ASYNC_EINVAL */
void         async_group_free(async_group *g);         /* after async_group_wait; a group freed earlier cancels its children (they still finish) */

/* Task handles stay valid until async_run returns; a finished task's stack is
 * released at once, its handle (about 200 bytes) when the run ends. In wasm a
 * task that waits with nothing on its C stack (no arrays or address-taken
 * locals live) lends the stack to others meanwhile; pointers to a task's
 * locals that it gives other tasks stay valid for as long as it keeps them. */

/* ---- Queues (asyncio.Queue) ------------------------------------------- */

async_queue *async_queue_new(int capacity);            /* capacity 0 = unbounded; NULL if capacity < 0 or out of memory */
int          async_queue_put(async_queue *q, void *item);  /* waits while full: 0, ASYNC_ECANCELED, ASYNC_ECLOSED, ASYNC_EINVAL, ASYNC_ENOMEM (the
                                                          ring grows as items come, up to the capacity) */
int          async_queue_get(async_queue *q, void **item); /* waits while empty: 0, ASYNC_ECANCELED, ASYNC_ECLOSED, ASYNC_EINVAL */
int          async_queue_size(const async_queue *q);   /* items queued now; ASYNC_EINVAL for NULL */
int          async_queue_capacity(const async_queue *q); /* maxsize: 0 for unbounded; ASYNC_EINVAL for NULL */
int          async_queue_full(const async_queue *q);   /* 1 if a put would wait; 0; ASYNC_EINVAL for NULL */
int          async_queue_try_put(async_queue *q, void *item);  /* put_nowait: 0, ASYNC_EFULL, ASYNC_ENOMEM, ASYNC_EINVAL */
int          async_queue_try_get(async_queue *q, void **item); /* get_nowait: 0, ASYNC_EEMPTY, ASYNC_EINVAL */
int          async_queue_task_done(async_queue *q);    /* an item got earlier is dealt with: 0, ASYNC_EOVERFLOW (more than were put), ASYNC_EINVAL */
int          async_queue_join(async_queue *q);         /* waits until every item put has been marked done: 0, ASYNC_ECANCELED, ASYNC_ECLOSED, ASYNC_EINVAL */
void         async_queue_free(async_queue *q);         /* waiting tasks (getters, putters, joiners, and those woken but not yet run) get ASYNC_ECLOSED */

/* ---- Events (asyncio.Event) ------------------------------------------- */

async_event *async_event_new(void);                    /* NULL if out of memory */
void         async_event_set(async_event *e);          /* wakes every waiter, in the order they began to wait */
void         async_event_clear(async_event *e);
int          async_event_is_set(const async_event *e); /* 1 or 0 (0 for NULL) */
int          async_event_wait(async_event *e);         /* returns at once if set: 0, ASYNC_ECANCELED, ASYNC_ECLOSED, ASYNC_EINVAL */
void         async_event_free(async_event *e);         /* waiting tasks wake with ASYNC_ECLOSED */

/* ---- Locks, semaphores, conditions, barriers (asyncio's) -------------- */
/*
 * Waiters wake in the order they began to wait (FIFO). A waiter cancelled
 * after it was woken passes its wake on: no permit or notify is lost.
 * NULL handles and calls outside a task return ASYNC_EINVAL. Freeing an
 * object that tasks wait on wakes them with ASYNC_ECLOSED.
 */
typedef struct async_lock async_lock;
async_lock  *async_lock_new(void);                     /* NULL if out of memory */
int          async_lock_acquire(async_lock *l);        /* waits while held: 0, ASYNC_ECANCELED, ASYNC_ECLOSED, ASYNC_EINVAL */
int          async_lock_release(async_lock *l);        /* 0, ASYNC_ENOTLOCKED if not held, ASYNC_EINVAL (any task may release, as in asyncio) */
int          async_lock_locked(const async_lock *l);   /* 1 or 0 (0 for NULL) */
void         async_lock_free(async_lock *l);

typedef struct async_semaphore async_semaphore;
async_semaphore *async_semaphore_new(int value);       /* asyncio.Semaphore(value): NULL if value < 0 or out of memory */
async_semaphore *async_semaphore_new_bounded(int value); /* asyncio.BoundedSemaphore: a release above value fails */
int          async_semaphore_acquire(async_semaphore *s); /* waits while the value is 0 (or others wait): 0, ASYNC_ECANCELED, ASYNC_ECLOSED, ASYNC_EINVAL */
int          async_semaphore_release(async_semaphore *s); /* 0, ASYNC_EOVERFLOW (bounded, above its value), ASYNC_EINVAL */
int          async_semaphore_locked(const async_semaphore *s); /* 1 if an acquire would wait */
int          async_semaphore_value(const async_semaphore *s);  /* the counter now; ASYNC_EINVAL for NULL */
void         async_semaphore_free(async_semaphore *s);

typedef struct async_cond async_cond;
async_cond  *async_cond_new(async_lock *l);            /* asyncio.Condition(lock): its own lock if l is NULL; NULL if out of memory */
async_lock  *async_cond_lock(async_cond *c);           /* the lock: acquire and release it with async_lock_* */
int          async_cond_wait(async_cond *c);           /* releases the lock, waits for a notify, takes the lock again (even if cancelled: then
                                                          ASYNC_ECANCELED): 0, ASYNC_ENOTLOCKED, ASYNC_ECLOSED, ASYNC_EINVAL */
int          async_cond_notify(async_cond *c, int n);  /* wakes up to n waiters; the lock must be held: the number woken, ASYNC_ENOTLOCKED, ASYNC_EINVAL */
int          async_cond_notify_all(async_cond *c);     /* as notify, every waiter */
void         async_cond_free(async_cond *c);           /* not the lock it was given */

typedef struct async_barrier async_barrier;
async_barrier *async_barrier_new(int parties);         /* asyncio.Barrier: NULL if parties < 1 or out of memory */
int          async_barrier_wait(async_barrier *b);     /* waits until `parties` tasks wait: this task's arrival index (0 .. parties-1),
                                                          ASYNC_EBROKEN (aborted or reset), ASYNC_ECANCELED, ASYNC_EINVAL */
int          async_barrier_abort(async_barrier *b);    /* breaks it: waiters and later waits get ASYNC_EBROKEN; 0 or ASYNC_EINVAL */
int          async_barrier_reset(async_barrier *b);    /* back to empty; current waiters get ASYNC_EBROKEN; 0 or ASYNC_EINVAL */
int          async_barrier_n_waiting(const async_barrier *b); /* tasks waiting now */
int          async_barrier_broken(const async_barrier *b);    /* 1 if broken */
void         async_barrier_free(async_barrier *b);

/* ---- Input ------------------------------------------------------------ */
/* scanf, fgets, getchar and read(0, ...) read the same lines, but like libc's
 * sleep they block: the whole loop waits until a line comes ("blocked on input"
 * in the timeline). In a task that shares the loop, use async_read_line. */


#define      ASYNC_LINE_MAX 4096                       /* the longest line async_read_line hands over, newline excluded */
int          async_read_line(char *buf, int size);     /* waits for a line (stdin natively, the page's input box in a browser) while other tasks run;
                                                          its length without the newline, ASYNC_EEOF, ASYNC_ECANCELED, ASYNC_EINVAL. A longer line is cut
                                                          to size-1 bytes (and to ASYNC_LINE_MAX) and the rest of it is dropped: the next call reads the next line */

/* ---- The event stream ------------------------------------------------- */
/*
 * Everything the loop does is reported as one stream of events, in order:
 * the page's output pane, its timeline and the trace export all consume it.
 * Times are seconds of the run's clock (virtual or real).
 *
 * X(NAME, name, a, a_type, b, text, site, obj): ASYNC_EV_NAME, async_ev_name()
 * = name, and what the event's fields mean: a, b, text and obj carry the
 * named field ("" for none). a_type says how to read a: int, bool (0 or 1),
 * reason (an ASYNC_WAIT_* value; b is then that reason's detail, below), code
 * (0 or an ASYNC_E* code), op (an ASYNC_OP_* value). site "line": the event
 * carries the source line and file of the program's call (line 0: unknown,
 * e.g. a call through a function pointer, or async_run's own spawn of main).
 * JavaScript gets {kind: name, task, time, <a>, <b>, <text>, <obj>, and line
 * and file where site is "line"}.
 *
 * SUSPEND's on: what it waits on: await, gather and wait_for, the task's id;
 * a queue, event or other waitable object, its id (objects have ids as tasks
 * do: 1, 2, ... in creation order); else 0. WAKE's by: who woke the task: a
 * task's id (a put, a set, a finish, a cancel, a free), 0 the loop
 * (cancelling what main left), ASYNC_BY_TIMER or ASYNC_BY_INPUT; a WAKE with
 * code ASYNC_ECANCELED is a cancel. OBJECT: a change an inspector needs to
 * show a queue or event (ASYNC_OP_MAP).
 */
#define ASYNC_EV_MAP(X)                                                                                 \
  X(SPAWN,   "spawn",   "parent",    int,    "",      "name", "line", "")    /* parent id, 0: the loop */ \
  X(RUN,     "run",     "",          int,    "",      "",     "",     "")                                \
  X(SUSPEND, "suspend", "reason",    reason, "",      "",     "line", "on")  /* b: the reason's detail */ \
  X(WAKE,    "wake",    "code",      code,   "",      "",     "",     "by")  /* what the wait returns */  \
  X(CANCEL,  "cancel",  "by",        int,    "",      "",     "",     "")    /* the canceller's id, 0: loop */ \
  X(DONE,    "done",    "cancelled", bool,   "",      "",     "",     "")                                \
  X(OUTPUT,  "output",  "stream",    int,    "",      "text", "",     "")    /* 1 stdout, 2 stderr */     \
  X(BLOCKED, "blocked", "",          int,    "ms",    "",     "",     "")    /* real ms without suspending */ \
  X(IDLE,    "idle",    "input",     bool,   "until", "",     "",     "")    /* next deadline, -1: none */ \
  X(OBJECT,  "object",  "op",        op,     "value", "",     "",     "obj") /* b: the op's value */

#define ASYNC_BY_TIMER (-1) /* WAKE's by: the task's deadline passed */
#define ASYNC_BY_INPUT (-2) /* WAKE's by: a line of input (or its end) arrived */
#define ASYNC_STALL_SECONDS 5 /* this long without an event, the page offers Stop; natively a cancelled task still running is named */

/* X(NAME, name, value): ASYNC_OP_NAME; value names what OBJECT's b carries. */
#define ASYNC_OP_MAP(X)                        \
  X(QUEUE_NEW,   "queue_new",   "capacity")    \
  X(QUEUE_PUT,   "queue_put",   "size")        /* the size after the put */ \
  X(QUEUE_GET,   "queue_get",   "size")        /* the size after the get */ \
  X(QUEUE_FREE,  "queue_free",  "")            \
  X(EVENT_NEW,   "event_new",   "")            \
  X(EVENT_SET,   "event_set",   "")            \
  X(EVENT_CLEAR, "event_clear", "")            \
  X(EVENT_FREE,  "event_free",  "")

typedef enum {
#define ASYNC__OP_ENUM(NAME, name, value) ASYNC_OP_##NAME,
  ASYNC_OP_MAP(ASYNC__OP_ENUM)
#undef ASYNC__OP_ENUM
  ASYNC_OP_COUNT
} async_op;

typedef enum {
#define ASYNC__EV_ENUM(NAME, name, a, a_type, b, text, site, obj) ASYNC_EV_##NAME,
  ASYNC_EV_MAP(ASYNC__EV_ENUM)
#undef ASYNC__EV_ENUM
  ASYNC_EV_COUNT
} async_ev_kind;

/*
 * Why a task suspended. X(NAME, name, state, detail): ASYNC_WAIT_NAME,
 * async_wait_name() = name; state is the timeline's and the trace's lane
 * state while it lasts (sleeping, ready or waiting); detail names what the
 * SUSPEND event's b carries ("" for nothing: b is 0).
 */
#define ASYNC_WAIT_MAP(X)                                                        \
  X(SLEEP,     "sleep",     "sleeping", "until")  /* the deadline, seconds */    \
  X(YIELD,     "yield",     "ready",    "")                                      \
  X(AWAIT,     "await",     "waiting",  "target") /* the awaited task's id */    \
  X(GATHER,    "gather",    "waiting",  "target") /* the child waited for now */ \
  X(WAIT_FOR,  "wait_for",  "waiting",  "until")  /* the timeout's deadline, -1 once it passed */ \
  X(QUEUE_GET, "queue_get", "waiting",  "")                                      \
  X(QUEUE_PUT, "queue_put", "waiting",  "")                                      \
  X(EVENT,     "event",     "waiting",  "")                                      \
  X(INPUT,     "input",     "waiting",  "blocks") /* 1: scanf & co., the loop waits */ \
  X(QUEUE_JOIN, "queue_join", "waiting", "")                                     \
  X(WAIT,      "wait",      "waiting",  "until")  /* async_wait: its timeout's deadline, -1: none */ \
  X(AS_COMPLETED, "as_completed", "waiting", "until") /* -1: no timeout */        \
  X(GROUP,     "group",     "waiting",  "")       /* async_group_wait */         \
  X(LOCK,      "lock",      "waiting",  "")                                      \
  X(SEMAPHORE, "semaphore", "waiting",  "")                                      \
  X(CONDITION, "condition", "waiting",  "")                                      \
  X(BARRIER,   "barrier",   "waiting",  "")

typedef enum {
#define ASYNC__WAIT_ENUM(NAME, name, state, detail) ASYNC_WAIT_##NAME,
  ASYNC_WAIT_MAP(ASYNC__WAIT_ENUM)
#undef ASYNC__WAIT_ENUM
  ASYNC_WAIT_COUNT
} async_wait_reason;

typedef struct {
  async_ev_kind kind;
  int           task;
  double        time;
  int           a;
  double        b;
  const char   *text;
  int           len;
  int           line;  /* site "line": the call's source line (0: unknown) */
  const char   *file;  /* and its file (__FILE__), NULL if unknown */
  int           obj;   /* the table's obj: SUSPEND on, WAKE by, OBJECT the object */
} async_ev;

typedef void (*async_observer)(const async_ev *ev, void *userdata);

void         async_set_observer(async_observer fn, void *userdata); /* also deliver every event to fn (NULL to stop). fn must
                                                          not wait: inside it every wait and async_run return
                                                          ASYNC_EINVAL; in wasm a read of stdin finds the end of
                                                          input (and stdin stays there until clearerr) */
const char  *async_ev_name(int kind);                  /* "spawn", "run", ...; "unknown" outside the table */
const char  *async_wait_name(int reason);              /* "sleep", "yield", "await", ...; "unknown" outside the table */
const char  *async_op_name(int op);                    /* "queue_new", "queue_put", ...; "unknown" outside the table */

/* ---- Call sites ----------------------------------------------------------
 * Each suspending call and each spawn is a function-like macro that records
 * its __FILE__ and __LINE__ for the event stream (SUSPEND's and SPAWN's line),
 * then calls the function of the same name (a macro is not expanded inside
 * itself). A call through a function pointer records nothing: its SUSPEND
 * carries the line of the task's previous call. A suspending call inside the
 * arguments of another reports the inner call's line for both. Define
 * ASYNC_NO_CALL_SITES before including async.h to turn this off.
 * The cost is one store per call: the site is a static constant, and the
 * macro points async__site_now at it; the loop hands each task its own
 * pointer when it resumes it and keeps it when the task suspends. */
typedef struct { const char *file; int line; } async__site;
extern const async__site *async__site_now;   /* the running task's latest call site */
extern const async__site *async__site_spawn; /* the next spawn's site (consumed by the spawn) */

#if !defined(ASYNC_NO_CALL_SITES)
#define ASYNC__SITE(var) __extension__({ static const async__site async__s = {__FILE__, __LINE__}; (var) = &async__s; })
#define ASYNC__HERE ASYNC__SITE(async__site_now),
#define async_spawn_named(name, fn, arg) (ASYNC__SITE(async__site_spawn), async_spawn_named(name, fn, arg))
#define async_sleep(seconds)             (ASYNC__HERE async_sleep(seconds))
#define async_yield()                    (ASYNC__HERE async_yield())
#define async_await(t, result)           (ASYNC__HERE async_await(t, result))
#define async_gather_n(n, tasks)         (ASYNC__HERE async_gather_n(n, tasks))
#define async_wait_for(t, timeout, result) (ASYNC__HERE async_wait_for(t, timeout, result))
#define async_queue_put(q, item)         (ASYNC__HERE async_queue_put(q, item))
#define async_queue_get(q, item)         (ASYNC__HERE async_queue_get(q, item))
#define async_event_wait(e)              (ASYNC__HERE async_event_wait(e))
#define async_read_line(buf, size)       (ASYNC__HERE async_read_line(buf, size))
#define async_gather_results(n, tasks, results) (ASYNC__HERE async_gather_results(n, tasks, results))
#define async_wait(n, tasks, when, timeout) (ASYNC__HERE async_wait(n, tasks, when, timeout))
#define async_as_completed(left, tasks, done) (ASYNC__HERE async_as_completed(left, tasks, done))
#define async_group_spawn_named(g, name, fn, arg) \
  (ASYNC__SITE(async__site_spawn), async_group_spawn_named(g, name, fn, arg))
#define async_group_wait(g)              (ASYNC__HERE async_group_wait(g))
#define async_queue_join(q)              (ASYNC__HERE async_queue_join(q))
#define async_lock_acquire(l)            (ASYNC__HERE async_lock_acquire(l))
#define async_semaphore_acquire(sem)     (ASYNC__HERE async_semaphore_acquire(sem))
#define async_cond_wait(c)               (ASYNC__HERE async_cond_wait(c))
#define async_barrier_wait(b)            (ASYNC__HERE async_barrier_wait(b))
#else
#define ASYNC__HERE
#endif

/* ---- Differences from asyncio ---------------------------------------- */
/*
 * Deliberate, because this is C:
 *   - Errors are return codes, not exceptions: a cancelled task learns of it
 *     from ASYNC_ECANCELED and must return; nothing unwinds its stack.
 *   - Cancellation sticks: every later suspension of a cancelled task returns
 *     ASYNC_ECANCELED too (asyncio raises CancelledError once, and a task may
 *     swallow it and carry on).
 *   - Cancelling a task that waits in async_await does not cancel the task it
 *     awaits (asyncio's `await task` would: that is asyncio.shield's job there).
 *   - Any function may suspend: tasks have their own stacks, so there is no
 *     `async` keyword, and a blocking call (sleep, a busy loop) blocks every
 *     task; the runtime reports it as "loop blocked".
 *   - Scheduling is deterministic (see the top of this file), and with
 *     ASYNC_CLOCK=virtual so is time.
 *   - async_gather returns a code, not the results: read each task's result
 *     with async_await.
 *   - A run where every task waits and nothing can wake them ends with
 *     ASYNC_EDEADLK instead of hanging.
 */

#ifdef __cplusplus
}
#endif
#endif /* ASYNC_H */
