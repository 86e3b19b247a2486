/*
 * host_identity.h - who this inventory is about: the host name (from
 * ROOT/etc/hostname when auditing a mounted root, so a foreign root is named
 * after itself) and the machine id (ROOT/etc/machine-id), so inventories of
 * many hosts can be told apart in a fleet.
 */
#ifndef VNETAUDIT_HOST_IDENTITY_H
#define VNETAUDIT_HOST_IDENTITY_H

#include <stddef.h>

/* root "" is /.  *ret_hostname is always set (gethostname() or "localhost"
 * when the root has no usable /etc/hostname); *ret_machine_id is NULL when
 * the root has no valid machine id.  0 or -ENOMEM. */
int host_identity_read(const char *root, char **ret_hostname, char **ret_machine_id);

/* The first word of an /etc/hostname file, if it is a valid host name
 * (letters, digits, '-', '.', '_', at most 253).  0 or -EINVAL. */
int host_identity_parse_hostname(const char *buf, size_t len, char *out, size_t size);
/* 32 hex digits (systemd's machine-id(5)), lower-cased into out[33].  0 or -EINVAL. */
int host_identity_parse_machine_id(const char *buf, size_t len, char out[static 33]);

#endif
