/*
 * atomic_file.h - replace a file so readers see the old or the new
 * contents, never a part: write a hidden temporary in the same directory
 * (".NAME.XXXXXX": collectors that read *.prom or *.json skip it), fsync,
 * rename over NAME, fsync the directory.
 */
#ifndef VNETAUDIT_ATOMIC_FILE_H
#define VNETAUDIT_ATOMIC_FILE_H

#include <stddef.h>
#include <sys/types.h>

/* 0 or -errno; the temporary is removed on failure. */
int atomic_write_file(const char *path, const void *data, size_t len, mode_t mode);

#endif
