/*
 * probe_io_pcap.c - the probe engine's I/O seam on libpcap (through
 * probes/arp_pcap.c, the only file that includes pcap.h) and the monotonic
 * clock: ppoll() over the capture descriptors.  Drops every capability
 * once all captures are open.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arp_pcap.h"
#include "privdrop.h"
#include "probe_io.h"

static int pc_open(void *ctx, const char *ifname, uint16_t ethertype, void **ret,
                   char *err, size_t errsize, char *warn, size_t warnsize)
{
        struct arp_pcap *p = NULL;
        int r;

        (void)ctx;
        if (ethertype != PROBE_IO_ETH_ARP) {
                snprintf(err, errsize, "only ARP captures are implemented");
                return -EPROTONOSUPPORT;
        }
        r = arp_pcap_open(ifname, &p, err, errsize, warn, warnsize);
        if (r == -EPERM)
                snprintf(err, errsize, PRIVDROP_NEED_NET_RAW);
        if (r < 0)
                return r;
        *ret = p;
        return 0;
}

static void pc_close(void *ctx, void *h)
{
        (void)ctx;
        arp_pcap_close(h);
}

static int pc_send(void *ctx, void *h, const void *frame, size_t len, char *err, size_t errsize)
{
        (void)ctx;
        return arp_pcap_inject(h, frame, len, err, errsize);
}

static int pc_receive(void *ctx, void *h, int max, probe_io_frame_fn fn, void *userdata,
                      char *err, size_t errsize)
{
        (void)ctx;
        return arp_pcap_dispatch(h, max, fn, userdata, err, errsize);
}

static double pc_now(void *ctx)
{
        struct timespec t;

        (void)ctx;
        clock_gettime(CLOCK_MONOTONIC, &t);
        return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int probe_io_pcap_fd(void *h)
{
        return arp_pcap_fd(h);
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
        return arp_pcap_drops(h, ret);
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
};
