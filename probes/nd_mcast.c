/*
 * nd_mcast.c - group membership for DAD probing (see nd_mcast.h).  RFC 4862
 * 5.4.2: "Before sending a Neighbor Solicitation, an interface MUST join
 * the all-nodes multicast address and the solicited-node multicast address
 * of the tentative address."  We hold no tentative address, but we listen
 * as if we did: answers go to all-nodes, rival probes to solicited-node.
 */
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "nd_mcast.h"

int nd_mcast_open(const char *ifname, unsigned *ret_ifindex, char *err, size_t errsize)
{
        unsigned idx = if_nametoindex(ifname);
        int fd, e;

        if (!idx) {
                e = errno ? errno : ENODEV;
                snprintf(err, errsize, "interface index: %s", strerror(e));
                return -e;
        }
        fd = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
                e = errno;
                snprintf(err, errsize, "IPv6 socket: %s", strerror(e));
                return -e;
        }
        /* Bound to the interface: the memberships are this interface's
         * (ipv6mr_interface names it too, so a process that has already
         * given up CAP_NET_RAW, which older kernels want here, still joins). */
        if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, ifname, (socklen_t)strlen(ifname)) < 0 &&
            errno != EPERM) {
                e = errno;
                snprintf(err, errsize, "cannot bind to the interface: %s", strerror(e));
                close(fd);
                return -e;
        }
        *ret_ifindex = idx;
        return fd;
}

int nd_mcast_join(int fd, unsigned ifindex, const struct in6_addr *group, char *err, size_t errsize)
{
        struct ipv6_mreq mr = { .ipv6mr_multiaddr = *group, .ipv6mr_interface = ifindex };
        int e;

        if (setsockopt(fd, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, &mr, sizeof(mr)) < 0) {
                e = errno;
                if (e == EADDRINUSE)
                        return 0;       /* a member already (watch joins every round) */
                snprintf(err, errsize, "IPV6_ADD_MEMBERSHIP: %s%s", strerror(e),
                         e == ENODEV || e == EADDRNOTAVAIL ? " (IPv6 disabled on the interface?)" : "");
                return -e;
        }
        return 0;
}

void nd_mcast_close(int fd)
{
        if (fd >= 0)
                close(fd);
}
