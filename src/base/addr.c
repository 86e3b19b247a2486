/*
 * addr.c - IPv4/IPv6 address and prefix arithmetic.  Everything works on
 * the 16-byte network-order array so both families share one code path;
 * addr_bits() says how many of those bits matter.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "addr.h"
#include "numparse.h"

unsigned addr_bits(int family)
{
        return family == AF_INET ? 32 : family == AF_INET6 ? 128 : 0;
}

static size_t addr_len(int family)
{
        return addr_bits(family) / 8;
}

int addr_parse_family(const char *s, int family, struct addr *ret)
{
        struct addr a = { .family = family };

        if (!s || inet_pton(family, s, a.b) != 1)
                return -EINVAL;
        *ret = a;
        return 0;
}

int addr_parse(const char *s, struct addr *ret)
{
        if (!s)
                return -EINVAL;
        if (strchr(s, ':'))
                return addr_parse_family(s, AF_INET6, ret);
        return addr_parse_family(s, AF_INET, ret);
}

const char *addr_format(const struct addr *a, char buf[static ADDR_STRLEN])
{
        if (!a->family || !inet_ntop(a->family, a->b, buf, ADDR_STRLEN))
                strcpy(buf, "?");
        return buf;
}

int addr_cmp(const struct addr *a, const struct addr *b)
{
        if (a->family != b->family)
                return a->family < b->family ? -1 : 1;
        return memcmp(a->b, b->b, addr_len(a->family));
}

bool addr_eq(const struct addr *a, const struct addr *b)
{
        return a->family && addr_cmp(a, b) == 0;
}

bool addr_is_zero(const struct addr *a)
{
        for (size_t i = 0; i < addr_len(a->family); i++)
                if (a->b[i])
                        return false;
        return true;
}

int addr_add(const struct addr *a, int64_t delta, struct addr *ret)
{
        struct addr r = *a;
        size_t n = addr_len(a->family);
        int carry = 0;
        uint64_t mag = delta < 0 ? (uint64_t)0 - (uint64_t)delta : (uint64_t)delta;

        if (!n)
                return -EINVAL;
        /* Add or subtract the magnitude byte by byte from the right. */
        for (size_t i = n; i-- > 0;) {
                int d = (int)(mag & 0xff);
                int v = delta < 0 ? r.b[i] - d - carry : r.b[i] + d + carry;

                mag >>= 8;
                if (delta < 0) {
                        carry = v < 0;
                        v += carry ? 256 : 0;
                } else {
                        carry = v > 255;
                        v -= carry ? 256 : 0;
                }
                r.b[i] = (uint8_t)v;
        }
        if (carry || mag)
                return -ERANGE;
        *ret = r;
        return 0;
}

void addr_from_ipv4(uint32_t host_order, struct addr *ret)
{
        uint32_t n = htonl(host_order);

        memset(ret, 0, sizeof(*ret));
        ret->family = AF_INET;
        memcpy(ret->b, &n, 4);
}

uint32_t addr_ipv4(const struct addr *a)
{
        uint32_t n;

        memcpy(&n, a->b, 4);
        return ntohl(n);
}

static int parse_len(const char *s, unsigned max, unsigned *ret)
{
        unsigned long v;

        if (parse_decimal(s, 0, max, &v) < 0)
                return -EINVAL;
        *ret = (unsigned)v;
        return 0;
}

int prefix_parse(const char *s, struct prefix *ret)
{
        char buf[ADDR_STRLEN + 8];
        const char *slash;
        struct prefix p;
        size_t alen;

        if (!s)
                return -EINVAL;
        slash = strchr(s, '/');
        alen = slash ? (size_t)(slash - s) : strlen(s);
        if (alen >= sizeof(buf))
                return -EINVAL;
        memcpy(buf, s, alen);
        buf[alen] = '\0';
        if (addr_parse(buf, &p.addr) < 0)
                return -EINVAL;
        p.len = addr_bits(p.addr.family);
        if (slash && parse_len(slash + 1, p.len, &p.len) < 0)
                return -EINVAL;
        *ret = p;
        return 0;
}

