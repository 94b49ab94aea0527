/*
 * queues.c - cases of CPython 3.11's test_asyncio/test_queues.py in C; the
 * expected output (queues.out) is what the Python twin (queues.py) prints.
 * Not ported: test_repr, test_str, test_generic_alias, test_format (Python
 * reprs and typing), test_float_maxsize (a capacity is an int in C),
 * test_get_with_putters (pushes a future into Queue._putters), the LIFO and
 * priority queue cases (async.h has FIFO queues only).
 */
#include "twin.h"

static async_queue *q;

static void *qget(void *arg) { (void)arg; void *it = NULL; int rc = async_queue_get(q, &it); return rc ? async_fail(rc) : it; }
static void *qput(void *item) { int rc = async_queue_put(q, item); return rc ? async_fail(rc) : PTR(1); }

static void *test_empty(void *arg) {
  (void)arg;
  q = async_queue_new(0);
  printf("empty %s\n", PY(async_queue_size(q) == 0));
  async_queue_put(q, PTR(1));
  printf("empty %s\n", PY(async_queue_size(q) == 0));
  void *it;
  async_queue_get(q, &it);
  printf("get %d\n", INT(it));
  printf("empty %s\n", PY(async_queue_size(q) == 0));
  async_queue_free(q);
  return NULL;
}

static void *test_full(void *arg) {
  (void)arg;
  q = async_queue_new(0);
  printf("full %s\n", PY(async_queue_full(q)));
  async_queue_free(q);
  q = async_queue_new(1);
  async_queue_put(q, PTR(1));
  printf("full %s\n", PY(async_queue_full(q)));
  async_queue_free(q);
  return NULL;
}

static void *test_order(void *arg) {
  (void)arg;
  q = async_queue_new(0);
  int in[] = {1, 3, 2};
  for (int i = 0; i < 3; i++) async_queue_put(q, PTR(in[i]));
  printf("items");
  for (int i = 0; i < 3; i++) {
    void *it;
    async_queue_get(q, &it);
    printf(" %d", INT(it));
  }
  printf("\n");
  async_queue_free(q);
  return NULL;
}

static int have_been_put[8], n_put;
static void print_put(void) {
  printf("put");
  for (int i = 0; i < n_put; i++) printf(" %d", have_been_put[i]);
  printf("\n");
}
static void *maxsize_putter(void *arg) {
  (void)arg;
  for (int i = 0; i < 3; i++) {
    async_queue_put(q, PTR(i));
    have_been_put[n_put++] = i;
  }
  return PTR(1);
}
static void *test_maxsize(void *arg) {
  (void)arg;
  q = async_queue_new(2);
  printf("maxsize %d\n", async_queue_capacity(q));
  n_put = 0;
  async_task *t = async_spawn(maxsize_putter, NULL);
  for (int i = 0; i < 2; i++) async_yield();
  print_put();
  void *it;
  async_queue_get(q, &it);
  printf("get %d\n", INT(it));
  async_yield();
  print_put();
  async_queue_get(q, &it);
  printf("get %d\n", INT(it));
  async_queue_get(q, &it);
  printf("get %d\n", INT(it));
  void *r;
  async_task_result(t, &r);
  printf("done %s %s\n", PY(async_task_done(t)), PY(r));
  async_queue_free(q);
  return NULL;
}

static void *test_blocking_get(void *arg) {
  (void)arg;
  q = async_queue_new(0);
  async_queue_try_put(q, PTR(1));
  void *it;
  async_queue_get(q, &it);
  printf("get %d\n", INT(it));
  async_queue_free(q);
  return NULL;
}

static async_event *started;
static int finished;
static void *queue_get(void *arg) {
  (void)arg;
  async_event_set(started);
  void *res;
  async_queue_get(q, &res);
  finished = 1;
  return res;
}
static void *later_put(void *arg) { (void)arg; async_sleep(0.01); async_queue_try_put(q, PTR(1)); return NULL; }
static void *test_blocking_get_wait(void *arg) {
  (void)arg;
  q = async_queue_new(0);
  started = async_event_new();
  finished = 0;
  async_task *t = async_spawn(queue_get, NULL);
  async_event_wait(started);
  printf("finished %s\n", PY(finished));
  async_spawn(later_put, NULL);
  void *res;
  async_await(t, &res);
  printf("finished %s %d at %.2f\n", PY(finished), INT(res), async_now());
  async_event_free(started);
  async_queue_free(q);
  return NULL;
}

