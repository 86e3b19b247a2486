/*
 * vmw_answers.h - what VMware's `networking` and legacy `locations` files
 * share: a line splitter that copes with CRLF, tabs and inline comments, the
 * "answer KEY value" store with last-line-wins and remove_answer, and the
 * typed per-vmnet view of the VNET_<n>_<KEY> answers.  Pure: no I/O.
 */
#ifndef VNETAUDIT_VMW_ANSWERS_H
#define VNETAUDIT_VMW_ANSWERS_H

#include <stdbool.h>
#include <stddef.h>

#include "addr.h"
#include "diag.h"

#define VMW_VNET_MAX 255        /* vmnet0 .. vmnet255 on Linux */

/* One line of a buffer: [p, p+len) without its LF or CRLF. */
struct vmw_line {
        const char *p;
        size_t len;
        unsigned no;            /* 1-based */
};

/* Advances *pos over buf; false at the end. */
bool vmw_line_next(const char *buf, size_t size, size_t *pos, struct vmw_line *ret);
/* Trims blanks at both ends and, when strip_comment, a '#' that starts the
 * line or follows a blank (so "a#b" stays a value) with what follows. */
void vmw_line_trim(struct vmw_line *l, bool strip_comment);
/* Splits the next blank-separated word off l; false when none is left. */
bool vmw_line_word(struct vmw_line *l, const char **ret_p, size_t *ret_len);
/* Copies a counted string into a NUL-terminated heap string; NULL on ENOMEM. */
char *vmw_strndup(const char *p, size_t len);

struct vmw_answer {
        char *key;
        char *value;
        unsigned line;
};

struct vmw_answers {
        struct vmw_answer *v;
        size_t n, cap;
};

/* Sets key to value (a later line wins).  0 or -ENOMEM. */
int vmw_answers_set(struct vmw_answers *a, const char *key, const char *value, unsigned line);
/* Removes key; false when it was not set. */
bool vmw_answers_remove(struct vmw_answers *a, const char *key);
const struct vmw_answer *vmw_answers_get(const struct vmw_answers *a, const char *key);
void vmw_answers_free(struct vmw_answers *a);

/* A typed answer: set, its value, the line it came from. */
struct vmw_addr_val {
        bool set;
        struct addr addr;
        unsigned line;          /* also set when the value was invalid */
};

struct vmw_bool_val {
        int value;              /* -1 unset, 0 no, 1 yes */
        unsigned line;
};

/* The VNET_<n>_* answers of one vmnet.  String pointers point into the
 * vmw_answers they were built from and live as long as it does. */
struct vmw_vnet {
        unsigned num;
        unsigned line;                  /* first line that names this vmnet */
        struct vmw_addr_val subnet;     /* HOSTONLY_SUBNET */
        struct vmw_addr_val netmask;    /* HOSTONLY_NETMASK */
        struct vmw_addr_val hostaddr;   /* HOSTONLY_HOSTADDR (legacy locations) */
        struct vmw_addr_val adapter_addr; /* VIRTUAL_ADAPTER_ADDR */
        struct vmw_bool_val virtual_adapter, dhcp, nat;
        char hash[41];                  /* DHCP_CFG_HASH, upper case; "" when none */
        unsigned hash_line;
        const char *display_name;       /* DISPLAY_NAME or legacy NAME */
        const char *uuid;               /* HOSTONLY_UUID */
        const char *interface;          /* legacy INTERFACE: bridged to it */
        unsigned interface_line;
        unsigned mtu, mtu_line;
};

struct vmw_vnets {
        struct vmw_vnet *v;             /* sorted by num */
        size_t n, cap;
};

/* Interprets every VNET_<n>_<KEY> answer; bad values are reported at their
 * line and left unset.  0 or -ENOMEM. */
int vmw_vnets_build(const struct vmw_answers *a, const char *file, struct vmw_vnets *ret,
                    struct diag_list *diags);
struct vmw_vnet *vmw_vnets_find(const struct vmw_vnets *v, unsigned num);
/* The vmnet numbered num, added (sorted) when missing; NULL on ENOMEM. */
struct vmw_vnet *vmw_vnets_get(struct vmw_vnets *v, unsigned num, unsigned line);
void vmw_vnets_free(struct vmw_vnets *v);

/* Orders the diagnostics added since index from by line (stable), so that
 * value checks made after the last line read in file order. */
void vmw_diags_sort(struct diag_list *d, size_t from);

/* "0".."255" -> num; -1 otherwise. */
int vmw_parse_vnet_num(const char *p, size_t len);

#endif
