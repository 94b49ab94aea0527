/*
 * chained.c - chained coroutines: each chain runs step 1, then step 2 with step 1's result.
 *
 * From realpython's async-IO tutorial (chained.py). Within one chain the
 * steps run one after the other, because step 2 needs step 1's result; the
 * three chains run concurrently, so the program takes as long as the slowest
 * chain, not the sum of all. In C, "await part1(n)" is a plain call: a
 * function called from a task may suspend (here in async_sleep) and its
 * caller simply waits for it to return. The tutorial's random delays are a
 * fixed table here, so the output is the same every run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "async.h"

static const double delays[4][2] = {{0, 0}, {0.4, 0.2}, {0.1, 0.9}, {0.7, 0.3}}; /* part1, part2 per chain */

static void part1(int n, char *result, size_t size) {
  printf("%.1fs part1(%d) sleeping for %.1f seconds.\n", async_now(), n, delays[n][0]);
  async_sleep(delays[n][0]);
  snprintf(result, size, "result%d-1", n);
  printf("%.1fs Returning part1(%d) == %s.\n", async_now(), n, result);
}

static void part2(int n, const char *arg, char *result, size_t size) {
  printf("%.1fs part2(%d, '%s') sleeping for %.1f seconds.\n", async_now(), n, arg, delays[n][1]);
  async_sleep(delays[n][1]);
  snprintf(result, size, "result%d-2 derived from %s", n, arg);
  printf("%.1fs Returning part2(%d, '%s') == %s.\n", async_now(), n, arg, result);
}

static void *chain(void *arg) {
  int n = *(int *)arg;
  double start = async_now();
  char p1[32], p2[64];
  part1(n, p1, sizeof p1);     /* p1 = await part1(n) */
  part2(n, p1, p2, sizeof p2); /* p2 = await part2(n, p1) */
  printf("%.1fs -->Chained result%d => %s (took %.2f seconds).\n", async_now(), n, p2, async_now() - start);
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  static int ns[] = {1, 2, 3};
  async_task *chains[3];
  for (int i = 0; i < 3; i++) chains[i] = async_spawn_named(i == 0 ? "chain_1" : i == 1 ? "chain_2" : "chain_3", chain, &ns[i]);
  async_gather_n(3, chains);
  printf("Program finished in %.2f seconds.\n", async_now());
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
