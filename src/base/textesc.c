/*
 * textesc.c - escaping of untrusted bytes for JSON strings and terminals.
 * Follows the UTF-8 well-formedness table of Unicode 15 §3.9 (no
 * overlongs, no surrogates, nothing above U+10FFFF).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textesc.h"

size_t utf8_decode(const unsigned char *s, size_t avail, uint32_t *ret_cp)
{
        unsigned char c, lo = 0x80, hi = 0xbf;
        uint32_t cp;
        size_t n;

        if (avail == 0)
                return 0;
        c = s[0];
        if (c < 0x80) {
                *ret_cp = c;
                return 1;
        }
        /* The second byte's range rules out overlongs (E0, F0), surrogates
         * (ED) and code points above U+10FFFF (F4). */
        if (c >= 0xc2 && c <= 0xdf) {
                n = 2;
                cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
                n = 3;
                cp = c & 0x0f;
                if (c == 0xe0)
                        lo = 0xa0;
                else if (c == 0xed)
                        hi = 0x9f;
        } else if (c >= 0xf0 && c <= 0xf4) {
                n = 4;
                cp = c & 0x07;
                if (c == 0xf0)
                        lo = 0x90;
                else if (c == 0xf4)
                        hi = 0x8f;
        } else {
                return 0;
        }
        if (avail < n || s[1] < lo || s[1] > hi)
                return 0;
        for (size_t i = 1; i < n; i++) {
                if (s[i] < 0x80 || s[i] > 0xbf)
                        return 0;
                cp = cp << 6 | (s[i] & 0x3f);
        }
        *ret_cp = cp;
        return n;
}

size_t utf8_valid_len(const unsigned char *s, size_t avail)
{
        uint32_t cp;

        return utf8_decode(s, avail, &cp);
}

/* The bidirectional formatting characters (Unicode TR #9): U+061C ALM,
 * U+200E/F LRM/RLM, U+202A-U+202E embeddings and overrides, U+2066-U+2069
 * isolates.  On a terminal they reorder what follows ("Trojan Source"). */
static bool is_bidi(const unsigned char *c, size_t n)
{
        if (n == 2)
                return c[0] == 0xd8 && c[1] == 0x9c;
        if (n != 3 || c[0] != 0xe2)
                return false;
        return (c[1] == 0x80 && (c[2] == 0x8e || c[2] == 0x8f || (c[2] >= 0xaa && c[2] <= 0xae))) ||
               (c[1] == 0x81 && c[2] >= 0xa6 && c[2] <= 0xa9);
}

char *textesc(const char *s, bool escape_controls)
{
        const unsigned char *p = (const unsigned char *)(s ? s : "");
        size_t len = strlen((const char *)p), o = 0;
        char *out = malloc(len * 4 + 1);        /* worst case: every byte escaped */

        if (!out)
                return NULL;
        for (size_t i = 0; i < len;) {
                size_t n = utf8_valid_len(p + i, len - i);
                /* C0, DEL, and the C1 controls U+0080-U+009F (0xc2 0x80-0x9f
                 * in UTF-8): some terminals act on C1 too (U+009B is CSI). */
                bool ctl = (n == 1 && (p[i] < 0x20 || p[i] == 0x7f)) ||
                           (n == 2 && p[i] == 0xc2 && p[i + 1] <= 0x9f) || is_bidi(p + i, n);

                if (n == 0) {
                        o += (size_t)sprintf(out + o, "\\x%02x", p[i]);
                        i++;
                } else if (ctl && escape_controls) {
                        for (size_t k = 0; k < n; k++)
                                o += (size_t)sprintf(out + o, "\\x%02x", p[i + k]);
                        i += n;
                } else {
                        memcpy(out + o, p + i, n);
                        o += n;
                        i += n;
                }
        }
        out[o] = '\0';
        return out;
}
