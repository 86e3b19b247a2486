/*
 * test_nlq_link.c - the RTM_NEWLINK decoder against libnl's own link
 * parser: on every link of the namespace the test runs in (a read-only
 * dump; nothing is sent on any link) and on messages built here, valid
 * and malformed, both must give the same facts or both refuse.
 */
#include <check.h>
#include <errno.h>
#include <linux/if_arp.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <string.h>

#include "check_main.h"
#include "nlq_link.h"

struct got {
        struct rtnl_link *link;
};

static void take(struct nl_object *o, void *arg)
{
        struct got *g = arg;

        nl_object_get(o);
        g->link = (struct rtnl_link *)o;
}

/* libnl's verdict on one message vs ours; returns whether libnl took it. */
static bool agree(struct nl_msg *msg)
{
        struct nlmsghdr *nlh = nlmsg_hdr(msg);
        struct got g = { 0 };
        struct nlq_link l;
        int r;

        nl_msg_parse(msg, take, &g);
        r = nlq_link_decode(nlh, nlh->nlmsg_len, &l);
        ck_assert_msg((r == 0) == (g.link != NULL), "decode %d, libnl %s", r, g.link ? "took it" : "refused");
        if (g.link) {
                struct nl_addr *a = rtnl_link_get_addr(g.link);
                const char *kind = rtnl_link_get_type(g.link);

                ck_assert_int_eq(l.ifindex, rtnl_link_get_ifindex(g.link));
                ck_assert_uint_eq(l.flags, rtnl_link_get_flags(g.link));
                ck_assert_uint_eq(l.arptype, rtnl_link_get_arptype(g.link));
                ck_assert_uint_eq(l.operstate, rtnl_link_get_operstate(g.link));
                ck_assert_int_eq(l.master, rtnl_link_get_master(g.link));
                ck_assert_str_eq(l.name, rtnl_link_get_name(g.link));
                ck_assert_int_eq(l.has_mac, a && nl_addr_get_len(a) == 6);
                if (l.has_mac)
                        ck_assert_int_eq(memcmp(l.mac, nl_addr_get_binary_addr(a), 6), 0);
                ck_assert_int_eq(l.kind == NULL, kind == NULL);
                if (kind)
                        ck_assert_str_eq(l.kind, kind);
                rtnl_link_put(g.link);
        }
        nlq_link_free(&l);
        return r == 0;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
        (*(int *)arg) += agree(msg);
        return NL_OK;
}

START_TEST(live_links_agree)
{
        struct nl_sock *sk = nl_socket_alloc();
        struct ifinfomsg m = { .ifi_family = AF_UNSPEC };
        int n = 0;

        ck_assert_ptr_nonnull(sk);
        ck_assert_int_eq(nl_connect(sk, NETLINK_ROUTE), 0);
        ck_assert_int_eq(nl_socket_modify_cb(sk, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &n), 0);
        ck_assert_int_ge(nl_send_simple(sk, RTM_GETLINK, NLM_F_DUMP, &m, sizeof(m)), 0);
        ck_assert_int_ge(nl_recvmsgs_default(sk), 0);
        ck_assert_int_ge(n, 1);         /* lo at least */
        nl_socket_free(sk);
}
END_TEST

/* A message: ifinfomsg, then the attributes the case adds. */
static struct nl_msg *msg_new(int ifindex, unsigned flags, unsigned short type)
{
        struct nl_msg *msg = nlmsg_alloc_simple(RTM_NEWLINK, 0);
        struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = ifindex, .ifi_flags = flags,
                                 .ifi_type = type };

        ck_assert_ptr_nonnull(msg);
        nlmsg_set_proto(msg, NETLINK_ROUTE);    /* as if received: libnl finds its parser by it */
        ck_assert_int_eq(nlmsg_append(msg, &ifi, sizeof(ifi), NLMSG_ALIGNTO), 0);
        return msg;
}

