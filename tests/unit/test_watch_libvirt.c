/*
 * test_watch_libvirt.c - watch's libvirt seam (src/watch/watch_libvirt.c):
 * the reconnect back-off.  test:///default accepts a connection but has no
 * keepalive, so lvn_events_connect() refuses it: every attempt is a failed
 * one, as with an absent daemon.  A lost connection is a real one to
 * test:///default put in place with the close callback's flag set.
 */
#include <libvirt/libvirt.h>

#include "check_main.h"
#include "lvn_evloop.h"
#include "watch_libvirt.h"

static void setup(struct watch_libvirt *l, struct watch_io *wio, struct options *opt)
{
        *opt = (struct options){ .libvirt_uri = "test:///default" };
        *wio = (struct watch_io){ 0 };
        watch_libvirt_open(l, opt, 100.0);
        ck_assert(l->enabled);
        ck_assert(l->ev.conn == NULL);          /* refused: no keepalive */
}

/* The connection the close callback said was lost, made at `at`. */
static void lost_connection(struct watch_libvirt *l, double at)
{
        l->ev.conn = virConnectOpenReadOnly("test:///default");
        ck_assert(l->ev.conn != NULL);
        l->ev.lost = true;
        l->connected_at = at;
        l->retry_at = -1;
}

START_TEST(absent_daemon_backs_off)
{
        struct watch_libvirt l;
        struct watch_io wio;
        struct options opt;

        setup(&l, &wio, &opt);
        ck_assert(l.retry_at == 101.0);
        ck_assert(!watch_libvirt_after(&l, &wio, 100.5));       /* not yet */
        ck_assert(!watch_libvirt_after(&l, &wio, 101.0));
        ck_assert(l.retry_at == 103.0);
        ck_assert(!watch_libvirt_after(&l, &wio, 103.0));
        ck_assert(l.retry_at == 107.0);
        watch_libvirt_close(&l);
}
END_TEST

/* A connection that lasted: the next attempt comes after 1 s again. */
START_TEST(lost_after_a_while_retries_at_once)
{
        struct watch_libvirt l;
        struct watch_io wio;
        struct options opt;

        setup(&l, &wio, &opt);
        l.backoff = 16;
        lost_connection(&l, 200.0);
        ck_assert(!watch_libvirt_after(&l, &wio, 260.0));
        ck_assert(l.ev.conn == NULL);
        ck_assert(l.retry_at == 261.0);
        watch_libvirt_close(&l);
}
END_TEST

/* A daemon that accepts and drops at once is not reconnected to (and the
 * analysis re-run) every second: the back-off keeps growing. */
START_TEST(dropped_at_once_keeps_backing_off)
{
        struct watch_libvirt l;
        struct watch_io wio;
        struct options opt;

        setup(&l, &wio, &opt);
        l.backoff = 4;
        lost_connection(&l, 200.0);
        ck_assert(!watch_libvirt_after(&l, &wio, 200.1));
        ck_assert(l.ev.conn == NULL);
        ck_assert(l.retry_at == 204.1);
        ck_assert(l.backoff == 8);
        l.backoff = WATCH_LIBVIRT_MAX_BACKOFF;
        lost_connection(&l, 300.0);
        ck_assert(!watch_libvirt_after(&l, &wio, 300.0));
        ck_assert(l.retry_at == 300.0 + WATCH_LIBVIRT_MAX_BACKOFF);
        ck_assert(l.backoff == WATCH_LIBVIRT_MAX_BACKOFF);
        watch_libvirt_close(&l);
        ck_assert_uint_eq(lvn_evloop_count(NULL), 0);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("watch_libvirt");
        TCase *tc = tcase_create("reconnect back-off");

        tcase_add_test(tc, absent_daemon_backs_off);
        tcase_add_test(tc, lost_after_a_while_retries_at_once);
        tcase_add_test(tc, dropped_at_once_keeps_backing_off);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
