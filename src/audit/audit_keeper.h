/*
 * audit_keeper.h - writes the audit's state file from a process that kept
 * root.  An audit started as root becomes an unprivileged user while it
 * probes (privdrop.h); the state directory is root's (0700), and replacing
 * the file atomically needs a new name in it, so no descriptor opened
 * before could do it.  The audit forks a keeper before it probes and later
 * hands it the new state (or nothing); the keeper parses what it gets (it
 * writes only a valid state, whatever the unprivileged side sends) and
 * saves it with audit_state_save().  The mail courier is the same idea.
 */
#ifndef VNETAUDIT_AUDIT_KEEPER_H
#define VNETAUDIT_AUDIT_KEEPER_H

#include <sys/types.h>

#include "audit_state.h"

struct audit_keeper {
        pid_t pid;              /* -1 when not started */
        int state_fd;           /* we write the formatted state here */
        int res_fd;             /* audit_state_save()'s result comes back here */
};

#define AUDIT_KEEPER_INIT { .pid = -1, .state_fd = -1, .res_fd = -1 }

/* Forks the keeper, which saves into dirfd.  0 or -errno. */
int audit_keeper_start(int dirfd, struct audit_keeper *ret);
/* Hands over s and waits: audit_state_save()'s result, -EBADMSG when the
 * keeper refused it, -EIO when it died.  The keeper is gone afterwards. */
int audit_keeper_save(struct audit_keeper *k, const struct audit_state *s);
/* Nothing to save: the keeper exits without writing.  Accepts a keeper
 * that was never started or already used. */
void audit_keeper_stop(struct audit_keeper *k);

#endif
