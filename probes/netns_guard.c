/*
 * netns_guard.c - refuse to send packets from the root network namespace
 * while the test harness's guard is armed.  The namespace counts as the
 * root one when it is PID 1's, when it has the kernel's fixed inode for the
 * initial namespace, or when it is the one the harness recorded in the
 * variable.  Fails closed: if our own namespace cannot be identified,
 * sending is refused.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "netns_guard.h"

/* PROC_NET_INIT_INO, include/linux/proc_ns.h (fixed since Linux 3.8). */
#define NET_INIT_INO 0xEFFFFFF9UL

int netns_guard_check(void)
{
        const char *armed = getenv("VNETAUDIT_REQUIRE_NETNS");
        struct stat self, init;
        unsigned long recorded;
        char *end;

        if (!armed || !*armed || (armed[0] == '0' && !armed[1]))
                return 0;
        if (stat("/proc/self/ns/net", &self) < 0)
                return -EPERM;
        if (self.st_ino == NET_INIT_INO)
                return -EPERM;
        /* PID 1 may be out of reach (hidepid, another user namespace). */
        if (stat("/proc/1/ns/net", &init) == 0 &&
            self.st_dev == init.st_dev && self.st_ino == init.st_ino)
                return -EPERM;
        /* The harness stores the inode of the namespace it started in. */
        recorded = strtoul(armed, &end, 10);
        if (!*end && recorded > 1 && recorded == (unsigned long)self.st_ino)
                return -EPERM;
        return 0;
}
