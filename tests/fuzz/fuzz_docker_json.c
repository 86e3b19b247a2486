/*
 * fuzz_docker_json.c - libFuzzer target: both Docker parsers (daemon.json
 * and the GET /networks answer) on the same arbitrary bytes, then free
 * everything.  ASan/UBSan/LSan do the checking.
 */
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "docker_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct diag_list d = { 0 };
        struct dk_daemon c;
        struct dk_net *v;
        size_t n;

        if (dk_daemon_parse((const char *)data, size, "fuzz", &c, &d) == 0)
                dk_daemon_free(&c);
        if (dk_networks_parse((const char *)data, size, "fuzz", &v, &n, &d) == 0)
                dk_networks_free(v, n);
        diag_list_free(&d);
        return 0;
}
