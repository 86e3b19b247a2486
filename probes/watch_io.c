/*
 * watch_io.c - persistent endpoints behind the probe seam (see watch_io.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "watch_io.h"

void *watch_io_endpoint(const struct watch_io *w, const char *ifname)
{
        for (size_t i = 0; i < w->n_eps; i++)
                if (strcmp(w->eps[i].name, ifname) == 0)
                        return w->eps[i].h;
        return NULL;
}

static int wi_open(void *ctx, const char *ifname, uint16_t ethertype, void **ret,
                   char *err, size_t errsize, char *warn, size_t warnsize)
{
        struct watch_io *w = ctx;
        void *h = watch_io_endpoint(w, ifname);
        int r;

        if (h) {
                *ret = h;
                return 0;
        }
        if (strlen(ifname) >= IF_NAMESIZE) {
                snprintf(err, errsize, "interface name too long");
                return -EINVAL;
        }
        if (w->n_eps >= WATCH_MAX_IFACES) {
                snprintf(err, errsize, "more than %d interfaces", WATCH_MAX_IFACES);
                return -ENOSPC;
        }
        r = w->inner->open(w->inner_ctx, ifname, ethertype, &h, err, errsize, warn, warnsize);
        if (r < 0)
                return r;
        snprintf(w->eps[w->n_eps].name, IF_NAMESIZE, "%s", ifname);
        w->eps[w->n_eps++].h = h;
        *ret = h;
        return 0;
}

static void wi_close(void *ctx, void *h)
{
        (void)ctx;
        (void)h;        /* kept for the listener and the next round */
}

static int wi_send(void *ctx, void *h, const void *frame, size_t len, char *err, size_t errsize)
{
        struct watch_io *w = ctx;

        return w->inner->send(w->inner_ctx, h, frame, len, err, errsize);
}

static int wi_receive(void *ctx, void *h, int max, probe_io_frame_fn fn, void *userdata,
                      char *err, size_t errsize)
{
        struct watch_io *w = ctx;

        return w->inner->receive(w->inner_ctx, h, max, fn, userdata, err, errsize);
}

static double wi_now(void *ctx)
{
        struct watch_io *w = ctx;

        return w->inner->now(w->inner_ctx);
}

static int wi_wait(void *ctx, void *const *h, size_t n, double until, bool *ready)
{
        struct watch_io *w = ctx;
        int r;

        if (w->cancel && *w->cancel)
                return -ECANCELED;
        if (!w->fd_of)
                return w->inner->wait(w->inner_ctx, h, n, until, ready);
        r = probe_io_poll(h, n, w->fd_of, w->extra, w->extra_events, w->in_round ? 0 : w->n_extra,
                          until - wi_now(ctx), ready, w->extra_ready, w->extra_revents);
        return r == -EINTR && w->cancel && *w->cancel ? -ECANCELED : r;
}

static int wi_join(void *ctx, void *h, const struct in6_addr *group, char *err, size_t errsize)
{
        struct watch_io *w = ctx;

        if (!w->inner->join)
                return 0;
        return w->inner->join(w->inner_ctx, h, group, err, errsize);
}

static int wi_drops(void *ctx, void *h, unsigned long *ret)
{
        struct watch_io *w = ctx;

        if (!w->inner->drops)
                return -EOPNOTSUPP;
        return w->inner->drops(w->inner_ctx, h, ret);
}

const struct probe_io_ops watch_io_ops = {
        .open = wi_open,
        .close = wi_close,
        .send = wi_send,
        .receive = wi_receive,
        .now = wi_now,
        .wait = wi_wait,
        .opened = NULL,
        .drops = wi_drops,
        .join = wi_join,
};

void watch_io_retain(struct watch_io *w, const char *const *names, size_t n)
{
        size_t out = 0;

        for (size_t i = 0; i < w->n_eps; i++) {
                bool keep = false;

                for (size_t k = 0; k < n && !keep; k++)
                        keep = strcmp(w->eps[i].name, names[k]) == 0;
                if (keep)
                        w->eps[out++] = w->eps[i];
                else
                        w->inner->close(w->inner_ctx, w->eps[i].h);
        }
        w->n_eps = out;
}

void watch_io_close_all(struct watch_io *w)
{
        watch_io_retain(w, NULL, 0);
}
