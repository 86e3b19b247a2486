/*
 * watch_libvirt.h - the libvirt daemon as a trigger of `watch`: while the
 * daemon is reachable (the URI of --libvirt-uri, as for the inventory) a
 * connection follows its network lifecycle events (lvn_events.h) through
 * libvirt's event loop polled in watch's own loop (lvn_evloop.h).  When
 * the daemon is absent or goes away, connecting is retried with back-off
 * (1 s doubling to WATCH_LIBVIRT_MAX_BACKOFF); the watcher keeps running
 * on inotify meanwhile.  The back-off starts again at 1 s only after a
 * connection that lasted WATCH_LIBVIRT_STABLE: a daemon that accepts and
 * drops at once is not reconnected to (and re-analysed) every second.
 * Says only "re-analyse"; the caller debounces.
 */
#ifndef VNETAUDIT_WATCH_LIBVIRT_H
#define VNETAUDIT_WATCH_LIBVIRT_H

#include <stdbool.h>
#include <stddef.h>

#include "lvn_events.h"
#include "options.h"
#include "watch_io.h"

#define WATCH_LIBVIRT_MIN_BACKOFF 1.0
#define WATCH_LIBVIRT_MAX_BACKOFF 30.0
#define WATCH_LIBVIRT_STABLE 1.0        /* a connection that lasted this was no flap */

struct watch_libvirt {
        bool enabled;                   /* a URI to follow (not --offline, not "none") */
        char uri[1024];
        bool verbose;
        struct lvn_events ev;
        double retry_at, backoff;       /* the seam's clock */
        double connected_at;            /* when the connection was made */
        size_t base;                    /* watch_io extras before ours */
        size_t n_fds;                   /* ours, after base */
        unsigned long events, connects; /* counters, for -v */
};

/* Registers libvirt's event loop and makes the first connection attempt
 * (failure is not an error: the daemon may come later). */
void watch_libvirt_open(struct watch_libvirt *l, const struct options *opt, double now);
void watch_libvirt_close(struct watch_libvirt *l);

/* Before the poll: appends libvirt's descriptors to wio's extras and
 * returns the latest time the loop may sleep to (libvirt's next timer or
 * the next connection attempt), or -1 for no limit. */
double watch_libvirt_prepare(struct watch_libvirt *l, struct watch_io *wio, double now);

/* After the poll: runs libvirt's callbacks, reconnects when due.  true
 * when the analysis should be re-run: a network was defined, undefined,
 * started or stopped, or the daemon was (re)connected. */
bool watch_libvirt_after(struct watch_libvirt *l, struct watch_io *wio, double now);

#endif
