/*
 * rt_tables.h - parser of iproute2's routing table names
 * (/etc/iproute2/rt_tables: "NUMBER NAME" lines, '#' comments), so route
 * tables are named as `ip route` names them.  Pure: a buffer in, names out;
 * bad lines are skipped silently, as iproute2 does.
 */
#ifndef VNETAUDIT_RT_TABLES_H
#define VNETAUDIT_RT_TABLES_H

#include <stddef.h>

#define RTT_NAME_MAX 64                 /* longer names are skipped */
#define RTT_STRLEN (RTT_NAME_MAX + 1)

struct rtt_entry {
        unsigned id;
        char name[RTT_STRLEN];
};

struct rtt_names {
        struct rtt_entry *v;
        size_t n, cap;
};

/* Adds the buffer's names (a later line for the same number wins).
 * 0 or -ENOMEM. */
int rtt_parse(const char *buf, size_t size, struct rtt_names *names);
void rtt_free(struct rtt_names *names);
/* The table's name: from names (may be NULL), else iproute2's built-in
 * local (255), main (254), default (253), unspec (0), else the number. */
const char *rtt_name(const struct rtt_names *names, unsigned id, char buf[static RTT_STRLEN]);

#endif