START_TEST(built_messages_agree)
{
        static const unsigned char mac[6] = { 0x52, 0x54, 0, 1, 2, 3 };
        static const unsigned char ib[20] = { 1 };
        struct nl_msg *msg;
        struct nlattr *li;

        /* a bridge port with everything the inventory keeps */
        msg = msg_new(7, 0x1003, ARPHRD_ETHER);
        nla_put_string(msg, IFLA_IFNAME, "vb00001");
        nla_put(msg, IFLA_ADDRESS, 6, mac);
        nla_put_u32(msg, IFLA_MASTER, 3);
        nla_put_u8(msg, IFLA_OPERSTATE, 6);
        li = nla_nest_start(msg, IFLA_LINKINFO);
        nla_put_string(msg, IFLA_INFO_KIND, "veth");
        nla_nest_end(msg, li);
        ck_assert(agree(msg));
        nlmsg_free(msg);

        /* a 20-byte link-layer address is no MAC; an unknown kind is kept */
        msg = msg_new(8, 0, ARPHRD_INFINIBAND);
        nla_put_string(msg, IFLA_IFNAME, "ib0");
        nla_put(msg, IFLA_ADDRESS, 20, ib);
        li = nla_nest_start(msg, IFLA_LINKINFO);
        nla_put_string(msg, IFLA_INFO_KIND, "ipoib-something-long-kind");
        nla_nest_end(msg, li);
        ck_assert(agree(msg));
        nlmsg_free(msg);

        /* refused by both: no name */
        msg = msg_new(9, 0, ARPHRD_ETHER);
        nla_put_u32(msg, IFLA_MASTER, 3);
        ck_assert(!agree(msg));
        nlmsg_free(msg);

        /* refused by both: a name without its NUL, and one too long */
        msg = msg_new(10, 0, ARPHRD_ETHER);
        nla_put(msg, IFLA_IFNAME, 4, "eth0");
        ck_assert(!agree(msg));
        nlmsg_free(msg);
        msg = msg_new(11, 0, ARPHRD_ETHER);
        nla_put_string(msg, IFLA_IFNAME, "sixteen-chars-xx");
        ck_assert(!agree(msg));
        nlmsg_free(msg);

        /* refused by both: a master of two bytes, a kind without its NUL */
        msg = msg_new(12, 0, ARPHRD_ETHER);
        nla_put_string(msg, IFLA_IFNAME, "x");
        nla_put(msg, IFLA_MASTER, 2, "ab");
        ck_assert(!agree(msg));
        nlmsg_free(msg);
        msg = msg_new(13, 0, ARPHRD_ETHER);
        nla_put_string(msg, IFLA_IFNAME, "y");
        li = nla_nest_start(msg, IFLA_LINKINFO);
        nla_put(msg, IFLA_INFO_KIND, 3, "tun");
        nla_nest_end(msg, li);
        ck_assert(!agree(msg));
        nlmsg_free(msg);

        /* fifteen characters fit exactly */
        msg = msg_new(14, 1, ARPHRD_LOOPBACK);
        nla_put_string(msg, IFLA_IFNAME, "fifteen-chars-x");
        ck_assert(agree(msg));
        nlmsg_free(msg);
}
END_TEST

START_TEST(truncated_refused)
{
        struct nl_msg *msg = msg_new(5, 0, ARPHRD_ETHER);
        struct nlmsghdr *nlh;
        struct nlq_link l;

        nla_put_string(msg, IFLA_IFNAME, "eth5");
        nlh = nlmsg_hdr(msg);
        ck_assert_int_eq(nlq_link_decode(nlh, nlh->nlmsg_len, &l), 0);
        nlq_link_free(&l);
        for (size_t len = 0; len < nlh->nlmsg_len; len++)
                ck_assert_int_eq(nlq_link_decode(nlh, len, &l), -EBADMSG);
        nlh->nlmsg_type = RTM_NEWADDR;
        ck_assert_int_eq(nlq_link_decode(nlh, nlh->nlmsg_len, &l), -EBADMSG);
        nlmsg_free(msg);
}
END_TEST

static Suite *suite(void)
{
        Suite *s = suite_create("nlq_link");
        TCase *tc = tcase_create("decode");

        /* A link dump waits for the kernel's RTNL lock, which a namespace
         * with thousands of links being deleted elsewhere on the machine
         * holds for seconds: more than Check's default 4 s. */
        tcase_set_timeout(tc, 120);
        tcase_add_test(tc, live_links_agree);
        tcase_add_test(tc, built_messages_agree);
        tcase_add_test(tc, truncated_refused);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(suite)
