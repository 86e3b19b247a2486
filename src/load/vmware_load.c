/*
 * vmware_load.c - reads VMware's files below --root/--vmware-dir and hands
 * the bytes to the pure parsers in parsers/vmw_*.c; vmware_vnet.c decides
 * what the vmnets mean: type, subnet, planned host address, NAT gateway,
 * DHCP server, pool and fixed hosts, each with the file:line it rests on.
 * Files that the networking file no longer enables are reported as stale
 * and not trusted.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rootfile.h"
#include "vmware_vnet.h"
#include "xalloc.h"

#define MAX_FILE_SIZE (16u << 20)

static char *join(const char *a, const char *b)
{
        char *s;
        size_t la = strlen(a);

        while (la && a[la - 1] == '/')
                la--;
        while (*b == '/')
                b++;
        if (asprintf(&s, "%.*s/%s", (int)la, a, b) < 0)
                return NULL;
        return s;
}

/* Reads a whole file below the root.  0; -ENOENT quietly when it does not
 * exist; another -errno after a diagnostic naming the file (never its
 * content, never where a link would have led outside the root). */
static int read_file(struct loader *L, const char *path, char **ret_buf, size_t *ret_size)
{
        int r = rootfile_read(L->root, path, MAX_FILE_SIZE, ret_buf, ret_size, NULL);

        if (r < 0 && r != -ENOENT && r != -ENOMEM &&
            diag_add(&L->inv->diags, path, 0, SEV_ERROR, "cannot read: %s", rootfile_strerror(r)) < 0)
                return -ENOMEM;
        return r;
}

/* Reads the first existing file of a vmnet among its Linux and Fusion
 * places.  0 with *ret_file set, -ENOENT when none, else -errno. */
static int read_vnet_file(struct loader *L, unsigned num, const char *const *rel,
                          const char **ret_file, char **ret_buf, size_t *ret_size)
{
        for (size_t i = 0; rel[i]; i++) {
                _cleanup_free_ char *sub = NULL, *path = NULL;
                int r;

                if (asprintf(&sub, "vmnet%u/%s", num, rel[i]) < 0 || !(path = join(L->dir, sub)))
                        return -ENOMEM;
                r = read_file(L, path, ret_buf, ret_size);
                if (r == -ENOENT)
                        continue;
                if (!(*ret_file = inventory_intern(L->inv, path))) {
                        if (r == 0)
                                free(*ret_buf);
                        return -ENOMEM;
                }
                return r;
        }
        return -ENOENT;
}

static const char *const dhcpd_places[] = { "dhcpd/dhcpd.conf", "dhcpd.conf", NULL };
static const char *const nat_places[] = { "nat/nat.conf", "nat.conf", NULL };

static int warn_stale(struct loader *L, const char *file, const char *why)
{
        return diag_add(&L->inv->diags, file, 0, SEV_WARNING, "%s; stale file not used", why);
}

int vmware_load_vnet_files(struct loader *L, const struct conf *c, const struct vmw_vnet *v,
                           enum net_type type, struct vnet_files *f)
{
        char *buf = NULL, why[160];
        const char *file = NULL;
        size_t size;
        int r;

        r = read_vnet_file(L, v->num, dhcpd_places, &file, &buf, &size);
        if (r == 0) {
                if (type == NET_TYPE_BRIDGED || v->dhcp.value != 1) {
                        free(buf);
                        if (v->dhcp.value == 0)
                                snprintf(why, sizeof(why), "DHCP is off for vmnet%u in %s:%u", v->num,
                                         c->file, v->dhcp.line);
                        else
                                snprintf(why, sizeof(why), "DHCP is not enabled for vmnet%u in %s",
                                         v->num, c->file);
                        if ((r = warn_stale(L, file, why)) < 0)
                                return r;
                } else {
                        r = vmw_dhcpd_parse(buf, size, file, &f->dhcpd, &L->inv->diags);
                        free(buf);
                        if (r < 0)
                                return r;
                        f->have_dhcpd = true;
                        f->dhcpd_file = file;
                }
        } else if (r == -ENOMEM) {
                return r;
        }

        file = NULL;
        r = read_vnet_file(L, v->num, nat_places, &file, &buf, &size);
        if (r == 0) {
                if (type != NET_TYPE_NAT) {
                        free(buf);
                        if (v->nat.value == 0)
                                snprintf(why, sizeof(why), "NAT is off for vmnet%u in %s:%u", v->num,
                                         c->file, v->nat.line);
                        else
                                snprintf(why, sizeof(why), "NAT is not enabled for vmnet%u in %s",
                                         v->num, c->file);
                        if ((r = warn_stale(L, file, why)) < 0)
                                return r;
                } else {
                        char dev[16];

                        r = vmw_natconf_parse(buf, size, file, &f->nat, &L->inv->diags);
                        free(buf);
                        if (r < 0)
                                return r;
                        /* A copied nat.conf that still names another vmnet. */
                        snprintf(dev, sizeof(dev), "vmnet%u", v->num);
                        if (f->nat.device && strcmp(f->nat.device, dev) != 0 &&
                            (r = diag_add(&L->inv->diags, file, f->nat.device_line, SEV_WARNING,
                                          "device %s is not %s", f->nat.device, dev)) < 0)
                                return r;
                        f->have_nat = true;
                        f->nat_file = file;
                }
        } else if (r == -ENOMEM) {
                return r;
        }
        return 0;
}

