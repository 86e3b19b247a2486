/*
 * fuzz_map_escape.c - libFuzzer target: the map's HTML/SVG and dot
 * escaper on arbitrary bytes.  Beyond ASan/UBSan, it aborts when an
 * output breaks the promise of map_escape.h: not valid UTF-8, a markup
 * metacharacter other than the five entities, a control or bidi control
 * left in, an unescaped quote in a dot string, or a truncation that is
 * longer than asked.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "map_escape.h"
#include "textesc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_utf8_clean(const unsigned char *p, size_t n)
{
        for (size_t i = 0; i < n;) {
                size_t l = utf8_valid_len(p + i, n - i);

                if (l == 0 || (l == 1 && (p[i] < 0x20 || p[i] == 0x7f)))
                        abort();
                if (l == 2 && p[i] == 0xc2 && p[i + 1] <= 0x9f)
                        abort();
                if (l == 3 && p[i] == 0xe2 && p[i + 1] == 0x80 &&
                    (p[i + 2] == 0x8e || p[i + 2] == 0x8f || (p[i + 2] >= 0xaa && p[i + 2] <= 0xae)))
                        abort();
                if (l == 3 && p[i] == 0xe2 && p[i + 1] == 0x81 && p[i + 2] >= 0xa6 && p[i + 2] <= 0xa9)
                        abort();
                if (l == 2 && p[i] == 0xd8 && p[i + 1] == 0x9c)
                        abort();
                i += l;
        }
}

static void check_markup(const char *s)
{
        static const char *const ents[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&#39;" };

        for (const char *p = s; *p; p++) {
                if (*p == '<' || *p == '>' || *p == '"' || *p == '\'')
                        abort();
                if (*p == '&') {
                        size_t k;

                        for (k = 0; k < 5; k++)
                                if (strncmp(p, ents[k], strlen(ents[k])) == 0)
                                        break;
                        if (k == 5)
                                abort();
                }
        }
}

static void check_dot(const char *s)
{
        /* Every backslash starts a pair "\\" or "\""; no bare quote. */
        for (const char *p = s; *p; p++) {
                if (*p == '"')
                        abort();
                if (*p == '\\') {
                        if (p[1] != '\\' && p[1] != '"')
                                abort();
                        p++;
                }
        }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        size_t max = size ? data[0] % 8 : 0;    /* 0 = unlimited, else a small cap */
        char *m = map_escape((const char *)data, size, MAP_ESC_MARKUP, 0);
        char *d = map_escape((const char *)data, size, MAP_ESC_DOT, 0);
        char *t = map_escape((const char *)data, size, MAP_ESC_MARKUP, max);

        if (!m || !d || !t)
                abort();
        check_utf8_clean((const unsigned char *)m, strlen(m));
        check_utf8_clean((const unsigned char *)d, strlen(d));
        check_utf8_clean((const unsigned char *)t, strlen(t));
        check_markup(m);
        check_markup(t);
        check_dot(d);
        if (strlen(t) > strlen(m) + 3)
                abort();
        free(m);
        free(d);
        free(t);
        return 0;
}
