/*
 * privdrop.h - privileges around ARP probing (libcap-ng, setres[ug]id):
 * check that CAP_NET_RAW is there before opening captures; once they are
 * open, before the first received byte is decoded, a process started as
 * root becomes an unprivileged user, and every process drops every
 * capability and sets no-new-privileges.
 */
#ifndef VNETAUDIT_PRIVDROP_H
#define VNETAUDIT_PRIVDROP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define PRIVDROP_NEED_NET_RAW "run as root or grant CAP_NET_RAW"
/* The dedicated system user; without it, nobody/nogroup. */
#define PRIVDROP_USER "vnetaudit"

/* 0 when CAP_NET_RAW is effective; -EPERM when not. */
int privdrop_have_net_raw(void);

/* Whether privdrop_drop_all() will change the user: CAP_SETUID and
 * CAP_SETGID are effective (root, not a unit that kept only CAP_NET_RAW).
 * Callers that must write as root afterwards set that up before. */
bool privdrop_will_switch_user(void);

/* The identity to switch to: PRIVDROP_USER with its primary group when it
 * exists, else nobody with group nogroup (nobody's own group when there is
 * no nogroup).  0, -ENOENT when neither user exists, -EPERM when the one
 * found is uid or gid 0. */
int privdrop_target(uid_t *ret_uid, gid_t *ret_gid, char *ret_name, size_t name_size);

/* When privdrop_will_switch_user(): clears the bounding set, then
 * setgroups/setresgid/setresuid to privdrop_target() and checks that no
 * way back to uid or gid 0 is left.  Then, always: drops all effective,
 * permitted, inheritable and ambient capabilities (and the bounding set
 * when CAP_SETPCAP allows) and sets PR_SET_NO_NEW_PRIVS.  0 or -errno.
 * Already-open packet sockets keep working. */
int privdrop_drop_all(void);

#endif
