/*
 * probe_nd.c - the IPv6 part of the probe engine: RFC 4862 duplicate
 * address detection probes through the same loop, window, retries and rate
 * cap as ARP (probe_engine.c).  Builds DAD Neighbor Solicitations, decides
 * what a received NS or NA says about a target (RFC 4862 5.4.3, 5.4.4), and
 * joins the multicast groups answers and rival probes are sent to.  Never
 * builds an advertisement.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "probe_nd.h"

bool probe_target_is_ipv6(const struct probe_target *t)
{
        return t->family == AF_INET6;
}

void probe_target_from_addr(const struct addr *a, struct probe_target *ret)
{
        *ret = (struct probe_target){ .family = a->family };
        if (a->family == AF_INET6)
                memcpy(ret->addr6.s6_addr, a->b, 16);
        else
                memcpy(&ret->addr.s_addr, a->b, 4);
}

void probe_target_addr(const struct probe_target *t, struct addr *ret)
{
        *ret = (struct addr){ .family = probe_target_is_ipv6(t) ? AF_INET6 : AF_INET };
        if (ret->family == AF_INET6)
                memcpy(ret->b, t->addr6.s6_addr, 16);
        else
                memcpy(ret->b, &t->addr.s_addr, 4);
}

int probe_target_cmp(const struct probe_target *a, const struct probe_target *b)
{
        bool x = probe_target_is_ipv6(a), y = probe_target_is_ipv6(b);
        uint32_t u, v;

        if (x != y)
                return x ? 1 : -1;
        if (x)
                return memcmp(&a->addr6, &b->addr6, sizeof(a->addr6));
        u = ntohl(a->addr.s_addr);
        v = ntohl(b->addr.s_addr);
        return u < v ? -1 : u > v;
}

bool probe_params_ipv6(const struct probe_params *p)
{
        for (size_t i = 0; i < p->n_targets; i++)
                if (probe_target_is_ipv6(&p->targets[i]))
                        return true;
        return false;
}

int probe_target_check(const struct probe_target *t, char *err, size_t errsize)
{
        static const struct in6_addr any = IN6ADDR_ANY_INIT;

        if (!probe_target_is_ipv6(t)) {
                if (t->family && t->family != AF_INET) {
                        snprintf(err, errsize, "address family %d cannot be probed", t->family);
                        return -EINVAL;
                }
                if (t->addr.s_addr == 0) {
                        snprintf(err, errsize, "0.0.0.0 cannot be probed");
                        return -EINVAL;
                }
                return 0;
        }
        if (memcmp(&t->addr6, &any, sizeof(any)) == 0 || t->addr6.s6_addr[0] == 0xff) {
                snprintf(err, errsize, "the unspecified address and multicast addresses cannot be probed");
                return -EINVAL;
        }
        return 0;
}

int probe_build_frame(uint8_t *buf, size_t size, const uint8_t mac[6], const struct probe_target *t)
{
        if (probe_target_is_ipv6(t))
                return nd_build_dad_probe(buf, size, mac, &t->addr6);
        return arp_build_probe(buf, size, mac, t->addr);
}

static void classify_nd_at(const struct probe_params *p, struct probe_answer *answers,
                           const struct nd_frame *f, size_t iface, double at)
{
        struct probe_claim c = { .iface = iface, .at = at, .vlan = f->vlan,
                                 .vlan_id = f->vlan ? f->vlan_id : 0 };

        if (probe_is_our_mac(p, f->eth_src) || (f->has_tll && probe_is_our_mac(p, f->tll)) ||
            (f->has_sll && probe_is_our_mac(p, f->sll)))
                return;
        memcpy(c.mac, f->eth_src, 6);
        /* The link-layer address the advertisement claims the target for
         * (its TLLA option) may differ from the frame's source, like an
         * ARP sender hardware address behind a proxy. */
        memcpy(c.arp_mac, f->type == ND_NEIGHBOR_ADVERT && f->has_tll ? f->tll : f->eth_src, 6);
        c.arp_mac_differs = memcmp(c.mac, c.arp_mac, 6) != 0;
        c.ndp = true;
        for (size_t i = 0; i < p->n_targets; i++) {
                struct probe_answer *a = &answers[i];

                if (!probe_target_is_ipv6(&p->targets[i]) ||
                    memcmp(&p->targets[i].addr6, &f->target, sizeof(f->target)) != 0)
                        continue;
                /* RFC 4862 5.4.4: "On receipt of a valid Neighbor
                 * Advertisement message on an interface, node behavior
                 * depends on whether the target address is tentative [...]
                 * If the target address is tentative, the tentative address
                 * is not unique."  Our target is tentative as far as we are
                 * concerned: any NA for it from a MAC not ours means another
                 * node holds it. */
                if (f->type == ND_NEIGHBOR_ADVERT) {
                        c.probe = false;
                        probe_add_claim(a, &c);
                        a->state = PROBE_IN_USE;
                        continue;
                }
                /* RFC 4862 5.4.3: "If the source address of the Neighbor
                 * Solicitation is the unspecified address, the solicitation
                 * is from a node performing Duplicate Address Detection.  If
                 * the solicitation is from another node, the tentative
                 * address is a duplicate and should not be used (by either
                 * node)."  A solicitation from a unicast source is address
                 * resolution: it says nothing about who holds the target. */
                if (nd_frame_is_dad(f)) {
                        c.probe = true;
                        probe_add_claim(a, &c);
                        if (a->state == PROBE_FREE)
                                a->state = PROBE_COLLISION;
                }
        }
}

void probe_classify_nd(const struct probe_params *p, struct probe_answer *answers,
                       const struct nd_frame *f, size_t iface)
{
        classify_nd_at(p, answers, f, iface, 0);
}

int probe_nd_frame(const struct probe_params *p, struct probe_answer *answers,
                   const uint8_t *frame, size_t len, size_t iface, double at)
{
        struct nd_frame f;
        int r = nd_parse_frame(frame, len, &f);

        if (r < 0)
                return r;
        if (probe_is_our_mac(p, f.eth_src))
                return 1;
        classify_nd_at(p, answers, &f, iface, at);
        return 0;
}

int probe_nd_join(const struct probe_params *p, const struct probe_io_ops *io, void *io_ctx,
                  void *h, char *err, size_t errsize)
{
        /* ff02::1: NAs answering a DAD probe go to all-nodes (RFC 4861
         * 7.2.4: "If the source of the solicitation is the unspecified
         * address, the node MUST set the Solicited flag to zero and
         * multicast the advertisement to the all-nodes address"). */
        struct in6_addr group = { .s6_addr = { 0xff, 0x02, [15] = 0x01 } };
        struct in6_addr *done;
        size_t n_done = 0;
        int r;

        if (!io->join)
                return 0;
        r = io->join(io_ctx, h, &group, err, errsize);
        if (r < 0)
                return r;
        done = calloc(p->n_targets, sizeof(*done));
        if (!done) {
                snprintf(err, errsize, "out of memory");
                return -ENOMEM;
        }
        for (size_t i = 0; i < p->n_targets && r == 0; i++) {
                bool dup = false;

                if (!probe_target_is_ipv6(&p->targets[i]))
                        continue;
                nd_solicited_node(&p->targets[i].addr6, &group);
                /* Addresses sharing their low 24 bits share the group. */
                for (size_t k = 0; k < n_done && !dup; k++)
                        dup = memcmp(&done[k], &group, sizeof(group)) == 0;
                if (dup)
                        continue;
                done[n_done++] = group;
                r = io->join(io_ctx, h, &group, err, errsize);
        }
        free(done);
        return r;
}
