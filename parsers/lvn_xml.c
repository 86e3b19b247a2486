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
#include "lvn_xml_parse.h"
#include "numparse.h"
#include "rootfile.h"
#include "rootfile_dir.h"
#include "xalloc.h"

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

void lvn_report(struct pctx *p, unsigned line, enum severity sev, const char *fmt, ...)
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

unsigned lvn_lineof(const xmlNode *n)
{
        long l = xmlGetLineNo(n);

        return l > 0 && l <= (long)UINT32_MAX ? (unsigned)l : 0;
}

bool lvn_is_elem(const xmlNode *n, const char *name)
{
        return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name);
}

/* The attribute's value as a malloc'd C string, or NULL.  libxml2 hands out
 * xmlChar strings from its own allocator; copying keeps ownership simple. */
char *lvn_attr(struct pctx *p, const xmlNode *n, const char *name)
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
char *lvn_text(struct pctx *p, const xmlNode *n)
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

/* "once" bookkeeping for elements libvirt allows a single time. */
static bool first_time(struct pctx *p, const xmlNode *n, unsigned *seen_line)
{
        if (*seen_line) {
                lvn_report(p, lvn_lineof(n), SEV_WARNING,
                           "<%s> specified more than once (first on line %u); ignored",
                           (const char *)n->name, *seen_line);
                return false;
        }
        *seen_line = lvn_lineof(n) ? lvn_lineof(n) : 1;
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

        net->line = lvn_lineof(root);
        for (const xmlNode *c = root->children; c; c = c->next) {
                if (c->type != XML_ELEMENT_NODE)
                        continue;
                if (lvn_is_elem(c, "name")) {
                        if (first_time(p, c, &name_l))
                                net->name = lvn_text(p, c);
                } else if (lvn_is_elem(c, "uuid")) {
                        _cleanup_free_ char *u = NULL;

                        if (!first_time(p, c, &uuid_l) || !(u = lvn_text(p, c)))
                                continue;
                        if (!(net->uuid = canonical_uuid(u)))
                                lvn_report(p, lvn_lineof(c), SEV_WARNING, "uuid '%s' is not a UUID", u);
                } else if (lvn_is_elem(c, "bridge")) {
                        if (first_time(p, c, &bridge_l))
                                net->bridge = lvn_attr(p, c, "name");
                } else if (lvn_is_elem(c, "forward")) {
                        if (first_time(p, c, &fwd_l) && lvn_parse_forward(p, c, net) < 0)
                                bad = true;
                } else if (lvn_is_elem(c, "mtu")) {
                        _cleanup_free_ char *v = NULL;
                        unsigned long m;

                        if (!first_time(p, c, &mtu_l))
                                continue;
                        if (!(v = lvn_attr(p, c, "size")))
                                lvn_report(p, lvn_lineof(c), SEV_ERROR, "<mtu> has no size");
                        else if (parse_decimal(v, 0, 65535, &m) < 0 || m < 68)
                                lvn_report(p, lvn_lineof(c), SEV_ERROR, "mtu size must be between 68 and 65535");
                        else
                                net->mtu = (unsigned)m;
                } else if (lvn_is_elem(c, "ip")) {
                        lvn_parse_ip(p, c, net);
                } else if (lvn_is_elem(c, "dns")) {
                        lvn_parse_dns(p, c, net);
                }
                /* domain, route, portgroup, metadata, bandwidth ...: nothing to audit. */
        }
        if (!net->name || !*net->name) {
                lvn_report(p, net->line, SEV_ERROR, "network has no name");
                bad = true;
        } else if (strchr(net->name, '/')) {
                lvn_report(p, name_l, SEV_ERROR, "network name '%s' must not contain '/'", net->name);
                bad = true;
        }
        if (net->n_ips && lvn_forward_is_direct(net->forward))
                lvn_report(p, net->line, SEV_WARNING,
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
                lvn_report(&p, 0, SEV_ERROR, "document is larger than %d bytes", LVN_XML_MAX_SIZE);
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
                lvn_report(&p, p.dtd_line, SEV_ERROR, "document type declarations (DTD) are not allowed");
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
                lvn_report(&p, e && e->line > 0 ? (unsigned)e->line : 0, SEV_ERROR, "XML: %s", msg);
                goto out;
        }
        if (!(root = xmlDocGetRootElement(doc))) {
                lvn_report(&p, 0, SEV_ERROR, "document has no root element");
                goto out;
        }
        if (lvn_is_elem(root, "network")) {
                net = root;
        } else if (lvn_is_elem(root, "networkstatus")) {
                ret->status = true;
                for (const xmlNode *c = root->children; c && !net; c = c->next)
                        if (lvn_is_elem(c, "network"))
                                net = c;
                if (!net) {
                        lvn_report(&p, lvn_lineof(root), SEV_ERROR, "<networkstatus> holds no <network>");
                        goto out;
                }
        } else {
                lvn_report(&p, lvn_lineof(root), SEV_ERROR,
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
