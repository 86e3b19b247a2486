/*
 * oui.c - MAC vendor lookup.  The CSV reader is pure (buffer in, entries
 * out) and handles RFC 4180 quoting, because some IEEE organisation names
 * and addresses hold commas, doubled quotes and line breaks inside quotes.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fileread.h"
#include "oui.h"
#include "xalloc.h"

/* ieee-data's oui.csv is about 4 MiB; a table beyond this is not read. */
#define OUI_FILE_MAX (64u << 20)

/* Prefixes a hypervisor or container runtime assigns to virtual NICs. */
static const struct {
        uint8_t b[3];
        unsigned bits;
        const char *name;
} builtin[] = {
        { { 0x00, 0x50, 0x56 }, 24, "VMware virtual NIC" },
        { { 0x00, 0x0c, 0x29 }, 24, "VMware virtual NIC" },
        { { 0x00, 0x05, 0x69 }, 24, "VMware virtual NIC" },
        { { 0x00, 0x1c, 0x14 }, 24, "VMware virtual NIC" },
        { { 0x52, 0x54, 0x00 }, 24, "QEMU/KVM virtual NIC" },
        { { 0xfe, 0x54, 0x00 }, 24, "QEMU/KVM tap device" },
        { { 0x08, 0x00, 0x27 }, 24, "VirtualBox virtual NIC" },
        { { 0x0a, 0x00, 0x27 }, 24, "VirtualBox host-only adapter" },
        { { 0x00, 0x16, 0x3e }, 24, "Xen virtual NIC" },
        { { 0x00, 0x15, 0x5d }, 24, "Hyper-V virtual NIC" },
        { { 0x02, 0x42, 0x00 }, 16, "Docker container" },
};

static uint64_t mac48(const uint8_t m[6])
{
        uint64_t v = 0;

        for (int i = 0; i < 6; i++)
                v = v << 8 | m[i];
        return v;
}

static uint64_t mask48(unsigned bits)
{
        return ((UINT64_C(1) << bits) - 1) << (48 - bits);
}

const char *oui_builtin(const uint8_t mac[static 6])
{
        uint64_t m = mac48(mac);

        for (size_t i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++) {
                uint8_t b[6] = { builtin[i].b[0], builtin[i].b[1], builtin[i].b[2] };

                if ((m & mask48(builtin[i].bits)) == mac48(b))
                        return builtin[i].name;
        }
        return NULL;
}

void oui_db_init(struct oui_db *db)
{
        memset(db, 0, sizeof(*db));
}

void oui_db_free(struct oui_db *db)
{
        if (!db)
                return;
        for (size_t i = 0; i < db->n; i++)
                free(db->e[i].vendor);
        free(db->e);
        oui_db_init(db);
}

/* One CSV field: up to size-1 bytes kept, the rest consumed and dropped.
 * Stops after the field's delimiter; *end_of_record tells whether it was a
 * line break (or the end of the buffer). */
static size_t csv_field(const char *buf, size_t len, size_t pos, char *out, size_t size,
                        int *end_of_record)
{
        size_t n = 0;
        int quoted = 0;

        *end_of_record = 0;
        if (pos < len && buf[pos] == '"') {
                quoted = 1;
                pos++;
        }
        while (pos < len) {
                char c = buf[pos];

                if (quoted) {
                        if (c == '"') {
                                if (pos + 1 < len && buf[pos + 1] == '"') {
                                        pos++;          /* "" is one quote */
                                } else {
                                        quoted = 0;
                                        pos++;
                                        continue;
                                }
                        }
                } else if (c == ',') {
                        pos++;
                        break;
                } else if (c == '\n' || c == '\r') {
                        if (c == '\r' && pos + 1 < len && buf[pos + 1] == '\n')
                                pos++;
                        pos++;
                        *end_of_record = 1;
                        break;
                }
                if (n + 1 < size)
                        out[n++] = c;
                pos++;
        }
        if (pos >= len)
                *end_of_record = 1;
        if (size)
                out[n] = '\0';
        return pos;
}

/* Vendor text as it will be printed: control characters (the embedded line
 * breaks) become spaces, runs of blanks one space, no blanks at the ends. */
static void clean_name(char *s)
{
        char *w = s;
        int space = 1;

        for (char *r = s; *r; r++) {
                unsigned char c = (unsigned char)*r;

                if (c < 0x20 || c == 0x7f || c == ' ' || c == '\t') {
                        if (!space)
                                *w++ = ' ';
                        space = 1;
                } else {
                        *w++ = (char)c;
                        space = 0;
                }
        }
        while (w > s && w[-1] == ' ')
                w--;
        *w = '\0';
}