static void *test_nonblocking_get(void *arg) {
  (void)arg;
  q = async_queue_new(0);
  async_queue_try_put(q, PTR(1));
  void *it;
  async_queue_try_get(q, &it);
  printf("get_nowait %d\n", INT(it));
  async_queue_free(q);
  return NULL;
}

static void *test_nonblocking_get_exception(void *arg) {
  (void)arg;
  q = async_queue_new(0);
  printf("%s\n", py_error(async_queue_try_get(q, NULL)));
  async_queue_free(q);
  return NULL;
}

static void *test_get_cancelled_race(void *arg) {
  (void)arg;
  q = async_queue_new(0);
  async_task *t1 = async_spawn(qget, NULL), *t2 = async_spawn(qget, NULL);
  async_yield();
  async_cancel(t1);
  async_yield();
  printf("t1 done %s\n", PY(async_task_done(t1)));
  async_queue_put(q, PTR('a'));
  async_yield();
  void *r;
  async_await(t2, &r);
  printf("t2 %c\n", INT(r));
  async_queue_free(q);
  return NULL;
}

static void *test_get_with_waiting_putters(void *arg) {
  (void)arg;
  q = async_queue_new(1);
  async_spawn(qput, PTR('a'));
  async_spawn(qput, PTR('b'));
  void *it;
  async_queue_get(q, &it);
  printf("get %c\n", INT(it));
  async_queue_get(q, &it);
  printf("get %c\n", INT(it));
  async_queue_free(q);
  return NULL;
}

static void *consumer(void *arg) {
  for (int i = 0; i < INT(arg); i++) {
    void *it;
    async_queue_get(q, &it);
    printf("got %d\n", INT(it));
  }
  return NULL;
}
static void *producer(void *arg) {
  for (int i = 0; i < INT(arg); i++) async_queue_put(q, PTR(i));
  return NULL;
}
static void *test_why_are_getters_waiting(void *arg) {
  (void)arg;
  q = async_queue_new(1);
  async_group *g = async_group_new();
  async_group_spawn(g, producer, PTR(5));
  async_group_spawn(g, consumer, PTR(5));
  async_group_wait(g);
  async_group_free(g);
  printf("group done\n");
  async_queue_free(q);
  return NULL;
}

static void *test_cancelled_getters_not_being_held_in_self_getters(void *arg) {
  (void)arg;
  q = async_queue_new(5);
  int rc = async_wait_for(async_spawn(qget, NULL), 0.1, NULL);
  printf("%s at %.2f\n", py_error(rc), async_now());
  async_queue_try_put(q, PTR(1));
  printf("qsize %d\n", async_queue_size(q));
  async_queue_free(q);
  return NULL;
}

static void *test_blocking_put(void *arg) {
  (void)arg;
  q = async_queue_new(0);
  async_queue_put(q, PTR(1));
  void *it;
  async_queue_get(q, &it);
  printf("get %d\n", INT(it));
  async_queue_free(q);
  return NULL;
}

static void *queue_put(void *arg) {
  (void)arg;
  async_event_set(started);
  async_queue_put(q, PTR(1));
  async_queue_put(q, PTR(2));
  finished = 1;
  return NULL;
}
static void *later_get(void *arg) { (void)arg; async_sleep(0.01); async_queue_try_get(q, NULL); return NULL; }
static void *test_blocking_put_wait(void *arg) {
  (void)arg;
  q = async_queue_new(1);
  started = async_event_new();
  finished = 0;
  async_spawn(later_get, NULL);
  async_task *t = async_spawn(queue_put, NULL);
  async_event_wait(started);
  printf("finished %s\n", PY(finished));
  async_await(t, NULL);
  printf("finished %s at %.2f\n", PY(finished), async_now());
  async_event_free(started);
  async_queue_free(q);
  return NULL;
}

static void *test_nonblocking_put(void *arg) {
  (void)arg;
  q = async_queue_new(0);
  async_queue_try_put(q, PTR(1));
  void *it;
  async_queue_try_get(q, &it);
  printf("get_nowait %d\n", INT(it));
  async_queue_free(q);
  return NULL;
}

