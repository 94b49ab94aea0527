/* memory.h - how much memory the program holds: linear memory in wasm (it
 * only grows), the resident set natively. Shared by parked.c and the
 * sleepers benchmark. */
#ifndef MEMORY_H
#define MEMORY_H
#include <stdio.h>

static long memory_bytes(void) {
#ifdef __wasm__
  return (long)__builtin_wasm_memory_size(0) * 65536L;
#else
  long pages = 0, rss = 0;
  FILE *f = fopen("/proc/self/statm", "r");
  if (f) {
    if (fscanf(f, "%ld %ld", &pages, &rss) != 2) rss = 0;
    fclose(f);
  }
  return rss * 4096L;
#endif
}

#endif
