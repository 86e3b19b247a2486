/*
 * probe_io_poll.c - ppoll() over capture descriptors until a deadline, the
 * one wait loop of the libpcap backend and of watch's endpoints.
 */
#include <errno.h>
#include <poll.h>
#include <time.h>

#include "probe_io.h"

int probe_io_poll(void *const *h, size_t n, int (*fd_of)(void *h), const int *extra,
                  const short *extra_events, size_t nx, double left, bool *ready,
                  bool *extra_ready, short *extra_revents)
{
        struct pollfd pfd[n + nx + 1];
        struct timespec ts;

        if (left < 0)
                left = 0;
        for (size_t k = 0; k < n + nx; k++) {
                /* -1: ignored by poll */
                pfd[k].fd = k < n ? (h[k] ? fd_of(h[k]) : -1) : extra[k - n];
                pfd[k].events = k >= n && extra_events && extra_events[k - n] ? extra_events[k - n] : POLLIN;
                pfd[k].revents = 0;
        }
        ts.tv_sec = (time_t)left;
        ts.tv_nsec = (long)((left - (double)ts.tv_sec) * 1e9);
        if (ppoll(pfd, n + nx, &ts, NULL) < 0)
                return -errno;
        for (size_t k = 0; k < n; k++)
                ready[k] = pfd[k].revents & (POLLIN | POLLERR | POLLHUP);
        for (size_t k = 0; k < nx; k++) {
                extra_ready[k] = pfd[n + k].revents & (POLLIN | POLLERR | POLLHUP);
                if (extra_revents)
                        extra_revents[k] = pfd[n + k].revents;
        }
        return 0;
}
