/* test_queue_event.c - queues block both ways, in FIFO order; events wake all. */
#include <stdint.h>
#include "check.h"

static async_queue *q;

static void *consume(void *arg) {
  int n = (int)(intptr_t)arg;
  for (int i = 0; i < n; i++) {
    void *item;
    CHECK_INT(async_queue_get(q, &item), 0);
    LOG("got %d at %.1f", (int)(intptr_t)item, async_now());
  }
  return NULL;
}

static void *fifo(void *arg) {
  (void)arg;
  q = async_queue_new(0);
  for (intptr_t i = 1; i <= 3; i++) CHECK_INT(async_queue_put(q, (void *)i), 0);
  CHECK_INT(async_queue_size(q), 3);
  async_await(async_spawn(consume, (void *)3), NULL);
  async_queue_free(q);
  return NULL;
}

TEST(queue_is_first_in_first_out) {
  CHECK_INT(async_run(fifo, NULL), 0);
  CHECK_STR(log_text(), "got 1 at 0.0|got 2 at 0.0|got 3 at 0.0");
}

static void *late_put(void *arg) {
  (void)arg;
  q = async_queue_new(1);
  async_task *c = async_spawn(consume, (void *)1);
  async_sleep(2);
  LOG("put");
  async_queue_put(q, (void *)7);
  async_await(c, NULL);
  async_queue_free(q);
  return NULL;
}

TEST(get_waits_until_something_is_put) {
  CHECK_INT(async_run(late_put, NULL), 0);
  CHECK_STR(log_text(), "put|got 7 at 2.0");
}

static void *produce(void *arg) {
  (void)arg;
  for (intptr_t i = 1; i <= 3; i++) {
    CHECK_INT(async_queue_put(q, (void *)i), 0);
    LOG("put %d at %.1f", (int)i, async_now());
  }
  return NULL;
}
static void *slow_consumer(void *arg) {
  (void)arg;
  q = async_queue_new(1);
  async_task *p = async_spawn(produce, NULL);
  for (int i = 0; i < 3; i++) {
    async_sleep(1);
    void *item;
    async_queue_get(q, &item);
    LOG("got %d", (int)(intptr_t)item);
  }
  async_await(p, NULL);
  async_queue_free(q);
  return NULL;
}

TEST(put_waits_while_the_queue_is_full) {
  CHECK_INT(async_run(slow_consumer, NULL), 0);
  CHECK_STR(log_text(), "put 1 at 0.0|got 1|put 2 at 1.0|got 2|put 3 at 2.0|got 3");
}

static void *unbounded(void *arg) {
  (void)arg;
  q = async_queue_new(0);
  for (intptr_t i = 0; i < 1000; i++) CHECK_INT(async_queue_put(q, (void *)i), 0);
  CHECK_INT(async_queue_size(q), 1000);
  int ok = 1;
  for (intptr_t i = 0; i < 1000; i++) {
    void *item;
    async_queue_get(q, &item);
    ok &= item == (void *)i;
  }
  CHECK(ok);
  CHECK(async_now() == 0.0);
  async_queue_free(q);
  return NULL;
}

TEST(an_unbounded_queue_grows_without_waiting) { CHECK_INT(async_run(unbounded, NULL), 0); }

static void *named_getter(void *arg) {
  void *item;
  CHECK_INT(async_queue_get(q, &item), 0);
  LOG("%s got %d", (const char *)arg, (int)(intptr_t)item);
  return NULL;
}
static void *getters_in_order(void *arg) {
  (void)arg;
  q = async_queue_new(0);
  async_task *a = async_spawn_named("a", named_getter, "a");
  async_task *b = async_spawn_named("b", named_getter, "b");
  async_task *c = async_spawn_named("c", named_getter, "c");
  async_sleep(1);
  for (intptr_t i = 1; i <= 3; i++) async_queue_put(q, (void *)i);
  async_gather(a, b, c);
  async_queue_free(q);
  return NULL;
}

TEST(waiting_getters_are_served_in_the_order_they_came) {
  CHECK_INT(async_run(getters_in_order, NULL), 0);
  CHECK_STR(log_text(), "a got 1|b got 2|c got 3");
}

static void *closed_getter(void *arg) {
  (void)arg;
  void *item;
  LOG("get %d", async_queue_get(q, &item));
  return NULL;
}
static void *free_with_waiters(void *arg) {
  (void)arg;
  q = async_queue_new(1);
  async_task *g = async_spawn(closed_getter, NULL);
  async_yield();
  async_queue_free(q);
  async_await(g, NULL);
  return NULL;
}

TEST(freeing_a_queue_wakes_its_waiters_with_eclosed) {
  CHECK_INT(async_run(free_with_waiters, NULL), 0);
  CHECK_STR(log_text(), "get -1002");
}

