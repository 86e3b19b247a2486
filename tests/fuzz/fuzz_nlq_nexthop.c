/*
 * fuzz_nlq_nexthop.c - libFuzzer target for the decoder of RTM_NEWNEXTHOP
 * messages (nexthop objects): any bytes in, no crash, no read past the
 * buffer, and a decoded group always holds as many ids as it says.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nlq.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        /* An exact-size heap copy so ASan sees any overread. */
        uint8_t *buf = malloc(size ? size : 1);
        struct nlq_nexthop nh;

        if (!buf)
                return 0;
        memcpy(buf, data, size);
        if (nlq_nexthop_decode(buf, size, &nh) == 0) {
                volatile uint32_t sum = nh.id;

                for (size_t i = 0; i < nh.n_group; i++)
                        sum += nh.group[i];
                if (nh.has_gateway && nh.gateway.family != 2 && nh.gateway.family != 10)
                        abort();
                (void)sum;
                nlq_nexthop_free(&nh);
        }
        free(buf);
        return 0;
}
