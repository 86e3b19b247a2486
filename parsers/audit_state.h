/*
 * audit_state.h - what `vnetaudit audit` remembers between runs: the keys,
 * codes, severities and messages of the last run's findings, kept in one
 * file in the state directory.  The codec is pure (any bytes in, a state or
 * "corrupt" out); the file layer writes atomically, never through a
 * symbolic link, under a lock.  Deciding what changed is audit_diff's job.
 */
#ifndef VNETAUDIT_AUDIT_STATE_H
#define VNETAUDIT_AUDIT_STATE_H

#include <stdbool.h>
#include <stddef.h>

#include "findings.h"

#define AUDIT_STATE_FILE "state"
#define AUDIT_STATE_TMP  "state.tmp"
#define AUDIT_STATE_LOCK "lock"
/* The wall of the state file: about 10,000 bytes per finding fit, so
 * in practice it is sized by the findings.  Larger on disk: treated as
 * corrupt; larger to write: audit_state_save() refuses (-EFBIG) and the
 * previous state stays. */
#define AUDIT_STATE_MAX  (1024u << 20)

struct audit_state_entry {
        char *key;              /* finding_key() of the finding */
        int code;               /* enum finding_code, or -1 if unknown to this version */
        char *code_name;        /* as written, so an unknown code still prints */
        enum severity severity;
        char *message;
};

struct audit_state {
        struct audit_state_entry *v;
        size_t n, cap;
        long long written;      /* seconds since the epoch; 0 = unknown */
};

/* Pure codec.  Parse returns 0, -EBADMSG for anything that is not a complete
 * state file (the caller treats it as a first run) or -ENOMEM. */
int audit_state_parse(const char *buf, size_t len, struct audit_state *ret);
int audit_state_format(const struct audit_state *s, char **ret_buf, size_t *ret_len);
int audit_state_from_findings(const struct finding_list *l, long long now, struct audit_state *ret);
/* Index of the entry with this key, or -1.  Needs audit_state_sort() first. */
void audit_state_sort(struct audit_state *s);
long audit_state_find(const struct audit_state *s, const char *key);
void audit_state_free(struct audit_state *s);

/* The directory: created (0700) when missing; a symbolic link is refused
 * (-ELOOP), as is anything that is not a directory (-ENOTDIR).  Returns an
 * O_DIRECTORY fd or -errno. */
int audit_state_open_dir(const char *path, int *ret_dirfd);
/* Takes the lock file's flock (exclusive, or shared for readers), waiting up
 * to timeout_ms.  Returns the lock fd (close it to release) or -errno;
 * -ETIMEDOUT when another audit holds it, -ELOOP when the lock file is a
 * symbolic link. */
int audit_state_lock(int dirfd, bool exclusive, int timeout_ms, int *ret_lockfd);
/* Loads the state file.  *ret_first_run is set when there is no usable
 * state (missing, empty, corrupt); *ret_corrupt tells the last case apart so
 * the caller can say so.  Errors: -ELOOP (a symbolic link: refused), -EIO,
 * -EACCES, ... */
int audit_state_load(int dirfd, struct audit_state *ret, bool *ret_first_run, bool *ret_corrupt);
/* Replaces the state file atomically: state.tmp (O_EXCL|O_NOFOLLOW, 0600),
 * write, fsync, rename over "state", fsync the directory.  Call with the
 * exclusive lock held. */
int audit_state_save(int dirfd, const struct audit_state *s);

#endif