int netmask_to_len(const struct addr *mask, unsigned *ret_len)
{
        unsigned bits = addr_bits(mask->family), len = 0;

        while (len < bits && (mask->b[len / 8] & (0x80 >> (len % 8))))
                len++;
        for (unsigned i = len; i < bits; i++)
                if (mask->b[i / 8] & (0x80 >> (i % 8)))
                        return -EINVAL;        /* not contiguous */
        *ret_len = len;
        return 0;
}

int prefix_from_netmask(const struct addr *a, const char *netmask, struct prefix *ret)
{
        struct addr m;
        unsigned len;

        if (addr_parse_family(netmask, a->family, &m) < 0 || netmask_to_len(&m, &len) < 0)
                return -EINVAL;
        prefix_make(a, len, ret);
        return 0;
}

void prefix_make(const struct addr *a, unsigned len, struct prefix *ret)
{
        unsigned bits = addr_bits(a->family);

        ret->addr = *a;
        ret->len = len > bits ? bits : len;
}

const char *prefix_format(const struct prefix *p, char buf[static PREFIX_STRLEN])
{
        char a[ADDR_STRLEN];
        size_t n;

        addr_format(&p->addr, a);
        n = strlen(a);
        memcpy(buf, a, n);
        buf[n++] = '/';
        /* len <= 128: at most three digits */
        if (p->len >= 100)
                buf[n++] = (char)('0' + p->len / 100);
        if (p->len >= 10)
                buf[n++] = (char)('0' + p->len / 10 % 10);
        buf[n++] = (char)('0' + p->len % 10);
        buf[n] = '\0';
        return buf;
}

/* Set (fill=1) or clear (fill=0) every bit past len. */
static struct addr host_bits(const struct addr *a, unsigned len, int fill)
{
        struct addr r = *a;
        unsigned bits = addr_bits(a->family);

        for (unsigned i = len; i < bits;) {
                if (i % 8 == 0 && i + 8 <= bits) {
                        r.b[i / 8] = fill ? 0xff : 0;
                        i += 8;
                } else {
                        uint8_t m = (uint8_t)(0x80 >> (i % 8));
                        r.b[i / 8] = (uint8_t)(fill ? (r.b[i / 8] | m) : (r.b[i / 8] & ~m));
                        i++;
                }
        }
        return r;
}

struct prefix prefix_network(const struct prefix *p)
{
        struct prefix r = { .addr = host_bits(&p->addr, p->len, 0), .len = p->len };
        return r;
}

bool prefix_has_host_bits(const struct prefix *p)
{
        struct addr n = host_bits(&p->addr, p->len, 0);
        return addr_cmp(&n, &p->addr) != 0;
}

struct addr prefix_first(const struct prefix *p)
{
        return host_bits(&p->addr, p->len, 0);
}

struct addr prefix_last(const struct prefix *p)
{
        return host_bits(&p->addr, p->len, 1);
}

bool prefix_contains(const struct prefix *p, const struct addr *a)
{
        struct addr x, y;

        if (!p->addr.family || p->addr.family != a->family)
                return false;
        x = host_bits(&p->addr, p->len, 0);
        y = host_bits(a, p->len, 0);
        return addr_cmp(&x, &y) == 0;
}

bool prefix_contains_prefix(const struct prefix *outer, const struct prefix *inner)
{
        return outer->len <= inner->len && prefix_contains(outer, &inner->addr);
}

bool prefix_overlaps(const struct prefix *a, const struct prefix *b)
{
        return prefix_contains_prefix(a, b) || prefix_contains_prefix(b, a);
}

bool range_in_prefix(const struct prefix *p, const struct addr *start, const struct addr *end)
{
        return prefix_contains(p, start) && prefix_contains(p, end) && addr_cmp(start, end) <= 0;
}

bool ranges_overlap(const struct addr *s1, const struct addr *e1,
                    const struct addr *s2, const struct addr *e2)
{
        if (s1->family != s2->family)
                return false;
        return addr_cmp(s1, e2) <= 0 && addr_cmp(s2, e1) <= 0;
}

int prefix_cmp(const struct prefix *a, const struct prefix *b)
{
        struct addr x = prefix_first(a), y = prefix_first(b);
        int c = addr_cmp(&x, &y);

        if (c)
                return c;
        return a->len < b->len ? -1 : a->len > b->len;
}
