/*
 * fuzz_audit_config.c - libFuzzer target: any bytes as vnetaudit.conf.
 * The parser must not crash, leak or read past the buffer, and must report
 * at least one error whenever it leaves settings half-filled is not checked:
 * only memory safety and the error count's sign.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "audit_config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct audit_config cfg;
        struct diag_list d = { 0 };
        int r;

        audit_config_init(&cfg);
        size_t n = 0;

        r = audit_config_parse((const char *)data, size, "fuzz.conf", &cfg, &d);
        /* every error is one diagnostic, or counted in the file's "and M more" */
        for (size_t i = 0; i < d.n; i++)
                n += d.v[i].more ? d.v[i].more : 1;
        if (r >= 0 && (size_t)r != n)
                abort();
        audit_config_free(&cfg);
        diag_list_free(&d);
        return 0;
}
