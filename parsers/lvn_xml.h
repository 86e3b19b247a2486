/*
 * lvn_xml.h - parser of one libvirt network XML document (a <network>
 * definition or the <networkstatus> wrapper of libvirt's live state files).
 * Pure: a buffer and the name to report it under go in; a network record
 * and located diagnostics ("file:line: message") come out.  Knows nothing of
 * the inventory, the libvirt API or where files live.
 */
#ifndef VNETAUDIT_LVN_XML_H
#define VNETAUDIT_LVN_XML_H

#include <stdbool.h>
#include <stddef.h>

#include "addr.h"
#include "diag.h"

/* Larger documents are refused unread: real network XML is a few KiB. */
#define LVN_XML_MAX_SIZE (1024 * 1024)

enum lvn_forward {
        LVN_FWD_NONE,           /* no <forward>: isolated */
        LVN_FWD_NAT,
        LVN_FWD_ROUTE,
        LVN_FWD_OPEN,
        LVN_FWD_BRIDGE,
        LVN_FWD_PRIVATE,
        LVN_FWD_VEPA,
        LVN_FWD_PASSTHROUGH,
        LVN_FWD_HOSTDEV,
        _LVN_FWD_MAX,
};

struct lvn_range {
        struct addr start, end;
        unsigned line;
};

struct lvn_host {
        char mac[18];           /* normalised lower-case, "" when none */
        char *id;               /* IPv6 DHCP client id, or NULL */
        char *name;             /* or NULL */
        struct addr ip;         /* family 0 when none */
        unsigned line;
};

struct lvn_ip {
        struct addr address;    /* the host's own address on the network */
        struct prefix prefix;   /* normalised network */
        unsigned line;
        struct lvn_range *ranges;
        size_t n_ranges, cap_ranges;
        struct lvn_host *hosts;
        size_t n_hosts, cap_hosts;
};

struct lvn_dns_host {
        struct addr ip;
        char *hostname;         /* the first <hostname>, or NULL */
        unsigned line;
};

struct lvn_network {
        char *name;
        char *uuid;             /* canonical lower-case, or NULL */
        char *bridge;           /* <bridge name>, or NULL */
        enum lvn_forward forward;
        char **forward_devs;    /* <forward dev> then each <interface dev> */
        size_t n_forward_devs, cap_forward_devs;
        unsigned mtu;           /* 0 = not given */
        bool status;            /* came wrapped in <networkstatus> */
        unsigned line;          /* line of the <network> element */
        struct lvn_ip *ips;
        size_t n_ips, cap_ips;
        struct lvn_dns_host *dns_hosts;
        size_t n_dns_hosts, cap_dns_hosts;
};

/* Parses buf[0..len) reported as file.  On success (0) *ret holds the
 * network; bad elements inside a usable network are reported in diags
 * and skipped.  -EINVAL when the document gives no usable network (not
 * XML, a DTD, wrong root element, no name, too large): *ret is then empty
 * and diags say why.  -ENOMEM. */
int lvn_xml_parse(const char *buf, size_t len, const char *file,
                  struct lvn_network *ret, struct diag_list *diags);
/* Reads path (at most LVN_XML_MAX_SIZE bytes) and parses it, reported as
 * file (NULL = path).  -errno when it cannot be read (also in diags). */
int lvn_xml_parse_file(const char *path, const char *file,
                       struct lvn_network *ret, struct diag_list *diags);
/* The same for path below root, resolved inside it (rootfile.h); -EINVAL
 * also for what is not a regular file. */
int lvn_xml_parse_rootfile(const char *root, const char *path, const char *file,
                           struct lvn_network *ret, struct diag_list *diags);
void lvn_network_free(struct lvn_network *n);

/* A reader parses many documents with one libxml2 context (renewed now
 * and then), each as lvn_xml_parse would: same records, same diagnostics.
 * One reader per thread (lvn_xml_init() first). */
struct lvn_xml_reader;
struct rootfile_dir;
/* Sets libxml2 up; call it before parsing in more than one thread. */
void lvn_xml_init(void);
struct lvn_xml_reader *lvn_xml_reader_new(void);
void lvn_xml_reader_free(struct lvn_xml_reader *rd);
/* lvn_xml_parse() through the reader's context. */
int lvn_xml_reader_parse(struct lvn_xml_reader *rd, const char *buf, size_t len, const char *file,
                         struct lvn_network *ret, struct diag_list *diags);
/* lvn_xml_parse_rootfile(root, path, file, ...) for the entry name of the
 * directory dir (rootfile_dir.h), path being that entry's full path. */
int lvn_xml_reader_parse_entry(struct lvn_xml_reader *rd, struct rootfile_dir *dir,
                               const char *name, const char *path, const char *file,
                               struct lvn_network *ret, struct diag_list *diags);

const char *lvn_forward_name(enum lvn_forward f);
/* Modes where libvirt gives the host no address on the network. */
bool lvn_forward_is_direct(enum lvn_forward f);

#endif
