/*
 * fuzz_podman_json.c - libFuzzer target: the netavark network file parser
 * on arbitrary bytes, then free everything.
 */
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "podman_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct diag_list d = { 0 };
        struct pdm_net n;

        if (pdm_net_parse((const char *)data, size, "fuzz", &n, &d) == 0)
                pdm_net_free(&n);
        diag_list_free(&d);
        return 0;
}
