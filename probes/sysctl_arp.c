/*
 * sysctl_arp.c - read net.ipv4.conf.{all,IFACE}.arp_ignore.  The kernel
 * uses the larger of the two (Documentation/networking/ip-sysctl.rst:
 * "The max value from conf/{all,interface}/arp_ignore is used").
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fileread.h"
#include "sysctl_arp.h"

static int read_int(const char *ifname, int *ret)
{
        char path[128], *buf = NULL, *end;
        size_t len = 0;
        long v;
        int r;

        if (strchr(ifname, '/') || strlen(ifname) > 32)
                return -EINVAL;
        snprintf(path, sizeof(path), "/proc/sys/net/ipv4/conf/%s/arp_ignore", ifname);
        if ((r = file_read(path, 64, &buf, &len)) < 0)
                return r;
        errno = 0;
        v = strtol(buf, &end, 10);
        r = end == buf || errno || v < INT_MIN || v > INT_MAX ? -EIO : 0;
        free(buf);
        if (r == 0)
                *ret = (int)v;
        return r;
}

int sysctl_arp_ignore(const char *ifname, int *ret)
{
        int all, one, r;

        if ((r = read_int("all", &all)) < 0 || (r = read_int(ifname, &one)) < 0)
                return r;
        *ret = all > one ? all : one;
        return 0;
}
