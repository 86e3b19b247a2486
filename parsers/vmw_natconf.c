/*
 * vmw_natconf.c - nat.conf: "[section]" headers and "key = value" lines,
 * '#' or ';' comments (whole-line or after a blank), CRLF.  Unknown sections
 * and keys are VMware's business and pass silently; a key vnetaudit uses is
 * checked, and a repeated one is reported (the later value wins).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "numparse.h"
#include "vmw_natconf.h"
#include "xalloc.h"

enum section { SEC_NONE, SEC_HOST, SEC_TCP_IN, SEC_UDP_IN, SEC_OTHER };

static bool is_blank(char c)
{
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static void strip_semicolon_comment(struct vmw_line *l)
{
        for (size_t i = 0; i < l->len; i++)
                if (l->p[i] == ';' && (i == 0 || is_blank(l->p[i - 1]))) {
                        l->len = i;
                        break;
                }
        while (l->len && is_blank(l->p[l->len - 1]))
                l->len--;
}

static int parse_port(const char *s, unsigned *ret)
{
        unsigned long v;

        if (parse_decimal(s, 1, 65535, &v) < 0)
                return -EINVAL;
        *ret = (unsigned)v;
        return 0;
}

static int dup_check(struct diag_list *diags, const char *file, unsigned line, const char *key,
                     bool already)
{
        return already ? diag_add(diags, file, line, SEV_WARNING, "%s specified more than once", key) : 0;
}

static int host_key(struct vmw_natconf *n, const char *key, const char *val, unsigned line,
                    const char *file, struct diag_list *diags)
{
        int r = 0;

        if (strcmp(key, "ip") == 0) {
                struct prefix p;
                char *slash = strchr(val, '/');

                if ((r = dup_check(diags, file, line, "ip", n->ip.set)) < 0)
                        return r;
                if (slash ? prefix_parse(val, &p) < 0 || p.addr.family != AF_INET
                          : addr_parse_family(val, AF_INET, &p.addr) < 0)
                        return diag_add(diags, file, line, SEV_ERROR, "ip: invalid IPv4 address \"%s\"", val);
                n->ip = (struct vmw_addr_val){ .set = true, .addr = p.addr, .line = line };
                n->ip_prefixlen = slash ? (int)p.len : -1;
        } else if (strcmp(key, "netmask") == 0) {
                struct addr m;
                unsigned len;

                if ((r = dup_check(diags, file, line, "netmask", n->netmask.set)) < 0)
                        return r;
                if (addr_parse_family(val, AF_INET, &m) < 0 || netmask_to_len(&m, &len) < 0)
                        return diag_add(diags, file, line, SEV_ERROR, "netmask: invalid netmask \"%s\"", val);
                n->netmask = (struct vmw_addr_val){ .set = true, .addr = m, .line = line };
        } else if (strcmp(key, "hostIp") == 0) {
                if ((r = dup_check(diags, file, line, "hostIp", n->host_ip.set)) < 0)
                        return r;
                if (addr_parse_family(val, AF_INET, &n->host_ip.addr) < 0) {
                        n->host_ip.set = false;
                        return diag_add(diags, file, line, SEV_ERROR, "hostIp: invalid IPv4 address \"%s\"", val);
                }
                n->host_ip.set = true;
                n->host_ip.line = line;
        } else if (strcmp(key, "device") == 0) {
                const char *d = strncmp(val, "/dev/", 5) == 0 ? val + 5 : val;
                char *copy;

                if ((r = dup_check(diags, file, line, "device", n->device != NULL)) < 0)
                        return r;
                if (!*d)
                        return diag_add(diags, file, line, SEV_ERROR, "device: empty value");
                if (!(copy = strdup(d)))
                        return -ENOMEM;
                free(n->device);
                n->device = copy;
                n->device_line = line;
        } else if (strcmp(key, "natIp6Enable") == 0) {
                if (strcmp(val, "0") && strcmp(val, "1"))
                        return diag_add(diags, file, line, SEV_ERROR, "natIp6Enable must be 0 or 1");
                n->ip6_enable = (struct vmw_bool_val){ .value = val[0] == '1', .line = line };
        } else if (strcmp(key, "natIp6Prefix") == 0) {
                if (prefix_parse(val, &n->ip6_prefix) < 0 || n->ip6_prefix.addr.family != AF_INET6) {
                        n->has_ip6_prefix = false;
                        return diag_add(diags, file, line, SEV_ERROR, "natIp6Prefix: invalid IPv6 prefix \"%s\"", val);
                }
                n->has_ip6_prefix = true;
                n->ip6_prefix_line = line;
        }
        return 0;
}

/* "hostport = guestip:guestport" */
static int forward(struct vmw_natconf *n, const char *proto, const char *key, const char *val,
                   unsigned line, const char *file, struct diag_list *diags)
{
        struct vmw_nat_fwd f = { .line = line };
        const char *colon = strrchr(val, ':');
        char ip[ADDR_STRLEN];

        if (parse_port(key, &f.host_port) < 0)
                return diag_add(diags, file, line, SEV_ERROR, "host port must be between 1 and 65535");
        if (!colon || (size_t)(colon - val) >= sizeof(ip))
                return diag_add(diags, file, line, SEV_ERROR, "forward must be \"address:port\"");
        memcpy(ip, val, (size_t)(colon - val));
        ip[colon - val] = '\0';
        if (addr_parse_family(ip, AF_INET, &f.guest_ip) < 0)
                return diag_add(diags, file, line, SEV_ERROR, "invalid IPv4 address \"%s\"", ip);
        if (parse_port(colon + 1, &f.guest_port) < 0)
                return diag_add(diags, file, line, SEV_ERROR, "guest port must be between 1 and 65535");
        memcpy(f.proto, proto, 4);
        for (size_t i = 0; i < n->n_fwds; i++)
                if (n->fwds[i].host_port == f.host_port && strcmp(n->fwds[i].proto, proto) == 0)
                        return diag_add(diags, file, line, SEV_WARNING,
                                        "%s port %u forwarded more than once (line %u)", proto,
                                        f.host_port, n->fwds[i].line);
        if (!ARRAY_PUSH(n->fwds, n->n_fwds, n->cap_fwds))
                return -ENOMEM;
        n->fwds[n->n_fwds - 1] = f;
        return 0;
}

