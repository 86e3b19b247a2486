/*
 * fuzz_nagios_range.c - libFuzzer target: the -w/-c threshold parser on
 * arbitrary bytes (made a C string), and a parsed range must be ordered.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nagios.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        char *s = malloc(size + 1);
        struct nagios_range r;

        if (!s)
                return 0;
        memcpy(s, data, size);
        s[size] = '\0';
        if (nagios_range_parse(s, &r) == 0) {
                if (!(r.start <= r.end))
                        __builtin_trap();
                (void)nagios_range_alert(&r, 3);
        }
        free(s);
        return 0;
}
