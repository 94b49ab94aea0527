/*
 * api_sequential.c - two requests one after the other: the fast answer waits for the slow one.
 *
 * From the asyncio tutorial's data-mining story, told the synchronous way:
 * send request 1, wait for response 1, then send request 2 and wait for
 * response 2. Request 2 goes to a fast endpoint, but it is not even sent
 * until the slow response 1 is in, so the two take the sum of their
 * latencies. api_requests.c sends both at once. (fetch() stands in for a
 * network call with async_sleep.)
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
  async_sleep(r->latency); /* waiting for the network */
  printf("request %d: got %d bytes after %.1f s\n", r->id, r->bytes, async_now());
  return r;
}

static void *amain(void *arg) {
  (void)arg;
  request requests[] = {
      {1, "/api/archive (slow)", 1.5, 52000},
      {2, "/api/latest (fast)", 0.4, 800},
  };
  /* one at a time: each request is awaited before the next is sent */
  async_await(async_spawn(fetch, &requests[0]), NULL);
  async_await(async_spawn(fetch, &requests[1]), NULL);
  printf("both responses in after %.1f s\n", async_now());
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
