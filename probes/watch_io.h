/*
 * watch_io.h - the probe seam (probe_io.h) for `watch`: captures stay open
 * between rounds, so the same endpoints serve the passive listener and
 * every probe round.  Wraps another backend (libpcap, or a test's fake):
 * open() hands out the endpoint already open on that interface (opening
 * it on first use), close() keeps it, opened() does nothing (watch keeps
 * CAP_NET_RAW for interfaces that appear later; see cmd_watch.c), and
 * wait() returns -ECANCELED once *cancel is set, so a round ends at once
 * on SIGTERM.  The table is fixed-size: memory does not grow.
 */
#ifndef VNETAUDIT_WATCH_IO_H
#define VNETAUDIT_WATCH_IO_H

#include <net/if.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "probe_io.h"

#define WATCH_MAX_IFACES 16
#define WATCH_MAX_EXTRA 12

struct watch_io {
        const struct probe_io_ops *inner;
        void *inner_ctx;
        /* A pollable descriptor of an endpoint, when the backend has one
         * (libpcap); NULL for a fake backend: wait() then delegates. */
        int (*fd_of)(void *h);
        volatile sig_atomic_t *cancel;  /* may be NULL */
        struct {
                char name[IF_NAMESIZE];
                void *h;
        } eps[WATCH_MAX_IFACES];
        size_t n_eps;
        /* Extra descriptors polled between rounds (inotify, netlink,
         * libvirt's): extra_events 0 means POLLIN; extra_revents is what
         * poll() said, extra_ready whether that was input or an error. */
        int extra[WATCH_MAX_EXTRA];
        short extra_events[WATCH_MAX_EXTRA];
        short extra_revents[WATCH_MAX_EXTRA];
        bool extra_ready[WATCH_MAX_EXTRA];
        size_t n_extra;
        bool in_round;                  /* extras are left alone during a round */
};

extern const struct probe_io_ops watch_io_ops;

/* Closes the endpoints whose interface is not among names. */
void watch_io_retain(struct watch_io *w, const char *const *names, size_t n);
void watch_io_close_all(struct watch_io *w);
/* The endpoint open on ifname, or NULL. */
void *watch_io_endpoint(const struct watch_io *w, const char *ifname);

#endif
