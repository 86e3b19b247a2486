/*
 * oui.h - who made a MAC address: a built-in table of virtualization
 * prefixes first (VMware, QEMU/KVM, VirtualBox, Xen, Hyper-V, Docker), then
 * the IEEE registries Debian ships in ieee-data (MA-S and the older IAB 36,
 * MA-M 28, MA-L 24 bits, longest prefix wins), then the locally-administered
 * bit.
 */
#ifndef VNETAUDIT_OUI_H
#define VNETAUDIT_OUI_H

#include <stddef.h>
#include <stdint.h>

#define OUI_VENDOR_MAX 96       /* longer organisation names are cut */

struct oui_entry {
        uint64_t prefix;        /* the MAC's top bits, as a 48-bit number with the rest zero */
        unsigned bits;          /* 24, 28 or 36 */
        char *vendor;
};

struct oui_db {
        struct oui_entry *e;
        size_t n, cap;          /* sorted by (bits, prefix) */
};

void oui_db_init(struct oui_db *db);
void oui_db_free(struct oui_db *db);

/* Parses one ieee-data CSV (Registry,Assignment,Organization Name,...; RFC
 * 4180 quoting, fields may hold quoted commas and newlines).  The prefix
 * length follows from the assignment's hex digits (6, 7 or 9).  Records it
 * cannot use are skipped.  Returns the number of records added or -ENOMEM. */
int oui_db_parse_csv(struct oui_db *db, const char *buf, size_t len);
/* Reads and parses one file: count, or -errno. */
int oui_db_load_file(struct oui_db *db, const char *path);
/* oui36.csv, iab.csv, mam.csv and oui.csv from dir.  IAB blocks (36 bits
 * inside the registry's own MA-L, e.g. 00-50-C2) name the real owner where
 * the MA-L says only "IEEE Registration Authority".  Missing files are not an
 * error (ieee-data is optional).  0 or -ENOMEM. */
int oui_db_load_dir(struct oui_db *db, const char *dir);
/* The first of /usr/share/ieee-data and /var/lib/ieee-data that holds
 * oui.csv.  0 or -ENOMEM. */
int oui_db_load_default(struct oui_db *db);

/* The built-in virtualization name for mac, or NULL. */
const char *oui_builtin(const uint8_t mac[static 6]);
/* Built-in table, then db (may be NULL), then "locally administered";
 * NULL when nothing is known. */
const char *oui_vendor(const struct oui_db *db, const uint8_t mac[static 6]);

#endif
