/*
 * watch_events.h - what makes `watch` re-run its analysis: inotify on the
 * configuration files it reads (VMware's networking, locations and each
 * vmnet's dhcpd.conf/nat.conf, libvirt's network XML directories,
 * vnetaudit.conf; a write-to-temp-then-rename arrives as IN_MOVED_TO) and
 * rtnetlink notifications of links, addresses and routes (libnl's socket;
 * the neighbour group is not joined, so ARP/NDP churn never wakes us).
 * Both only say "something changed"; the caller debounces and re-analyses.
 */
#ifndef VNETAUDIT_WATCH_EVENTS_H
#define VNETAUDIT_WATCH_EVENTS_H

#include <stdbool.h>
#include <stddef.h>

#include "options.h"

#define WATCH_EVENTS_MAX_DIRS 64        /* inotify watches kept (fixed) */

struct nl_sock;

struct watch_events {
        int ino;                        /* inotify descriptor, -1 when none */
        int wd[WATCH_EVENTS_MAX_DIRS];
        size_t n_wd;
        char config_name[256];          /* vnetaudit.conf's base name in its directory */
        int config_wd;
        struct nl_sock *nl;             /* NULL with --offline */
        int nl_fd;
        unsigned long nl_events, file_events;
};

/* Opens the inotify and netlink descriptors (netlink unless opt->offline)
 * and watches the configuration directories.  0 or -errno with a message. */
int watch_events_open(struct watch_events *e, const struct options *opt, char *err, size_t errsize);
/* Re-reads which directories exist (a vmnet added) and watches them. */
int watch_events_rewatch(struct watch_events *e, const struct options *opt);
void watch_events_close(struct watch_events *e);

/* Drains the descriptor; true when a relevant change was seen. */
bool watch_events_files(struct watch_events *e);
bool watch_events_netlink(struct watch_events *e);

#endif
