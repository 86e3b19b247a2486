/*
 * probe_engine.h - RFC 5227 ARP probing of IPv4 addresses and RFC 4862
 * duplicate address detection of IPv6 addresses, many addresses on many
 * interfaces at once, in one event loop and one probe window.  Used by
 * `vnetaudit probe` and by `check` (planned host addresses).  Results are
 * data: "in use" is an outcome, not an error; errors are -errno + message.
 */
#ifndef VNETAUDIT_PROBE_ENGINE_H
#define VNETAUDIT_PROBE_ENGINE_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arp_codec.h"
#include "nd_codec.h"
#include "probe_io.h"

#define PROBE_MAX_CLAIMS 8              /* per target: memory stays bounded */
#define PROBE_ERRMSG_MAX 256

struct probe_iface {
        const char *name;               /* not owned */
        int ifindex;
        uint8_t mac[6];                 /* the source of our probes */
};

struct probe_target {
        struct in_addr addr;            /* family AF_INET (or 0): the address */
        void *tag;                      /* the caller's, handed back untouched */
        int family;                     /* 0 or AF_INET: ARP; AF_INET6: NDP DAD */
        struct in6_addr addr6;          /* family AF_INET6: the address */
};

enum probe_state {
        PROBE_FREE,
        PROBE_IN_USE,                   /* an ARP with this sender IP, or an NA for
                                           this target, from a foreign MAC */
        PROBE_COLLISION,                /* only another host's probe (ARP probe,
                                           DAD NS) for it was seen */
        _PROBE_STATE_MAX,
};

struct probe_claim {
        uint8_t mac[6];                 /* Ethernet source */
        uint8_t arp_mac[6];             /* ARP sender hardware address; for NDP the
                                           NA's target link-layer address option */
        bool arp_mac_differs;
        bool ndp;                       /* heard by NDP (IPv6), not ARP */
        bool probe;                     /* a probe (sender IP 0), not a claim of use */
        bool vlan;                      /* the answer carried an 802.1Q tag ... */
        uint16_t vlan_id;               /* ... with this VID */
        size_t iface;                   /* index into probe_params.ifaces */
        double at;                      /* seconds after the start: its first frame */
};

struct probe_answer {
        enum probe_state state;
        struct probe_claim claims[PROBE_MAX_CLAIMS];
        size_t n_claims;
        bool claims_truncated;          /* more distinct claimants than we keep */
};

struct probe_params {
        const struct probe_target *targets;
        size_t n_targets;
        const struct probe_iface *ifaces;
        size_t n_ifaces;
        const uint8_t (*our_macs)[6];   /* every MAC of this host: never a conflict */
        size_t n_our_macs;
        unsigned retries;               /* probes per address and interface, >= 1 */
        double timeout;                 /* seconds of the whole window */
        unsigned rate;                  /* packets per second per interface */
        bool keep_privileges;           /* tests: do not drop capabilities */
        uint64_t seed;                  /* jitter; 0 = random (tests fix it) */
};

/* What became of one interface.  Answers received before a failure stand. */
enum probe_if_status {
        PROBE_IF_OK,
        PROBE_IF_WENT_DOWN,             /* down or gone while probing */
        PROBE_IF_OPEN_FAILED,           /* could not be opened: nothing sent */
        PROBE_IF_SEND_FAILED,
        PROBE_IF_RECEIVE_FAILED,
        _PROBE_IF_STATUS_MAX,
};

struct probe_if_result {
        enum probe_if_status status;
        int error;                      /* -errno of the failure; 0 when ok */
        char reason[PROBE_ERRMSG_MAX];  /* the failure, without the interface name */
        unsigned long sent, received;   /* probes sent, ARP/NDP frames decoded */
        double first_send, last_send;   /* seconds after the start; -1 when none */
        double stopped;                 /* when it left the run (failures); -1 */
};

/* RFC 5227's constants scaled from one window (see probe_timing_from_window). */
struct probe_timing {
        double probe_wait;              /* first probe at a random moment of [0, probe_wait) */
        double probe_min, probe_max;    /* gap between probes of one address */
        double announce_wait;           /* listening after the last probe */
};

struct probe_stats {
        unsigned long sent;
        unsigned long received;         /* ARP and NDP frames decoded */
        unsigned long ignored;          /* from our own MACs */
        unsigned long malformed;        /* failed re-validation */
        unsigned long drops;            /* libpcap/kernel drop counters */
        double seconds;
        char warning[PROBE_ERRMSG_MAX]; /* a capture opened with a warning; "" if none */
};

/* The constants of one run: window seconds, probes per address.  Pure. */
void probe_timing_from_window(double window, unsigned probes, struct probe_timing *ret);

/* Probes every target on every interface through io (see probe_io.h).
 * answers has n_targets slots, ifres n_ifaces (may be NULL).  Returns 0
 * when the run took place, even when interfaces failed: their status is in
 * ifres (the others' answers stand); -EINVAL on bad parameters, -ENOMEM,
 * or -errno from io->wait / io->opened, with a message in err.  No guard,
 * no privilege checks: probe_run() adds those. */
int probe_run_io(const struct probe_params *p, const struct probe_io_ops *io, void *io_ctx,
                 struct probe_answer *answers, struct probe_if_result *ifres,
                 struct probe_stats *stats, char *err, size_t errsize);

/* The shipped path on libpcap, with the test harness's namespace guard
 * and the CAP_NET_RAW check in front.  ifres as above (may be NULL).
 * 0 when the run took place; with ifres NULL, the first interface failure
 * is returned as -errno ("IFACE: reason" in err) after the run. */
int probe_run_ifs(const struct probe_params *p, struct probe_answer *answers,
                  struct probe_if_result *ifres, struct probe_stats *stats,
                  char *err, size_t errsize);

/* Probes every target on every interface.  answers has n_targets slots,
 * filled in target order.  0, or -errno with a message in err: -EPERM when
 * sending is not allowed (no CAP_NET_RAW, or the test harness's namespace
 * guard), -EINVAL on bad parameters, -ENODEV/-ENETDOWN/-EIO from capture.
 * Capabilities are dropped once the captures are open (unless
 * keep_privileges). */
int probe_run(const struct probe_params *p, struct probe_answer *answers,
              struct probe_stats *stats, char *err, size_t errsize);

/* The classification step alone, for tests: records what frame, received on
 * interface iface, says about the targets.  Pure. */
void probe_classify(const struct probe_params *p, struct probe_answer *answers,
                    const struct arp_frame *frame, size_t iface);
/* The same for a decoded NS or NA (RFC 4862 5.4.3, 5.4.4).  Pure. */
void probe_classify_nd(const struct probe_params *p, struct probe_answer *answers,
                       const struct nd_frame *frame, size_t iface);

struct addr;
/* A target for a (either family), and back. */
void probe_target_from_addr(const struct addr *a, struct probe_target *ret);
void probe_target_addr(const struct probe_target *t, struct addr *ret);
/* Orders targets by family, then address.  A target with family 0 is IPv4. */
int probe_target_cmp(const struct probe_target *a, const struct probe_target *b);
bool probe_target_is_ipv6(const struct probe_target *t);

const char *probe_state_name(enum probe_state s);
const char *probe_if_status_name(enum probe_if_status s);

#endif
