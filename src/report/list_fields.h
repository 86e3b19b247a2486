/*
 * list_fields.h - one field table per object of `list` (a network, a
 * subnet, a DHCP range, a fixed host, a local interface, an allocation
 * pool, a route), in the manner of iproute2's print_*(PRINT_ANY, key, ...): each
 * field is written once, with its JSON key and its text column, and both
 * renderers walk the same table, so a field added here appears in both.
 * Values are typed (struct field_value); field_text() and field_json_put()
 * are the two printers.
 */
#ifndef VNETAUDIT_LIST_FIELDS_H
#define VNETAUDIT_LIST_FIELDS_H

#include <json-c/json.h>
#include <stddef.h>

#include "inventory.h"
#include "list_columns.h"
#include "rt_tables.h"

enum field_kind {
        FV_ABSENT,              /* no such field for this object: no key, empty cell */
        FV_NULL,                /* unknown or unset: null, empty cell */
        FV_TEXT,                /* untrusted bytes (names, ids): escaped in JSON */
        FV_WORD,                /* one of our own words (type, state) */
        FV_BOOL,                /* true/false; "yes"/"no" in text */
        FV_UPDOWN,              /* true/false; "up"/"down" in text */
        FV_MAC,
        FV_INT,
        FV_ADDR,
        FV_PREFIX,
        FV_ORIGIN,
        FV_PREFIXLEN,           /* a prefix length: "/N" in text, N in JSON */
        FV_RTTABLE,             /* a routing table: its name in text, its number in JSON */
};

struct field_value {
        enum field_kind kind;
        union {
                const char *s;
                bool b;
                long long i;
                const struct addr *a;
                const struct prefix *p;
                const struct origin *o;
                const unsigned char *mac;
                struct {
                        unsigned id;
                        const struct rtt_names *names;  /* NULL: the built-in names */
                } t;
        } u;
};

struct net_field {
        const char *key;                        /* JSON key */
        enum list_col col;                      /* text column; _LC_MAX: JSON only */
        struct field_value (*get)(const struct network *n);
};

struct subnet_field {
        const char *key;
        enum list_col col;
        struct field_value (*get)(const struct subnet *s);
};

/* The columns of the text table of local interfaces. */
enum if_col { IC_NAME, IC_KIND, IC_STATE, IC_MAC, IC_ADDRS, _IC_MAX, IC_NONE = -1 };
extern const char *const if_col_names[_IC_MAX];

struct if_field {
        const char *key;
        enum if_col col;                        /* IC_NONE: JSON only */
        struct field_value (*get)(const struct inventory *inv, const struct interface *ifc);
};

/* A subnet's DHCP ranges are one text cell ("start-end, ..."): text_sep
 * is what goes before the field there ("" first), NULL for JSON only. */
struct range_field {
        const char *key;
        const char *text_sep;
        struct field_value (*get)(const struct dhcp_range *r);
};

/* A fixed host is only counted in text ("N fixed"): its fields are JSON. */
struct host_field {
        const char *key;
        struct field_value (*get)(const struct fixed_host *h);
};

/* The columns of the text table of allocation pools. */
enum pool_col { PC_POOL, PC_BASE, PC_SIZE, PC_ORIGIN, _PC_MAX, PC_NONE = -1 };
extern const char *const pool_col_names[_PC_MAX];

struct pool_field {
        const char *key;
        enum pool_col col;                      /* PC_NONE: JSON only */
        struct field_value (*get)(const struct addr_pool *p);
};

/* The columns of the text table of routes (`list -v`). */
enum route_col { RC_TABLE, RC_DST, RC_DEV, RC_GATEWAY, _RC_MAX, RC_NONE = -1 };
extern const char *const route_col_names[_RC_MAX];

/* tables names the routing tables for text (NULL: the built-in names). */
struct route_field {
        const char *key;
        enum route_col col;                     /* RC_NONE: JSON only */
        struct field_value (*get)(const struct inventory *inv, const struct rtt_names *tables,
                                  const struct route *r);
};

extern const struct net_field net_fields[];
extern const size_t n_net_fields;
extern const struct subnet_field subnet_fields[];
extern const size_t n_subnet_fields;
extern const struct if_field if_fields[];
extern const size_t n_if_fields;
extern const struct range_field range_fields[];
extern const size_t n_range_fields;
extern const struct host_field host_fields[];
extern const size_t n_host_fields;
extern const struct pool_field pool_fields[];
extern const size_t n_pool_fields;
extern const struct route_field route_fields[];
extern const size_t n_route_fields;

/* The subnet's own origin (the text table shows it on a network's later rows). */
struct field_value subnet_origin_value(const struct subnet *s);

/* Room for any field's text (origins are "file:line"). */
#define FIELD_TEXT_MAX 4096

/* The text of v for a table cell, in buf if it must be formatted; NULL for
 * an absent or null value. */
const char *field_text(const struct field_value *v, char buf[static FIELD_TEXT_MAX]);
/* Puts v under key in o (JSON null for FV_NULL, nothing for FV_ABSENT). */
void field_json_put(json_object *o, const char *key, const struct field_value *v);

#endif
