/*
 * test_watch_diff.c - the events of `watch`: a finding not reported before
 * is new, one with the same key but another message, severity or claimant
 * is changed, one no longer present is resolved (carrying the fact as last
 * reported), an unchanged set emits nothing, duplicates of a key are one
 * fact, and the table stops at WATCH_MAX_FINDINGS (counted, not grown).
 */
#include <stdio.h>
#include <string.h>

#include "check_main.h"
#include "watch_diff.h"

struct rec {
        enum watch_event ev[2 * WATCH_MAX_FINDINGS];
        char code[2 * WATCH_MAX_FINDINGS][48];
        char msg[2 * WATCH_MAX_FINDINGS][128];
        size_t n;
};

static void record(void *ud, enum watch_event ev, const struct watch_fact *f)
{
        struct rec *r = ud;

        ck_assert_uint_lt(r->n, 2 * WATCH_MAX_FINDINGS);
        ck_assert_ptr_nonnull(f->json);
        r->ev[r->n] = ev;
        snprintf(r->code[r->n], sizeof(r->code[0]), "%s", f->code);
        snprintf(r->msg[r->n], sizeof(r->msg[0]), "%s", f->message);
        r->n++;
}

static struct finding *add(struct finding_list *l, enum finding_code c, const char *addr,
                           const char *msg, const char *mac)
{
        struct finding *f = finding_add(l, c, SEV_ERROR, msg, "hint");

        ck_assert_ptr_nonnull(f);
        ck_assert_int_eq(finding_add_network(f, "vmware:vmnet6"), 0);
        ck_assert_int_eq(finding_add_address(f, addr), 0);
        if (mac)
                f->mac = strdup(mac);
        return f;
}

static size_t view_of(const struct finding_list *l, const struct finding **v)
{
        for (size_t i = 0; i < l->n; i++)
                v[i] = &l->v[i];
        return l->n;
}

START_TEST(new_changed_resolved)
{
        static struct watch_diff d;
        static struct rec r;
        struct finding_list a = { 0 }, b = { 0 }, c = { 0 };
        const struct finding *v[8];

        memset(&d, 0, sizeof(d));
        memset(&r, 0, sizeof(r));
        add(&a, F_ADDRESS_IN_USE, "192.168.56.1", "in use by aa", "02:00:00:00:00:aa");
        add(&a, F_SUBNET_OVERLAP, "10.0.0.0/24", "overlap", NULL);
        ck_assert_int_eq(watch_diff_update(&d, v, view_of(&a, v), record, &r), 0);
        ck_assert_uint_eq(r.n, 2);
        ck_assert_int_eq(r.ev[0], WATCH_EV_NEW);
        ck_assert_int_eq(r.ev[1], WATCH_EV_NEW);

        /* The same set again: nothing. */
        r.n = 0;
        ck_assert_int_eq(watch_diff_update(&d, v, view_of(&a, v), record, &r), 0);
        ck_assert_uint_eq(r.n, 0);

        /* Another claimant for the same address: changed; overlap gone: resolved. */
        add(&b, F_ADDRESS_IN_USE, "192.168.56.1", "in use by bb", "02:00:00:00:00:bb");
        ck_assert_int_eq(watch_diff_update(&d, v, view_of(&b, v), record, &r), 0);
        ck_assert_uint_eq(r.n, 2);
        ck_assert_int_eq(r.ev[0], WATCH_EV_CHANGED);
        ck_assert_str_eq(r.msg[0], "in use by bb");
        ck_assert_int_eq(r.ev[1], WATCH_EV_RESOLVED);
        ck_assert_str_eq(r.code[1], "subnet-overlap");
        ck_assert_str_eq(r.msg[1], "overlap");      /* as last reported */

        /* Everything goes: resolved, with the last message. */
        r.n = 0;
        ck_assert_int_eq(watch_diff_update(&d, v, view_of(&c, v), record, &r), 0);
        ck_assert_uint_eq(r.n, 1);
        ck_assert_int_eq(r.ev[0], WATCH_EV_RESOLVED);
        ck_assert_str_eq(r.msg[0], "in use by bb");
        ck_assert_uint_eq(d.n, 0);
        finding_list_free(&a);
        finding_list_free(&b);
        watch_diff_free(&d);
}
END_TEST

START_TEST(duplicates_and_bound)
{
        static struct watch_diff d;
        static struct rec r;
        static const struct finding *v[WATCH_MAX_FINDINGS + 10];
        struct finding_list l = { 0 };

        memset(&d, 0, sizeof(d));
        memset(&r, 0, sizeof(r));
        add(&l, F_ADDRESS_IN_USE, "192.168.56.1", "x", NULL);
        add(&l, F_ADDRESS_IN_USE, "192.168.56.1", "x", NULL);
        ck_assert_int_eq(watch_diff_update(&d, v, view_of(&l, v), record, &r), 0);
        ck_assert_uint_eq(r.n, 1);
        finding_list_free(&l);
        watch_diff_free(&d);

        memset(&r, 0, sizeof(r));
        for (size_t i = 0; i < WATCH_MAX_FINDINGS + 10; i++) {
                char a[32];

                snprintf(a, sizeof(a), "10.%zu.%zu.1", i / 256, i % 256);
                add(&l, F_ADDRESS_IN_USE, a, "y", NULL);
        }
        ck_assert_int_eq(watch_diff_update(&d, v, view_of(&l, v), record, &r), 0);
        ck_assert_uint_eq(d.n, WATCH_MAX_FINDINGS);
        ck_assert_uint_eq(d.overflow, 10);
        ck_assert_uint_eq(r.n, WATCH_MAX_FINDINGS);
        finding_list_free(&l);
        watch_diff_free(&d);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("watch_diff");
        TCase *tc = tcase_create("events");

        tcase_add_test(tc, new_changed_resolved);
        tcase_add_test(tc, duplicates_and_bound);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
