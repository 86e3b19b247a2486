/*
 * lvn_evloop.h - libvirt's event loop, driven by the caller's own poll().
 * libvirt needs an event implementation before a connection can deliver
 * events (and keepalives); this one keeps libvirt's handles and timers in
 * fixed tables and lets the caller poll them with its other descriptors:
 * lvn_evloop_fds() before the poll, lvn_evloop_dispatch() after it.  No
 * thread: every libvirt callback runs on the caller's stack, in the loop.
 * Single-threaded use only (watch has one thread).
 */
#ifndef VNETAUDIT_LVN_EVLOOP_H
#define VNETAUDIT_LVN_EVLOOP_H

#include <poll.h>
#include <stddef.h>

#define LVN_EVLOOP_MAX 16               /* handles, and timers, at once */

/* Registers this implementation with libvirt (once per process, before
 * any connection is opened).  0, or -EIO when libvirt cannot initialise. */
int lvn_evloop_register(void);

/* Up to max descriptors libvirt wants polled, with their poll events;
 * returns how many were written. */
size_t lvn_evloop_fds(struct pollfd *ret, size_t max);

/* Seconds until the next libvirt timer is due (0 = now), or -1 when none
 * is armed. */
double lvn_evloop_timeout(void);

/* Runs the callbacks of the descriptors that poll() found ready (pfd as
 * filled by the last lvn_evloop_fds, revents set by the poll; n may be 0;
 * handles added since that call wait for the next poll), then the due
 * timers, then releases what libvirt removed meanwhile. */
void lvn_evloop_dispatch(const struct pollfd *pfd, size_t n);

/* Handles and timers registered (for tests and -v). */
size_t lvn_evloop_count(size_t *ret_timers);

#endif
