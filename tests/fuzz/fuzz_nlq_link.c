/*
 * fuzz_nlq_link.c - libFuzzer target for the RTM_NEWLINK decoder: any bytes
 * in, no crash, no read past the buffer (an exact-size heap copy), a name
 * always NUL-terminated within its array, a kind always a string.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nlq_link.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        uint8_t *buf = malloc(size ? size : 1);
        struct nlq_link l;

        if (!buf)
                return 0;
        memcpy(buf, data, size);
        if (nlq_link_decode(buf, size, &l) == 0) {
                volatile size_t sink = strlen(l.kind ? l.kind : "");

                if (!memchr(l.name, '\0', sizeof(l.name)))
                        abort();
                (void)sink;
        }
        nlq_link_free(&l);
        free(buf);
        return 0;
}
