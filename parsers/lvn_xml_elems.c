/*
 * lvn_xml_elems.c - the children of a libvirt <network> that the audit
 * needs: <ip> with its DHCP ranges and hosts, <dns> host entries, and
 * <forward> with its devices.  Each bad element is reported with its line
 * and skipped; the rest of the network survives.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "inventory.h"
#include "lvn_xml_parse.h"
#include "numparse.h"
#include "xalloc.h"

static const char *const forward_names[_LVN_FWD_MAX] = {
        [LVN_FWD_NONE] = "none",
        [LVN_FWD_NAT] = "nat",
        [LVN_FWD_ROUTE] = "route",
        [LVN_FWD_OPEN] = "open",
        [LVN_FWD_BRIDGE] = "bridge",
        [LVN_FWD_PRIVATE] = "private",
        [LVN_FWD_VEPA] = "vepa",
        [LVN_FWD_PASSTHROUGH] = "passthrough",
        [LVN_FWD_HOSTDEV] = "hostdev",
};

const char *lvn_forward_name(enum lvn_forward f)
{
        return f < _LVN_FWD_MAX ? forward_names[f] : "?";
}

bool lvn_forward_is_direct(enum lvn_forward f)
{
        return f == LVN_FWD_BRIDGE || f == LVN_FWD_PRIVATE || f == LVN_FWD_VEPA ||
               f == LVN_FWD_PASSTHROUGH || f == LVN_FWD_HOSTDEV;
}

static const char *family_name(int af)
{
        return af == AF_INET6 ? "ipv6" : "ipv4";
}

/* Parses an address attribute of the given family; reports and returns
 * -EINVAL when it is missing or malformed. */
static int attr_addr(struct pctx *p, const xmlNode *n, const char *elem, const char *name,
                     int family, struct addr *ret)
{
        _cleanup_free_ char *v = lvn_attr(p, n, name);

        if (!v) {
                lvn_report(p, lvn_lineof(n), SEV_ERROR, "<%s> has no %s", elem, name);
                return -EINVAL;
        }
        if (addr_parse(v, ret) < 0) {
                lvn_report(p, lvn_lineof(n), SEV_ERROR, "<%s> %s '%s' is not an IP address", elem, name, v);
                return -EINVAL;
        }
        if (ret->family != family) {
                lvn_report(p, lvn_lineof(n), SEV_ERROR, "<%s> %s '%s' is not an %s address",
                           elem, name, v, family_name(family));
                return -EINVAL;
        }
        return 0;
}

static void parse_range(struct pctx *p, const xmlNode *n, struct lvn_ip *ip)
{
        struct lvn_range r = { .line = lvn_lineof(n) };
        char a[ADDR_STRLEN], b[ADDR_STRLEN], pf[PREFIX_STRLEN];
        struct lvn_range *slot;
        int af = ip->address.family;

        if (attr_addr(p, n, "range", "start", af, &r.start) < 0 ||
            attr_addr(p, n, "range", "end", af, &r.end) < 0)
                return;
        addr_format(&r.start, a);
        addr_format(&r.end, b);
        if (addr_cmp(&r.start, &r.end) > 0) {
                lvn_report(p, r.line, SEV_ERROR, "range start %s is after its end %s", a, b);
                return;
        }
        /* libvirt refuses a range that leaves its <ip>'s network. */
        if (!range_in_prefix(&ip->prefix, &r.start, &r.end)) {
                lvn_report(p, r.line, SEV_ERROR, "range %s - %s is outside the network %s", a, b,
                           prefix_format(&ip->prefix, pf));
                return;
        }
        /* Nested <lease expiry=...> only sets the lease time: nothing to audit. */
        if (!(slot = ARRAY_PUSH(ip->ranges, ip->n_ranges, ip->cap_ranges))) {
                p->enomem = 1;
                return;
        }
        *slot = r;
}

