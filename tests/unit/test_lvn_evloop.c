/*
 * test_lvn_evloop.c - the libvirt event loop that watch polls itself
 * (probes/lvn_evloop.c), driven through libvirt's own public entry points
 * (virEventAddHandle, virEventAddTimeout, ...), which call the registered
 * implementation exactly as libvirt's client code does: a readable pipe
 * runs its callback, poll events follow updates, removal defers the free
 * callback past the dispatch (also when a callback removes itself), timers
 * fire when due and not before, and the fixed tables refuse the 17th entry.
 */
#include <poll.h>
#include <stdbool.h>
#include <time.h>
#include <unistd.h>

#include <libvirt/libvirt.h>

#include "check_main.h"
#include "lvn_evloop.h"

struct ctx {
        int calls, events, freed, freed_in_cb, watch, timer_calls;
        bool in_cb, remove_self;
};

static void on_fd(int watch, int fd, int events, void *opaque)
{
        struct ctx *c = opaque;
        char b;

        c->in_cb = true;
        c->calls++;
        c->events = events;
        c->watch = watch;
        if (read(fd, &b, 1) < 0)
                c->events = -1;
        if (c->remove_self)
                virEventRemoveHandle(watch);
        c->in_cb = false;
}

static void on_free(void *opaque)
{
        struct ctx *c = opaque;

        c->freed++;
        c->freed_in_cb += c->in_cb;
}

static void on_timer(int timer, void *opaque)
{
        (void)timer;
        ((struct ctx *)opaque)->timer_calls++;
}

/* One turn of a caller's loop: poll libvirt's descriptors, dispatch. */
static void turn(int timeout_ms)
{
        struct pollfd pfd[LVN_EVLOOP_MAX];
        size_t n = lvn_evloop_fds(pfd, LVN_EVLOOP_MAX);

        ck_assert_int_ge(poll(pfd, n, timeout_ms), 0);
        lvn_evloop_dispatch(pfd, n);
}

START_TEST(handle_readable_update_remove)
{
        struct ctx c = { 0 };
        struct pollfd pfd[LVN_EVLOOP_MAX];
        int p[2], id;

        ck_assert_int_eq(lvn_evloop_register(), 0);
        ck_assert_int_eq(pipe(p), 0);
        id = virEventAddHandle(p[0], VIR_EVENT_HANDLE_READABLE, on_fd, &c, on_free);
        ck_assert_int_gt(id, 0);
        ck_assert_uint_eq(lvn_evloop_fds(pfd, LVN_EVLOOP_MAX), 1);
        ck_assert_int_eq(pfd[0].fd, p[0]);
        ck_assert_int_eq(pfd[0].events, POLLIN);
        turn(0);
        ck_assert_int_eq(c.calls, 0);           /* nothing to read yet */
        ck_assert_int_eq(write(p[1], "x", 1), 1);
        turn(1000);
        ck_assert_int_eq(c.calls, 1);
        ck_assert_int_eq(c.events, VIR_EVENT_HANDLE_READABLE);
        ck_assert_int_eq(c.watch, id);
        virEventUpdateHandle(id, VIR_EVENT_HANDLE_WRITABLE);
        ck_assert_uint_eq(lvn_evloop_fds(pfd, LVN_EVLOOP_MAX), 1);
        ck_assert_int_eq(pfd[0].events, POLLOUT);
        virEventUpdateHandle(id, 0);            /* libvirt pauses a handle this way */
        ck_assert_uint_eq(lvn_evloop_fds(pfd, LVN_EVLOOP_MAX), 0);
        ck_assert_int_eq(virEventRemoveHandle(id), 0);
        ck_assert_int_eq(c.freed, 0);           /* never from inside removeHandle */
        ck_assert_int_eq(virEventRemoveHandle(id), -1);
        lvn_evloop_dispatch(NULL, 0);
        ck_assert_int_eq(c.freed, 1);
        ck_assert_uint_eq(lvn_evloop_count(NULL), 0);
        close(p[0]);
        close(p[1]);
}
END_TEST

START_TEST(callback_removes_itself)
{
        struct ctx c = { .remove_self = true };
        int p[2];

        ck_assert_int_eq(lvn_evloop_register(), 0);
        ck_assert_int_eq(pipe(p), 0);
        ck_assert_int_gt(virEventAddHandle(p[0], VIR_EVENT_HANDLE_READABLE, on_fd, &c, on_free), 0);
        ck_assert_int_eq(write(p[1], "xy", 2), 2);
        turn(1000);
        ck_assert_int_eq(c.calls, 1);
        ck_assert_int_eq(c.freed, 1);           /* after the dispatch, */
        ck_assert_int_eq(c.freed_in_cb, 0);     /* not on the callback's stack */
        turn(0);
        ck_assert_int_eq(c.calls, 1);           /* removed: the pending byte is not reported */
        close(p[0]);
        close(p[1]);
}
END_TEST

