/*
 * analysis_emit.h - how the checks of the analysis build a finding: one
 * call with its code, severity, hint, message and both sides (networks,
 * addresses, origins, interface); the rest of a grouped finding is added
 * with emit_net/emit_addr/emit_origin.  Allocation failures are sticky in
 * the emitter, so a check runs on and the caller tests once.  No I/O.
 */
#ifndef VNETAUDIT_ANALYSIS_EMIT_H
#define VNETAUDIT_ANALYSIS_EMIT_H

#include <stdio.h>

#include "findings.h"
#include "inventory.h"

struct emitter {
        struct finding_list *out;
        int enomem;             /* set by any failed allocation; never cleared */
};

/* One finding.  Every pointer may be NULL (that side is not named); the
 * lists of the finding keep the order given here. */
struct emit {
        enum finding_code code;
        enum severity sev;
        char *hint;                             /* malloc'd by the caller, taken; NULL
                                                   means its formatting ran out of memory,
                                                   so no finding is added */
        const char *nets[2];                    /* network ids */
        const char *addrs[2];                   /* addresses or prefixes, as text */
        const struct origin *origins[2];        /* where each side is configured */
        const char *interface;                  /* where it was seen */
};

/* A malloc'd string, or NULL on ENOMEM. */
char *emit_fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));

/* Appends the finding described by e (its hint is taken even on failure)
 * with the message formatted here.  NULL (and e->enomem) on ENOMEM. */
struct finding *emit_finding(struct emitter *em, const struct emit *e, const char *f, ...)
        __attribute__((format(printf, 3, 4)));

/* "a (x), b (y), ... and 1990 more" for the n members of a grouped
 * finding: item writes the i-th (the first `named` are written, the
 * finding's lists hold them all).  Malloc'd, or NULL on ENOMEM. */
char *emit_list(size_t n, size_t named, void (*item)(FILE *f, const void *v, size_t i), const void *v);

/* More members of a finding (fd may be NULL: nothing happens). */
void emit_net(struct emitter *em, struct finding *fd, const char *id);
void emit_addr(struct emitter *em, struct finding *fd, const char *a);
void emit_origin(struct emitter *em, struct finding *fd, const struct origin *o);

#define ORIGIN(o) origin_format((o), (char[512]){ 0 }, 512)
#define ADDR(a) addr_format((a), (char[ADDR_STRLEN]){ 0 })
#define PREFIX(p) prefix_format((p), (char[PREFIX_STRLEN]){ 0 })

#endif
