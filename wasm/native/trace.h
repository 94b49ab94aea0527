/* trace.h - the run as Chrome Trace Event JSON (ASYNC_TRACE=file.json, native). */
#ifndef ASYNC_TRACE_H
#define ASYNC_TRACE_H
#include "async.h"

void async__trace_open(const char *path); /* start a trace; a bad path warns on stderr */
void async__trace_event(const async_ev *ev);
int  async__trace_active(void);           /* a trace is being written */
void async__trace_close(void);            /* end open slices and finish the JSON */

#endif
