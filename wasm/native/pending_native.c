/*
 * pending_native.c - natively, when main returns, say on stderr which tasks
 * were still pending and are about to be cancelled, as the page does from the
 * event stream (web/reference/notices.js words it the same way). Tasks the
 * program cancelled itself are left out: it meant that.
 */
#include <stdio.h>
#include "internal.h"

void async__report_pending(void) {
  static const char *const word[] = {"sleeping", "waiting", "ready to run"};
  int n[3] = {0, 0, 0}, total = 0;
  for (async_task *t = async__L.all_head; t; t = t->all_next) {
    if (t->state == ASYNC__DONE || t->cancel_requested) continue;
    n[t->state != ASYNC__WAITING ? 2 : t->suspend_reason == ASYNC_WAIT_SLEEP ? 0 : 1]++;
    total++;
  }
  if (!total) return;
  char line[256];
  int len = snprintf(line, sizeof line, "async: ");
  for (int i = 0, said = 0, kinds = (n[0] > 0) + (n[1] > 0) + (n[2] > 0); i < 3; i++) {
    if (!n[i]) continue;
    const char *sep = !said ? "" : said == kinds - 1 ? " and " : ", ";
    if (!said) len += snprintf(line + len, sizeof line - (size_t)len, "%d task%s still %s", n[i], n[i] == 1 ? " was" : "s were", word[i]);
    else len += snprintf(line + len, sizeof line - (size_t)len, "%s%d %s %s", sep, n[i], n[i] == 1 ? "was" : "were", word[i]);
    said++;
  }
  fprintf(stderr, "%s when main returned and %s cancelled: await or gather %s\n", line, total == 1 ? "was" : "were", total == 1 ? "it" : "them");
}
