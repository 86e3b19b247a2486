/*
 * fuzz_arp_codec.c - libFuzzer target for the ARP frame decoder and the
 * RFC 5227 classification behind it: any bytes in, no crash, no read past
 * the buffer, and the claim cap always holds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arp_codec.h"
#include "probe_engine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        static const uint8_t ours[1][6] = { { 0x02, 0, 0, 0, 0, 1 } };
        static const struct probe_iface ifs[1] = { { "eth0", 2, { 0x02, 0, 0, 0, 0, 1 } } };
        struct probe_target t[2];
        struct probe_answer a[2];
        struct probe_params p = {
                .targets = t, .n_targets = 2, .ifaces = ifs, .n_ifaces = 1,
                .our_macs = ours, .n_our_macs = 1, .retries = 1, .timeout = 1, .rate = 1,
        };
        struct arp_frame f;
        /* An exact-size heap copy so ASan sees any overread. */
        uint8_t *buf = malloc(size ? size : 1);

        if (!buf)
                return 0;
        memcpy(buf, data, size);
        memset(a, 0, sizeof(a));
        t[0].addr.s_addr = htonl(0xc6336407);           /* 198.51.100.7 */
        t[1].addr.s_addr = htonl(0xc6336408);
        /* The frame may be several frames back to back: exercise the
         * classification's state across many inputs. */
        for (size_t off = 0; off < size; off += 42) {
                if (arp_parse_frame(buf + off, size - off, &f) == 0) {
                        probe_classify(&p, a, &f, 0);
                        if (f.op != ARP_OP_REQUEST && f.op != ARP_OP_REPLY)
                                abort();
                }
        }
        for (int i = 0; i < 2; i++)
                if (a[i].n_claims > PROBE_MAX_CLAIMS || (a[i].n_claims && a[i].state == PROBE_FREE))
                        abort();
        free(buf);
        return 0;
}
