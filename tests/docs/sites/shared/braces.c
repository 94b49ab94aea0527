#include <stdio.h>
#include "async.h"

struct order { const char *item; double wait; };

static void *cook(void *arg) {
  struct order *o = arg;
  async_sleep(o->wait);
  printf("%s ready after %.1f s\n", o->item, async_now());
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  struct order orders[] = { { "soup", 0.4 }, { "tea", 0.1 }, { "bread", 0.2 } };
  async_task *tasks[3];
  for (int i = 0; i < 3; i++) { tasks[i] = async_spawn_named(orders[i].item, cook, &orders[i]); }
  async_gather_n(3, tasks);
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
