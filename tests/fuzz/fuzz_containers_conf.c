/*
 * fuzz_containers_conf.c - libFuzzer target: the containers.conf (TOML
 * subset) parser on arbitrary bytes, then free everything.
 */
#include <stddef.h>
#include <stdint.h>

#include "containers_conf.h"
#include "diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct diag_list d = { 0 };
        struct ctr_conf c;

        if (ctr_conf_parse((const char *)data, size, "fuzz", &c, &d) == 0)
                ctr_conf_free(&c);
        diag_list_free(&d);
        return 0;
}
