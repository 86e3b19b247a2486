/*
 * watch_diff.h - what `watch` last reported, as a fixed-size table of
 * facts (one per finding: its key, a fingerprint of what it says, and the
 * strings an event needs), and the events that turn it into the next set
 * of findings: new, changed (same key, different message, severity or
 * claimant) and resolved.  A resolved event carries the fact as it was
 * last reported: the finding itself is gone by then.
 */
#ifndef VNETAUDIT_WATCH_DIFF_H
#define VNETAUDIT_WATCH_DIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "findings.h"

#define WATCH_MAX_FINDINGS 256          /* facts kept; more are counted, not kept */

enum watch_event {
        WATCH_EV_NEW,
        WATCH_EV_CHANGED,
        WATCH_EV_RESOLVED,
};

struct watch_fact {
        char *key;                      /* finding_key() */
        char *fingerprint;
        char *json;                     /* the finding object of check --json */
        char *code, *severity, *message;
        char *network, *address, *mac;  /* first of each, or NULL */
};

struct watch_diff {
        struct watch_fact facts[WATCH_MAX_FINDINGS];
        size_t n;
        unsigned long overflow;         /* findings not kept (table full) */
};

typedef void (*watch_emit_fn)(void *ud, enum watch_event ev, const struct watch_fact *f);

const char *watch_event_name(enum watch_event ev);

/* Compares the findings (view: n pointers) with the table, calls emit for
 * every difference (new and changed in view order, then resolved), and
 * makes the table the new set.  0 or -ENOMEM (the table is left as it was). */
int watch_diff_update(struct watch_diff *d, const struct finding *const *view, size_t n,
                      watch_emit_fn emit, void *ud);

void watch_diff_free(struct watch_diff *d);

#endif
