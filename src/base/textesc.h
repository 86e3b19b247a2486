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
#include <stdint.h>

/* malloc'd result, NULL on ENOMEM.  s may be NULL: returns "". */
char *textesc(const char *s, bool escape_controls);
/* The one UTF-8 decoder: the length of the well-formed sequence at s
 * (1-4, at most avail bytes) with its code point in *ret_cp, or 0 when
 * the bytes are not well-formed (overlong, surrogate, beyond U+10FFFF,
 * cut short, a stray continuation byte). */
size_t utf8_decode(const unsigned char *s, size_t avail, uint32_t *ret_cp);
/* utf8_decode's length alone. */
size_t utf8_valid_len(const unsigned char *s, size_t avail);

#endif
