/*
 * lvn_xml_parse.h - what the two halves of the libvirt network XML parser
 * share (not API: lvn_xml.h is): one parse's context and the node helpers
 * of lvn_xml.c, and the element parsers of lvn_xml_elems.c.
 */
#ifndef VNETAUDIT_LVN_XML_PARSE_H
#define VNETAUDIT_LVN_XML_PARSE_H

#include <libxml/tree.h>

#include "lvn_xml.h"

/* One parse: where diagnostics go and how many errors so far. */
struct pctx {
        const char *file;
        struct diag_list *diags;
        int errors;
        int enomem;
        unsigned dtd_line;      /* where a DTD was refused */
};

/* A located diagnostic; errors are counted. */
void lvn_report(struct pctx *p, unsigned line, enum severity sev, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
/* The node's line, or 0. */
unsigned lvn_lineof(const xmlNode *n);
bool lvn_is_elem(const xmlNode *n, const char *name);
/* The attribute's value as a malloc'd C string, or NULL.  libxml2 hands out
 * xmlChar strings from its own allocator; copying keeps ownership simple. */
char *lvn_attr(struct pctx *p, const xmlNode *n, const char *name);
/* Text content with surrounding blanks removed, or NULL. */
char *lvn_text(struct pctx *p, const xmlNode *n);

/* lvn_xml_elems.c: the children of <network> worth auditing. */
void lvn_parse_ip(struct pctx *p, const xmlNode *n, struct lvn_network *net);
void lvn_parse_dns(struct pctx *p, const xmlNode *dns, struct lvn_network *net);
int lvn_parse_forward(struct pctx *p, const xmlNode *n, struct lvn_network *net);

#endif