static void *test_get_cancel_drop_one_pending_reader(void *arg) {
  (void)arg;
  q = async_queue_new(0);
  async_task *reader = async_spawn(qget, NULL);
  async_yield();
  async_queue_try_put(q, PTR(1));
  async_queue_try_put(q, PTR(2));
  async_cancel(reader);
  if (async_await(reader, NULL) == ASYNC_ECANCELED) {
    printf("CancelledError: try again\n");
    reader = async_spawn(qget, NULL);
    async_await(reader, NULL);
  }
  void *r;
  async_task_result(reader, &r);
  printf("result %d\n", INT(r));
  async_queue_free(q);
  return NULL;
}

static void *test_get_cancel_drop_many_pending_readers(void *arg) {
  (void)arg;
  q = async_queue_new(0);
  async_group *g = async_group_new();
  async_task *r1 = async_group_spawn(g, qget, NULL), *r2 = async_group_spawn(g, qget, NULL), *r3 = async_group_spawn(g, qget, NULL);
  async_yield();
  async_queue_try_put(q, PTR(1));
  async_queue_try_put(q, PTR(2));
  async_cancel(r1);
  if (async_await(r1, NULL) == ASYNC_ECANCELED) printf("reader1 CancelledError\n");
  async_await(r3, NULL);
  async_group_wait(g);
  async_group_free(g);
  void *a, *b;
  async_task_result(r2, &a);
  async_task_result(r3, &b);
  printf("results %d %d\n", INT(a) < INT(b) ? INT(a) : INT(b), INT(a) < INT(b) ? INT(b) : INT(a));
  async_queue_free(q);
  return NULL;
}

static void *test_put_cancel_drop(void *arg) {
  (void)arg;
  q = async_queue_new(1);
  async_queue_try_put(q, PTR(1));
  async_task *writer = async_spawn(qput, PTR(2));
  async_yield();
  void *v;
  async_queue_try_get(q, &v);
  printf("value1 %d\n", INT(v));
  async_cancel(writer);
  if (async_await(writer, NULL) == ASYNC_ECANCELED) {
    printf("CancelledError: try again\n");
    writer = async_spawn(qput, PTR(2));
    async_await(writer, NULL);
  }
  async_queue_try_get(q, &v);
  printf("value2 %d\n", INT(v));
  printf("qsize %d\n", async_queue_size(q));
  async_queue_free(q);
  return NULL;
}

static void *test_nonblocking_put_exception(void *arg) {
  (void)arg;
  q = async_queue_new(1);
  async_queue_try_put(q, PTR(1));
  printf("%s\n", py_error(async_queue_try_put(q, PTR(2))));
  async_queue_free(q);
  return NULL;
}

static void *test_put_cancelled(void *arg) {
  (void)arg;
  q = async_queue_new(0);
  async_task *t = async_spawn(qput, PTR(1));
  void *it, *r;
  async_queue_get(q, &it);
  printf("get %d\n", INT(it));
  async_task_result(t, &r);
  printf("done %s %s\n", PY(async_task_done(t)), PY(r));
  async_queue_free(q);
  return NULL;
}

static void *test_put_cancelled_race(void *arg) {
  (void)arg;
  q = async_queue_new(1);
  async_task *put_a = async_spawn(qput, PTR('a')), *put_b = async_spawn(qput, PTR('b')), *put_c = async_spawn(qput, PTR('X'));
  async_yield();
  printf("a done %s b done %s\n", PY(async_task_done(put_a)), PY(async_task_done(put_b)));
  async_cancel(put_c);
  async_yield();
  printf("c done %s\n", PY(async_task_done(put_c)));
  void *it;
  async_queue_try_get(q, &it);
  printf("get_nowait %c\n", INT(it));
  async_yield();
  async_queue_try_get(q, &it);
  printf("get_nowait %c\n", INT(it));
  async_await(put_b, NULL);
  printf("b done %s\n", PY(async_task_done(put_b)));
  async_queue_free(q);
  return NULL;
}

static void *test_put_with_waiting_getters(void *arg) {
  (void)arg;
  q = async_queue_new(0);
  async_task *t = async_spawn(qget, NULL);
  async_yield();
  async_queue_put(q, PTR('a'));
  void *r;
  async_await(t, &r);
  printf("t %c\n", INT(r));
  async_queue_free(q);
  return NULL;
}

