/*
 * fuzz_nd_codec.c - libFuzzer target for the NS/NA decoder and the RFC 4862
 * classification behind it: any bytes in, no crash, no read past the
 * buffer; what decodes passed every RFC 4861 7.1 check; the claim cap
 * holds; and a DAD probe built for any decoded target decodes as one.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nd_codec.h"
#include "probe_engine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        static const uint8_t ours[1][6] = { { 0x02, 0, 0, 0, 0, 1 } };
        static const struct probe_iface ifs[1] = { { "eth0", 2, { 0x02, 0, 0, 0, 0, 1 } } };
        struct probe_target t[3] = { { .family = AF_INET6 }, { .family = AF_INET6 }, { 0 } };
        struct probe_answer a[3];
        struct probe_params p = {
                .targets = t, .n_targets = 3, .ifaces = ifs, .n_ifaces = 1,
                .our_macs = ours, .n_our_macs = 1, .retries = 1, .timeout = 1, .rate = 1,
        };
        struct nd_frame f, g;
        uint8_t probe[ND_PROBE_LEN];
        /* An exact-size heap copy so ASan sees any overread. */
        uint8_t *buf = malloc(size ? size : 1);

        if (!buf)
                return 0;
        memcpy(buf, data, size);
        memset(a, 0, sizeof(a));
        t[0].addr6 = (struct in6_addr){ .s6_addr = { 0x20, 0x01, 0x0d, 0xb8, [15] = 7 } };
        t[1].addr6 = (struct in6_addr){ .s6_addr = { 0x20, 0x01, 0x0d, 0xb8, [15] = 8 } };
        t[2].addr.s_addr = htonl(0xc6336407);
        /* Several frames back to back: the classification's state across inputs. */
        for (size_t off = 0; off < size; off += 78) {
                if (nd_parse_frame(buf + off, size - off, &f) != 0)
                        continue;
                if ((f.type != ND_NEIGHBOR_SOLICIT && f.type != ND_NEIGHBOR_ADVERT) ||
                    f.target.s6_addr[0] == 0xff || (nd_frame_is_dad(&f) && f.has_sll))
                        abort();
                probe_classify_nd(&p, a, &f, 0);
                if (nd_build_dad_probe(probe, sizeof(probe), ours[0], &f.target) == ND_PROBE_LEN &&
                    (nd_parse_frame(probe, sizeof(probe), &g) != 0 || !nd_frame_is_dad(&g) ||
                     memcmp(&g.target, &f.target, sizeof(g.target)) != 0))
                        abort();
        }
        for (int i = 0; i < 3; i++)
                if (a[i].n_claims > PROBE_MAX_CLAIMS || (a[i].n_claims && a[i].state == PROBE_FREE))
                        abort();
        if (a[2].state != PROBE_FREE)   /* NDP never speaks for an IPv4 target */
                abort();
        free(buf);
        return 0;
}
