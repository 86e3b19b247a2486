/*
 * fuzz_audit_state.c - the state file parser takes any bytes (a torn write,
 * a foreign file, an attacker's) and either refuses them or yields a state
 * that formats and re-parses to the same bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "audit_state.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct audit_state s, t;
        char *buf, *buf2;
        size_t len, len2;

        if (audit_state_parse((const char *)data, size, &s) < 0)
                return 0;
        if (audit_state_format(&s, &buf, &len) == 0) {
                if (audit_state_parse(buf, len, &t) != 0)
                        abort();
                if (audit_state_format(&t, &buf2, &len2) != 0 || len2 != len || memcmp(buf, buf2, len))
                        abort();
                free(buf2);
                audit_state_free(&t);
                free(buf);
        }
        audit_state_free(&s);
        return 0;
}
