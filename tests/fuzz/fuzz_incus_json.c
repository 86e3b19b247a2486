/*
 * fuzz_incus_json.c - libFuzzer target: the Incus/LXD networks answer
 * parser on arbitrary bytes, then free everything.
 */
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "incus_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct diag_list d = { 0 };
        struct inc_net *v;
        size_t n;

        if (inc_networks_parse((const char *)data, size, "fuzz", &v, &n, &d) == 0)
                inc_networks_free(v, n);
        diag_list_free(&d);
        return 0;
}
