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
};

/* Is the network selected by the --net patterns (all when n_nets == 0)? */
bool check_net_selected(const struct network *n, const char *const *nets, size_t n_nets);

/* The planned IPv4 host addresses of the selected networks that would come
 * up: VMware vmnets with a host adapter, libvirt networks whose forward mode
 * gives the host an address (inactive ones without autostart only when named
 * with --net).  An address the network's own device holds already is ours,
 * not probed.  0 or -ENOMEM. */
int check_probe_targets(const struct inventory *inv, const char *const *nets, size_t n_nets,
                        struct check_target **ret, size_t *n_ret);

/* One finding per target that is not free.  ifaces as given to the engine;
 * oui may be NULL.  0 or -ENOMEM. */
int check_probe_findings(const struct inventory *inv, const struct check_target *t, size_t n,
                         const struct probe_answer *answers, const struct probe_iface *ifaces,
                         const struct oui_db *oui, struct finding_list *out);

/* Selects interfaces (opt->ifaces or the default LAN ones), probes the
 * targets, appends findings, fills *sum (ifaces point into inv).  0 or
 * -errno with a message in err. */
struct options;
int check_probe_run(const struct options *opt, const struct inventory *inv,
                    const struct check_target *t, size_t n, struct finding_list *out,
                    struct probe_summary *sum, char *err, size_t errsize);

#endif
