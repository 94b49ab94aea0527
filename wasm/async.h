/*
 * async.h - an asyncio-like coroutine runtime for C.
 *
 * One event loop runs tasks cooperatively: a task runs until it suspends
 * (sleep, yield, await, gather, a queue, an event, input), then the loop runs
 * the next ready task. The same code builds natively (gcc/clang) and to
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
 * JSON; ASYNC_DEBUG=1 (native) prints loop-blocked warnings to stderr.
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

#define ASYNC_OK          0
#define ASYNC_EINVAL    (-22)  /* misuse: NULL handle, outside async_run, waiting on yourself (every call) */
#define ASYNC_ENOMEM    (-12)  /* out of memory: async_run, async_queue_put on an unbounded queue (in wasm any other
                                   failed malloc, calloc or realloc stops the program: "out of memory (limit 2048 MB)") */
#define ASYNC_ETIMEDOUT (-110) /* async_wait_for: the timeout expired first */
#define ASYNC_ECANCELED (-125) /* every suspending call: the caller was cancelled; async_await, async_gather_n: a task was */
#define ASYNC_EDONE     (-1001) /* async_cancel: the task had already finished */
#define ASYNC_ECLOSED   (-1002) /* queue and event waits: the object was freed while the caller waited */
#define ASYNC_EEOF      (-1003) /* async_read_line: input ended */
#define ASYNC_EDEADLK   (-1004) /* async_run: every task waits and nothing can wake them */

const char  *async_strerror(int code);                 /* a short English description of an ASYNC_E* code */

/* ---- The loop ----------------------------------------------------------- */

int          async_run(async_fn main, void *arg);      /* asyncio.run: run main as task "main" until it returns, cancel what is left; 0, ASYNC_EINVAL, ASYNC_ENOMEM or ASYNC_EDEADLK */
double       async_now(void);                          /* loop.time(): seconds since async_run began (0 outside it) */

/* ---- Tasks -------------------------------------------------------------- */

async_task  *async_spawn_named(const char *name, async_fn fn, void *arg);  /* asyncio.create_task: NULL on misuse or out of memory */
#define      async_spawn(fn, arg) async_spawn_named(#fn, (fn), (arg))       /* the task (and its timeline lane) is named after fn */
int          async_sleep(double seconds);              /* asyncio.sleep: 0, ASYNC_ECANCELED or ASYNC_EINVAL; seconds <= 0 yields */
int          async_yield(void);                        /* asyncio.sleep(0): 0 or ASYNC_ECANCELED */
int          async_await(async_task *t, void **result);/* await t: 0 and t's return value; ASYNC_ECANCELED if t or the caller was cancelled (cancelling the caller does not cancel t) */
int          async_gather_n(int n, async_task **tasks);/* asyncio.gather: wait for all; 0, or ASYNC_ECANCELED if one was cancelled; cancelling the caller cancels the children and returns once they have finished */
/* async_gather(t1, t2, ...): variadic async_gather_n. C leaves the evaluation order of the
 * arguments unspecified (gcc and clang go left to right); spawn into variables first to be sure. */
#define      async_gather(...) async_gather_n( \
                 (int)(sizeof((async_task *[]){__VA_ARGS__}) / sizeof(async_task *)), (async_task *[]){__VA_ARGS__})
int          async_cancel(async_task *t);              /* task.cancel(): t's current or next suspension returns ASYNC_ECANCELED, and so does every later one; 0 or ASYNC_EDONE */
int          async_cancelled(void);                    /* 1 if the current task has been asked to cancel */
int          async_wait_for(async_task *t, double timeout, void **result); /* asyncio.wait_for: as async_await, but on timeout t is cancelled, waited for, and ASYNC_ETIMEDOUT returned; a cancelled caller cancels and waits for t too */
async_task  *async_current(void);                      /* the running task, NULL outside a task */
const char  *async_task_name(const async_task *t);     /* the name given at spawn ("main" for async_run's task); "" for NULL */
int          async_task_id(const async_task *t);       /* 1 for main, then 2, 3, ... in spawn order; 0 for NULL */
int          async_task_done(const async_task *t);     /* 1 once t has returned */