static void parse_host(struct pctx *p, const xmlNode *n, struct lvn_ip *ip)
{
        struct lvn_host h = { .line = lvn_lineof(n) };
        _cleanup_free_ char *mac = lvn_attr(p, n, "mac");
        struct lvn_host *slot;
        unsigned char m[6];

        h.id = lvn_attr(p, n, "id");
        h.name = lvn_attr(p, n, "name");
        if (mac) {
                if (mac_parse(mac, m) < 0) {
                        lvn_report(p, h.line, SEV_ERROR, "host mac '%s' is not a MAC address", mac);
                        goto skip;
                }
                mac_format(m, h.mac);
        }
        if (ip->address.family == AF_INET && !mac && !h.name) {
                lvn_report(p, h.line, SEV_ERROR, "IPv4 host needs a mac or a name");
                goto skip;
        }
        if (ip->address.family == AF_INET6 && !h.id && !h.name) {
                lvn_report(p, h.line, SEV_ERROR, "IPv6 host needs an id or a name");
                goto skip;
        }
        if (attr_addr(p, n, "host", "ip", ip->address.family, &h.ip) < 0)
                goto skip;
        if (!(slot = ARRAY_PUSH(ip->hosts, ip->n_hosts, ip->cap_hosts))) {
                p->enomem = 1;
                goto skip;
        }
        *slot = h;
        return;
skip:
        free(h.id);
        free(h.name);
}

static void parse_dhcp(struct pctx *p, const xmlNode *dhcp, struct lvn_ip *ip)
{
        for (const xmlNode *c = dhcp->children; c; c = c->next) {
                if (lvn_is_elem(c, "range"))
                        parse_range(p, c, ip);
                else if (lvn_is_elem(c, "host"))
                        parse_host(p, c, ip);
        }
}

/* libvirt's default when an <ip> has neither netmask nor prefix: the old
 * address classes for IPv4 (RFC 791), /64 for IPv6. */
static int default_prefix_len(const struct addr *a)
{
        uint32_t v;

        if (a->family == AF_INET6)
                return 64;
        v = addr_ipv4(a);
        if ((v & 0x80000000u) == 0)
                return 8;
        if ((v & 0xc0000000u) == 0x80000000u)
                return 16;
        if ((v & 0xe0000000u) == 0xc0000000u)
                return 24;
        return -1;
}

void lvn_parse_ip(struct pctx *p, const xmlNode *n, struct lvn_network *net)
{
        struct lvn_ip ip = { .line = lvn_lineof(n) };
        _cleanup_free_ char *family = lvn_attr(p, n, "family");
        _cleanup_free_ char *netmask = lvn_attr(p, n, "netmask");
        _cleanup_free_ char *prefix = lvn_attr(p, n, "prefix");
        char a[ADDR_STRLEN];
        struct lvn_ip *slot;
        unsigned long len = 0;
        int af;

        if (!family || strcmp(family, "ipv4") == 0) {
                af = AF_INET;
        } else if (strcmp(family, "ipv6") == 0) {
                af = AF_INET6;
        } else {
                lvn_report(p, ip.line, SEV_ERROR, "ip family '%s' must be ipv4 or ipv6", family);
                return;
        }
        if (attr_addr(p, n, "ip", "address", af, &ip.address) < 0)
                return;
        addr_format(&ip.address, a);
        if (netmask && prefix) {
                lvn_report(p, ip.line, SEV_ERROR, "ip %s has both netmask and prefix", a);
                return;
        }
        if (netmask && af == AF_INET6) {
                lvn_report(p, ip.line, SEV_ERROR, "ip %s: netmask is not allowed for ipv6, use prefix", a);
                return;
        }
        if (netmask) {
                if (prefix_from_netmask(&ip.address, netmask, &ip.prefix) < 0) {
                        lvn_report(p, ip.line, SEV_ERROR, "ip %s: netmask '%s' is not a valid netmask",
                                   a, netmask);
                        return;
                }
        } else {
                if (prefix && parse_decimal(prefix, 0, addr_bits(af), &len) < 0) {
                        lvn_report(p, ip.line, SEV_ERROR, "ip %s: prefix must be between 0 and %u",
                                   a, addr_bits(af));
                        return;
                }
                /* libvirt keeps prefix='0' as "not given" and applies the default. */
                if (len == 0) {
                        int d = default_prefix_len(&ip.address);

                        if (d < 0) {
                                lvn_report(p, ip.line, SEV_ERROR,
                                           "ip %s has no netmask or prefix, and no class default", a);
                                return;
                        }
                        len = (unsigned long)d;
                }
                prefix_make(&ip.address, (unsigned)len, &ip.prefix);
        }
        ip.prefix = prefix_network(&ip.prefix);

        for (const xmlNode *c = n->children; c; c = c->next)
                if (lvn_is_elem(c, "dhcp"))
                        parse_dhcp(p, c, &ip);
        if (!(slot = ARRAY_PUSH(net->ips, net->n_ips, net->cap_ips))) {
                p->enomem = 1;
                free(ip.ranges);
                for (size_t i = 0; i < ip.n_hosts; i++) {
                        free(ip.hosts[i].id);
                        free(ip.hosts[i].name);
                }
                free(ip.hosts);
                return;
        }
        *slot = ip;
}

