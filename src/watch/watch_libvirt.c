/*
 * watch_libvirt.c - libvirt's network lifecycle events in watch's loop
 * (see watch_libvirt.h).  The daemon's going away is told by the close
 * callback (socket EOF, or keepalive); the re-analysis after a reconnect
 * catches whatever changed while it was away.
 */
#include <stdio.h>
#include <string.h>

#include "lvn_evloop.h"
#include "watch_libvirt.h"

static void try_connect(struct watch_libvirt *l, double now, bool first)
{
        char err[512] = "";

        if (lvn_events_connect(&l->ev, l->uri, err, sizeof(err)) == 0) {
                l->connects++;
                l->connected_at = now;  /* the back-off is reset when it lasts */
                l->retry_at = -1;
                if (l->verbose)
                        fprintf(stderr, "vnetaudit: watch: libvirt: following network events on %s\n", l->uri);
                return;
        }
        if (l->verbose && (first || l->backoff == WATCH_LIBVIRT_MIN_BACKOFF))
                fprintf(stderr, "vnetaudit: watch: libvirt: %s (%s); retrying\n", err, l->uri);
        l->retry_at = now + l->backoff;
        l->backoff *= 2;
        if (l->backoff > WATCH_LIBVIRT_MAX_BACKOFF)
                l->backoff = WATCH_LIBVIRT_MAX_BACKOFF;
}

void watch_libvirt_open(struct watch_libvirt *l, const struct options *opt, double now)
{
        const char *uri = opt->libvirt_uri ? opt->libvirt_uri : "qemu:///system";

        memset(l, 0, sizeof(*l));
        lvn_events_init(&l->ev);
        l->verbose = opt->verbose;
        l->retry_at = -1;
        l->backoff = WATCH_LIBVIRT_MIN_BACKOFF;
        if (opt->offline || strcmp(uri, "none") == 0 || strlen(uri) >= sizeof(l->uri))
                return;
        if (lvn_evloop_register() < 0) {
                fprintf(stderr, "vnetaudit: warning: libvirt cannot be initialised; "
                        "its network events are not followed\n");
                return;
        }
        snprintf(l->uri, sizeof(l->uri), "%s", uri);
        l->enabled = true;
        try_connect(l, now, true);
}

void watch_libvirt_close(struct watch_libvirt *l)
{
        if (!l->enabled)
                return;
        lvn_events_disconnect(&l->ev);
        lvn_evloop_dispatch(NULL, 0);   /* releases what the close removed */
        l->enabled = false;
}

double watch_libvirt_prepare(struct watch_libvirt *l, struct watch_io *wio, double now)
{
        struct pollfd pfd[LVN_EVLOOP_MAX];
        size_t n, room;
        double t, until = -1;

        l->base = wio->n_extra;
        l->n_fds = 0;
        if (!l->enabled)
                return -1;
        room = WATCH_MAX_EXTRA - wio->n_extra;
        n = lvn_evloop_fds(pfd, room < LVN_EVLOOP_MAX ? room : LVN_EVLOOP_MAX);
        for (size_t k = 0; k < n; k++) {
                wio->extra[wio->n_extra] = pfd[k].fd;
                wio->extra_events[wio->n_extra] = pfd[k].events;
                wio->extra_revents[wio->n_extra] = 0;
                wio->extra_ready[wio->n_extra] = false;
                wio->n_extra++;
        }
        l->n_fds = n;
        if ((t = lvn_evloop_timeout()) >= 0)
                until = now + t;
        if (l->retry_at >= 0 && (until < 0 || l->retry_at < until))
                until = l->retry_at;
        return until;
}

bool watch_libvirt_after(struct watch_libvirt *l, struct watch_io *wio, double now)
{
        struct pollfd pfd[LVN_EVLOOP_MAX];
        bool again = false;

        if (!l->enabled)
                return false;
        for (size_t k = 0; k < l->n_fds; k++) {
                pfd[k].fd = wio->extra[l->base + k];
                pfd[k].events = wio->extra_events[l->base + k];
                pfd[k].revents = wio->extra_revents[l->base + k];
                wio->extra_events[l->base + k] = 0;
        }
        wio->n_extra = l->base;         /* prepare() adds them again */
        lvn_evloop_dispatch(pfd, l->n_fds);
        if (l->ev.changes) {
                l->events += l->ev.changes;
                if (l->verbose)
                        fprintf(stderr, "vnetaudit: watch: libvirt: network %s\n", l->ev.last);
                l->ev.changes = 0;
                again = true;
        }
        if (l->ev.conn && l->ev.lost) {
                if (l->verbose)
                        fprintf(stderr, "vnetaudit: watch: libvirt: connection to %s lost; reconnecting\n", l->uri);
                lvn_events_disconnect(&l->ev);
                lvn_evloop_dispatch(NULL, 0);
                if (now - l->connected_at >= WATCH_LIBVIRT_STABLE) {
                        l->backoff = WATCH_LIBVIRT_MIN_BACKOFF;
                        l->retry_at = now + l->backoff;
                } else {                /* dropped at once: keep backing off */
                        l->retry_at = now + l->backoff;
                        l->backoff *= 2;
                        if (l->backoff > WATCH_LIBVIRT_MAX_BACKOFF)
                                l->backoff = WATCH_LIBVIRT_MAX_BACKOFF;
                }
        } else if (!l->ev.conn && l->retry_at >= 0 && now >= l->retry_at) {
                try_connect(l, now, false);
                again |= l->ev.conn != NULL;    /* what changed while it was away */
        }
        return again;
}
