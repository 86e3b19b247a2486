/*
 * uhttp.h - one read-only HTTP GET to a daemon's API on a unix socket
 * (Docker's /var/run/docker.sock, Incus's unix.socket), with a short
 * timeout and a cap on the answer.  The only file that includes libcurl.
 */
#ifndef VNETAUDIT_UHTTP_H
#define VNETAUDIT_UHTTP_H

#include <stddef.h>

/* Answers larger than this are refused. */
#define UHTTP_MAX_BODY (8 * 1024 * 1024)

/* GET path (e.g. "/networks") from the server on socket_path within
 * timeout_ms.  On 0, *ret_body is the malloc'd answer (NUL-terminated,
 * *ret_len bytes without the NUL).  Otherwise -ENOENT (no socket),
 * -ECONNREFUSED / -EACCES (nothing listening, no permission), -ETIMEDOUT,
 * -EFBIG (answer too large), -EPROTO (not HTTP 200), -ENOMEM, -EIO; and
 * *ret_error, when not NULL, a malloc'd human explanation. */
int uhttp_get(const char *socket_path, const char *path, long timeout_ms, char **ret_body,
              size_t *ret_len, char **ret_error);

#endif
