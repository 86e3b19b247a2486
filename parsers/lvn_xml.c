/*
 * lvn_xml.c - libvirt network XML (definition or <networkstatus>) into a
 * struct lvn_network, with libxml2.  The document is untrusted: no network
 * access, no entity substitution, no DTD loading, no huge mode, and any DTD
 * at all stops the parse before its first declaration is read.  Bad
 * elements are reported with their line and skipped; the network survives
 * unless it lacks what identifies it.
 */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "fdio.h"
#include "inventory.h"
#include "lvn_xml.h"
#include "numparse.h"
#include "rootfile.h"
#include "rootfile_dir.h"
#include "xalloc.h"

static const char *const forward_names[_LVN_FWD_MAX] = {
        [LVN_FWD_NONE] = "none",
        [LVN_FWD_NAT] = "nat",
        [LVN_FWD_ROUTE] = "route",
        [LVN_FWD_OPEN] = "open",
        [LVN_FWD_BRIDGE] = "bridge",
        [LVN_FWD_PRIVATE] = "private",
        [LVN_FWD_VEPA] = "vepa",
        [LVN_FWD_PASSTHROUGH] = "passthrough",
        [LVN_FWD_HOSTDEV] = "hostdev",
};

const char *lvn_forward_name(enum lvn_forward f)
{
        return f < _LVN_FWD_MAX ? forward_names[f] : "?";
}

bool lvn_forward_is_direct(enum lvn_forward f)
{
        return f == LVN_FWD_BRIDGE || f == LVN_FWD_PRIVATE || f == LVN_FWD_VEPA ||
               f == LVN_FWD_PASSTHROUGH || f == LVN_FWD_HOSTDEV;
}

void lvn_network_free(struct lvn_network *n)
{
        if (!n)
                return;
        for (size_t i = 0; i < n->n_ips; i++) {
                for (size_t j = 0; j < n->ips[i].n_hosts; j++) {
                        free(n->ips[i].hosts[j].id);
                        free(n->ips[i].hosts[j].name);
                }
                free(n->ips[i].hosts);
                free(n->ips[i].ranges);
        }
        free(n->ips);
        for (size_t i = 0; i < n->n_dns_hosts; i++)
                free(n->dns_hosts[i].hostname);
        free(n->dns_hosts);
        for (size_t i = 0; i < n->n_forward_devs; i++)
                free(n->forward_devs[i]);
        free(n->forward_devs);
        free(n->name);
        free(n->uuid);
        free(n->bridge);
        *n = (struct lvn_network){ 0 };
}

/* One parse: where diagnostics go and how many errors so far. */
struct pctx {
        const char *file;
        struct diag_list *diags;
        int errors;
        int enomem;
        unsigned dtd_line;      /* where a DTD was refused */
};

static void report(struct pctx *p, unsigned line, enum severity sev, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

static void report(struct pctx *p, unsigned line, enum severity sev, const char *fmt, ...)
{
        char *msg;
        va_list ap;
        int r;

        if (sev == SEV_ERROR)
                p->errors++;
        va_start(ap, fmt);
        r = vasprintf(&msg, fmt, ap);
        va_end(ap);
        if (r < 0 || diag_add(p->diags, p->file, line, sev, "%s", msg) < 0)
                p->enomem = 1;
        if (r >= 0)
                free(msg);
}

static unsigned lineof(const xmlNode *n)
{
        long l = xmlGetLineNo(n);

        return l > 0 && l <= (long)UINT32_MAX ? (unsigned)l : 0;
}

static bool is_elem(const xmlNode *n, const char *name)
{
        return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name);
}

/* The attribute's value as a malloc'd C string, or NULL.  libxml2 hands out
 * xmlChar strings from its own allocator; copying keeps ownership simple. */
static char *attr(struct pctx *p, const xmlNode *n, const char *name)
{
        xmlChar *v = xmlGetNoNsProp(n, BAD_CAST name);
        char *copy;

        if (!v)
                return NULL;
        copy = strdup((const char *)v);
        xmlFree(v);
        if (!copy)
                p->enomem = 1;
        return copy;
}

/* Text content with surrounding blanks removed, or NULL. */
static char *text(struct pctx *p, const xmlNode *n)
{
        xmlChar *v = xmlNodeGetContent(n);
        const char *s, *e;
        char *copy;

        if (!v)
                return NULL;
        s = (const char *)v;
        while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
                s++;
        e = s + strlen(s);
        while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
                e--;
        copy = strndup(s, (size_t)(e - s));
        xmlFree(v);
        if (!copy)
                p->enomem = 1;
        return copy;
}

