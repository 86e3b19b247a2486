/*
 * vmw_test_util.h - helpers shared by the VMware parser unit tests: render
 * a diagnostics list as "file:line: severity: message" lines so a test can
 * compare the exact located messages in one string.
 */
#ifndef VNETAUDIT_VMW_TEST_UTIL_H
#define VNETAUDIT_VMW_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "severity.h"

/* Static buffer: one result at a time is enough for a test. */
static inline const char *diags_str(const struct diag_list *l)
{
        static char buf[8192];
        size_t off = 0;

        buf[0] = '\0';
        for (size_t i = 0; i < l->n && off < sizeof(buf); i++)
                off += (size_t)snprintf(buf + off, sizeof(buf) - off, "%s:%u: %s: %s\n",
                                        l->v[i].file ? l->v[i].file : "-", l->v[i].line,
                                        severity_name(l->v[i].severity), l->v[i].message);
        return buf;
}

static inline const char *addr_str(const struct addr *a)
{
        static char buf[4][ADDR_STRLEN];
        static int k;

        k = (k + 1) % 4;
        return addr_format(a, buf[k]);
}

#endif
