/*
 * privdrop.c - libcap-ng calls for the probe path.  Opening a packet socket
 * needs CAP_NET_RAW; sending and receiving on an open one do not, so the
 * decoder of untrusted frames runs without any privilege.
 */
#include <cap-ng.h>
#include <errno.h>
#include <linux/capability.h>
#include <sys/prctl.h>

#include "privdrop.h"

int privdrop_have_net_raw(void)
{
        if (capng_get_caps_process() < 0)
                return -EIO;
        return capng_have_capability(CAPNG_EFFECTIVE, CAP_NET_RAW) ? 0 : -EPERM;
}

int privdrop_drop_all(void)
{
        capng_select_t what = CAPNG_SELECT_CAPS;

        if (capng_get_caps_process() < 0)
                return -EIO;
        /* Clearing the bounding set needs CAP_SETPCAP (root has it; a binary
         * given only CAP_NET_RAW has not, and then the empty permitted set
         * plus no-new-privileges is what keeps privileges from coming back). */
        if (capng_have_capability(CAPNG_EFFECTIVE, CAP_SETPCAP))
                what = CAPNG_SELECT_BOTH;
        capng_clear(what);
        if (capng_apply(what) < 0)
                return -EPERM;
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
                return -errno;
        return 0;
}
