/*
 * nlq_link.h - decoder of one RTM_NEWLINK message into the few facts the
 * inventory keeps, read straight from the attributes (libnl's nlmsg_parse)
 * instead of through a libnl rtnl_link object, which allocates several
 * KiB per link (address-family data for inet, inet6 and bridge): on a
 * host with 20,000 links that was most of the netlink time.  The facts
 * are the ones libnl's object gives for the same message.
 */
#ifndef VNETAUDIT_NLQ_LINK_H
#define VNETAUDIT_NLQ_LINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NLQ_IFNAMSIZ 16          /* the kernel's IFNAMSIZ (net/if.h and linux/if.h clash) */

struct nlq_link {
        int ifindex;
        unsigned flags;                 /* ifi_flags */
        unsigned arptype;               /* ifi_type */
        uint8_t operstate;              /* IFLA_OPERSTATE, 0 (unknown) when absent */
        int master;                     /* IFLA_MASTER, 0 when none */
        bool has_mac;                   /* IFLA_ADDRESS of exactly 6 bytes */
        unsigned char mac[6];
        char name[NLQ_IFNAMSIZ];         /* IFLA_IFNAME, cut as libnl cuts it */
        char *kind;                     /* IFLA_INFO_KIND, malloc'd, or NULL */
};

/* Decodes one RTM_NEWLINK message (nlmsghdr included) of len bytes.
 * 0; -EBADMSG for what libnl's link parser refuses too (no ifinfomsg, no
 * name, attributes of the wrong size, strings without their NUL); -ENOMEM.
 * Pure; fuzzed. */
int nlq_link_decode(const void *buf, size_t len, struct nlq_link *ret);
void nlq_link_free(struct nlq_link *l);

#endif
