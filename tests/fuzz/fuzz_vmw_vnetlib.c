/*
 * fuzz_vmw_vnetlib.c - libFuzzer target: the pure vnetlib log parser on
 * arbitrary bytes (not NUL-terminated), fed as a rotated copy and then the
 * current log, then freed.  ASan/UBSan/LSan do the checking.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "vmw_vnetlib.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct vmw_vnetlib st = { 0 };
        size_t half = size / 2;

        (void)vmw_vnetlib_feed(&st, (const char *)data, half, "a");
        (void)vmw_vnetlib_feed(&st, (const char *)data + half, size - half, "b");
        for (size_t i = 0; i < st.n; i++)
                if (strlen(st.v[i].vnet) < 6 || strlen(st.v[i].subnet) >= VMW_VNETLIB_SUBNET_MAX)
                        __builtin_trap();
        vmw_vnetlib_free(&st);
        return 0;
}