static async_event *ev;
static void *waiter(void *arg) {
  int rc = async_event_wait(ev);
  LOG("%s %d at %.1f", (const char *)arg, rc, async_now());
  return NULL;
}
static void *set_after(void *arg) {
  (void)arg;
  ev = async_event_new();
  async_task *w[3] = {async_spawn_named("w1", waiter, "w1"), async_spawn_named("w2", waiter, "w2"),
                      async_spawn_named("w3", waiter, "w3")};
  async_sleep(1.5);
  async_event_set(ev);
  async_gather_n(3, w);
  CHECK(async_event_is_set(ev));
  async_event_free(ev);
  return NULL;
}

TEST(event_set_wakes_every_waiter_in_order) {
  CHECK_INT(async_run(set_after, NULL), 0);
  CHECK_STR(log_text(), "w1 0 at 1.5|w2 0 at 1.5|w3 0 at 1.5");
}

static void *already_set(void *arg) {
  (void)arg;
  ev = async_event_new();
  async_event_set(ev);
  CHECK_INT(async_event_wait(ev), 0);
  async_event_clear(ev);
  CHECK(!async_event_is_set(ev));
  async_task *w = async_spawn_named("w", waiter, "w");
  async_sleep(1);
  CHECK(!async_task_done(w)); /* cleared: it waits */
  async_event_set(ev);
  async_await(w, NULL);
  async_event_free(ev);
  return NULL;
}

TEST(waiting_on_a_set_event_returns_at_once_and_clear_resets_it) {
  CHECK_INT(async_run(already_set, NULL), 0);
  CHECK_STR(log_text(), "w 0 at 1.0");
}

static void *free_event_with_waiters(void *arg) {
  (void)arg;
  ev = async_event_new();
  async_task *w = async_spawn_named("w", waiter, "w");
  async_yield();
  async_event_free(ev);
  async_await(w, NULL);
  return NULL;
}

TEST(freeing_an_event_wakes_its_waiters_with_eclosed) {
  CHECK_INT(async_run(free_event_with_waiters, NULL), 0);
  CHECK_STR(log_text(), "w -1002 at 0.0");
}

/* Issue 14, bug 2: getters g0..g4 wait on an empty queue, g1 is cancelled,
 * then A and B are put (g0 and g2 take them) and later C, which is g3's, as
 * in asyncio. A waiter woken by its cancel (not by a put) has no wake to
 * pass on: passing one anyway woke g3 for nothing, and it went to the back,
 * behind g4. Putters on a full queue, the same. */
static void *fifo_getter(void *arg) {
  void *item;
  int rc = async_queue_get(q, &item);
  if (rc == 0) LOG("g%d got %c", (int)(intptr_t)arg, (int)(intptr_t)item);
  else LOG("g%d %s", (int)(intptr_t)arg, async_strerror(rc));
  return NULL;
}
static void *cancelled_getter_main(void *arg) {
  (void)arg;
  q = async_queue_new(0);
  async_task *g[5];
  for (intptr_t i = 0; i < 5; i++) g[i] = async_spawn_named("g", fifo_getter, (void *)i);
  async_yield(); /* all five wait */
  async_cancel(g[1]);
  async_queue_put(q, (void *)'A');
  async_queue_put(q, (void *)'B');
  async_sleep(1);
  async_queue_put(q, (void *)'C');
  async_sleep(1);
  async_cancel(g[4]);
  async_gather_n(5, g);
  async_queue_free(q);
  return NULL;
}

TEST(cancelled_getter_keeps_fifo_order_for_the_others) {
  CHECK_INT(async_run(cancelled_getter_main, NULL), 0);
  CHECK_STR(log_text(), "g1 cancelled|g0 got A|g2 got B|g3 got C|g4 cancelled");
}

static void *fifo_putter(void *arg) {
  int rc = async_queue_put(q, arg);
  if (rc == 0) LOG("p%c put", (int)(intptr_t)arg);
  else LOG("p%c %s", (int)(intptr_t)arg, async_strerror(rc));
  return NULL;
}
static void *cancelled_putter_main(void *arg) {
  (void)arg;
  q = async_queue_new(2);
  async_queue_put(q, (void *)'x');
  async_queue_put(q, (void *)'y');
  async_task *p[5];
  for (intptr_t i = 0; i < 5; i++) p[i] = async_spawn_named("p", fifo_putter, (void *)('0' + i));
  async_yield(); /* all five wait: the queue is full */
  async_cancel(p[1]);
  void *it;
  async_queue_get(q, &it);
  async_queue_get(q, &it);
  async_sleep(1); /* p0 and p2 put: full again */
  async_queue_get(q, &it);
  async_sleep(1);
  async_cancel(p[4]);
  async_gather_n(5, p);
  async_queue_free(q);
  return NULL;
}

