/*
 * vmw_networking.c - /etc/vmware/networking as vnetlib writes it, and as
 * people edit it: indentation, tabs, CRLF, '#' comments, empty values.  Each
 * command replaces or removes earlier state, so the result is what the file
 * means after its last line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "inventory.h"
#include "vmw_networking.h"
#include "xalloc.h"

#define W(p, n) (int)(n), (p)           /* a counted word for "%.*s" */

struct ctx {
        const char *file;
        struct vmw_networking *n;
        struct diag_list *diags;
};

static bool word_is(const char *p, size_t len, const char *s)
{
        return strlen(s) == len && memcmp(p, s, len) == 0;
}

static int parse_port(const char *p, size_t len, unsigned *ret)
{
        unsigned v = 0;

        if (len == 0 || len > 5)
                return -EINVAL;
        for (size_t i = 0; i < len; i++) {
                if (p[i] < '0' || p[i] > '9')
                        return -EINVAL;
                v = v * 10 + (unsigned)(p[i] - '0');
        }
        if (v < 1 || v > 65535)
                return -EINVAL;
        *ret = v;
        return 0;
}

static int parse_ipv4(const char *p, size_t len, struct addr *ret)
{
        char buf[ADDR_STRLEN];

        if (len >= sizeof(buf))
                return -EINVAL;
        memcpy(buf, p, len);
        buf[len] = '\0';
        return addr_parse_family(buf, AF_INET, ret);
}

static int parse_mac(const char *p, size_t len, unsigned char ret[6])
{
        char buf[32];

        if (len >= sizeof(buf))
                return -EINVAL;
        memcpy(buf, p, len);
        buf[len] = '\0';
        return mac_parse(buf, ret);
}

/* Collects up to max words of l; returns how many there were (may be more
 * than max: the caller complains about extra words). */
static size_t words(struct vmw_line *l, const char **p, size_t *len, size_t max)
{
        const char *wp;
        size_t wl, n = 0;

        while (vmw_line_word(l, &wp, &wl)) {
                if (n < max) {
                        p[n] = wp;
                        len[n] = wl;
                }
                n++;
        }
        return n;
}

static int cmd_answer(struct ctx *c, struct vmw_line *l, bool remove)
{
        const char *kp;
        size_t kl;
        _cleanup_free_ char *key = NULL, *value = NULL;

        if (!vmw_line_word(l, &kp, &kl))
                return diag_add(c->diags, c->file, l->no, SEV_ERROR, "%s: missing key",
                                remove ? "remove_answer" : "answer");
        if (!(key = vmw_strndup(kp, kl)))
                return -ENOMEM;
        if (remove) {
                if (l->len)
                        return diag_add(c->diags, c->file, l->no, SEV_WARNING,
                                        "remove_answer %s: extra words ignored", key);
                vmw_answers_remove(&c->n->answers, key);
                return 0;
        }
        /* The rest of the line, trimmed, is the value: it may be empty or
         * hold blanks (legacy "VMDIR /var/lib/vmware/Virtual Machines"). */
        if (!(value = vmw_strndup(l->p, l->len)))
                return -ENOMEM;
        return vmw_answers_set(&c->n->answers, key, value, l->no);
}

static int cmd_bridge(struct ctx *c, struct vmw_line *l, bool remove)
{
        const char *p[2];
        size_t len[2], nw = words(l, p, len, 2);
        struct vmw_bridge_map *b;
        size_t i;
        int vnet = -1;

        if (nw != (remove ? 1u : 2u))
                return diag_add(c->diags, c->file, l->no, SEV_ERROR,
                                remove ? "remove_bridge_mapping needs an interface"
                                       : "add_bridge_mapping needs an interface and a vmnet number");
        if (!remove && !word_is(p[1], len[1], "-1") &&
            (vnet = vmw_parse_vnet_num(p[1], len[1])) < 0)
                return diag_add(c->diags, c->file, l->no, SEV_ERROR,
                                "add_bridge_mapping: vmnet number must be between -1 and %d",
                                VMW_VNET_MAX);
        for (i = 0; i < c->n->n_bridges; i++)
                if (word_is(p[0], len[0], c->n->bridges[i].ifname))
                        break;
        if (remove) {
                if (i < c->n->n_bridges) {
                        free(c->n->bridges[i].ifname);
                        memmove(&c->n->bridges[i], &c->n->bridges[i + 1],
                                (c->n->n_bridges - i - 1) * sizeof(*b));
                        c->n->n_bridges--;
                }
                return 0;
        }
        if (i < c->n->n_bridges) {
                b = &c->n->bridges[i];          /* a later mapping of the interface wins */
        } else {
                char *name = vmw_strndup(p[0], len[0]);

                if (!name || !(b = ARRAY_PUSH(c->n->bridges, c->n->n_bridges, c->n->cap_bridges))) {
                        free(name);
                        return -ENOMEM;
                }
                b->ifname = name;
        }
        b->vnet = vnet;
        b->line = l->no;
        return 0;
}