static const char *family_name(int af)
{
        return af == AF_INET6 ? "ipv6" : "ipv4";
}

/* Parses an address attribute of the given family; reports and returns
 * -EINVAL when it is missing or malformed. */
static int attr_addr(struct pctx *p, const xmlNode *n, const char *elem, const char *name,
                     int family, struct addr *ret)
{
        _cleanup_free_ char *v = attr(p, n, name);

        if (!v) {
                report(p, lineof(n), SEV_ERROR, "<%s> has no %s", elem, name);
                return -EINVAL;
        }
        if (addr_parse(v, ret) < 0) {
                report(p, lineof(n), SEV_ERROR, "<%s> %s '%s' is not an IP address", elem, name, v);
                return -EINVAL;
        }
        if (ret->family != family) {
                report(p, lineof(n), SEV_ERROR, "<%s> %s '%s' is not an %s address",
                       elem, name, v, family_name(family));
                return -EINVAL;
        }
        return 0;
}

static void parse_range(struct pctx *p, const xmlNode *n, struct lvn_ip *ip)
{
        struct lvn_range r = { .line = lineof(n) };
        char a[ADDR_STRLEN], b[ADDR_STRLEN], pf[PREFIX_STRLEN];
        struct lvn_range *slot;
        int af = ip->address.family;

        if (attr_addr(p, n, "range", "start", af, &r.start) < 0 ||
            attr_addr(p, n, "range", "end", af, &r.end) < 0)
                return;
        addr_format(&r.start, a);
        addr_format(&r.end, b);
        if (addr_cmp(&r.start, &r.end) > 0) {
                report(p, r.line, SEV_ERROR, "range start %s is after its end %s", a, b);
                return;
        }
        /* libvirt refuses a range that leaves its <ip>'s network. */
        if (!range_in_prefix(&ip->prefix, &r.start, &r.end)) {
                report(p, r.line, SEV_ERROR, "range %s - %s is outside the network %s", a, b,
                       prefix_format(&ip->prefix, pf));
                return;
        }
        /* Nested <lease expiry=...> only sets the lease time: nothing to audit. */
        if (!(slot = ARRAY_PUSH(ip->ranges, ip->n_ranges, ip->cap_ranges))) {
                p->enomem = 1;
                return;
        }
        *slot = r;
}

static void parse_host(struct pctx *p, const xmlNode *n, struct lvn_ip *ip)
{
        struct lvn_host h = { .line = lineof(n) };
        _cleanup_free_ char *mac = attr(p, n, "mac");
        struct lvn_host *slot;
        unsigned char m[6];

        h.id = attr(p, n, "id");
        h.name = attr(p, n, "name");
        if (mac) {
                if (mac_parse(mac, m) < 0) {
                        report(p, h.line, SEV_ERROR, "host mac '%s' is not a MAC address", mac);
                        goto skip;
                }
                mac_format(m, h.mac);
        }
        if (ip->address.family == AF_INET && !mac && !h.name) {
                report(p, h.line, SEV_ERROR, "IPv4 host needs a mac or a name");
                goto skip;
        }
        if (ip->address.family == AF_INET6 && !h.id && !h.name) {
                report(p, h.line, SEV_ERROR, "IPv6 host needs an id or a name");
                goto skip;
        }
        if (attr_addr(p, n, "host", "ip", ip->address.family, &h.ip) < 0)
                goto skip;
        if (!(slot = ARRAY_PUSH(ip->hosts, ip->n_hosts, ip->cap_hosts))) {
                p->enomem = 1;
                goto skip;
        }
        *slot = h;
        return;
skip:
        free(h.id);
        free(h.name);
}

static void parse_dhcp(struct pctx *p, const xmlNode *dhcp, struct lvn_ip *ip)
{
        for (const xmlNode *c = dhcp->children; c; c = c->next) {
                if (is_elem(c, "range"))
                        parse_range(p, c, ip);
                else if (is_elem(c, "host"))
                        parse_host(p, c, ip);
        }
}

/* libvirt's default when an <ip> has neither netmask nor prefix: the old
 * address classes for IPv4 (RFC 791), /64 for IPv6. */
