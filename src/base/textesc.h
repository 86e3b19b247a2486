/*
 * textesc.h - make arbitrary bytes (interface names, file contents) safe
 * to show: valid UTF-8 passes through; every byte that is not part of a
 * valid UTF-8 sequence becomes the four characters "\xNN".  For terminals
 * and mail, control characters (C0, DEL and C1) and the bidirectional
 * formatting characters (U+202E ...) are escaped the same way.
 */
#ifndef VNETAUDIT_TEXTESC_H
#define VNETAUDIT_TEXTESC_H

#include <stdbool.h>
#include <stddef.h>

/* malloc'd result, NULL on ENOMEM.  s may be NULL: returns "". */
char *textesc(const char *s, bool escape_controls);
/* Length of the valid UTF-8 sequence at s (1-4), or 0 if invalid. */
size_t utf8_valid_len(const unsigned char *s, size_t avail);

#endif
