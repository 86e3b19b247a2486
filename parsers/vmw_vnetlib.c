/*
 * vmw_vnetlib.c - the vnetlib log parser.  Lines look like
 *   2026-11-29T08:14:03.120Z| vthread-3| I005: VNL_CheckSubnetAvailability -
 *     Subnet: 192.168.56.0 on vnet: vmnet6 is not available
 * (one line) or with an older "Nov 29 08:14:03.120: vthread-3| " prefix.
 * Only the message after the marker is trusted; the time is whatever
 * precedes the first "| " (bounded), else none.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vmw_vnetlib.h"

#define START_MARK   "Successfully initialized Vnetlib"
#define CHECK_MARK   "VNL_CheckSubnetAvailability - Subnet: "
#define ON_VNET      " on vnet: "
#define NOT_AVAIL    " is not available"
#define LONGER_MARK  "Subnet on "
#define LONGER_TAIL  " is no longer available for usage"

/* memmem bounded to one line. */
static const char *find(const char *s, size_t n, const char *needle)
{
        return memmem(s, n, needle, strlen(needle));
}

/* "vmnet" + 1 to 3 digits, copied to out; the length consumed, or 0. */
static size_t vnet_name(const char *s, size_t n, char out[VMW_VNETLIB_VNET_MAX])
{
        size_t k = 5;

        if (n < 6 || memcmp(s, "vmnet", 5) != 0)
                return 0;
        while (k < n && k < 8 && s[k] >= '0' && s[k] <= '9')
                k++;
        if (k == 5 || (k < n && s[k] >= '0' && s[k] <= '9'))
                return 0;
        memcpy(out, s, k);
        out[k] = '\0';
        return k;
}

static void line_time(const char *s, size_t n, char out[VMW_VNETLIB_TIME_MAX])
{
        const char *bar = find(s, n, "| ");
        size_t k;

        out[0] = '\0';
        if (!bar)
                return;
        k = (size_t)(bar - s);
        /* the older "Mon DD HH:MM:SS.mmm: vthread-N| " form */
        for (size_t i = k; i >= 2; i--)
                if (s[i - 2] == ':' && s[i - 1] == ' ') {
                        k = i - 2;
                        break;
                }
        if (!k || k >= VMW_VNETLIB_TIME_MAX)
                return;
        for (size_t i = 0; i < k; i++)
                if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
                        return;         /* not a timestamp */
        memcpy(out, s, k);
        out[k] = '\0';
}

static struct vmw_refusal *by_vnet(struct vmw_vnetlib *st, const char *vnet)
{
        for (size_t i = 0; i < st->n; i++)
                if (strcmp(st->v[i].vnet, vnet) == 0)
                        return &st->v[i];
        return NULL;
}

static int add(struct vmw_vnetlib *st, const char *file, unsigned line, const char *s, size_t n,
               const char *vnet, const char *subnet)
{
        struct vmw_refusal *r = by_vnet(st, vnet);

        if (r) {        /* the same verdict: the "no longer available" line, or a repeat */
                if (!r->subnet[0] && subnet[0])
                        strcpy(r->subnet, subnet);
                return 0;
        }
        if (st->n == st->cap) {
                size_t cap = st->cap ? st->cap * 2 : 8;
                struct vmw_refusal *v = realloc(st->v, cap * sizeof(*v));

                if (!v)
                        return -ENOMEM;
                st->v = v;
                st->cap = cap;
        }
        r = &st->v[st->n++];
        memset(r, 0, sizeof(*r));
        r->file = file;
        r->line = line;
        line_time(s, n, r->time);
        strcpy(r->vnet, vnet);
        strcpy(r->subnet, subnet);
        return 0;
}

static int one_line(struct vmw_vnetlib *st, const char *s, size_t n, const char *file, unsigned line)
{
        char vnet[VMW_VNETLIB_VNET_MAX], subnet[VMW_VNETLIB_SUBNET_MAX] = "";
        const char *p;
        size_t k, rest;

        if (find(s, n, START_MARK)) {
                st->n = 0;
                st->saw_start = true;
                return 0;
        }
        if ((p = find(s, n, CHECK_MARK))) {
                const char *a, *on;
                struct in_addr ia;

                a = p + strlen(CHECK_MARK);
                rest = n - (size_t)(a - s);
                if (!(on = find(a, rest, ON_VNET)) || (size_t)(on - a) >= sizeof(subnet))
                        return 0;               /* truncated or malformed */
                memcpy(subnet, a, (size_t)(on - a));
                subnet[on - a] = '\0';
                if (inet_pton(AF_INET, subnet, &ia) != 1)
                        return 0;
                p = on + strlen(ON_VNET);
                rest = n - (size_t)(p - s);
                if (!(k = vnet_name(p, rest, vnet)) || rest - k < strlen(NOT_AVAIL) ||
                    memcmp(p + k, NOT_AVAIL, strlen(NOT_AVAIL)) != 0)
                        return 0;
                return add(st, file, line, s, n, vnet, subnet);
        }
        if ((p = find(s, n, LONGER_MARK))) {
                p += strlen(LONGER_MARK);
                rest = n - (size_t)(p - s);
                if (!(k = vnet_name(p, rest, vnet)) || rest - k < strlen(LONGER_TAIL) ||
                    memcmp(p + k, LONGER_TAIL, strlen(LONGER_TAIL)) != 0)
                        return 0;
                return add(st, file, line, s, n, vnet, "");
        }
        return 0;
}

int vmw_vnetlib_feed(struct vmw_vnetlib *st, const char *buf, size_t len, const char *file)
{
        unsigned line = 0;

        for (size_t i = 0; i < len;) {
                const char *nl = memchr(buf + i, '\n', len - i);
                size_t n = nl ? (size_t)(nl - (buf + i)) : len - i;
                size_t next = i + n + (nl ? 1 : 0);     /* before any '\r' is dropped */
                int r;

                line++;
                if (n && buf[i + n - 1] == '\r')
                        n--;
                /* A last line without its newline may be cut mid-write. */
                if (nl && (r = one_line(st, buf + i, n, file, line)) < 0)
                        return r;
                i = next;
        }
        return 0;
}

void vmw_vnetlib_free(struct vmw_vnetlib *st)
{
        if (!st)
                return;
        free(st->v);
        *st = (struct vmw_vnetlib){ 0 };
}
