/*
 * suggest.h - candidate subnets for a new virtual network: pools (the
 * caller's, or RFC 1918 / an RFC 4193 ULA /48 by default) minus the crowded
 * stock defaults minus everything the inventory holds, in pool order.  Pure:
 * prefixes in, candidates and reasons out.  Checking candidates on the wire
 * and printing are cmd_suggest.c's job.
 */
#ifndef VNETAUDIT_SUGGEST_H
#define VNETAUDIT_SUGGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "inventory.h"

#define SUGGEST_WHY_MAX 200
#define SUGGEST_SAMPLES_MAX 5

enum suggest_excl_kind {
        SUGGEST_EXCL_NETWORK,           /* a network's subnet (VMware, libvirt, containers) */
        SUGGEST_EXCL_ADDRESS,           /* an address of a host interface */
        SUGGEST_EXCL_ROUTE,             /* a route of any table */
        SUGGEST_EXCL_CROWDED,           /* a stock default of routers and tools */
        SUGGEST_EXCL_OTHER,             /* the caller's */
        SUGGEST_EXCL_POOL,              /* a container manager's allocation pool */
};

struct suggest_excl {
        struct prefix prefix;           /* normalised */
        enum suggest_excl_kind kind;
        char why[SUGGEST_WHY_MAX];      /* "overlaps vmware:vmnet2 (/etc/vmware/networking:4)" */
};

struct suggest_ctx {
        int family;                     /* AF_INET or AF_INET6 */
        unsigned len;                   /* prefix length of the candidates */
        struct prefix *pools;
        size_t n_pools, cap_pools;
        struct suggest_excl *excl;
        size_t n_excl, cap_excl;
        /* what the exclusions covered, for "checked" */
        size_t n_networks, n_addresses, n_routes;
        size_t n_alloc_pools;           /* inventory pools (Docker, Podman) */
        /* the cursor */
        size_t pool;
        struct addr next;
        bool started, done;
};

/* One step of the walk: a free candidate, or a skipped one and why. */
struct suggest_step {
        bool free;
        struct prefix prefix;           /* the candidate (normalised) */
        const struct suggest_excl *why; /* skipped: the first exclusion it overlaps */
        bool skipped_range;             /* skipped: the whole exclusion was jumped over */
};

void suggest_init(struct suggest_ctx *c, int family, unsigned len);
void suggest_free(struct suggest_ctx *c);

/* Valid candidate lengths: IPv4 8..30 (a /31 or /32 holds no network
 * with a host, a gateway and clients), IPv6 16..64 (SLAAC needs a /64). */
bool suggest_len_valid(int family, unsigned len);

/* A pool of the context's family, no longer than the candidates.
 * 0, -EAFNOSUPPORT (other family), -EDOM (pool smaller than a candidate),
 * -ENOMEM. */
int suggest_add_pool(struct suggest_ctx *c, const struct prefix *pool);
/* The default pools: IPv4 192.168.0.0/16, 172.16.0.0/12, 10.0.0.0/8 in that
 * order; IPv6 one ULA /48 (RFC 4193 3.2: fd + a 40-bit global ID derived
 * from seed by SHA-1, so one host always gets the same /48 and two hosts
 * different ones).  IPv6 needs a non-empty seed (-EINVAL otherwise). */
int suggest_default_pools(struct suggest_ctx *c, const void *seed, size_t seed_len);
/* The stock defaults of home routers, VMware/VirtualBox, libvirt, Docker,
 * Podman, Kubernetes and VPNs that the default pools skip (IPv4 only). */
int suggest_exclude_crowded(struct suggest_ctx *c);
/* Exclusions outside every pool are dropped: add the pools first. */
int suggest_add_exclusion(struct suggest_ctx *c, const struct prefix *p,
                          enum suggest_excl_kind kind, const char *why);
/* Every network's subnet (VMware, libvirt, Docker, Podman, Incus), every
 * container manager's allocation pool (the next `docker network create`
 * may pick any subnet of it), host interface address and route of
 * every table in inv.  A route broader than a pool (a default route, a
 * VPN's 0.0.0.0/1 halves) would exclude the whole pool: while walking that
 * pool it is not counted. */
int suggest_exclude_inventory(struct suggest_ctx *c, struct inventory *inv);

/* The next step in pool order: 1 with *ret, or 0 when the pools are used
 * up.  A candidate inside an earlier pool is not offered twice. */
int suggest_next(struct suggest_ctx *c, struct suggest_step *ret);

/* The addresses to probe for candidate p.  IPv4: the first host (.1), the
 * last (.254 of a /24), and the quarter points; distinct, no network or
 * broadcast address.  IPv6: ::1 and ::2 of the prefix.  Returns how many
 * (<= SUGGEST_SAMPLES_MAX). */
size_t suggest_samples(const struct prefix *p, struct addr out[static SUGGEST_SAMPLES_MAX]);

/* Ready-to-paste configuration for candidate p.  The VMware lines of a
 * host-only vmnet number vmnet (IPv4 only; returns 0 lines for IPv6), one
 * per buffer; the libvirt <ip> element as one string.  -ENOBUFS when a
 * buffer is too small. */
#define SUGGEST_LINE_MAX 96
#define SUGGEST_VMW_LINES 4
int suggest_vmware_lines(const struct prefix *p, unsigned vmnet,
                         char lines[SUGGEST_VMW_LINES][SUGGEST_LINE_MAX]);
int suggest_libvirt_ip(const struct prefix *p, char *buf, size_t size);
/* The lowest vmnet number (1..254, never 0 or 8, VMware's bridged and NAT
 * defaults) that no VMware network of inv uses. 0 when none is left. */
unsigned suggest_free_vmnet(const struct inventory *inv);

#endif