static int default_prefix_len(const struct addr *a)
{
        uint32_t v;

        if (a->family == AF_INET6)
                return 64;
        v = addr_ipv4(a);
        if ((v & 0x80000000u) == 0)
                return 8;
        if ((v & 0xc0000000u) == 0x80000000u)
                return 16;
        if ((v & 0xe0000000u) == 0xc0000000u)
                return 24;
        return -1;
}

static void parse_ip(struct pctx *p, const xmlNode *n, struct lvn_network *net)
{
        struct lvn_ip ip = { .line = lineof(n) };
        _cleanup_free_ char *family = attr(p, n, "family");
        _cleanup_free_ char *netmask = attr(p, n, "netmask");
        _cleanup_free_ char *prefix = attr(p, n, "prefix");
        char a[ADDR_STRLEN];
        struct lvn_ip *slot;
        unsigned long len = 0;
        int af;

        if (!family || strcmp(family, "ipv4") == 0) {
                af = AF_INET;
        } else if (strcmp(family, "ipv6") == 0) {
                af = AF_INET6;
        } else {
                report(p, ip.line, SEV_ERROR, "ip family '%s' must be ipv4 or ipv6", family);
                return;
        }
        if (attr_addr(p, n, "ip", "address", af, &ip.address) < 0)
                return;
        addr_format(&ip.address, a);
        if (netmask && prefix) {
                report(p, ip.line, SEV_ERROR, "ip %s has both netmask and prefix", a);
                return;
        }
        if (netmask && af == AF_INET6) {
                report(p, ip.line, SEV_ERROR, "ip %s: netmask is not allowed for ipv6, use prefix", a);
                return;
        }
        if (netmask) {
                if (prefix_from_netmask(&ip.address, netmask, &ip.prefix) < 0) {
                        report(p, ip.line, SEV_ERROR, "ip %s: netmask '%s' is not a valid netmask",
                               a, netmask);
                        return;
                }
        } else {
                if (prefix && parse_decimal(prefix, 0, addr_bits(af), &len) < 0) {
                        report(p, ip.line, SEV_ERROR, "ip %s: prefix must be between 0 and %u",
                               a, addr_bits(af));
                        return;
                }
                /* libvirt keeps prefix='0' as "not given" and applies the default. */
                if (len == 0) {
                        int d = default_prefix_len(&ip.address);

                        if (d < 0) {
                                report(p, ip.line, SEV_ERROR,
                                       "ip %s has no netmask or prefix, and no class default", a);
                                return;
                        }
                        len = (unsigned long)d;
                }
                prefix_make(&ip.address, (unsigned)len, &ip.prefix);
        }
        ip.prefix = prefix_network(&ip.prefix);

        for (const xmlNode *c = n->children; c; c = c->next)
                if (is_elem(c, "dhcp"))
                        parse_dhcp(p, c, &ip);
        if (!(slot = ARRAY_PUSH(net->ips, net->n_ips, net->cap_ips))) {
                p->enomem = 1;
                free(ip.ranges);
                for (size_t i = 0; i < ip.n_hosts; i++) {
                        free(ip.hosts[i].id);
                        free(ip.hosts[i].name);
                }
                free(ip.hosts);
                return;
        }
        *slot = ip;
}

static void parse_dns(struct pctx *p, const xmlNode *dns, struct lvn_network *net)
{
        for (const xmlNode *h = dns->children; h; h = h->next) {
                struct lvn_dns_host d = { .line = lineof(h) };
                _cleanup_free_ char *v = NULL;
                struct lvn_dns_host *slot;

                if (!is_elem(h, "host"))
                        continue;
                if (!(v = attr(p, h, "ip"))) {
                        report(p, d.line, SEV_ERROR, "dns host has no ip");
                        continue;
                }
                if (addr_parse(v, &d.ip) < 0) {
                        report(p, d.line, SEV_ERROR, "dns host ip '%s' is not an IP address", v);
                        continue;
                }
                for (const xmlNode *c = h->children; c && !d.hostname; c = c->next)
                        if (is_elem(c, "hostname"))
                                d.hostname = text(p, c);
                if (!(slot = ARRAY_PUSH(net->dns_hosts, net->n_dns_hosts, net->cap_dns_hosts))) {
                        p->enomem = 1;
                        free(d.hostname);
                        continue;
                }
                *slot = d;
        }
}

