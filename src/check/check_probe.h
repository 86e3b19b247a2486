/*
 * check_probe.h - the wire half of `check`: which planned host addresses to
 * probe (those of networks that would come up), and how the probe engine's
 * answers become address-in-use / address-probe-collision findings.
 * check_probe_targets() and check_probe_findings() are pure.
 */
#ifndef VNETAUDIT_CHECK_PROBE_H
#define VNETAUDIT_CHECK_PROBE_H

#include <stdbool.h>
#include <stddef.h>

#include "findings.h"
#include "inventory.h"
#include "oui.h"
#include "probe_engine.h"
#include "report_findings.h"

struct check_target {
        size_t net, subnet;             /* indexes into the inventory */
        struct addr addr;
        bool running;                   /* the network is up here: its device holds addr */
};

/* Is the network selected by the --net patterns (all when n_nets == 0)? */
bool check_net_selected(const struct network *n, const char *const *nets, size_t n_nets);

/* The planned IPv4 host addresses of the selected networks that would come
 * up: VMware vmnets with a host adapter, libvirt networks whose forward mode
 * gives the host an address (inactive ones without autostart only when named
 * with --net).  An address the network's own device holds already (the
 * network runs here) is probed too, on the LAN: another machine may claim
 * it while the network runs.  0 or -ENOMEM. */
int check_probe_targets(const struct inventory *inv, const char *const *nets, size_t n_nets,
                        struct check_target **ret, size_t *n_ret);

/* One finding per target that is not free.  ifaces as given to the engine;
 * oui may be NULL.  0 or -ENOMEM. */
int check_probe_findings(const struct inventory *inv, const struct check_target *t, size_t n,
                         const struct probe_answer *answers, const struct probe_iface *ifaces,
                         const struct oui_db *oui, struct finding_list *out);

/* What the probe phase did: data, never printed here.  error != 0 when
 * the phase could not run at all (no interface, not allowed to send);
 * otherwise each interface's status is in ifres. */
struct check_probe_outcome {
        const struct check_target *targets;     /* not owned */
        size_t n_targets;
        struct probe_answer *answers;           /* n_targets */
        struct probe_iface *ifaces;             /* names point into the inventory */
        size_t n_ifaces;
        struct probe_if_result *ifres;          /* n_ifaces */
        struct probe_stats stats;
        double window;
        int error;                              /* -errno: nothing was probed */
        char reason[PROBE_ERRMSG_MAX];
};

void check_probe_outcome_free(struct check_probe_outcome *o);

/* Selects interfaces (opt->ifaces or the default LAN ones) and probes the
 * targets.  Failures are data in *out; returns 0, or -ENOMEM. */
struct options;
int check_probe_phase(const struct options *opt, const struct inventory *inv,
                      const struct check_target *t, size_t n, struct check_probe_outcome *out);

/* A probe-incomplete warning naming each interface that failed and why, or
 * the reason nothing was probed; nothing when the phase went well.  Pure.
 * 0 or -ENOMEM. */
/* address-visible-on-lan infos: the host address of a network that runs
 * here is answered on each probe interface whose arp_ignore is 0 (read
 * from the running kernel).  0 or -ENOMEM. */
int check_probe_visible(const struct inventory *inv, const struct check_probe_outcome *o,
                        struct finding_list *out);

int check_probe_incomplete(const struct inventory *inv, const struct check_probe_outcome *o,
                           struct finding_list *out);

#endif
