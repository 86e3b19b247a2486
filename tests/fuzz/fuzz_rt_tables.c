/*
 * fuzz_rt_tables.c - libFuzzer target: the pure rt_tables parser on
 * arbitrary bytes, then every parsed name looked up and freed.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "rt_tables.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct rtt_names n = { 0 };
        char buf[RTT_STRLEN];

        if (rtt_parse((const char *)data, size, &n) == 0)
                for (size_t i = 0; i < n.n; i++)
                        if (strlen(rtt_name(&n, n.v[i].id, buf)) > RTT_NAME_MAX)
                                __builtin_trap();
        rtt_free(&n);
        return 0;
}
