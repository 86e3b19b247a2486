/*
 * map_escape.c - one pass over the bytes: each valid UTF-8 sequence is
 * copied, escaped as markup/dot, or shown as \xNN text when it is a
 * control, a bidirectional formatting character (Unicode UAX #9: they
 * would reorder the text around them) or not allowed in XML 1.0 (§2.2
 * Char excludes U+FFFE and U+FFFF); invalid bytes become \xNN too.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "map_escape.h"
#include "textesc.h"

/* Shown as \xNN bytes rather than passed to a renderer. */
static bool shown_as_bytes(uint32_t cp)
{
        return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||       /* C0, DEL, C1 */
               cp == 0x061c || cp == 0x200e || cp == 0x200f ||   /* ALM, LRM, RLM */
               (cp >= 0x202a && cp <= 0x202e) ||                 /* LRE RLE PDF LRO RLO */
               (cp >= 0x2066 && cp <= 0x2069) ||                 /* LRI RLI FSI PDI */
               cp == 0xfffe || cp == 0xffff;
}

static const char *meta(unsigned char c, enum map_esc_target t)
{
        if (t == MAP_ESC_MARKUP)
                switch (c) {
                case '&': return "&amp;";
                case '<': return "&lt;";
                case '>': return "&gt;";
                case '"': return "&quot;";
                case '\'': return "&#39;";
                default: return NULL;
                }
        switch (c) {
        case '"': return "\\\"";
        case '\\': return "\\\\";
        default: return NULL;
        }
}

char *map_escape(const char *s, size_t len, enum map_esc_target t, size_t max_chars)
{
        const unsigned char *p = (const unsigned char *)s;
        /* Worst case per input byte: "\xNN" (4) or "&quot;" (6); plus "…". */
        size_t o = 0, chars = 0;
        char *out;

        if (len > (SIZE_MAX - 8) / 6)
                return NULL;
        if (!(out = malloc(len * 6 + 8)))
                return NULL;
        for (size_t i = 0; i < len; chars++) {
                uint32_t cp = 0;
                size_t n = utf8_decode(p + i, len - i, &cp);
                const char *m;

                if (max_chars && chars == max_chars) {
                        memcpy(out + o, "\xe2\x80\xa6", 3);     /* U+2026 … */
                        o += 3;
                        break;
                }
                if (n == 0 || shown_as_bytes(cp)) {
                        /* the bytes of one character (or one invalid byte) as text */
                        for (size_t k = 0; k < (n ? n : 1); k++) {
                                static const char hex[] = "0123456789abcdef";

                                if (t == MAP_ESC_DOT)
                                        out[o++] = '\\';        /* dot: "\\" shows one backslash */
                                out[o++] = '\\';
                                out[o++] = 'x';
                                out[o++] = hex[p[i + k] >> 4];
                                out[o++] = hex[p[i + k] & 15];
                        }
                        i += n ? n : 1;
                } else if (n == 1 && (m = meta(p[i], t))) {
                        size_t ml = strlen(m);

                        memcpy(out + o, m, ml);
                        o += ml;
                        i++;
                } else {
                        memcpy(out + o, p + i, n);
                        o += n;
                        i += n;
                }
        }
        out[o] = '\0';
        return out;
}

int map_put(FILE *f, const char *s, enum map_esc_target t, size_t max_chars)
{
        char *e;
        int r = 0;

        if (!s)
                return 0;
        if (!(e = map_escape(s, strlen(s), t, max_chars)))
                return -ENOMEM;
        if (fputs(e, f) == EOF)
                r = -EIO;
        free(e);
        return r;
}
