/*
 * map_output.h - where a rendered map goes: a stream, or a file replaced
 * atomically (a temporary file in the same directory, flushed to disk,
 * then renamed over it), so a reader or web server never sees half a page.
 */
#ifndef VNETAUDIT_MAP_OUTPUT_H
#define VNETAUDIT_MAP_OUTPUT_H

#include <stddef.h>

#include "map_model.h"
#include "options.h"

/* path NULL or "-" = standard output.  0 or -errno. */
int map_output_write(const char *path, const struct map_model *m, enum map_format fmt);

/* The rendered map as a malloc'd buffer (for root_writer.h).  0 or -errno. */
int map_output_text(const struct map_model *m, enum map_format fmt, char **ret, size_t *ret_len);

/* "2026-11-29 22:30 UTC" of SOURCE_DATE_EPOCH when set (reproducible
 * pictures and tests), else of now. */
void map_output_timestamp(char *buf, size_t size);

#endif
