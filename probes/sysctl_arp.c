/*
 * sysctl_arp.c - read net.ipv4.conf.{all,IFACE}.arp_ignore.  The kernel
 * uses the larger of the two (Documentation/networking/ip-sysctl.rst:
 * "The max value from conf/{all,interface}/arp_ignore is used").
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sysctl_arp.h"

static int read_int(const char *ifname, int *ret)
{
        char path[128];
        FILE *f;
        int v, ok;

        if (strchr(ifname, '/') || strlen(ifname) > 32)
                return -EINVAL;
        snprintf(path, sizeof(path), "/proc/sys/net/ipv4/conf/%s/arp_ignore", ifname);
        if (!(f = fopen(path, "re")))
                return -errno;
        ok = fscanf(f, "%d", &v) == 1;
        fclose(f);
        if (!ok)
                return -EIO;
        *ret = v;
        return 0;
}

int sysctl_arp_ignore(const char *ifname, int *ret)
{
        int all, one, r;

        if ((r = read_int("all", &all)) < 0 || (r = read_int(ifname, &one)) < 0)
                return r;
        *ret = all > one ? all : one;
        return 0;
}