static int one_line(struct vmw_natconf *n, enum section *sec, struct vmw_line *l,
                    const char *file, struct diag_list *diags)
{
        _cleanup_free_ char *key = NULL, *val = NULL;
        const char *eq;
        struct vmw_line k, v;

        vmw_line_trim(l, true);
        strip_semicolon_comment(l);
        if (!l->len)
                return 0;
        if (l->p[0] == '[') {
                if (l->p[l->len - 1] != ']')
                        return diag_add(diags, file, l->no, SEV_ERROR, "section header without ']'");
                if (!(key = vmw_strndup(l->p + 1, l->len - 2)))
                        return -ENOMEM;
                *sec = strcmp(key, "host") == 0          ? SEC_HOST
                     : strcmp(key, "incomingtcp") == 0   ? SEC_TCP_IN
                     : strcmp(key, "incomingudp") == 0   ? SEC_UDP_IN
                                                         : SEC_OTHER;
                return 0;
        }
        if (!(eq = memchr(l->p, '=', l->len)))
                return diag_add(diags, file, l->no, SEV_ERROR, "expected \"key = value\"");
        k = (struct vmw_line){ .p = l->p, .len = (size_t)(eq - l->p), .no = l->no };
        v = (struct vmw_line){ .p = eq + 1, .len = l->len - k.len - 1, .no = l->no };
        vmw_line_trim(&k, false);
        vmw_line_trim(&v, false);
        if (!k.len)
                return diag_add(diags, file, l->no, SEV_ERROR, "missing key before '='");
        if (!(key = vmw_strndup(k.p, k.len)) || !(val = vmw_strndup(v.p, v.len)))
                return -ENOMEM;
        switch (*sec) {
        case SEC_NONE:
                return diag_add(diags, file, l->no, SEV_WARNING, "%s outside any section", key);
        case SEC_HOST:
                return host_key(n, key, val, l->no, file, diags);
        case SEC_TCP_IN:
                return forward(n, "tcp", key, val, l->no, file, diags);
        case SEC_UDP_IN:
                return forward(n, "udp", key, val, l->no, file, diags);
        default:
                return 0;
        }
}

int vmw_natconf_parse(const char *buf, size_t size, const char *file, struct vmw_natconf *ret,
                      struct diag_list *diags)
{
        enum section sec = SEC_NONE;
        struct vmw_line l = { 0 };
        size_t pos = 0, first_diag = diags->n;
        int r;

        *ret = (struct vmw_natconf){ .ip_prefixlen = -1, .ip6_enable.value = -1 };
        while (vmw_line_next(buf, size, &pos, &l))
                if ((r = one_line(ret, &sec, &l, file, diags)) < 0)
                        return r;
        if (ret->ip.set && ret->ip_prefixlen >= 0 && ret->netmask.set) {
                unsigned len;

                netmask_to_len(&ret->netmask.addr, &len);
                if ((int)len != ret->ip_prefixlen &&
                    (r = diag_add(diags, file, ret->netmask.line, SEV_WARNING,
                                  "netmask disagrees with the prefix length of ip (line %u)",
                                  ret->ip.line)) < 0)
                        return r;
        }
        vmw_diags_sort(diags, first_diag);
        return 0;
}

void vmw_natconf_free(struct vmw_natconf *n)
{
        if (!n)
                return;
        free(n->device);
        free(n->fwds);
        *n = (struct vmw_natconf){ 0 };
}
