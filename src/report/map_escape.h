/*
 * map_escape.h - untrusted bytes (network, interface and host names,
 * finding messages) made safe as text inside HTML, SVG/XML and Graphviz
 * dot strings.  Shared rules first (textesc's \xNN for invalid UTF-8, and
 * here also for controls, bidi controls and XML non-characters), then the
 * target's own metacharacters.  The output is always valid UTF-8.
 */
#ifndef VNETAUDIT_MAP_ESCAPE_H
#define VNETAUDIT_MAP_ESCAPE_H

#include <stdio.h>
#include <stddef.h>

enum map_esc_target {
        MAP_ESC_MARKUP,         /* HTML text and attributes, XML: & < > " ' */
        MAP_ESC_DOT,            /* inside a "..." dot string: " and \ */
};

/* Escaped copy of s[0..len) (NUL bytes included), at most max_chars
 * characters of the source (then "…"); 0 = no limit.  malloc'd, NULL on
 * ENOMEM. */
char *map_escape(const char *s, size_t len, enum map_esc_target t, size_t max_chars);

/* fputs of map_escape(s, strlen(s), ...); s NULL writes nothing.  0 or -ENOMEM/-EIO. */
int map_put(FILE *f, const char *s, enum map_esc_target t, size_t max_chars);

#endif
