/*
 * fdio.h - whole-buffer reads and writes on file descriptors, retried on
 * EINTR and short counts.  Shared by the state file, mail and its courier,
 * and the root keeper.
 */
#ifndef VNETAUDIT_FDIO_H
#define VNETAUDIT_FDIO_H

#include <stddef.h>

/* 0 or -errno. */
int fd_write_all(int fd, const void *buf, size_t n);
/* Reads until EOF into a malloc'd, NUL-terminated buffer of at most max
 * bytes (-EFBIG beyond).  0 or -errno. */
int fd_read_all(int fd, size_t max, char **ret_buf, size_t *ret_len);
/* Reads exactly n bytes: 0, -EPIPE at EOF before n, or -errno. */
int fd_read_exact(int fd, void *buf, size_t n);
/* In a forked child: closes every descriptor above 2 but the n in keep, so
 * it holds no copy of another child's pipe (whose end it would hide). */
void fd_close_others(const int *keep, size_t n);

#endif
