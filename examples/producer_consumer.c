/*
 * producer_consumer.c - a bounded queue hands work from a producer to two consumers.
 *
 * The producer makes a job every 0.1 s; the two consumers take 0.5 s per job,
 * so they fall behind. The queue holds 2 jobs: when it is full, put waits
 * (back-pressure slows the producer down); when it is empty, get waits.
 * A NULL job tells a consumer to stop.
 */
#include <stdint.h>
#include <stdio.h>
#include "async.h"

static async_queue *jobs;

static void *producer(void *arg) {
  (void)arg;
  for (intptr_t n = 1; n <= 6; n++) {
    async_sleep(0.1);
    double made = async_now();
    async_queue_put(jobs, (void *)n); /* waits while the queue is full */
    if (async_now() > made) printf("%.1fs producer: job %d queued after waiting %.1f s\n", async_now(), (int)n, async_now() - made);
    else printf("%.1fs producer: job %d queued\n", async_now(), (int)n);
  }
  async_queue_put(jobs, NULL); /* one stop signal per consumer */
  async_queue_put(jobs, NULL);
  return NULL;
}

static void *consumer(void *arg) {
  const char *name = arg;
  for (;;) {
    void *job;
    async_queue_get(jobs, &job); /* waits while the queue is empty */
    if (!job) break;
    printf("%.1fs %s: working on job %d\n", async_now(), name, (int)(intptr_t)job);
    async_sleep(0.5);
  }
  printf("%.1fs %s: no more jobs\n", async_now(), name);
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  jobs = async_queue_new(2);
  async_task *p = async_spawn(producer, NULL);
  async_task *c1 = async_spawn_named("consumer_1", consumer, "consumer 1");
  async_task *c2 = async_spawn_named("consumer_2", consumer, "consumer 2");
  async_gather(p, c1, c2);
  async_queue_free(jobs);
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
