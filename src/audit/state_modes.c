/*
 * state_modes.c - ownership and mode checks of the state directory.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "state_modes.h"

int state_modes_check(int dirfd, const char *name, char *why, size_t whysize)
{
        struct stat sb;
        int r = name ? fstatat(dirfd, name, &sb, AT_SYMLINK_NOFOLLOW) : fstat(dirfd, &sb);

        if (r < 0)
                return errno == ENOENT ? 0 : -errno;
        if (S_ISLNK(sb.st_mode))
                return 0;       /* never followed: the state layer refuses links itself */
        if (sb.st_uid != 0 && sb.st_uid != geteuid()) {
                snprintf(why, whysize, "owned by uid %u, not by root or the user running the audit",
                         (unsigned)sb.st_uid);
                return -EPERM;
        }
        if (sb.st_mode & (S_IWGRP | S_IWOTH)) {
                snprintf(why, whysize, "writable by %s (mode %04o)",
                         sb.st_mode & S_IWOTH ? "others" : "its group", (unsigned)(sb.st_mode & 07777));
                return -EPERM;
        }
        return 0;
}
