/* null.c - a lookup that finds nothing returns NULL, and the caller writes
 * through it. Natively that is a segmentation fault; in wasm, address 0 is
 * ordinary memory, so the runtime has to notice the write. */
#include <stdio.h>
#include <string.h>
#include "async.h"

struct account { const char *owner; int balance; struct account *next; };

static struct account bob = {"bob", 10, NULL}, alice = {"alice", 20, &bob};

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
  a->balance = 100;
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

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
