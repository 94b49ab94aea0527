static void *worker(void *arg) {
  double delay = atof(arg);
  for (int i = 1; i <= 2; i++) {
    async_sleep(delay);
    printf("%s: step %d\n", async_task_name(async_current()), i);
  }
  return NULL;
}
