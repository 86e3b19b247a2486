/*
 * nlq_link.c - RTM_NEWLINK into struct nlq_link (see nlq_link.h).  The
 * policies are libnl's for the attributes read here, so a message libnl
 * would refuse for one of them is refused here as well.
 */
#include <errno.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include <stdlib.h>
#include <string.h>

#include "nlq_link.h"

void nlq_link_free(struct nlq_link *l)
{
        if (!l)
                return;
        free(l->kind);
        l->kind = NULL;
}

int nlq_link_decode(const void *buf, size_t len, struct nlq_link *ret)
{
        static struct nla_policy policy[IFLA_MAX + 1] = {
                [IFLA_IFNAME] = { .type = NLA_STRING, .maxlen = NLQ_IFNAMSIZ },
                [IFLA_MASTER] = { .type = NLA_U32 },
                [IFLA_OPERSTATE] = { .type = NLA_U8 },
                [IFLA_LINKINFO] = { .type = NLA_NESTED },
        };
        static struct nla_policy info_policy[IFLA_INFO_MAX + 1] = {
                [IFLA_INFO_KIND] = { .type = NLA_STRING },
        };
        const struct nlmsghdr *nlh = buf;
        struct nlattr *tb[IFLA_MAX + 1], *li[IFLA_INFO_MAX + 1];
        const struct ifinfomsg *ifi;

        *ret = (struct nlq_link){ 0 };
        if (len < sizeof(*nlh) || nlh->nlmsg_len < sizeof(*nlh) || nlh->nlmsg_len > len ||
            nlh->nlmsg_type != RTM_NEWLINK || !nlmsg_valid_hdr(nlh, sizeof(*ifi)))
                return -EBADMSG;
        ifi = nlmsg_data(nlh);
        if (nlmsg_parse((struct nlmsghdr *)nlh, sizeof(*ifi), tb, IFLA_MAX, policy) < 0 ||
            !tb[IFLA_IFNAME])
                return -EBADMSG;
        ret->ifindex = ifi->ifi_index;
        ret->flags = ifi->ifi_flags;
        ret->arptype = ifi->ifi_type;
        nla_strlcpy(ret->name, tb[IFLA_IFNAME], sizeof(ret->name));
        if (tb[IFLA_OPERSTATE])
                ret->operstate = nla_get_u8(tb[IFLA_OPERSTATE]);
        if (tb[IFLA_MASTER])
                ret->master = (int)nla_get_u32(tb[IFLA_MASTER]);
        if (tb[IFLA_ADDRESS] && nla_len(tb[IFLA_ADDRESS]) == 6) {
                ret->has_mac = true;
                memcpy(ret->mac, nla_data(tb[IFLA_ADDRESS]), 6);
        }
        if (tb[IFLA_LINKINFO]) {
                if (nla_parse_nested(li, IFLA_INFO_MAX, tb[IFLA_LINKINFO], info_policy) < 0)
                        return -EBADMSG;
                if (li[IFLA_INFO_KIND] && !(ret->kind = strdup(nla_get_string(li[IFLA_INFO_KIND]))))
                        return -ENOMEM;
        }
        return 0;
}
