/*
 * net_select.c - --net selectors.  Patterns use fnmatch(3) against the id
 * ("vmware:vmnet6"); patterns without a colon also against the name and
 * the device, as plain names are matched.
 */
#include <fnmatch.h>
#include <string.h>

#include "audit_config.h"
#include "net_select.h"

static int source_of(const char *sel)
{
        for (int i = 0; i < _NET_SRC_MAX; i++)
                if (strcmp(sel, net_source_name((enum net_source)i)) == 0)
                        return i;
        return -1;
}

static bool has_glob(const char *s)
{
        return strpbrk(s, "*?[") != NULL;
}

bool net_select_is_pattern(const char *sel)
{
        return sel && (has_glob(sel) || source_of(sel) >= 0);
}

bool net_select_match(const char *sel, const struct network *n)
{
        int src;

        if (!sel)
                return false;
        if ((src = source_of(sel)) >= 0 && n->source == (enum net_source)src)
                return true;
        if (!has_glob(sel))
                return audit_net_match(sel, n->id, n->name, n->device);
        if (n->id && fnmatch(sel, n->id, 0) == 0)
                return true;
        if (strchr(sel, ':'))
                return false;
        return (n->name && fnmatch(sel, n->name, 0) == 0) ||
               (n->device && fnmatch(sel, n->device, 0) == 0);
}