static void add_forward_dev(struct pctx *p, struct lvn_network *net, char *dev)
{
        if (!dev)
                return;
        for (size_t i = 0; i < net->n_forward_devs; i++)
                if (strcmp(net->forward_devs[i], dev) == 0) {
                        free(dev);
                        return;
                }
        if (grow((void **)&net->forward_devs, &net->cap_forward_devs, net->n_forward_devs + 1,
                 sizeof(char *)) < 0) {
                p->enomem = 1;
                free(dev);
                return;
        }
        net->forward_devs[net->n_forward_devs++] = dev;
}

/* 0, or -EINVAL when the mode is unknown (the network is then unusable:
 * guessing would invent or hide a host address). */
static int parse_forward(struct pctx *p, const xmlNode *n, struct lvn_network *net)
{
        _cleanup_free_ char *mode = attr(p, n, "mode");

        net->forward = LVN_FWD_NAT;             /* <forward/> alone means NAT */
        if (mode) {
                enum lvn_forward f;

                for (f = LVN_FWD_NAT; f < _LVN_FWD_MAX; f++)
                        if (strcmp(mode, forward_names[f]) == 0)
                                break;
                if (f == _LVN_FWD_MAX) {
                        report(p, lineof(n), SEV_ERROR, "unknown forward mode '%s'", mode);
                        return -EINVAL;
                }
                net->forward = f;
        }
        add_forward_dev(p, net, attr(p, n, "dev"));
        for (const xmlNode *c = n->children; c; c = c->next)
                if (is_elem(c, "interface") || is_elem(c, "pf"))
                        add_forward_dev(p, net, attr(p, c, "dev"));
        return 0;
}

/* "once" bookkeeping for elements libvirt allows a single time. */
static bool first_time(struct pctx *p, const xmlNode *n, unsigned *seen_line)
{
        if (*seen_line) {
                report(p, lineof(n), SEV_WARNING,
                       "<%s> specified more than once (first on line %u); ignored",
                       (const char *)n->name, *seen_line);
                return false;
        }
        *seen_line = lineof(n) ? lineof(n) : 1;
        return true;
}

static char *canonical_uuid(const char *s)
{
        char hex[33], *out;
        size_t n = 0;

        for (; *s; s++) {
                if (*s == '-' || *s == ' ')
                        continue;
                if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f') || (*s >= 'A' && *s <= 'F')))
                        return NULL;
                if (n == 32)
                        return NULL;
                hex[n++] = (char)(*s | 0x20);
        }
        if (n != 32)
                return NULL;
        hex[32] = 0;
        if (asprintf(&out, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20) < 0)
                return NULL;
        return out;
}

static int parse_network(struct pctx *p, const xmlNode *root, struct lvn_network *net)
{
        unsigned name_l = 0, uuid_l = 0, bridge_l = 0, fwd_l = 0, mtu_l = 0;
        bool bad = false;

        net->line = lineof(root);
        for (const xmlNode *c = root->children; c; c = c->next) {
                if (c->type != XML_ELEMENT_NODE)
                        continue;
                if (is_elem(c, "name")) {
                        if (first_time(p, c, &name_l))
                                net->name = text(p, c);
                } else if (is_elem(c, "uuid")) {
                        _cleanup_free_ char *u = NULL;

                        if (!first_time(p, c, &uuid_l) || !(u = text(p, c)))
                                continue;
                        if (!(net->uuid = canonical_uuid(u)))
                                report(p, lineof(c), SEV_WARNING, "uuid '%s' is not a UUID", u);
                } else if (is_elem(c, "bridge")) {
                        if (first_time(p, c, &bridge_l))
                                net->bridge = attr(p, c, "name");
                } else if (is_elem(c, "forward")) {
                        if (first_time(p, c, &fwd_l) && parse_forward(p, c, net) < 0)
                                bad = true;
                } else if (is_elem(c, "mtu")) {
                        _cleanup_free_ char *v = NULL;
                        unsigned long m;

                        if (!first_time(p, c, &mtu_l))
                                continue;
                        if (!(v = attr(p, c, "size")))
                                report(p, lineof(c), SEV_ERROR, "<mtu> has no size");
                        else if (parse_decimal(v, 0, 65535, &m) < 0 || m < 68)
                                report(p, lineof(c), SEV_ERROR, "mtu size must be between 68 and 65535");
                        else
                                net->mtu = (unsigned)m;
                } else if (is_elem(c, "ip")) {
                        parse_ip(p, c, net);
                } else if (is_elem(c, "dns")) {
                        parse_dns(p, c, net);
                }
                /* domain, route, portgroup, metadata, bandwidth ...: nothing to audit. */
        }
        if (!net->name || !*net->name) {
                report(p, net->line, SEV_ERROR, "network has no name");
                bad = true;
        } else if (strchr(net->name, '/')) {
                report(p, name_l, SEV_ERROR, "network name '%s' must not contain '/'", net->name);
                bad = true;
        }
        if (net->n_ips && lvn_forward_is_direct(net->forward))
                report(p, net->line, SEV_WARNING,
                       "forward mode %s gives the host no address; its <ip> elements describe no host address",
                       lvn_forward_name(net->forward));
        return bad ? -EINVAL : 0;
}