void lvn_parse_dns(struct pctx *p, const xmlNode *dns, struct lvn_network *net)
{
        for (const xmlNode *h = dns->children; h; h = h->next) {
                struct lvn_dns_host d = { .line = lvn_lineof(h) };
                _cleanup_free_ char *v = NULL;
                struct lvn_dns_host *slot;

                if (!lvn_is_elem(h, "host"))
                        continue;
                if (!(v = lvn_attr(p, h, "ip"))) {
                        lvn_report(p, d.line, SEV_ERROR, "dns host has no ip");
                        continue;
                }
                if (addr_parse(v, &d.ip) < 0) {
                        lvn_report(p, d.line, SEV_ERROR, "dns host ip '%s' is not an IP address", v);
                        continue;
                }
                for (const xmlNode *c = h->children; c && !d.hostname; c = c->next)
                        if (lvn_is_elem(c, "hostname"))
                                d.hostname = lvn_text(p, c);
                if (!(slot = ARRAY_PUSH(net->dns_hosts, net->n_dns_hosts, net->cap_dns_hosts))) {
                        p->enomem = 1;
                        free(d.hostname);
                        continue;
                }
                *slot = d;
        }
}

static void add_forward_dev(struct pctx *p, struct lvn_network *net, char *dev)
{
        if (!dev)
                return;
        for (size_t i = 0; i < net->n_forward_devs; i++)
                if (strcmp(net->forward_devs[i], dev) == 0) {
                        free(dev);
                        return;
                }
        if (grow((void **)&net->forward_devs, &net->cap_forward_devs, net->n_forward_devs + 1,
                 sizeof(char *)) < 0) {
                p->enomem = 1;
                free(dev);
                return;
        }
        net->forward_devs[net->n_forward_devs++] = dev;
}

/* 0, or -EINVAL when the mode is unknown (the network is then unusable:
 * guessing would invent or hide a host address). */
int lvn_parse_forward(struct pctx *p, const xmlNode *n, struct lvn_network *net)
{
        _cleanup_free_ char *mode = lvn_attr(p, n, "mode");

        net->forward = LVN_FWD_NAT;             /* <forward/> alone means NAT */
        if (mode) {
                enum lvn_forward f;

                for (f = LVN_FWD_NAT; f < _LVN_FWD_MAX; f++)
                        if (strcmp(mode, forward_names[f]) == 0)
                                break;
                if (f == _LVN_FWD_MAX) {
                        lvn_report(p, lvn_lineof(n), SEV_ERROR, "unknown forward mode '%s'", mode);
                        return -EINVAL;
                }
                net->forward = f;
        }
        add_forward_dev(p, net, lvn_attr(p, n, "dev"));
        for (const xmlNode *c = n->children; c; c = c->next)
                if (lvn_is_elem(c, "interface") || lvn_is_elem(c, "pf"))
                        add_forward_dev(p, net, lvn_attr(p, c, "dev"));
        return 0;
}

