/*
 * lvn_evloop.c - an event implementation for libvirt (virEventRegisterImpl)
 * whose descriptors and timers are polled by the caller's loop (see
 * lvn_evloop.h).  Why not virEventRegisterDefaultImpl() and a thread: the
 * watcher is single-threaded, and its loop already sleeps in one ppoll()
 * over captures, inotify and netlink with signals handled between turns;
 * a second thread running libvirt's loop would call back into the watcher
 * concurrently (locks around the whole state) and would have to be woken
 * and joined on SIGTERM.  libvirt's client side needs one socket and a few
 * timers (keepalive, event queue flush), so the tables are small and fixed.
 *
 * libvirt may add, update or remove handles and timers from inside one of
 * its callbacks; entries are therefore addressed by index, removal only
 * marks them, and their free callbacks (ff) run after the dispatch, "from a
 * clean stack" as libvirt-event.h requires (never from removeHandle).
 */
#include <errno.h>
#include <stdbool.h>
#include <time.h>

#include <libvirt/libvirt.h>

#include "lvn_evloop.h"

struct lv_handle {
        int id;                         /* 0 = free slot */
        int fd, events;                 /* VIR_EVENT_HANDLE_* */
        virEventHandleCallback cb;
        void *opaque;
        virFreeCallback ff;
        bool removed;
};

struct lv_timer {
        int id;
        int period;                     /* ms; -1 disabled, 0 every turn */
        long long due;                  /* ms, monotonic */
        virEventTimeoutCallback cb;
        void *opaque;
        virFreeCallback ff;
        bool removed;
};

static struct lv_handle handles[LVN_EVLOOP_MAX];
static struct lv_timer timers[LVN_EVLOOP_MAX];
static int next_id = 1;
static int polled_below = 1;            /* handles with a lower id were in the last fds() */
static bool registered;