/* SAX hooks that end the parse at the first sign of a DTD, before any
 * entity or external subset can be declared, let alone loaded. */
static void refuse_subset(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
        xmlParserCtxtPtr ctxt = ctx;
        struct pctx *p = ctxt->_private;

        (void)name;
        (void)ext;
        (void)sys;
        if (p && !p->dtd_line)
                p->dtd_line = ctxt->input && ctxt->input->line > 0 ? (unsigned)ctxt->input->line : 1;
        xmlStopParser(ctxt);
}

/* libxml2 would print its errors on stderr; the last one is read from the
 * context instead. */
static void quiet_error(void *ctx, xmlErrorPtr err)
{
        (void)ctx;
        (void)err;
}

/* Some libxml2 errors (encoding conversion) bypass the context and go to
 * the process-wide generic handler, i.e. stderr; it is swapped for this one
 * during a parse and restored afterwards. */
static void quiet_generic(void *ctx, const char *msg, ...)
{
        (void)ctx;
        (void)msg;
}

/* One parse with reuse (a context kept by a reader) or a fresh context. */
static int parse_in(xmlParserCtxtPtr reuse, const char *buf, size_t len, const char *file,
                    struct lvn_network *ret, struct diag_list *diags)
{
        xmlGenericErrorFunc saved_func;
        void *saved_ctx;
        struct pctx p = { .file = file, .diags = diags };
        xmlParserCtxtPtr ctxt = NULL;
        xmlDocPtr doc = NULL;
        const xmlNode *root, *net = NULL;
        int r = -EINVAL;

        *ret = (struct lvn_network){ 0 };
        if (len > LVN_XML_MAX_SIZE) {
                report(&p, 0, SEV_ERROR, "document is larger than %d bytes", LVN_XML_MAX_SIZE);
                goto out;
        }
        if (len > INT32_MAX)
                goto out;
        xmlInitParser();
        saved_func = xmlGenericError;
        saved_ctx = xmlGenericErrorContext;
        xmlSetGenericErrorFunc(NULL, quiet_generic);
        ctxt = reuse ? reuse : xmlNewParserCtxt();
        if (ctxt) {
                ctxt->sax->internalSubset = refuse_subset;
                ctxt->sax->externalSubset = refuse_subset;
                ctxt->sax->serror = quiet_error;
                ctxt->_private = &p;
                doc = xmlCtxtReadMemory(ctxt, buf, (int)len, file, NULL,
                                        XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                        XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES | XML_PARSE_COMPACT);
        }
        xmlSetGenericErrorFunc(saved_ctx, saved_func);
        if (!ctxt) {
                r = -ENOMEM;
                goto out;
        }
        if (p.dtd_line || ctxt->errNo == XML_ERR_USER_STOP) {
                report(&p, p.dtd_line, SEV_ERROR, "document type declarations (DTD) are not allowed");
                goto out;
        }
        if (!doc || !ctxt->wellFormed) {
                const xmlError *e = xmlCtxtGetLastError(ctxt);
                char msg[256] = "not well-formed XML";

                if (e && e->code == XML_ERR_NO_MEMORY) {
                        r = -ENOMEM;
                        goto out;
                }
                if (e && e->message) {
                        snprintf(msg, sizeof(msg), "%s", e->message);
                        msg[strcspn(msg, "\n")] = 0;
                }
                report(&p, e && e->line > 0 ? (unsigned)e->line : 0, SEV_ERROR, "XML: %s", msg);
                goto out;
        }
        if (!(root = xmlDocGetRootElement(doc))) {
                report(&p, 0, SEV_ERROR, "document has no root element");
                goto out;
        }
        if (is_elem(root, "network")) {
                net = root;
        } else if (is_elem(root, "networkstatus")) {
                ret->status = true;
                for (const xmlNode *c = root->children; c && !net; c = c->next)
                        if (is_elem(c, "network"))
                                net = c;
                if (!net) {
                        report(&p, lineof(root), SEV_ERROR, "<networkstatus> holds no <network>");
                        goto out;
                }
        } else {
                report(&p, lineof(root), SEV_ERROR,
                       "root element is <%s>, expected <network> or <networkstatus>",
                       (const char *)root->name);
                goto out;
        }
        r = parse_network(&p, net, ret);
out:
        if (p.enomem)
                r = -ENOMEM;
        if (r < 0) {
                bool status = ret->status;

                lvn_network_free(ret);
                ret->status = status;
        }
        if (doc)
                xmlFreeDoc(doc);
        if (ctxt && !reuse)
                xmlFreeParserCtxt(ctxt);
        else if (ctxt)
                ctxt->_private = NULL;
        return r;
}