static void *putter(void *item) {
  async_queue_put(q, item);
  printf("put %d\n", INT(item));
  return NULL;
}
static void *getter(void *arg) {
  (void)arg;
  async_yield();
  int num = async_queue_size(q);
  for (int i = 0; i < num; i++) {
    void *it;
    async_queue_try_get(q, &it);
    printf("get_nowait %d\n", INT(it));
  }
  return NULL;
}
static void *test_why_are_putters_waiting(void *arg) {
  (void)arg;
  q = async_queue_new(2);
  async_group *g = async_group_new();
  async_group_spawn(g, getter, NULL);
  for (int i = 0; i < 4; i++) async_group_spawn(g, putter, PTR(i));
  async_group_wait(g);
  async_group_free(g);
  printf("group done, qsize %d\n", async_queue_size(q));
  async_queue_free(q);
  return NULL;
}

static void *test_cancelled_puts_not_being_held_in_self_putters(void *arg) {
  (void)arg;
  q = async_queue_new(1);
  async_queue_try_put(q, PTR(1));
  async_task *put_task = async_spawn(qput, PTR(1));
  async_yield();
  async_cancel(put_task);
  if (async_await(put_task, NULL) == ASYNC_ECANCELED) printf("CancelledError\n");
  async_queue_try_get(q, NULL);
  async_yield();
  printf("qsize %d\n", async_queue_size(q));
  async_queue_free(q);
  return NULL;
}

static void *test_cancelled_put_silence_value_error_exception(void *arg) {
  (void)arg;
  q = async_queue_new(1);
  async_queue_try_put(q, PTR(1));
  async_task *put_task = async_spawn(qput, PTR(1));
  async_yield();
  async_queue_try_get(q, NULL);
  async_cancel(put_task);
  if (async_await(put_task, NULL) == ASYNC_ECANCELED) printf("CancelledError\n");
  async_queue_free(q);
  return NULL;
}

static void *test_task_done_underflow(void *arg) {
  (void)arg;
  q = async_queue_new(0);
  printf("%s\n", py_error(async_queue_task_done(q)));
  async_queue_free(q);
  return NULL;
}

static int accumulator, running;
static void *worker(void *arg) {
  (void)arg;
  while (running) {
    void *it;
    if (async_queue_get(q, &it) < 0) break;
    accumulator += INT(it);
    async_queue_task_done(q);
  }
  return NULL;
}
static void *test_task_done(void *arg) {
  (void)arg;
  q = async_queue_new(0);
  for (int i = 0; i < 100; i++) async_queue_try_put(q, PTR(i));
  accumulator = 0;
  running = 1;
  async_group *g = async_group_new();
  for (int i = 0; i < 2; i++) async_group_spawn(g, worker, NULL);
  async_queue_join(q);
  printf("accumulator %d\n", accumulator);
  running = 0;
  for (int i = 0; i < 2; i++) async_queue_try_put(q, PTR(0));
  async_group_wait(g);
  async_group_free(g);
  printf("group done\n");
  async_queue_free(q);
  return NULL;
}

static void *test_join_empty_queue(void *arg) {
  (void)arg;
  q = async_queue_new(0);
  async_queue_join(q);
  async_queue_join(q);
  printf("joined\n");
  async_queue_free(q);
  return NULL;
}

int main(void) {
  CASE(test_empty);
  CASE(test_full);
  CASE(test_order);
  CASE(test_maxsize);
  CASE(test_blocking_get);
  CASE(test_blocking_get_wait);
  CASE(test_nonblocking_get);
  CASE(test_nonblocking_get_exception);
  CASE(test_get_cancelled_race);
  CASE(test_get_with_waiting_putters);
  CASE(test_why_are_getters_waiting);
  CASE(test_cancelled_getters_not_being_held_in_self_getters);
  CASE(test_blocking_put);
  CASE(test_blocking_put_wait);
  CASE(test_nonblocking_put);
  CASE(test_get_cancel_drop_one_pending_reader);
  CASE(test_get_cancel_drop_many_pending_readers);
  CASE(test_put_cancel_drop);
  CASE(test_nonblocking_put_exception);
  CASE(test_put_cancelled);
  CASE(test_put_cancelled_race);
  CASE(test_put_with_waiting_getters);
  CASE(test_why_are_putters_waiting);
  CASE(test_cancelled_puts_not_being_held_in_self_putters);
  CASE(test_cancelled_put_silence_value_error_exception);
  CASE(test_task_done_underflow);
  CASE(test_task_done);
  CASE(test_join_empty_queue);
  return 0;
}
