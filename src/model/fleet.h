/*
 * fleet.h - the fleet model: the inventories of many hosts, as `list --json`
 * printed them on each host, read back (parsers/inv_json) and told apart by
 * host name and machine id; and which hosts share a LAN.  Loading never
 * stops at a bad file: its problem is a diagnostic and the rest is kept.
 * Shared by `fleet` and `map`.
 */
#ifndef VNETAUDIT_FLEET_H
#define VNETAUDIT_FLEET_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "inventory.h"

struct fleet_host {
        char *name;                     /* how findings name it: the inventory's host */
        char *file;                     /* where its inventory was read ("-" = stdin) */
        char *machine_id;               /* NULL when the inventory has none */
        long long timestamp;            /* -1 when unknown */
        bool offline;                   /* inventory made without interfaces */
        int lan;                        /* fleet_lan_assign(): LAN id, -1 = any LAN */
        struct inventory inv;
};

struct fleet {
        struct fleet_host *hosts;
        size_t n_hosts, cap_hosts;
        struct diag_list diags;         /* per-file problems; errors = unusable files */
        size_t n_files;                 /* inventories read (usable or not) */
};

/* A LAN declared by hand: these hosts share one segment. */
struct fleet_segment {
        char *name;
        char **hosts;
        size_t n_hosts;
};

void fleet_init(struct fleet *f);
void fleet_free(struct fleet *f);

/* Adds the inventory in buf, read from file.  A file that is not a usable
 * inventory, or a second inventory of a known host that is not newer, is an
 * error in f->diags; a newer one replaces the older (and says so).  0 or -ENOMEM. */
int fleet_add_buffer(struct fleet *f, const char *buf, size_t len, const char *file);
/* Each argument is a file, a directory (its regular files whose names do
 * not start with '.', in name order) or "-" (standard input, once).  0 or -ENOMEM. */
int fleet_load(struct fleet *f, char *const *args, size_t n);

/* "NAME=HOST,HOST..." (blanks also separate hosts).  0, -EINVAL or -ENOMEM. */
int fleet_segment_parse(const char *s, struct fleet_segment *ret);
void fleet_segment_free(struct fleet_segment *s);

/* Is this an interface onto the LAN (not loopback, not a virtual network's
 * device, tap, tun, vmnet, wireguard; a bridge only with a wired port)? */
bool fleet_is_lan_interface(const struct inventory *inv, const struct interface *ifc);
/* Sets every host's lan: hosts whose LAN interfaces share a subnet (not
 * link-local) share a LAN; offline inventories are on any LAN (-1);
 * segments override.  Unknown hosts in segments are warnings.  0 or -ENOMEM. */
int fleet_lan_assign(struct fleet *f, const struct fleet_segment *segs, size_t n_segs);
bool fleet_same_lan(const struct fleet *f, size_t a, size_t b);

#endif
