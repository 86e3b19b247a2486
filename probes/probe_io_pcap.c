/*
 * probe_io_pcap.c - the probe engine's I/O seam on libpcap (through
 * probes/arp_pcap.c, the only file that includes pcap.h) and the monotonic
 * clock: ppoll() over the capture descriptors.  Drops every capability
 * once all captures are open.  An endpoint with IPv6 targets also holds a
 * multicast membership socket (probes/nd_mcast.c) until it is closed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arp_pcap.h"
#include "nd_mcast.h"
#include "privdrop.h"
#include "probe_io.h"

struct pc_endpoint {
        struct arp_pcap *cap;
        char ifname[64];
        int mfd;                        /* membership socket, opened at the first join; -1 */
        unsigned ifindex;
};

static int pc_open(void *ctx, const char *ifname, uint16_t ethertype, void **ret,
                   char *err, size_t errsize, char *warn, size_t warnsize)
{
        struct pc_endpoint *e;
        int r;

        (void)ctx;
        if (ethertype != PROBE_IO_ETH_ARP && ethertype != PROBE_IO_ETH_IPV6) {
                snprintf(err, errsize, "only ARP and NDP captures are implemented");
                return -EPROTONOSUPPORT;
        }
        if (!(e = calloc(1, sizeof(*e)))) {
                snprintf(err, errsize, "out of memory");
                return -ENOMEM;
        }
        e->mfd = -1;
        snprintf(e->ifname, sizeof(e->ifname), "%s", ifname);
        r = arp_pcap_open(ifname, ethertype == PROBE_IO_ETH_IPV6, &e->cap, err, errsize,
                          warn, warnsize);
        if (r == -EPERM)
                snprintf(err, errsize, PRIVDROP_NEED_NET_RAW);
        if (r < 0) {
                free(e);
                return r;
        }
        *ret = e;
        return 0;
}

static void pc_close(void *ctx, void *h)
{
        struct pc_endpoint *e = h;

        (void)ctx;
        if (!e)
                return;
        nd_mcast_close(e->mfd);         /* leaves the groups */
        arp_pcap_close(e->cap);
        free(e);
}

int probe_io_pcap_fd(void *h)
{
        return arp_pcap_fd(((struct pc_endpoint *)h)->cap);
}

static int pc_join(void *ctx, void *h, const struct in6_addr *group, char *err, size_t errsize)
{
        struct pc_endpoint *e = h;

        (void)ctx;
        if (e->mfd < 0) {
                int fd = nd_mcast_open(e->ifname, &e->ifindex, err, errsize);

                if (fd < 0)
                        return fd;
                e->mfd = fd;
        }
        return nd_mcast_join(e->mfd, e->ifindex, group, err, errsize);
}

static int pc_send(void *ctx, void *h, const void *frame, size_t len, char *err, size_t errsize)
{
        (void)ctx;
        return arp_pcap_inject(((struct pc_endpoint *)h)->cap, frame, len, err, errsize);
}

static int pc_receive(void *ctx, void *h, int max, probe_io_frame_fn fn, void *userdata,
                      char *err, size_t errsize)
{
        (void)ctx;
        return arp_pcap_dispatch(((struct pc_endpoint *)h)->cap, max, fn, userdata, err, errsize);
}

static double pc_now(void *ctx)
{
        struct timespec t;

        (void)ctx;
        clock_gettime(CLOCK_MONOTONIC, &t);
        return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int pc_wait(void *ctx, void *const *h, size_t n, double until, bool *ready)
{
        return probe_io_poll(h, n, probe_io_pcap_fd, NULL, NULL, 0, until - pc_now(ctx), ready, NULL, NULL);
}

static int pc_opened(void *ctx, char *err, size_t errsize)
{
        const struct probe_io_pcap *c = ctx;
        int r;

        /* Every capture is open: nothing below needs a privilege, and the
         * decoder of untrusted frames should not hold one. */
        if (c && c->keep_privileges)
                return 0;
        r = privdrop_drop_all();
        if (r < 0)
                snprintf(err, errsize, "cannot drop privileges (to user %s or nobody): %s",
                         PRIVDROP_USER, strerror(-r));
        return r;
}

static int pc_drops(void *ctx, void *h, unsigned long *ret)
{
        (void)ctx;
        return arp_pcap_drops(((struct pc_endpoint *)h)->cap, ret);
}

const struct probe_io_ops probe_io_pcap_ops = {
        .open = pc_open,
        .close = pc_close,
        .send = pc_send,
        .receive = pc_receive,
        .now = pc_now,
        .wait = pc_wait,
        .opened = pc_opened,
        .drops = pc_drops,
        .join = pc_join,
};