int lvn_xml_parse(const char *buf, size_t len, const char *file,
                  struct lvn_network *ret, struct diag_list *diags)
{
        return parse_in(NULL, buf, len, file, ret, diags);
}

/* A read error said as a diagnostic: -EINVAL (-ENOENT kept), -ENOMEM. */
static int read_failed(int r, const char *file, struct diag_list *diags)
{
        if (r == -EFBIG)        /* said as the parser says it */
                return diag_add(diags, file, 0, SEV_ERROR, "document is larger than %d bytes",
                                LVN_XML_MAX_SIZE) < 0 ? -ENOMEM : -EINVAL;
        if (r == -ENOMEM)
                return r;
        if (diag_add(diags, file, 0, SEV_ERROR, "cannot read: %s", rootfile_strerror(r)) < 0)
                return -ENOMEM;
        return r == -ENOENT ? r : -EINVAL;
}

int lvn_xml_parse_rootfile(const char *root, const char *path, const char *file,
                           struct lvn_network *ret, struct diag_list *diags)
{
        _cleanup_free_ char *buf = NULL;
        size_t len = 0;
        int r;

        *ret = (struct lvn_network){ 0 };
        if (!file)
                file = path;
        r = rootfile_read(root, path, LVN_XML_MAX_SIZE, &buf, &len, NULL);
        if (r < 0)
                return read_failed(r, file, diags);
        return lvn_xml_parse(buf, len, file, ret, diags);
}

/* A context serves this many dictionary entries before it is renewed, so
 * that no document sees a dictionary filled by thousands of others. */
#define READER_DICT_MAX 4096

struct lvn_xml_reader {
        xmlParserCtxtPtr ctxt;
};

void lvn_xml_init(void)
{
        xmlInitParser();
}

struct lvn_xml_reader *lvn_xml_reader_new(void)
{
        xmlInitParser();
        return calloc(1, sizeof(struct lvn_xml_reader));
}

void lvn_xml_reader_free(struct lvn_xml_reader *rd)
{
        if (!rd)
                return;
        if (rd->ctxt)
                xmlFreeParserCtxt(rd->ctxt);
        free(rd);
}

int lvn_xml_reader_parse_entry(struct lvn_xml_reader *rd, struct rootfile_dir *dir,
                               const char *name, const char *path, const char *file,
                               struct lvn_network *ret, struct diag_list *diags)
{
        const char *buf;
        size_t len = 0;
        int r;

        *ret = (struct lvn_network){ 0 };
        if (!file)
                file = path;
        r = rootfile_dir_read(dir, name, path, LVN_XML_MAX_SIZE, &buf, &len);
        if (r < 0)
                return read_failed(r, file, diags);
        return lvn_xml_reader_parse(rd, buf, len, file, ret, diags);
}

int lvn_xml_reader_parse(struct lvn_xml_reader *rd, const char *buf, size_t len, const char *file,
                         struct lvn_network *ret, struct diag_list *diags)
{
        if (rd->ctxt && (size_t)xmlDictSize(rd->ctxt->dict) > READER_DICT_MAX) {
                xmlFreeParserCtxt(rd->ctxt);
                rd->ctxt = NULL;
        }
        if (!rd->ctxt && !(rd->ctxt = xmlNewParserCtxt())) {
                *ret = (struct lvn_network){ 0 };
                return -ENOMEM;
        }
        return parse_in(rd->ctxt, buf, len, file, ret, diags);
}

int lvn_xml_parse_file(const char *path, const char *file,
                       struct lvn_network *ret, struct diag_list *diags)
{
        return lvn_xml_parse_rootfile("", path, file, ret, diags);
}
