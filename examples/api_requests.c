/*
 * api_requests.c - two requests in flight at once: the faster answer is handled first.
 *
 * From the asyncio tutorial's data-mining story: request 1 goes to a slow
 * endpoint, request 2 to a fast one. Sent one after the other and awaited
 * concurrently, response 2 is handled while response 1 is still on its way,
 * and both are in after the slower one's latency, not the sum of the two.
 * (fetch() stands in for a network call with async_sleep.)
 */
#include <stdio.h>
#include "async.h"

typedef struct {
  int         id;
  const char *endpoint;
  double      latency; /* seconds the server takes */
  int         bytes;
} request;

static void *fetch(void *arg) {
  request *r = arg;
  printf("request %d: sent to %s\n", r->id, r->endpoint);
  async_sleep(r->latency); /* waiting for the network: others run */
  printf("request %d: got %d bytes after %.1f s\n", r->id, r->bytes, async_now());
  return r;
}

static void *amain(void *arg) {
  (void)arg;
  request requests[] = {
      {1, "/api/archive (slow)", 1.5, 52000},
      {2, "/api/latest (fast)", 0.4, 800},
  };
  async_task *t1 = async_spawn(fetch, &requests[0]);
  async_task *t2 = async_spawn(fetch, &requests[1]);
  async_gather(t1, t2);
  printf("both responses in after %.1f s (one after the other: %.1f s)\n", async_now(),
         requests[0].latency + requests[1].latency);
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