void vmware_vnet_files_free(struct vnet_files *f)
{
        vmw_dhcpd_free(&f->dhcpd);
        vmw_natconf_free(&f->nat);
}

/* The dhcpd.conf "host vmnetN" entry VMware writes for the host adapter. */
static int report_unknown_dirs(struct loader *L, const struct conf *c)
{
        bool seen[VMW_VNET_MAX + 1] = { false };
        struct dirent *de;
        DIR *dir;
        int fd, r = 0;

        if ((fd = rootfile_opendir(L->root, L->dir)) < 0)
                return fd == -ENOMEM ? fd : 0;
        if (!(dir = fdopendir(fd))) {
                close(fd);
                return 0;
        }

        /* Collected first so the report does not depend on readdir order. */
        while ((de = readdir(dir))) {
                int num;

                if (strncmp(de->d_name, "vmnet", 5) == 0 &&
                    (num = vmw_parse_vnet_num(de->d_name + 5, strlen(de->d_name + 5))) >= 0 &&
                    !vmw_vnets_find(c->vnets, (unsigned)num))
                        seen[num] = true;
        }
        closedir(dir);
        for (int num = 0; num <= VMW_VNET_MAX && r >= 0; num++) {
                static const char *const *const places[] = { dhcpd_places, nat_places };

                if (!seen[num])
                        continue;
                for (size_t k = 0; k < 2 && r >= 0; k++)
                        for (size_t i = 0; places[k][i] && r >= 0; i++) {
                                _cleanup_free_ char *sub = NULL, *file = NULL;
                                char why[160];
                                struct stat st;

                                if (asprintf(&sub, "vmnet%d/%s", num, places[k][i]) < 0 ||
                                    !(file = join(L->dir, sub))) {
                                        r = -ENOMEM;
                                        break;
                                }
                                if (rootfile_stat(L->root, file, &st) < 0)
                                        continue;
                                snprintf(why, sizeof(why), "vmnet%d is not configured in %s", num, c->file);
                                r = warn_stale(L, file, why);
                        }
        }
        return r;
}

static int load_conf(struct loader *L, struct conf *c)
{
        int r;

        /* A bridge mapping alone makes a vmnet exist (add_bridge_mapping en0 2). */
        for (size_t i = 0; i < c->n_bridges; i++)
                if (c->bridges[i].vnet >= 0 &&
                    !vmw_vnets_get(c->vnets, (unsigned)c->bridges[i].vnet, c->bridges[i].line))
                        return -ENOMEM;
        for (size_t i = 0; i < c->n_macs; i++)
                if (!vmw_vnets_find(c->vnets, c->macs[i].vnet) &&
                    (r = diag_add(&L->inv->diags, c->file, c->macs[i].line, SEV_WARNING,
                                  "add_dhcp_mac_to_ip: vmnet%u is not configured", c->macs[i].vnet)) < 0)
                        return r;
        for (size_t i = 0; i < c->vnets->n; i++)
                if ((r = vmware_load_vnet(L, c, &c->vnets->v[i])) < 0)
                        return r;
        return report_unknown_dirs(L, c);
}

int vmware_load(struct inventory *inv, const struct options *opt)
{
        struct loader L = { .inv = inv, .opt = opt, .root = opt->root ? opt->root : "",
                            .dir = opt->vmware_dir ? opt->vmware_dir : "/etc/vmware" };
        _cleanup_free_ char *nfile = NULL, *lfile = NULL;
        struct conf c = { 0 };
        char *buf = NULL;
        size_t size;
        struct stat st;
        int r;

        if (!(nfile = join(L.dir, "networking")) || !(lfile = join(L.dir, "locations")))
                return -ENOMEM;
        if (rootfile_stat(L.root, L.dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
                if (opt->verbose)
                        return diag_add(&inv->diags, L.dir, 0, SEV_INFO,
                                        "VMware is not installed (no such directory)");
                return 0;
        }

        r = read_file(&L, nfile, &buf, &size);
        if (r == 0) {
                struct vmw_networking n;

                c.file = inventory_intern(inv, nfile);
                r = vmw_networking_parse(buf, size, nfile, &n, &inv->diags);
                free(buf);
                if (r == 0 && c.file) {
                        c.vnets = &n.vnets;
                        c.bridges = n.bridges;
                        c.n_bridges = n.n_bridges;
                        c.macs = n.macs;
                        c.n_macs = n.n_macs;
                        r = load_conf(&L, &c);
                } else if (r == 0) {
                        r = -ENOMEM;
                }
                vmw_networking_free(&n);
                return r;
        }
        if (r != -ENOENT)
                return r == -ENOMEM ? r : 0;    /* reported by read_file */

        r = read_file(&L, lfile, &buf, &size);
        if (r == 0) {
                struct vmw_locations l;

                c.file = inventory_intern(inv, lfile);
                c.legacy = true;
                r = vmw_locations_parse(buf, size, lfile, &l, &inv->diags);
                free(buf);
                if (r == 0 && c.file) {
                        c.vnets = &l.vnets;
                        r = load_conf(&L, &c);
                } else if (r == 0) {
                        r = -ENOMEM;
                }
                vmw_locations_free(&l);
                return r;
        }
        if (r == -ENOENT && opt->verbose)
                return diag_add(&inv->diags, L.dir, 0, SEV_INFO,
                                "VMware networking is not configured (neither networking nor locations)");
        return r == -ENOMEM ? r : 0;
}
