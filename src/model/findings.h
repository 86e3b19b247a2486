/*
 * findings.h - what the audit concludes: a list of findings, each with a
 * stable kebab-case code, a severity, a one-line message naming both sides,
 * a hint, and the networks, addresses and origins involved.  Analysis and
 * probing produce them; reports, audit state and mail consume them.
 */
#ifndef VNETAUDIT_FINDINGS_H
#define VNETAUDIT_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>

#include "severity.h"

enum finding_code {
        F_SUBNET_OVERLAP,
        F_DUPLICATE_HOST_ADDRESS,
        F_SUBNET_CONFLICTS_INTERFACE,
        F_SUBNET_CONFLICTS_ROUTE,
        F_ADDRESS_IN_USE,
        F_ADDRESS_PROBE_COLLISION,
        F_DHCP_RANGE_OUTSIDE_SUBNET,
        F_DHCP_RANGE_OVERLAP,
        F_DHCP_RANGE_CONTAINS_ADDRESS,
        F_FIXED_ADDRESS_OUTSIDE_SUBNET,
        F_FIXED_ADDRESS_DUPLICATE,
        F_ADAPTER_ADDRESS_OUTSIDE_SUBNET,
        F_DHCP_CONFIG_STALE,
        F_CONFIG_ERROR,
        F_ADDRESS_POOL_OVERLAP,
        F_PROBE_INCOMPLETE,             /* a probe phase that could not run fully */
        F_VMWARE_REFUSED_NETWORK,       /* vnetlib's logged verdict */
        F_ADDRESS_VISIBLE_ON_LAN,       /* weak host model: our address answered on the LAN */
        _F_CODE_MAX,
};

struct finding {
        enum finding_code code;
        enum severity severity;
        char *message;          /* one line naming both sides */
        char *hint;             /* what to do */
        char **networks;        /* "vmware:vmnet6", "host:eth0" ... */
        size_t n_networks;
        char **addresses;       /* textual addresses / prefixes involved */
        size_t n_addresses;
        char **origins;         /* "file:line" or "kernel (ifindex N)" of each side */
        size_t n_origins;
        char *mac;              /* address-in-use: who answered; else NULL */
        char *vendor;
        char *interface;        /* where it was seen; else NULL */
        char **hosts;           /* fleet: the hosts involved; empty for check */
        size_t n_hosts;
        bool vlan;              /* address-in-use: the answer had an 802.1Q tag ... */
        unsigned vlan_id;       /* ... with this VID */
        struct finding_related {        /* findings that explain this one, or that it explains */
                enum finding_code code;
                char **addresses;
                size_t n_addresses;
        } *related;
        size_t n_related;
};

struct finding_list {
        struct finding *v;
        size_t n, cap;
};

const char *finding_code_name(enum finding_code c);
/* -1 when unknown. */
int finding_code_from_name(const char *s);

/* Appends a finding with message and hint formatted by the caller;
 * returns it (zeroed lists) or NULL on ENOMEM. */
struct finding *finding_add(struct finding_list *l, enum finding_code code, enum severity sev,
                            const char *message, const char *hint);
int finding_add_network(struct finding *f, const char *id);
int finding_add_address(struct finding *f, const char *addr);
int finding_add_origin(struct finding *f, const char *origin);
int finding_add_host(struct finding *f, const char *host);
/* Names another finding (its code and addresses) as related.  0 or -ENOMEM. */
int finding_add_related(struct finding *f, const struct finding *other);
/* A key that identifies the same conflict across runs (code + sorted
 * networks + addresses); malloc'd, NULL on ENOMEM. */
char *finding_key(const struct finding *f);
/* Most severe first, then by code, then by key: a stable report order. */
void finding_list_sort(struct finding_list *l);
/* Keeps the findings for which keep() is true, freeing the others, in order. */
void finding_list_filter(struct finding_list *l, bool (*keep)(const struct finding *f, void *ud),
                         void *ud);
/* Drops findings whose key equals an earlier one's; then sorts. */
int finding_list_dedup(struct finding_list *l);
size_t finding_count(const struct finding_list *l, enum severity sev);
void finding_list_free(struct finding_list *l);

#endif