/* Task handles stay valid until async_run returns; a finished task's stack is
 * released at once, its handle (about 200 bytes) when the run ends. In wasm a
 * task that waits with nothing on its C stack (no arrays or address-taken
 * locals live) lends the stack to others meanwhile; pointers to a task's
 * locals that it gives other tasks stay valid for as long as it keeps them. */

/* ---- Queues (asyncio.Queue) ------------------------------------------- */

async_queue *async_queue_new(int capacity);            /* capacity 0 = unbounded; NULL if capacity < 0 or out of memory */
int          async_queue_put(async_queue *q, void *item);  /* waits while full: 0, ASYNC_ECANCELED, ASYNC_ECLOSED, ASYNC_ENOMEM, ASYNC_EINVAL */
int          async_queue_get(async_queue *q, void **item); /* waits while empty: 0, ASYNC_ECANCELED, ASYNC_ECLOSED, ASYNC_EINVAL */
int          async_queue_size(const async_queue *q);   /* items queued now; ASYNC_EINVAL for NULL */
void         async_queue_free(async_queue *q);         /* waiting tasks wake with ASYNC_ECLOSED */

/* ---- Events (asyncio.Event) ------------------------------------------- */

async_event *async_event_new(void);                    /* NULL if out of memory */
void         async_event_set(async_event *e);          /* wakes every waiter, in the order they began to wait */
void         async_event_clear(async_event *e);
int          async_event_is_set(const async_event *e); /* 1 or 0 (0 for NULL) */
int          async_event_wait(async_event *e);         /* returns at once if set: 0, ASYNC_ECANCELED, ASYNC_ECLOSED, ASYNC_EINVAL */
void         async_event_free(async_event *e);         /* waiting tasks wake with ASYNC_ECLOSED */

/* ---- Input ------------------------------------------------------------ */

int          async_read_line(char *buf, int size);     /* waits for a line (stdin natively, the page's input box in a browser) while other tasks run;
                                                          its length without the newline (longer lines are cut to size-1), ASYNC_EEOF, ASYNC_ECANCELED, ASYNC_EINVAL */

/* ---- The event stream ------------------------------------------------- */
/*
 * Everything the loop does is reported as one stream of events, in order:
 * the page's output pane, its timeline and the trace export all consume it.
 * Times are seconds of the run's clock (virtual or real).
 *
 *   kind           task  a                       b                     text
 *   SPAWN          new   parent id (0: loop)     -                     name
 *   RUN            task  -                       -                     -
 *   SUSPEND        task  ASYNC_WAIT_* reason     deadline or task id   -
 *   WAKE           task  wake code (0 or error)  -                     -
 *   CANCEL         task  canceller id            -                     -
 *   DONE           task  1 if it was cancelled   -                     -
 *   OUTPUT         task  stream (1 stdout)       -                     the bytes written
 *   BLOCKED        task  -                       real ms without suspending (> 100) -
 *   IDLE           0     1 if waiting for input  deadline (-1: none)   -
 */
typedef enum {
  ASYNC_EV_SPAWN, ASYNC_EV_RUN, ASYNC_EV_SUSPEND, ASYNC_EV_WAKE, ASYNC_EV_CANCEL,
  ASYNC_EV_DONE, ASYNC_EV_OUTPUT, ASYNC_EV_BLOCKED, ASYNC_EV_IDLE
} async_ev_kind;

typedef enum {
  ASYNC_WAIT_SLEEP, ASYNC_WAIT_YIELD, ASYNC_WAIT_AWAIT, ASYNC_WAIT_GATHER, ASYNC_WAIT_WAIT_FOR,
  ASYNC_WAIT_QUEUE_GET, ASYNC_WAIT_QUEUE_PUT, ASYNC_WAIT_EVENT, ASYNC_WAIT_INPUT
} async_wait_reason;

typedef struct {
  async_ev_kind kind;
  int           task;
  double        time;
  int           a;
  double        b;
  const char   *text;
  int           len;
} async_ev;

typedef void (*async_observer)(const async_ev *ev, void *userdata);

void         async_set_observer(async_observer fn, void *userdata); /* also deliver every event to fn (NULL to stop) */
const char  *async_ev_name(int kind);                  /* "spawn", "run", ... */
const char  *async_wait_name(int reason);              /* "sleep", "yield", "await", ... */

#ifdef __cplusplus
}
#endif
#endif /* ASYNC_H */
