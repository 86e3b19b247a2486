/*
 * addr.h - IPv4/IPv6 addresses and prefixes: parse, format, compare and the
 * set arithmetic the analysis needs (contains, overlaps, range-in-prefix).
 * Pure functions on value types; no allocation, no I/O.  IPv4 is kept as
 * AF_INET with 4 significant bytes; an IPv4-mapped IPv6 address stays IPv6.
 */
#ifndef VNETAUDIT_ADDR_H
#define VNETAUDIT_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ADDR_STRLEN 46          /* INET6_ADDRSTRLEN */
#define PREFIX_STRLEN (ADDR_STRLEN + 4)

struct addr {
        int family;             /* AF_INET or AF_INET6; 0 = unset */
        uint8_t b[16];          /* network byte order; IPv4 uses b[0..3] */
};

struct prefix {
        struct addr addr;       /* host bits may be set: see prefix_network() */
        unsigned len;
};

unsigned addr_bits(int family);

/* Parse a textual address (no surrounding blanks).  0 or -EINVAL. */
int addr_parse(const char *s, struct addr *ret);
/* Like addr_parse, but only of the given family. */
int addr_parse_family(const char *s, int family, struct addr *ret);
const char *addr_format(const struct addr *a, char buf[static ADDR_STRLEN]);
int addr_cmp(const struct addr *a, const struct addr *b);
bool addr_eq(const struct addr *a, const struct addr *b);
bool addr_is_zero(const struct addr *a);
/* a + delta, saturating is not wanted: -ERANGE when it would wrap. */
int addr_add(const struct addr *a, int64_t delta, struct addr *ret);
void addr_from_ipv4(uint32_t host_order, struct addr *ret);
uint32_t addr_ipv4(const struct addr *a);      /* host order */

/* "A/N"; a bare address is a host prefix.  0 or -EINVAL. */
int prefix_parse(const char *s, struct prefix *ret);
/* address + dotted netmask (must be contiguous) -> prefix.  0 or -EINVAL. */
int prefix_from_netmask(const struct addr *a, const char *netmask, struct prefix *ret);
int netmask_to_len(const struct addr *mask, unsigned *ret_len);
void prefix_make(const struct addr *a, unsigned len, struct prefix *ret);
const char *prefix_format(const struct prefix *p, char buf[static PREFIX_STRLEN]);
/* The prefix with its host bits cleared. */
struct prefix prefix_network(const struct prefix *p);
bool prefix_has_host_bits(const struct prefix *p);
/* First and last address covered. */
struct addr prefix_first(const struct prefix *p);
struct addr prefix_last(const struct prefix *p);
bool prefix_contains(const struct prefix *p, const struct addr *a);
bool prefix_contains_prefix(const struct prefix *outer, const struct prefix *inner);
bool prefix_overlaps(const struct prefix *a, const struct prefix *b);
bool range_in_prefix(const struct prefix *p, const struct addr *start, const struct addr *end);
bool ranges_overlap(const struct addr *s1, const struct addr *e1,
                    const struct addr *s2, const struct addr *e2);
/* Order by family, network address, then length (shorter first). */
int prefix_cmp(const struct prefix *a, const struct prefix *b);

#endif
