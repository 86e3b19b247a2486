/*
 * state_modes.h - StrictModes for the audit's state directory, as OpenSSH
 * checks ~/.ssh: the directory and the files in it must be owned by the
 * running user or root and writable by nobody else, or another user could
 * plant a state that silences an audit, or a lock that blocks it.
 */
#ifndef VNETAUDIT_STATE_MODES_H
#define VNETAUDIT_STATE_MODES_H

#include <stddef.h>

/* Checks dirfd itself (name NULL) or the entry name in it, not following a
 * link; a missing entry is fine.  0, or -EPERM with the reason in why
 * ("writable by others (mode 0777)"), or another -errno. */
int state_modes_check(int dirfd, const char *name, char *why, size_t whysize);

#endif
