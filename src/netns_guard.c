/*
 * netns_guard.c - refuse to send packets from the root network namespace
 * while the test harness's guard is armed.  Fails closed: when PID 1's
 * namespace cannot be compared, sending is refused.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "netns_guard.h"

int netns_guard_check(void)
{
        struct stat self, init;
        const char *armed = getenv("VNETAUDIT_REQUIRE_NETNS");

        if (!armed || !*armed || (armed[0] == '0' && !armed[1]))
                return 0;
        if (stat("/proc/self/ns/net", &self) < 0)
                return -EPERM;
        if (stat("/proc/1/ns/net", &init) < 0) {
                /* PID 1 may be out of reach (another user namespace, hidepid):
                 * then the initial namespace's fixed inode number decides
                 * (PROC_NET_INIT_INO, include/linux/proc_ns.h, since 3.8). */
                if (errno != EACCES && errno != EPERM)
                        return -EPERM;
                return self.st_ino == 0xEFFFFFF9U ? -EPERM : 0;
        }
        if (self.st_dev == init.st_dev && self.st_ino == init.st_ino)
                return -EPERM;
        return 0;
}
