/*
 * fuzz_vmw_locations.c - libFuzzer target: the pure vmw_locations parser on arbitrary
 * bytes (not NUL-terminated), then free everything.  ASan/UBSan/LSan do the
 * checking; the parser must never crash, read out of bounds or leak.
 */
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "vmw_locations.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct vmw_locations r;
        struct diag_list d = { 0 };

        (void)vmw_locations_parse((const char *)data, size, "fuzz", &r, &d);
        vmw_locations_free(&r);
        diag_list_free(&d);
        return 0;
}
