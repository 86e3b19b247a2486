/*
 * fdio.h - whole-buffer reads and writes on file descriptors, retried on
 * EINTR and short counts.  Shared by the state file, mail and its courier.
 */
#ifndef VNETAUDIT_FDIO_H
#define VNETAUDIT_FDIO_H

#include <stddef.h>

/* 0 or -errno. */
int fd_write_all(int fd, const void *buf, size_t n);
/* Reads until EOF into a malloc'd, NUL-terminated buffer of at most max
 * bytes (-EFBIG beyond).  0 or -errno. */
int fd_read_all(int fd, size_t max, char **ret_buf, size_t *ret_len);

#endif
