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
        if (stat("/proc/self/ns/net", &self) < 0 || stat("/proc/1/ns/net", &init) < 0)
                return -EPERM;
        if (self.st_dev == init.st_dev && self.st_ino == init.st_ino)
                return -EPERM;
        return 0;
}
