/*
 * watch_core.h - the state of `vnetaudit watch` and its three inputs:
 * analysis (the check pipeline without probing, re-run on demand),
 * probe rounds (the probe engine through the persistent endpoints of
 * watch_io.h, one per interval, see watch_sched.h) and passive frames (any
 * ARP frame heard between rounds).  Each input ends in the same step: the
 * findings (static + what the wire says) are compared with what was last
 * reported (watch_diff.h) and every difference is an event.  Memory is
 * fixed by the inventory, never by traffic: per address a fixed claim table
 * (PROBE_MAX_CLAIMS), per interface one capture.  Prints nothing.
 */
#ifndef VNETAUDIT_WATCH_CORE_H
#define VNETAUDIT_WATCH_CORE_H

#include <stdbool.h>
#include <stddef.h>

#include "audit_config.h"
#include "check_probe.h"
#include "check_run.h"
#include "inventory.h"
#include "oui.h"
#include "options.h"
#include "watch_diff.h"
#include "watch_io.h"
#include "watch_sched.h"

struct watch {
        struct options opt;             /* the command line (not owned strings) */
        double interval, window;
        uint64_t seed;                  /* 0 = random (tests fix it) */
        struct watch_io wio;            /* io = watch_io_ops over it */
        struct watch_sched sched;
        watch_emit_fn emit;
        void *emit_ud;

        /* the last analysis */
        bool analysed;
        struct check_result res;        /* static findings */
        struct inventory inv;
        struct audit_config cfg;
        struct options eff;             /* opt with vnetaudit.conf applied */
        struct check_target *targets;   /* planned (probed) first, then live (listened for) */
        size_t n_targets, n_probe;
        struct probe_target *ptargets;
        struct probe_iface *ifaces;
        size_t n_ifaces;
        uint8_t (*macs)[6];
        size_t n_macs;
        struct probe_answer *round, *passive;   /* n_targets each */
        struct probe_if_result *ifres;          /* n_ifaces */
        int if_error;                   /* no interface / no endpoint could be opened */
        char if_reason[PROBE_ERRMSG_MAX];
        int round_error;                /* the last round could not run */
        char round_reason[PROBE_ERRMSG_MAX];
        bool round_done;                /* at least one round since the analysis */

        struct oui_db oui;
        struct watch_diff diff;
        struct finding_list wire;       /* findings from the wire, rebuilt on change */

        bool stale;                     /* a capture failed: the caller re-analyses */

        /* counters */
        unsigned long rounds, sent, frames, malformed, drops;
};

/* Sets up w (opt is copied; strings must outlive w).  io/io_ctx: the
 * backend below watch_io (libpcap, or a fake); fd_of as in watch_io.h. */
void watch_init(struct watch *w, const struct options *opt, double interval,
                const struct probe_io_ops *io, void *io_ctx, int (*fd_of)(void *h),
                watch_emit_fn emit, void *ud);
void watch_free(struct watch *w);

/* (Re-)runs the analysis, (re-)opens the captures of the chosen interfaces
 * and reports what changed.  0; or -errno when a phase stopped the check
 * (w->res.failure says why; the previous state is kept). */
int watch_analyse(struct watch *w);

/* Installs a probe plan without an analysis (no inventory, so no
 * findings or events: what the wire said is in w->round / w->passive) and
 * opens the captures.  For the fake-clock unit tests of scheduling; the
 * shipped path is watch_analyse().  0, -ENOMEM or the first open error. */
int watch_set_plan(struct watch *w, const struct in_addr *addrs, size_t n_probe, size_t n_listen,
                   const struct probe_iface *ifaces, size_t n_ifaces);

/* Runs one probe round if one is due at now; 1 when it ran, 0 if not due,
 * -ECANCELED when cancelled, -ENOMEM. */
int watch_round_if_due(struct watch *w);

/* Reads the frames pending on every capture (ready[k] for endpoint k of
 * w->ifaces, NULL = all) and reports what they change.  0 or -ENOMEM. */
int watch_listen(struct watch *w, const bool *ready);

/* One turn of the loop: a due round, then waiting (at most until
 * `until`, seconds on the seam's clock) for frames and the extra
 * descriptors, then the frames.  0, -ECANCELED, or -errno. */
int watch_step(struct watch *w, double until);

#endif
