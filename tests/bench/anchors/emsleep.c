/* emsleep.c - the clamped anchor: N emscripten_sleep(0), with emcc's own Asyncify glue. */
#include <emscripten.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 100;
  double t0 = emscripten_get_now();
  for (int i = 0; i < n; i++) emscripten_sleep(0);
  printf("{\"total_ms\":%.3f}\n", emscripten_get_now() - t0);
  return 0;
}