static int cmd_mac_ip(struct ctx *c, struct vmw_line *l, bool remove)
{
        const char *p[3];
        size_t len[3], nw = words(l, p, len, 3);
        struct vmw_mac_ip m = { .line = l->no }, *slot = NULL;
        int vnet;

        if (nw != (remove ? 2u : 3u))
                return diag_add(c->diags, c->file, l->no, SEV_ERROR,
                                remove ? "remove_dhcp_mac_to_ip needs a vmnet number and a MAC address"
                                       : "add_dhcp_mac_to_ip needs a vmnet number, a MAC address and an IPv4 address");
        if ((vnet = vmw_parse_vnet_num(p[0], len[0])) < 0)
                return diag_add(c->diags, c->file, l->no, SEV_ERROR,
                                "%s: vmnet number must be between 0 and %d",
                                remove ? "remove_dhcp_mac_to_ip" : "add_dhcp_mac_to_ip", VMW_VNET_MAX);
        m.vnet = (unsigned)vnet;
        if (parse_mac(p[1], len[1], m.mac) < 0)
                return diag_add(c->diags, c->file, l->no, SEV_ERROR, "invalid MAC address \"%.*s\"",
                                W(p[1], len[1]));
        if (!remove && parse_ipv4(p[2], len[2], &m.ip) < 0)
                return diag_add(c->diags, c->file, l->no, SEV_ERROR, "invalid IPv4 address \"%.*s\"",
                                W(p[2], len[2]));
        for (size_t i = 0; i < c->n->n_macs; i++)
                if (c->n->macs[i].vnet == m.vnet && memcmp(c->n->macs[i].mac, m.mac, 6) == 0)
                        slot = &c->n->macs[i];
        if (remove) {
                if (slot) {
                        size_t i = (size_t)(slot - c->n->macs);
                        memmove(slot, slot + 1, (c->n->n_macs - i - 1) * sizeof(*slot));
                        c->n->n_macs--;
                }
                return 0;
        }
        if (!slot && !(slot = ARRAY_PUSH(c->n->macs, c->n->n_macs, c->n->cap_macs)))
                return -ENOMEM;
        *slot = m;
        return 0;
}

static int cmd_portfwd(struct ctx *c, struct vmw_line *l, bool remove)
{
        const char *p[5];
        size_t len[5], nw = words(l, p, len, 5);
        struct vmw_portfwd f = { .line = l->no }, *slot = NULL;
        const char *cmd = remove ? "remove_nat_portfwd" : "add_nat_portfwd";
        int vnet;

        if (nw != (remove ? 3u : 5u))
                return diag_add(c->diags, c->file, l->no, SEV_ERROR,
                                remove ? "remove_nat_portfwd needs a vmnet number, a protocol and a host port"
                                       : "add_nat_portfwd needs a vmnet number, a protocol, a host port, a guest address and a guest port");
        if ((vnet = vmw_parse_vnet_num(p[0], len[0])) < 0)
                return diag_add(c->diags, c->file, l->no, SEV_ERROR,
                                "%s: vmnet number must be between 0 and %d", cmd, VMW_VNET_MAX);
        f.vnet = (unsigned)vnet;
        if (!word_is(p[1], len[1], "tcp") && !word_is(p[1], len[1], "udp"))
                return diag_add(c->diags, c->file, l->no, SEV_ERROR, "%s: protocol must be tcp or udp", cmd);
        memcpy(f.proto, p[1], 3);
        if (parse_port(p[2], len[2], &f.host_port) < 0)
                return diag_add(c->diags, c->file, l->no, SEV_ERROR,
                                "%s: host port must be between 1 and 65535", cmd);
        if (!remove) {
                if (parse_ipv4(p[3], len[3], &f.guest_ip) < 0)
                        return diag_add(c->diags, c->file, l->no, SEV_ERROR,
                                        "invalid IPv4 address \"%.*s\"", W(p[3], len[3]));
                if (parse_port(p[4], len[4], &f.guest_port) < 0)
                        return diag_add(c->diags, c->file, l->no, SEV_ERROR,
                                        "%s: guest port must be between 1 and 65535", cmd);
        }
        for (size_t i = 0; i < c->n->n_fwds; i++)
                if (c->n->fwds[i].vnet == f.vnet && strcmp(c->n->fwds[i].proto, f.proto) == 0 &&
                    c->n->fwds[i].host_port == f.host_port)
                        slot = &c->n->fwds[i];
        if (remove) {
                if (slot) {
                        size_t i = (size_t)(slot - c->n->fwds);
                        memmove(slot, slot + 1, (c->n->n_fwds - i - 1) * sizeof(*slot));
                        c->n->n_fwds--;
                }
                return 0;
        }
        if (!slot && !(slot = ARRAY_PUSH(c->n->fwds, c->n->n_fwds, c->n->cap_fwds)))
                return -ENOMEM;
        *slot = f;
        return 0;
}