TEST(cancelled_putter_keeps_fifo_order_for_the_others) {
  CHECK_INT(async_run(cancelled_putter_main, NULL), 0);
  CHECK_STR(log_text(), "p1 cancelled|p0 put|p2 put|p3 put|p4 cancelled");
}

/* Issue 19: a queue freed while a getter (putter) was woken by a put (get)
 * but has not run yet: it returns ASYNC_ECLOSED and never touches the
 * freed queue (heap-use-after-free under ASan before). */
static void *woken_getter(void *arg) {
  (void)arg;
  void *item = NULL;
  LOG("get: %s", async_strerror(async_queue_get(q, &item)));
  return NULL;
}
static void *woken_putter(void *arg) {
  (void)arg;
  LOG("put: %s", async_strerror(async_queue_put(q, (void *)2)));
  return NULL;
}
static void *free_woken_getter(void *arg) {
  (void)arg;
  q = async_queue_new(1);
  async_task *g = async_spawn(woken_getter, NULL);
  async_yield();
  async_queue_put(q, (void *)1); /* wakes the getter, which has not run */
  async_queue_free(q);
  async_await(g, NULL);
  q = async_queue_new(1);
  async_queue_put(q, (void *)1);
  async_task *p = async_spawn(woken_putter, NULL);
  async_yield();
  void *it;
  async_queue_get(q, &it); /* wakes the putter, which has not run */
  async_queue_free(q);
  async_await(p, NULL);
  return NULL;
}

TEST(queue_freed_after_a_wake_returns_ECLOSED) {
  CHECK_INT(async_run(free_woken_getter, NULL), 0);
  CHECK_STR(log_text(), "get: the object waited on was freed|put: the object waited on was freed");
}

/* Issue 19: a huge capacity must not wrap the buffer's size (32-bit size_t
 * in wasm): the ring grows as items come, and its neighbours stay intact. */
static void *huge_capacity(void *arg) {
  (void)arg;
  q = async_queue_new(1 << 30);
  CHECK(q != NULL);
  char *neighbour = malloc(256);
  memset(neighbour, 0x5a, 256);
  for (intptr_t i = 0; i < 1000; i++) CHECK_INT(async_queue_put(q, (void *)i), 0);
  int intact = 1;
  for (int i = 0; i < 256; i++) intact &= neighbour[i] == 0x5a;
  CHECK(intact);
  int in_order = 1;
  for (intptr_t i = 0; i < 1000; i++) {
    void *it;
    in_order &= async_queue_get(q, &it) == 0 && it == (void *)i;
  }
  CHECK(in_order);
  free(neighbour);
  async_queue_free(q);
  CHECK(async_queue_new(-1) == NULL);
  return NULL;
}

TEST(queue_with_a_huge_capacity_does_not_wrap) { CHECK_INT(async_run(huge_capacity, NULL), 0); }

/* asyncq.py's pattern: task_done and join; and the non-blocking calls. */
static void *worker_done(void *arg) {
  (void)arg;
  void *it;
  while (async_queue_get(q, &it) == 0) {
    async_sleep((double)(intptr_t)it);
    LOG("done %d at %.0f", (int)(intptr_t)it, async_now());
    async_queue_task_done(q);
  }
  return NULL;
}
static void *join_main(void *arg) {
  (void)arg;
  q = async_queue_new(2);
  CHECK_INT(async_queue_capacity(q), 2);
  CHECK_INT(async_queue_join(q), 0); /* nothing unfinished */
  CHECK_INT(async_queue_try_get(q, NULL), ASYNC_EEMPTY);
  CHECK_INT(async_queue_try_put(q, (void *)1), 0);
  CHECK_INT(async_queue_try_put(q, (void *)2), 0);
  CHECK(async_queue_full(q));
  CHECK_INT(async_queue_try_put(q, (void *)3), ASYNC_EFULL);
  async_task *w = async_spawn(worker_done, NULL);
  CHECK_INT(async_queue_put(q, (void *)1), 0);
  CHECK_INT(async_queue_join(q), 0);
  LOG("joined at %.0f", async_now());
  async_cancel(w);
  async_await(w, NULL);
  CHECK_INT(async_queue_task_done(q), ASYNC_EOVERFLOW);
  async_queue_free(q);
  return NULL;
}
TEST(queue_join_waits_for_task_done) {
  CHECK_INT(async_run(join_main, NULL), 0);
  CHECK_STR(log_text(), "done 1 at 1|done 2 at 3|done 1 at 4|joined at 4");
}
