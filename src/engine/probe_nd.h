/*
 * probe_nd.h - the probe engine's private interface between its event loop
 * (probe_engine.c, ARP and the loop) and its IPv6 part (probe_nd.c: DAD
 * probes, NS/NA classification, group membership, per-family helpers).
 * Not for other callers: they use probe_engine.h.
 */
#ifndef VNETAUDIT_PROBE_ND_H
#define VNETAUDIT_PROBE_ND_H

#include "probe_engine.h"

#define PROBE_FRAME_MAX 96      /* the largest probe built: an NS is 78 bytes */

/* engine: an answer from any of this host's MACs is our own. */
bool probe_is_our_mac(const struct probe_params *p, const uint8_t mac[6]);
/* engine: records claim c once (the same claimant answers every retry). */
void probe_add_claim(struct probe_answer *a, const struct probe_claim *c);

/* True when any target is IPv6: endpoints then also capture NDP. */
bool probe_params_ipv6(const struct probe_params *p);
/* 0, or -EINVAL with a message when t cannot be probed. */
int probe_target_check(const struct probe_target *t, char *err, size_t errsize);
/* The probe for t from mac: an ARP probe or a DAD NS.  Length or -errno. */
int probe_build_frame(uint8_t *buf, size_t size, const uint8_t mac[6], const struct probe_target *t);
/* Decodes and classifies a frame that is not ARP: 0 when it was classified,
 * 1 when it came from one of our MACs, -errno when it is not a valid NS/NA. */
int probe_nd_frame(const struct probe_params *p, struct probe_answer *answers,
                   const uint8_t *frame, size_t len, size_t iface, double at);
/* Joins all-nodes and the solicited-node group of every IPv6 target on
 * endpoint h.  0, or -errno with what failed in err (the run goes on). */
int probe_nd_join(const struct probe_params *p, const struct probe_io_ops *io, void *io_ctx,
                  void *h, char *err, size_t errsize);

#endif