static int version_line(struct ctx *c, struct vmw_line *l)
{
        const char *v = l->p + 8;               /* after "VERSION=" */
        size_t n = l->len - 8;

        if (c->n->version_line)
                return diag_add(c->diags, c->file, l->no, SEV_WARNING, "VERSION specified more than once");
        c->n->version_line = l->no;
        if (!word_is(v, n, "1,0"))
                return diag_add(c->diags, c->file, l->no, SEV_WARNING,
                                "unknown VERSION %.*s (expected 1,0); parsing anyway", W(v, n));
        return 0;
}

static int one_line(struct ctx *c, struct vmw_line *l)
{
        const char *cp;
        size_t cl;

        vmw_line_trim(l, true);
        if (!l->len)
                return 0;
        if (l->len >= 8 && memcmp(l->p, "VERSION=", 8) == 0)
                return version_line(c, l);
        vmw_line_word(l, &cp, &cl);
        if (word_is(cp, cl, "answer"))
                return cmd_answer(c, l, false);
        if (word_is(cp, cl, "remove_answer"))
                return cmd_answer(c, l, true);
        if (word_is(cp, cl, "add_bridge_mapping"))
                return cmd_bridge(c, l, false);
        if (word_is(cp, cl, "remove_bridge_mapping"))
                return cmd_bridge(c, l, true);
        if (word_is(cp, cl, "add_dhcp_mac_to_ip"))
                return cmd_mac_ip(c, l, false);
        if (word_is(cp, cl, "remove_dhcp_mac_to_ip"))
                return cmd_mac_ip(c, l, true);
        if (word_is(cp, cl, "add_nat_portfwd"))
                return cmd_portfwd(c, l, false);
        if (word_is(cp, cl, "remove_nat_portfwd"))
                return cmd_portfwd(c, l, true);
        return diag_add(c->diags, c->file, l->no, SEV_WARNING, "unknown command \"%.*s\"",
                        W(cp, cl > 64 ? 64 : cl));
}

int vmw_networking_parse(const char *buf, size_t size, const char *file,
                         struct vmw_networking *ret, struct diag_list *diags)
{
        struct ctx c = { .file = file, .n = ret, .diags = diags };
        struct vmw_line l = { 0 };
        size_t pos = 0, first_diag = diags->n;
        int r;

        *ret = (struct vmw_networking){ 0 };
        while (vmw_line_next(buf, size, &pos, &l))
                if ((r = one_line(&c, &l)) < 0)
                        return r;
        r = vmw_vnets_build(&ret->answers, file, &ret->vnets, diags);
        vmw_diags_sort(diags, first_diag);
        return r;
}

void vmw_networking_free(struct vmw_networking *n)
{
        if (!n)
                return;
        vmw_answers_free(&n->answers);
        vmw_vnets_free(&n->vnets);
        for (size_t i = 0; i < n->n_bridges; i++)
                free(n->bridges[i].ifname);
        free(n->bridges);
        free(n->macs);
        free(n->fwds);
        *n = (struct vmw_networking){ 0 };
}
