/*
 * nd_mcast.h - IPv6 multicast group membership on one interface for the
 * length of a DAD probe run: a datagram socket bound to the interface joins
 * the groups with IPV6_ADD_MEMBERSHIP, so the kernel sends MLD reports (and
 * snooping switches forward the groups to us) and the NIC accepts their
 * frames; closing the socket leaves them.  Sends nothing itself.
 */
#ifndef VNETAUDIT_ND_MCAST_H
#define VNETAUDIT_ND_MCAST_H

#include <netinet/in.h>
#include <stddef.h>

/* A membership socket on ifname: the descriptor and the interface's index
 * in *ret_ifindex, or -errno with a message (not naming ifname) in err. */
int nd_mcast_open(const char *ifname, unsigned *ret_ifindex, char *err, size_t errsize);

/* Joins group on interface ifindex.  0 or -errno with a message. */
int nd_mcast_join(int fd, unsigned ifindex, const struct in6_addr *group, char *err, size_t errsize);

void nd_mcast_close(int fd);

#endif
