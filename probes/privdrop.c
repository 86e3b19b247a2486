/*
 * privdrop.c - privilege calls for the probe path.  Opening a packet socket
 * needs CAP_NET_RAW; sending and receiving on an open one do not, so the
 * decoder of untrusted frames runs without any privilege and, when the
 * command was started as root, not as root either: capabilities alone
 * leave uid 0 able to write every root-owned file (OpenBSD's daemons
 * switch to their _user right after opening their sockets for this).
 */
#include <cap-ng.h>
#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <pwd.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "privdrop.h"

int privdrop_have_net_raw(void)
{
        if (capng_get_caps_process() < 0)
                return -EIO;
        return capng_have_capability(CAPNG_EFFECTIVE, CAP_NET_RAW) ? 0 : -EPERM;
}

bool privdrop_will_switch_user(void)
{
        if (capng_get_caps_process() < 0)
                return false;
        return capng_have_capability(CAPNG_EFFECTIVE, CAP_SETUID) &&
               capng_have_capability(CAPNG_EFFECTIVE, CAP_SETGID);
}

int privdrop_target(uid_t *ret_uid, gid_t *ret_gid, char *ret_name, size_t name_size)
{
        const struct passwd *pw = getpwnam(PRIVDROP_USER);
        const struct group *gr;
        gid_t gid;

        if (pw) {
                gid = pw->pw_gid;
        } else {
                if (!(pw = getpwnam("nobody")))
                        return -ENOENT;
                gr = getgrnam("nogroup");
                gid = gr ? gr->gr_gid : pw->pw_gid;
        }
        if (pw->pw_uid == 0 || gid == 0)
                return -EPERM;
        *ret_uid = pw->pw_uid;
        *ret_gid = gid;
        if (ret_name)
                snprintf(ret_name, name_size, "%s", pw->pw_name);
        return 0;
}

static int switch_user(void)
{
        uid_t uid, ru, eu, su;
        gid_t gid, rg, eg, sg;
        int r;

        if ((r = privdrop_target(&uid, &gid, NULL, 0)) < 0)
                return r;
        /* The bounding set first: clearing it needs CAP_SETPCAP, which the
         * uid change below takes away. */
        capng_clear(CAPNG_SELECT_BOUNDS);
        if (capng_apply(CAPNG_SELECT_BOUNDS) < 0)
                return -EPERM;
        if (setgroups(1, &gid) < 0 || setresgid(gid, gid, gid) < 0 || setresuid(uid, uid, uid) < 0)
                return -errno;
        /* Trust but verify: no real, effective or saved id of 0 is left,
         * and there is no way back. */
        if (getresuid(&ru, &eu, &su) < 0 || getresgid(&rg, &eg, &sg) < 0)
                return -errno;
        if (ru != uid || eu != uid || su != uid || rg != gid || eg != gid || sg != gid)
                return -EPERM;
        if (setresuid(0, 0, 0) == 0 || setresgid(0, 0, 0) == 0)
                return -EPERM;
        return 0;
}

int privdrop_drop_all(void)
{
        capng_select_t what = CAPNG_SELECT_CAPS;
        int r;

        if (capng_get_caps_process() < 0)
                return -EIO;
        if (capng_have_capability(CAPNG_EFFECTIVE, CAP_SETUID) &&
            capng_have_capability(CAPNG_EFFECTIVE, CAP_SETGID)) {
                if ((r = switch_user()) < 0)
                        return r;
                if (capng_get_caps_process() < 0)
                        return -EIO;
        }
        /* Clearing the bounding set needs CAP_SETPCAP (root has it; a binary
         * given only CAP_NET_RAW has not, and then the empty permitted set
         * plus no-new-privileges is what keeps privileges from coming back). */
        if (capng_have_capability(CAPNG_EFFECTIVE, CAP_SETPCAP))
                what = CAPNG_SELECT_BOTH;
        capng_clear(what);
        if (capng_apply(what) < 0)
                return -EPERM;
        /* Ambient capabilities (a unit's AmbientCapabilities=) go too. */
        if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
                return -errno;
        if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
                return -errno;
        return 0;
}
