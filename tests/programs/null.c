/* null.c - a lookup that finds nothing returns NULL, and the caller writes
 * through it. Natively that is a segmentation fault; in wasm, address 0 is
 * ordinary memory, so the runtime has to notice the write.
 *   null           writes the balance (address 4: checked after the slice)
 *   null history   writes history[20] (address 92: checked at the host's
 *                  next turn or the end of the run, without the task) */
#include <stdio.h>
#include <string.h>
#include "async.h"

struct account { const char *owner; int balance; struct account *next; int history[32]; };

static struct account bob = {"bob", 10, NULL, {0}}, alice = {"alice", 20, &bob, {0}};
static int far; /* write history[20], not the balance */

/* Not inlined: a compiler that sees the NULL store may assume the loop never
 * ends without a match and drop its exit test (undefined behaviour). */
__attribute__((noinline)) static struct account *find(const char *owner) {
  for (struct account *a = &alice; a; a = a->next)
    if (strcmp(a->owner, owner) == 0) return a;
  return NULL;
}

static void *teller(void *arg) {
  const char *owner = arg;
  async_sleep(0.1);
  struct account *a = find(owner); /* "carol" has no account */
  if (far) a->history[20] = 100;
  else a->balance = 100;
  async_sleep(0.1);
  printf("%s now has %d\n", owner, a->balance);
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  puts("paying carol");
  async_task *t = async_spawn_named("teller", teller, "carol");
  async_await(t, NULL);
  return NULL;
}

int main(int argc, char **argv) {
  far = argc > 1 && strcmp(argv[1], "history") == 0;
  return async_run(amain, NULL) == 0 ? 0 : 1;
}