static int parse_assignment(const char *s, uint64_t *ret, unsigned *ret_bits)
{
        size_t n = strlen(s);
        uint64_t v = 0;

        if (n != 6 && n != 7 && n != 9)
                return -EINVAL;
        for (size_t i = 0; i < n; i++) {
                if (!isxdigit((unsigned char)s[i]))
                        return -EINVAL;
                v = v << 4 | (uint64_t)(isdigit((unsigned char)s[i]) ? s[i] - '0'
                                        : (tolower((unsigned char)s[i]) - 'a' + 10));
        }
        *ret_bits = (unsigned)n * 4;
        *ret = v << (48 - *ret_bits);
        return 0;
}

static int entry_cmp(const void *a, const void *b)
{
        const struct oui_entry *x = a, *y = b;

        if (x->bits != y->bits)
                return x->bits < y->bits ? -1 : 1;
        if (x->prefix != y->prefix)
                return x->prefix < y->prefix ? -1 : 1;
        return 0;
}

int oui_db_parse_csv(struct oui_db *db, const char *buf, size_t len)
{
        char f[3][OUI_VENDOR_MAX + 1], skip[2];
        size_t pos = 0;
        int added = 0;

        while (pos < len) {
                int eor = 0, nf = 0;

                while (!eor && pos < len) {
                        if (nf < 3)
                                pos = csv_field(buf, len, pos, f[nf], sizeof(f[nf]), &eor);
                        else
                                pos = csv_field(buf, len, pos, skip, sizeof(skip), &eor);
                        nf++;
                }
                if (nf < 3)
                        continue;               /* blank or short line */
                uint64_t prefix;
                unsigned bits;
                struct oui_entry *e;

                if (parse_assignment(f[1], &prefix, &bits) < 0)
                        continue;               /* the header, or junk */
                clean_name(f[2]);
                if (!f[2][0])
                        continue;
                e = ARRAY_PUSH(db->e, db->n, db->cap);
                if (!e)
                        return -ENOMEM;
                e->prefix = prefix;
                e->bits = bits;
                e->vendor = strdup(f[2]);
                if (!e->vendor) {
                        db->n--;
                        return -ENOMEM;
                }
                added++;
        }
        /* Kept sorted so that lookups are binary searches on a const db. */
        if (db->n)
                qsort(db->e, db->n, sizeof(db->e[0]), entry_cmp);
        return added;
}

int oui_db_load_file(struct oui_db *db, const char *path)
{
        _cleanup_free_ char *buf = NULL;
        size_t len = 0;
        int r = file_read(path, OUI_FILE_MAX, &buf, &len);

        if (r < 0)
                return r;
        return oui_db_parse_csv(db, buf, len);
}

int oui_db_load_dir(struct oui_db *db, const char *dir)
{
        static const char *const files[] = { "oui36.csv", "iab.csv", "mam.csv", "oui.csv" };
        char path[4096];

        for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
                int r;

                snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
                r = oui_db_load_file(db, path);
                if (r == -ENOMEM)
                        return r;
        }
        return 0;
}

int oui_db_load_default(struct oui_db *db)
{
        static const char *const dirs[] = { "/usr/share/ieee-data", "/var/lib/ieee-data" };

        for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
                char path[256];
                struct stat st;

                snprintf(path, sizeof(path), "%s/oui.csv", dirs[i]);
                if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
                        continue;
                return oui_db_load_dir(db, dirs[i]);
        }
        return 0;
}

static const char *db_lookup(const struct oui_db *db, const uint8_t mac[6])
{
        static const unsigned lens[] = { 36, 28, 24 };
        uint64_t m = mac48(mac);

        if (!db || !db->n)
                return NULL;
        for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
                struct oui_entry key = { .prefix = m & mask48(lens[i]), .bits = lens[i] };
                const struct oui_entry *e = bsearch(&key, db->e, db->n, sizeof(db->e[0]), entry_cmp);

                if (e)
                        return e->vendor;
        }
        return NULL;
}

const char *oui_vendor(const struct oui_db *db, const uint8_t mac[static 6])
{
        const char *v = oui_builtin(mac);

        if (v)
                return v;
        v = db_lookup(db, mac);
        if (v)
                return v;
        if (mac[0] & 0x02)
                return "locally administered";
        return NULL;
}
