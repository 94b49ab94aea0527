/*
 * stdin.c - standard C input: scanf, getchar and fgets read the lines typed
 * into the page's Input box (stdin natively). Like libc's sleep they block
 * the loop: the ticker cannot tick while main waits for a line.
 */
#include <stdio.h>
#include "async.h"

static void *ticker(void *arg) {
  (void)arg;
  for (int i = 0; i < 3; i++) {
    printf("tick %d\n", i);
    async_sleep(0.1);
  }
  return NULL;
}

static void *amain(void *arg) {
  (void)arg;
  async_task *t = async_spawn(ticker, NULL);
  async_yield(); /* the ticker ticks once, then sleeps */
  char name[32];
  printf("Your name? ");
  if (scanf("%31s", name) != 1) {
    puts("no name");
    return NULL;
  }
  printf("Hello, %s!\n", name);
  int c;
  while ((c = getchar()) != '\n' && c != EOF) {} /* the rest of that line */
  char line[64];
  if (fgets(line, sizeof line, stdin)) printf("fgets: %s", line);
  int n = 0;
  while (getchar() != EOF) n++;
  printf("%d more bytes, then end of input (feof: %d)\n", n, feof(stdin) != 0);
  async_await(t, NULL);
  return NULL;
}

int main(void) { return async_run(amain, NULL) == 0 ? 0 : 1; }