START_TEST(timers_fire_when_due)
{
        struct ctx c = { 0 };
        struct timespec ms60 = { 0, 60 * 1000 * 1000 };
        int id;
        double t;

        ck_assert_int_eq(lvn_evloop_register(), 0);
        id = virEventAddTimeout(-1, on_timer, &c, on_free);
        ck_assert_int_gt(id, 0);
        ck_assert(lvn_evloop_timeout() < 0);    /* disabled: no limit on the sleep */
        lvn_evloop_dispatch(NULL, 0);
        ck_assert_int_eq(c.timer_calls, 0);
        virEventUpdateTimeout(id, 0);           /* every turn */
        ck_assert(lvn_evloop_timeout() == 0);
        lvn_evloop_dispatch(NULL, 0);
        lvn_evloop_dispatch(NULL, 0);
        ck_assert_int_eq(c.timer_calls, 2);
        virEventUpdateTimeout(id, 50);
        t = lvn_evloop_timeout();
        ck_assert(t > 0 && t <= 0.05);
        lvn_evloop_dispatch(NULL, 0);
        ck_assert_int_eq(c.timer_calls, 2);     /* not yet */
        nanosleep(&ms60, NULL);
        lvn_evloop_dispatch(NULL, 0);
        ck_assert_int_eq(c.timer_calls, 3);
        ck_assert_int_eq(virEventRemoveTimeout(id), 0);
        ck_assert_int_eq(c.freed, 0);
        lvn_evloop_dispatch(NULL, 0);
        ck_assert_int_eq(c.freed, 1);
        ck_assert(lvn_evloop_timeout() < 0);
}
END_TEST

/* A callback that replaces its handle with a new one on the same
 * descriptor: the new handle was not polled, so this dispatch's revents
 * are not its own (libvirt dispatches only what it polled). */
static struct ctx replaced;

static void on_fd_replace(int watch, int fd, int events, void *opaque)
{
        on_fd(watch, fd, events, opaque);
        virEventRemoveHandle(watch);
        ck_assert_int_gt(virEventAddHandle(fd, VIR_EVENT_HANDLE_READABLE, on_fd, &replaced, NULL), 0);
}

START_TEST(handle_added_in_dispatch_waits_for_its_poll)
{
        struct ctx c = { 0 };
        int p[2];

        replaced = (struct ctx){ 0 };
        ck_assert_int_eq(lvn_evloop_register(), 0);
        ck_assert_int_eq(pipe(p), 0);
        ck_assert_int_gt(virEventAddHandle(p[0], VIR_EVENT_HANDLE_READABLE, on_fd_replace, &c, on_free), 0);
        ck_assert_int_eq(write(p[1], "xy", 2), 2);
        turn(1000);
        ck_assert_int_eq(c.calls, 1);
        ck_assert_int_eq(c.freed, 1);
        ck_assert_int_eq(replaced.calls, 0);    /* not polled yet */
        turn(1000);
        ck_assert_int_eq(replaced.calls, 1);    /* the byte left, on its own poll */
        close(p[0]);
        close(p[1]);
}
END_TEST

/* A free callback that removes another entry (libvirt's objects drop
 * their timers when their last reference goes): that entry is released
 * in the same dispatch, wherever it sits in the tables, so the one
 * dispatch after a close (watch_libvirt_close) leaves nothing behind. */
static int chained_timer = -1;

static void free_removes_timer(void *opaque)
{
        on_free(opaque);
        if (chained_timer > 0)
                virEventRemoveTimeout(chained_timer);
}

START_TEST(free_callback_removes_another)
{
        struct ctx c = { 0 }, t = { 0 };
        int dummy, h;

        ck_assert_int_eq(lvn_evloop_register(), 0);
        /* the timer takes a low slot, the handle a later one */
        chained_timer = virEventAddTimeout(-1, on_timer, &t, on_free);
        ck_assert_int_gt(chained_timer, 0);
        ck_assert_int_gt(dummy = virEventAddHandle(0, VIR_EVENT_HANDLE_READABLE, on_fd, &c, NULL), 0);
        ck_assert_int_gt(h = virEventAddHandle(0, VIR_EVENT_HANDLE_READABLE, on_fd, &c, free_removes_timer), 0);
        ck_assert_int_eq(virEventRemoveHandle(dummy), 0);
        ck_assert_int_eq(virEventRemoveHandle(h), 0);
        lvn_evloop_dispatch(NULL, 0);
        ck_assert_int_eq(c.freed, 1);
        ck_assert_int_eq(t.freed, 1);
        ck_assert_uint_eq(lvn_evloop_count(NULL), 0);
        chained_timer = -1;
}
END_TEST

START_TEST(tables_are_fixed)
{
        struct ctx c = { 0 };
        size_t timers;

        ck_assert_int_eq(lvn_evloop_register(), 0);
        for (int i = 0; i < LVN_EVLOOP_MAX; i++) {
                ck_assert_int_gt(virEventAddHandle(0, VIR_EVENT_HANDLE_READABLE, on_fd, &c, NULL), 0);
                ck_assert_int_gt(virEventAddTimeout(-1, on_timer, &c, NULL), 0);
        }
        ck_assert_int_eq(virEventAddHandle(0, VIR_EVENT_HANDLE_READABLE, on_fd, &c, NULL), -1);
        ck_assert_int_eq(virEventAddTimeout(-1, on_timer, &c, NULL), -1);
        ck_assert_uint_eq(lvn_evloop_count(&timers), LVN_EVLOOP_MAX);
        ck_assert_uint_eq(timers, LVN_EVLOOP_MAX);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("lvn_evloop");
        TCase *tc = tcase_create("through libvirt's event API");

        tcase_add_test(tc, handle_readable_update_remove);
        tcase_add_test(tc, callback_removes_itself);
        tcase_add_test(tc, timers_fire_when_due);
        tcase_add_test(tc, handle_added_in_dispatch_waits_for_its_poll);
        tcase_add_test(tc, free_callback_removes_another);
        tcase_add_test(tc, tables_are_fixed);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
