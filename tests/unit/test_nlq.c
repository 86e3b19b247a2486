/*
 * test_nlq.c - the pure parts of the netlink loader: the decoder of
 * nexthop objects (single, group, blackhole, IPv6; malformed messages
 * refused) and the retry policy for interrupted dumps (retried, reset
 * between tries, and given up after NLQ_DUMP_TRIES).  The dumps themselves
 * are tested against a real kernel in tests/integration/netlink_routes.sh.
 */
#include <errno.h>
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>
#include <netlink/errno.h>
#include <string.h>
#include <sys/socket.h>

#include "check_main.h"
#include "nlq.h"

struct msgbuf {
        union {
                struct nlmsghdr h;
                unsigned char b[512];
        } u;
        size_t len;
};

static void msg_start(struct msgbuf *m, unsigned char family)
{
        struct nhmsg nhm = { .nh_family = family };

        memset(m, 0, sizeof(*m));
        m->len = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(nhm));
        m->u.h.nlmsg_type = RTM_NEWNEXTHOP;
        memcpy(m->u.b + NLMSG_HDRLEN, &nhm, sizeof(nhm));
        m->u.h.nlmsg_len = (uint32_t)m->len;
}

static void msg_attr(struct msgbuf *m, unsigned short type, const void *data, size_t n)
{
        struct rtattr a = { .rta_len = (unsigned short)RTA_LENGTH(n), .rta_type = type };

        memcpy(m->u.b + m->len, &a, sizeof(a));
        if (n)
                memcpy(m->u.b + m->len + RTA_LENGTH(0), data, n);
        m->len += RTA_SPACE(n);
        m->u.h.nlmsg_len = (uint32_t)m->len;
}

static void msg_u32(struct msgbuf *m, unsigned short type, uint32_t v)
{
        msg_attr(m, type, &v, sizeof(v));
}

START_TEST(single_v4_and_v6)
{
        static const unsigned char gw4[4] = { 198, 51, 100, 3 };
        static const unsigned char gw6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
        struct nlq_nexthop nh;
        struct msgbuf m;

        msg_start(&m, AF_INET);
        msg_u32(&m, NHA_ID, 7);
        msg_u32(&m, NHA_OIF, 3);
        msg_attr(&m, NHA_GATEWAY, gw4, sizeof(gw4));
        ck_assert_int_eq(nlq_nexthop_decode(m.u.b, m.len, &nh), 0);
        ck_assert_uint_eq(nh.id, 7);
        ck_assert_int_eq(nh.ifindex, 3);
        ck_assert(nh.has_gateway);
        ck_assert_int_eq(nh.gateway.family, AF_INET);
        ck_assert_mem_eq(nh.gateway.b, gw4, 4);
        ck_assert_uint_eq(nh.n_group, 0);
        ck_assert(!nh.blackhole);
        nlq_nexthop_free(&nh);

        msg_start(&m, AF_INET6);
        msg_u32(&m, NHA_ID, 8);
        msg_u32(&m, NHA_OIF, 4);
        msg_attr(&m, NHA_GATEWAY, gw6, sizeof(gw6));
        ck_assert_int_eq(nlq_nexthop_decode(m.u.b, m.len, &nh), 0);
        ck_assert_int_eq(nh.gateway.family, AF_INET6);
        ck_assert_mem_eq(nh.gateway.b, gw6, 16);
        nlq_nexthop_free(&nh);
}
END_TEST

START_TEST(group_and_blackhole)
{
        struct nexthop_grp g[2] = { { .id = 7, .weight = 0 }, { .id = 8, .weight = 4 } };
        struct nlq_nexthop nh;
        struct msgbuf m;

        msg_start(&m, AF_UNSPEC);
        msg_u32(&m, NHA_ID, 9);
        msg_attr(&m, NHA_GROUP, g, sizeof(g));
        ck_assert_int_eq(nlq_nexthop_decode(m.u.b, m.len, &nh), 0);
        ck_assert_uint_eq(nh.n_group, 2);
        ck_assert_uint_eq(nh.group[0], 7);
        ck_assert_uint_eq(nh.group[1], 8);
        ck_assert_int_eq(nh.ifindex, 0);
        nlq_nexthop_free(&nh);

        msg_start(&m, AF_INET);
        msg_u32(&m, NHA_ID, 10);
        msg_attr(&m, NHA_BLACKHOLE, NULL, 0);
        ck_assert_int_eq(nlq_nexthop_decode(m.u.b, m.len, &nh), 0);
        ck_assert(nh.blackhole);
        nlq_nexthop_free(&nh);
}
END_TEST

