/*
 * rootfile.h - files below --root, resolved over the one reader (fileread.h).  A path is opened as
 * if the root were "/": symbolic links (absolute ones too) and ".." are
 * resolved inside the root, never outside (openat2 RESOLVE_IN_ROOT, else a
 * component walk with O_NOFOLLOW).  Only regular files are read (FIFOs,
 * devices and sockets are refused without blocking), up to a size cap the
 * caller chooses.  Every loader under --root, and --config, reads here.
 */
#ifndef VNETAUDIT_ROOTFILE_H
#define VNETAUDIT_ROOTFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "fileread.h"

/* The error vocabulary is fileread.h's (-ENOENT, -ENOLINK, -ELOOP,
 * -ENOTDIR, -EISDIR, -FILE_ENOTREG, -EFBIG ...): the final open is
 * resolved here, the reading is file_read_fd(). */
#define ROOTFILE_ENOTREG FILE_ENOTREG

/* Reads root/path (root "" or NULL: the real "/" and the working directory
 * for relative paths, with links followed as usual) into a malloc'd,
 * NUL-terminated buffer of at most max bytes.  ret_st may be NULL; it gets
 * the file's fstat.  0 or one of the errors above. */
int rootfile_read(const char *root, const char *path, size_t max,
                  char **ret_buf, size_t *ret_len, struct stat *ret_st);

/* Opens the directory root/path for reading (O_DIRECTORY), resolved as
 * above.  A file descriptor or -errno. */
int rootfile_opendir(const char *root, const char *path);

/* fstat of root/path, resolved as above (links followed inside the root).
 * 0 or -errno. */
int rootfile_stat(const char *root, const char *path, struct stat *ret_st);

/* Resolves path below the directory rootfd to an O_PATH descriptor.
 * use_openat2 selects the kernel's RESOLVE_IN_ROOT; false forces the
 * portable component walk (exposed so tests and the fuzzer compare them).
 * A file descriptor or -errno. */
int rootfile_resolve(int rootfd, const char *path, bool use_openat2);

/* file_strerror(r), kept for the loaders that speak of rootfile. */
const char *rootfile_strerror(int r);

/* "<root><dir><sub>" as one malloc'd path, the root's trailing slashes
 * dropped and a slash put between root and a relative dir; without a root
 * a relative dir stays relative to the working directory.  NULL on
 * ENOMEM. */
char *rootfile_join(const char *root, const char *dir, const char *sub);

#endif
