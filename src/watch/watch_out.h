/*
 * watch_out.h - where the events of `watch` go: one line per event on a
 * stream, flushed as written (text for a person, or one JSON object per
 * line: event, time, finding), or, under systemd with stdout connected to
 * the journal (JOURNAL_STREAM names our stdout), one journal entry per
 * event with structured fields (sd-journal) instead of the line, so each
 * event is logged once.  Plus sd_notify readiness and watchdog.
 */
#ifndef VNETAUDIT_WATCH_OUT_H
#define VNETAUDIT_WATCH_OUT_H

#include <stdbool.h>
#include <stdio.h>

#include "watch_diff.h"

struct watch_out {
        FILE *f;
        bool json;
        bool journal;                   /* sd_journal_send instead of lines */
        int error;                      /* the first write error, -errno */
        unsigned long events;
};

/* True when stdout is the stream JOURNAL_STREAM names (systemd's
 * StandardOutput=journal). */
bool watch_out_stdout_is_journal(void);

/* watch_emit_fn: writes one event. */
void watch_out_emit(void *ud, enum watch_event ev, const struct watch_fact *f);

/* sd_notify(READY=1) once; the watchdog period in seconds (0 = none). */
void watch_out_ready(void);
double watch_out_watchdog_period(void);
void watch_out_watchdog(void);
void watch_out_stopping(void);

#endif
