/*
 * config_trust.h - which vnetaudit.conf may name programs and writable
 * paths.  Settings that run something or write somewhere (sendmail,
 * state-dir, mail-to) and that choose the auditing host's probing
 * ([probe]) come only from the auditing host's own configuration, and only
 * when it is owned by root (or the running user) and not writable by group
 * or others.  The audited root's etc/vnetaudit.conf gives analysis settings
 * (segments, ignores) only.
 */
#ifndef VNETAUDIT_CONFIG_TRUST_H
#define VNETAUDIT_CONFIG_TRUST_H

#include <stdbool.h>
#include <sys/stat.h>

#include "audit_config.h"

/* May a host configuration file with this fstat name programs?  When not,
 * *ret_why says why ("group-writable", "owned by uid 1000"). */
bool config_trust_file(const struct stat *st, char *why, size_t whysize);

/* Clears the host-only settings of cfg.  Returns a malloc'd list of the
 * keys that were set ("sendmail, state-dir"), "" when none, NULL on ENOMEM. */
char *config_trust_strip(struct audit_config *cfg);

/* Moves the host-only settings of from into to (which has none). */
void config_trust_take(struct audit_config *to, struct audit_config *from);

#endif
