/*
 * list_columns.c - the column table of `list`, -o parsing, --help text and
 * the bounded cell text.  Width flags: long, free-form columns (links,
 * origin, DHCP ranges) are truncated first when the terminal is narrow;
 * identities (network, device, subnet, addresses) keep their width.
 */
#include <errno.h>
#include <libsmartcols.h>
#include <string.h>
#include <strings.h>

#include "list_columns.h"

const struct list_col_info list_cols[_LC_MAX] = {
        [LC_NETWORK] = { "NETWORK", "network id (source:name)", 0, SCOLS_FL_TREE, false },
        [LC_SOURCE] = { "SOURCE", "vmware, libvirt or host", 0, 0, false },
        [LC_NAME] = { "NAME", "name within its source", 0.1, SCOLS_FL_TRUNC, false },
        [LC_DEVICE] = { "DEVICE", "host device (vmnet6, virbr0)", 0, 0, false },
        [LC_TYPE] = { "TYPE", "host-only, nat, bridged, routed, isolated ...", 0, 0, false },
        [LC_STATE] = { "STATE", "up, down, absent, inactive or unknown", 0, 0, false },
        [LC_AUTOSTART] = { "AUTOSTART", "libvirt: started with the daemon (yes/no)", 0, 0, false },
        [LC_PERSISTENT] = { "PERSISTENT", "libvirt: defined, not transient (yes/no)", 0, 0, false },
        [LC_SUBNET] = { "SUBNET", "subnet (one row per subnet)", 0, 0, true },
        [LC_HOST] = { "HOST", "the host's planned address", 0, 0, true },
        [LC_GATEWAY] = { "GATEWAY", "NAT gateway or router handed out", 0, 0, true },
        [LC_DHCP_SERVER] = { "DHCP-SERVER", "address of the DHCP server", 0, 0, true },
        [LC_DHCP] = { "DHCP", "DHCP ranges and number of fixed hosts", 0.2, SCOLS_FL_TRUNC, true },
        [LC_LINKS] = { "LINKS", "bridged-to interfaces, bridge ports", 0.1, SCOLS_FL_TRUNC, false },
        [LC_ORIGIN] = { "ORIGIN", "file:line the network (or subnet) comes from", 0.25, SCOLS_FL_TRUNC, true },
};

static const enum list_col default_cols[] = {
        LC_NETWORK, LC_DEVICE, LC_TYPE, LC_STATE, LC_AUTOSTART, LC_SUBNET, LC_HOST,
        LC_GATEWAY, LC_DHCP_SERVER, LC_DHCP, LC_LINKS, LC_ORIGIN,
};

void list_format_init(struct list_format *f)
{
        memset(f, 0, sizeof(*f));
        f->n_cols = sizeof(default_cols) / sizeof(default_cols[0]);
        memcpy(f->cols, default_cols, sizeof(default_cols));
}

int list_format_columns(struct list_format *f, const char *spec, size_t *ret_bad)
{
        const char *p = spec;

        f->columns_given = true;
        if (*p == '+')
                p++;
        else
                f->n_cols = 0;
        for (;;) {
                size_t len = strcspn(p, ",");
                enum list_col c = _LC_MAX;

                for (size_t i = 0; i < _LC_MAX; i++)
                        if (len && strlen(list_cols[i].name) == len &&
                            strncasecmp(list_cols[i].name, p, len) == 0)
                                c = (enum list_col)i;
                if (c == _LC_MAX || f->n_cols == sizeof(f->cols) / sizeof(f->cols[0])) {
                        *ret_bad = (size_t)(p - spec);
                        return -EINVAL;
                }
                f->cols[f->n_cols++] = c;
                if (!p[len])
                        break;
                p += len + 1;
        }
        return 0;
}

void list_columns_help(FILE *out)
{
        for (size_t i = 0; i < _LC_MAX; i++)
                fprintf(out, "  %-12s%s\n", list_cols[i].name, list_cols[i].help);
}

const char *list_cell_text(const char *s, char buf[static LIST_CELL_MAX + 4])
{
        size_t n;

        if (!s || strnlen(s, LIST_CELL_MAX + 1) <= LIST_CELL_MAX)
                return s;
        n = LIST_CELL_MAX;
        /* back off to the start of a UTF-8 sequence */
        while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
                n--;
        memcpy(buf, s, n);
        /* "..." rather than U+2026: vnetaudit runs in the C locale, where
         * libsmartcols shows any non-ASCII byte as \xNN */
        memcpy(buf + n, "...", 4);
        return buf;
}