START_TEST(malformed_refused)
{
        static const unsigned char gw3[5] = { 1, 2, 3, 4, 5 };
        struct nlq_nexthop nh;
        struct msgbuf m;

        msg_start(&m, AF_INET);         /* no NHA_ID */
        msg_u32(&m, NHA_OIF, 3);
        ck_assert_int_eq(nlq_nexthop_decode(m.u.b, m.len, &nh), -EBADMSG);
        msg_start(&m, AF_INET);         /* a 3-byte IPv4 gateway */
        msg_u32(&m, NHA_ID, 7);
        msg_attr(&m, NHA_GATEWAY, gw3, 3);
        ck_assert_int_eq(nlq_nexthop_decode(m.u.b, m.len, &nh), -EBADMSG);
        msg_start(&m, AF_INET);         /* a group of 5 bytes */
        msg_u32(&m, NHA_ID, 7);
        msg_attr(&m, NHA_GROUP, gw3, 5);
        ck_assert_int_eq(nlq_nexthop_decode(m.u.b, m.len, &nh), -EBADMSG);
        msg_start(&m, AF_INET);         /* nlmsg_len past the buffer */
        msg_u32(&m, NHA_ID, 7);
        ck_assert_int_eq(nlq_nexthop_decode(m.u.b, m.len - 1, &nh), -EBADMSG);
        ck_assert_int_eq(nlq_nexthop_decode(m.u.b, 10, &nh), -EBADMSG);
        m.u.h.nlmsg_type = RTM_NEWROUTE;
        ck_assert_int_eq(nlq_nexthop_decode(m.u.b, m.len, &nh), -EBADMSG);
}
END_TEST

struct fake {
        int interrupted;                /* how many runs report NLE_DUMP_INTR */
        int runs, resets;
};

static int fake_once(void *arg)
{
        struct fake *f = arg;

        return f->runs++ < f->interrupted ? -NLE_DUMP_INTR : 0;
}

static void fake_reset(void *arg)
{
        ((struct fake *)arg)->resets++;
}

START_TEST(retry_policy)
{
        struct fake f = { .interrupted = 2 };
        unsigned tries;

        ck_assert_int_eq(nlq_dump_retry(fake_once, &f, fake_reset, NLQ_DUMP_TRIES, &tries), 0);
        ck_assert_uint_eq(tries, 3);
        ck_assert_int_eq(f.resets, 2);  /* the half-read dumps were thrown away */

        f = (struct fake){ .interrupted = 1000 };
        ck_assert_int_eq(nlq_dump_retry(fake_once, &f, fake_reset, NLQ_DUMP_TRIES, &tries), -NLE_DUMP_INTR);
        ck_assert_uint_eq(tries, NLQ_DUMP_TRIES);
        ck_assert_int_eq(f.runs, NLQ_DUMP_TRIES);

        f = (struct fake){ 0 };
        ck_assert_int_eq(nlq_dump_retry(fake_once, &f, fake_reset, NLQ_DUMP_TRIES, &tries), 0);
        ck_assert_uint_eq(tries, 1);
        ck_assert_int_eq(f.resets, 0);
}
END_TEST

static Suite *nlq_suite(void)
{
        Suite *s = suite_create("nlq");
        TCase *tc = tcase_create("core");

        tcase_add_test(tc, single_v4_and_v6);
        tcase_add_test(tc, group_and_blackhole);
        tcase_add_test(tc, malformed_refused);
        tcase_add_test(tc, retry_policy);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(nlq_suite)
