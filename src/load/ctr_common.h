/*
 * ctr_common.h - what the Docker, Podman and Incus loaders share: paths
 * below --root, reading a small regular file below it (rootfile.h), origins
 * that name an API object, allocation pools into the inventory.
 */
#ifndef VNETAUDIT_CTR_COMMON_H
#define VNETAUDIT_CTR_COMMON_H

#include <stdbool.h>
#include <stddef.h>

#include "inventory.h"

/* Time allowed for one API request to a local daemon. */
#define CTR_API_TIMEOUT_MS 2000

bool ctr_exists(const char *path);
/* Whether root/path exists, resolved inside the root (rootfile_stat). */
bool ctr_exists_below(const char *root, const char *path);
/* Reads root/path, a regular file of at most max bytes (NUL-terminated
 * copy), through rootfile_read: links resolved inside the root, FIFOs
 * refused without blocking.  0 or -errno as rootfile.h says (-EFBIG when
 * larger, -ROOTFILE_ENOTREG when not a regular file). */
int ctr_read_file(const char *root, const char *path, size_t max, char **ret_buf, size_t *ret_len);
/* Origin "unix:SOCKET/OBJECT" of an API object (no line). */
struct origin ctr_api_origin(struct inventory *inv, const char *socket, const char *object);
/* Appends a pool; -ENOMEM. */
int ctr_add_pool(struct inventory *inv, enum net_source src, const struct prefix *base,
                 unsigned size, struct origin o, bool builtin);
/* The subnet's first usable address (the network address + 1). */
struct addr ctr_first_host(const struct prefix *p);

#endif