static long long now_ms(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static short to_poll(int ev)
{
        short p = 0;

        if (ev & VIR_EVENT_HANDLE_READABLE)
                p |= POLLIN;
        if (ev & VIR_EVENT_HANDLE_WRITABLE)
                p |= POLLOUT;
        return p;
}

static int from_poll(short p)
{
        int ev = 0;

        if (p & POLLIN)
                ev |= VIR_EVENT_HANDLE_READABLE;
        if (p & POLLOUT)
                ev |= VIR_EVENT_HANDLE_WRITABLE;
        if (p & (POLLERR | POLLNVAL))
                ev |= VIR_EVENT_HANDLE_ERROR;
        if (p & POLLHUP)
                ev |= VIR_EVENT_HANDLE_HANGUP;
        return ev;
}

static int add_handle(int fd, int events, virEventHandleCallback cb, void *opaque, virFreeCallback ff)
{
        for (size_t i = 0; i < LVN_EVLOOP_MAX; i++)
                if (!handles[i].id) {
                        handles[i] = (struct lv_handle){
                                .id = next_id++, .fd = fd, .events = events, .cb = cb,
                                .opaque = opaque, .ff = ff,
                        };
                        return handles[i].id;
                }
        return -1;
}

static struct lv_handle *find_handle(int id)
{
        for (size_t i = 0; id > 0 && i < LVN_EVLOOP_MAX; i++)
                if (handles[i].id == id && !handles[i].removed)
                        return &handles[i];
        return NULL;
}

static void update_handle(int id, int events)
{
        struct lv_handle *h = find_handle(id);

        if (h)
                h->events = events;
}

static int remove_handle(int id)
{
        struct lv_handle *h = find_handle(id);

        if (!h)
                return -1;
        h->removed = true;              /* released after the dispatch */
        return 0;
}

static long long first_due(int period)
{
        return period < 0 ? -1 : now_ms() + period;
}

static int add_timeout(int period, virEventTimeoutCallback cb, void *opaque, virFreeCallback ff)
{
        for (size_t i = 0; i < LVN_EVLOOP_MAX; i++)
                if (!timers[i].id) {
                        timers[i] = (struct lv_timer){
                                .id = next_id++, .period = period, .due = first_due(period),
                                .cb = cb, .opaque = opaque, .ff = ff,
                        };
                        return timers[i].id;
                }
        return -1;
}

static struct lv_timer *find_timer(int id)
{
        for (size_t i = 0; id > 0 && i < LVN_EVLOOP_MAX; i++)
                if (timers[i].id == id && !timers[i].removed)
                        return &timers[i];
        return NULL;
}

static void update_timeout(int id, int period)
{
        struct lv_timer *t = find_timer(id);

        if (t) {
                t->period = period;
                t->due = first_due(period);
        }
}

static int remove_timeout(int id)
{
        struct lv_timer *t = find_timer(id);

        if (!t)
                return -1;
        t->removed = true;
        return 0;
}

int lvn_evloop_register(void)
{
        if (registered)
                return 0;
        if (virInitialize() < 0)
                return -EIO;
        virEventRegisterImpl(add_handle, update_handle, remove_handle,
                             add_timeout, update_timeout, remove_timeout);
        registered = true;
        return 0;
}

size_t lvn_evloop_fds(struct pollfd *ret, size_t max)
{
        size_t n = 0;

        polled_below = next_id;
        for (size_t i = 0; i < LVN_EVLOOP_MAX && n < max; i++) {
                const struct lv_handle *h = &handles[i];

                if (!h->id || h->removed || h->fd < 0 || !h->events)
                        continue;
                ret[n].fd = h->fd;
                ret[n].events = to_poll(h->events);
                ret[n].revents = 0;
                n++;
        }
        return n;
}

double lvn_evloop_timeout(void)
{
        long long now = now_ms(), best = -1;

        for (size_t i = 0; i < LVN_EVLOOP_MAX; i++) {
                const struct lv_timer *t = &timers[i];

                if (!t->id || t->removed || t->period < 0)
                        continue;
                if (best < 0 || t->due < best)
                        best = t->due;
        }
        if (best < 0)
                return -1;
        return best <= now ? 0 : (double)(best - now) / 1000.0;
}

/* The free callbacks of what was removed, outside any libvirt callback.
 * A free callback may remove further entries (an object dropping its
 * timer with its last reference), also ones this pass has gone by: pass
 * again until nothing is left marked. */
static void release(void)
{
        bool again = true;

        while (again) {
                again = false;
                for (size_t i = 0; i < LVN_EVLOOP_MAX; i++) {
                        if (handles[i].id && handles[i].removed) {
                                virFreeCallback ff = handles[i].ff;
                                void *opaque = handles[i].opaque;

                                handles[i] = (struct lv_handle){ 0 };
                                again = true;
                                if (ff)
                                        ff(opaque);
                        }
                        if (timers[i].id && timers[i].removed) {
                                virFreeCallback ff = timers[i].ff;
                                void *opaque = timers[i].opaque;

                                timers[i] = (struct lv_timer){ 0 };
                                again = true;
                                if (ff)
                                        ff(opaque);
                        }
                }
        }
}

void lvn_evloop_dispatch(const struct pollfd *pfd, size_t n)
{
        long long now;

        for (size_t k = 0; k < n; k++) {
                if (!pfd[k].revents)
                        continue;
                /* The table may change in a callback: look the fd up each
                 * time.  A handle added since the poll (a callback may put a
                 * new one on a reused descriptor) waits for its own poll. */
                for (size_t i = 0; i < LVN_EVLOOP_MAX; i++) {
                        struct lv_handle *h = &handles[i];
                        int ev;

                        if (!h->id || h->removed || h->id >= polled_below || h->fd != pfd[k].fd)
                                continue;
                        ev = from_poll(pfd[k].revents) & (h->events | VIR_EVENT_HANDLE_ERROR |
                                                         VIR_EVENT_HANDLE_HANGUP);
                        if (ev)
                                h->cb(h->id, h->fd, ev, h->opaque);
                }
        }
        now = now_ms();
        for (size_t i = 0; i < LVN_EVLOOP_MAX; i++) {
                struct lv_timer *t = &timers[i];

                if (!t->id || t->removed || t->period < 0 || t->due > now)
                        continue;
                t->due = now + t->period;
                t->cb(t->id, t->opaque);
        }
        release();
}

size_t lvn_evloop_count(size_t *ret_timers)
{
        size_t nh = 0, nt = 0;

        for (size_t i = 0; i < LVN_EVLOOP_MAX; i++) {
                nh += handles[i].id && !handles[i].removed;
                nt += timers[i].id && !timers[i].removed;
        }
        if (ret_timers)
                *ret_timers = nt;
        return nh;
}
