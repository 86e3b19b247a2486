/*
 * libvirt_load.c - fills the inventory with libvirt networks.  API mode asks
 * the daemon (lvn_api); files mode reads <root><libvirt_dir>/qemu/networks
 * (defined networks and autostart/ links) and <root><libvirt_run_dir>/network
 * (status files of running networks).  Both end in one translation from the
 * parsed XML to struct network.  File origins are the paths as read,
 * --root included.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hindex.h"
#include "libvirt_load.h"
#include "lvn_api.h"
#include "lvn_xml.h"
#include "rootfile.h"
#include "rootfile_dir.h"
#include "xalloc.h"

/* The facts one source gives about one network before translation. */
struct lv_entry {
        const struct lvn_network *def;
        const char *file;       /* name its origins use */
        const char *bridge;     /* the API's bridge name, overrides def's */
        bool active, persistent, autostart;
};

static enum net_type type_of(enum lvn_forward f)
{
        switch (f) {
        case LVN_FWD_NONE: return NET_TYPE_ISOLATED;
        case LVN_FWD_NAT: return NET_TYPE_NAT;
        case LVN_FWD_ROUTE: return NET_TYPE_ROUTED;
        case LVN_FWD_OPEN: return NET_TYPE_OPEN;
        case LVN_FWD_BRIDGE: return NET_TYPE_BRIDGED;
        default: return NET_TYPE_DIRECT;
        }
}

static struct subnet *subnet_containing(struct network *net, const struct addr *a)
{
        for (size_t i = 0; i < net->n_subnets; i++)
                if (prefix_contains(&net->subnets[i].prefix, a))
                        return &net->subnets[i];
        return NULL;
}

static bool subnet_has_host_ip(const struct subnet *s, const struct addr *a)
{
        for (size_t i = 0; i < s->n_hosts; i++)
                if (addr_eq(&s->hosts[i].ip, a))
                        return true;
        return false;
}

static int add_host(struct inventory *inv, struct subnet *s, const char *mac, const struct addr *ip,
                    const char *name, struct origin o)
{
        struct fixed_host *h = subnet_add_host(s);

        if (!h)
                return -ENOMEM;
        snprintf(h->mac, sizeof(h->mac), "%s", mac ? mac : "");
        h->ip = *ip;
        h->origin = o;
        (void)inv;
        if (name && !(h->name = strdup(name)))
                return -ENOMEM;
        return 0;
}

/* One <ip> becomes one subnet. */
static int add_ip(struct inventory *inv, struct network *net, const struct lvn_ip *ip,
                  const char *file, bool direct)
{
        struct subnet *s = network_add_subnet(net);

        if (!s)
                return -ENOMEM;
        s->prefix = ip->prefix;
        s->origin = origin_file(inv, file, ip->line);
        /* In the direct modes the host has no interface on the network. */
        if (!direct)
                addr_fact_set(&s->host_address, &ip->address, s->origin);
        for (size_t i = 0; i < ip->n_ranges; i++) {
                struct dhcp_range *r = subnet_add_range(s);

                if (!r)
                        return -ENOMEM;
                r->start = ip->ranges[i].start;
                r->end = ip->ranges[i].end;
                r->origin = origin_file(inv, file, ip->ranges[i].line);
        }
        for (size_t i = 0; i < ip->n_hosts; i++) {
                const struct lvn_host *h = &ip->hosts[i];

                if (add_host(inv, s, h->mac, &h->ip, h->name, origin_file(inv, file, h->line)) < 0)
                        return -ENOMEM;
        }
        return 0;
}

static int add_network(struct inventory *inv, const struct lv_entry *e)
{
        const struct lvn_network *d = e->def;
        bool direct = lvn_forward_is_direct(d->forward);
        const char *bridge = e->bridge ? e->bridge : d->bridge;
        struct network *net;

        if (inventory_find_network(inv, NET_SRC_LIBVIRT, d->name))
                return diag_add(&inv->diags, e->file, d->line, SEV_ERROR,
                                "network '%s' is defined more than once", d->name);
        if (!(net = inventory_add_network(inv, NET_SRC_LIBVIRT, d->name)))
                return -ENOMEM;
        net->type = type_of(d->forward);
        net->state = e->active ? NET_STATE_UP : NET_STATE_INACTIVE;
        net->persistent = e->persistent;
        net->autostart = e->autostart;
        net->mtu = d->mtu;
        net->origin = origin_file(inv, e->file, d->line);
        if (d->uuid && !(net->uuid = strdup(d->uuid)))
                return -ENOMEM;
        /* Forward mode bridge attaches guests to an existing host bridge (or,
         * with <interface dev>, to NICs through macvtap); the other direct
         * modes to NICs.  libvirt creates no device of its own for them. */
        if (direct) {
                if (d->forward == LVN_FWD_BRIDGE && bridge && network_add_bridged_to(net, bridge) < 0)
                        return -ENOMEM;
                for (size_t i = 0; i < d->n_forward_devs; i++)
                        if (network_add_bridged_to(net, d->forward_devs[i]) < 0)
                                return -ENOMEM;
        } else if (bridge && network_set_device(net, bridge) < 0) {
                return -ENOMEM;
        }
        for (size_t i = 0; i < d->n_ips; i++)
                if (add_ip(inv, net, &d->ips[i], e->file, direct) < 0)
                        return -ENOMEM;
        /* A <dns><host> names a guest's address; it counts as a fixed host
         * of the subnet it falls in, unless DHCP already fixes that address
         * or it is the host's own address (a name for the gateway). */
        for (size_t i = 0; i < d->n_dns_hosts; i++) {
                const struct lvn_dns_host *h = &d->dns_hosts[i];
                struct subnet *s = subnet_containing(net, &h->ip);

                if (!s || subnet_has_host_ip(s, &h->ip) ||
                    (s->host_address.set && addr_eq(&s->host_address.addr, &h->ip)))
                        continue;       /* the host's own name, or known already */
                if (add_host(inv, s, NULL, &h->ip, h->hostname, origin_file(inv, e->file, h->line)) < 0)
                        return -ENOMEM;
        }
        return 0;
}

/* ---- API mode ---- */

static int load_api(struct inventory *inv, const char *uri, char **ret_error)
{
        struct lvn_api_net *v;
        size_t n;
        int r;

        r = lvn_api_list(uri, &v, &n, &inv->diags, ret_error);
        if (r < 0)
                return r;
        for (size_t i = 0; i < n && r == 0; i++) {
                struct lv_entry e = {
                        .def = &v[i].def, .file = v[i].xml_file, .bridge = v[i].bridge,
                        .active = v[i].active, .persistent = v[i].persistent,
                        .autostart = v[i].autostart,
                };

                if (v[i].parsed)
                        r = add_network(inv, &e);
        }
        lvn_api_nets_free(v, n);
        return r;
}

/* ---- files mode ---- */

struct lv_file {
        struct lvn_network def;
        char *file;             /* display name */
        bool autostart;
};

struct lv_files {
        struct lv_file *v;
        size_t n, cap;
        struct hindex by_name;  /* one file per network: thousands of them */
};

static void files_free(struct lv_files *f)
{
        for (size_t i = 0; i < f->n; i++) {
                lvn_network_free(&f->v[i].def);
                free(f->v[i].file);
        }
        free(f->v);
        hindex_free(&f->by_name);
        *f = (struct lv_files){ 0 };
}

static struct lv_file *files_find(struct lv_files *f, const char *name)
{
        uint64_t h = hindex_hash_str(HINDEX_SEED, name);

        for (size_t it = hindex_first(&f->by_name, h); it; it = hindex_next(&f->by_name, it, h))
                if (strcmp(f->v[it - 1].def.name, name) == 0)
                        return &f->v[it - 1];
        return NULL;
}

static int xml_filter(const struct dirent *d)
{
        size_t l = strlen(d->d_name);

        return d->d_name[0] != '.' && l > 4 && strcmp(d->d_name + l - 4, ".xml") == 0;
}

/* The autostart directory, its names listed once: with thousands of
 * networks and few autostart links, a name not listed needs no fstatat
 * (which would only say ENOENT); a listed one is still confirmed by it. */
struct autostart {
        int fd;                 /* -1: no directory */
        char **names;           /* sorted; NULL when the listing failed */
        size_t n;
};

static int cmp_name(const void *a, const void *b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

static void autostart_open(struct autostart *a, const char *root, const char *dir)
{
        struct dirent **ents;
        int n;

        *a = (struct autostart){ .fd = dir ? rootfile_opendir(root, dir) : -1 };
        if (a->fd < 0 || (n = scandirat(a->fd, ".", &ents, NULL, NULL)) < 0)
                return;
        if ((a->names = malloc(((size_t)n + 1) * sizeof(*a->names)))) {
                for (int i = 0; i < n; i++) {
                        a->names[i] = strdup(ents[i]->d_name);
                        if (!a->names[i]) {
                                while (i-- > 0)
                                        free(a->names[i]);
                                free(a->names);
                                a->names = NULL;
                                break;
                        }
                }
        }
        if (a->names) {
                a->n = (size_t)n;
                qsort(a->names, a->n, sizeof(*a->names), cmp_name);
        }
        for (int i = 0; i < n; i++)
                free(ents[i]);
        free(ents);
}

static void autostart_close(struct autostart *a)
{
        if (a->fd >= 0)
                close(a->fd);
        for (size_t i = 0; a->names && i < a->n; i++)
                free(a->names[i]);
        free(a->names);
        *a = (struct autostart){ .fd = -1 };
}

/* Is there an entry NAME.xml (a link, usually) in the autostart directory? */
static bool autostart_has(const struct autostart *a, const char *name)
{
        _cleanup_free_ char *fn = NULL;
        struct stat st;

        /* a name with a slash would reach outside the directory */
        if (a->fd < 0 || strchr(name, '/') || asprintf(&fn, "%s.xml", name) < 0)
                return false;
        if (a->names && !bsearch(&fn, a->names, a->n, sizeof(*a->names), cmp_name))
                return false;
        return fstatat(a->fd, fn, &st, AT_SYMLINK_NOFOLLOW) == 0;
}

/* Parses every *.xml in shown (a directory of the audited host, read below
 * root) into out, in name order.  A missing directory is normal (libvirt
 * not installed, nothing running). */
static int read_dir(struct diag_list *diags, const char *root, const char *shown,
                    const char *autostart_dir, struct lv_files *out)
{
        struct dirent **ents = NULL;
        struct rootfile_dir dir;
        struct lvn_xml_reader *rd;
        struct autostart as;
        int n, r = 0, dfd;

        dfd = rootfile_dir_open(&dir, root, shown);
        if (dfd < 0) {
                if (dfd == -ENOENT || dfd == -ENOTDIR)
                        return 0;
                return diag_add(diags, shown, 0, SEV_WARNING, "cannot read directory: %s",
                                rootfile_strerror(dfd));
        }
        n = scandirat(rootfile_dir_fd(&dir), ".", &ents, xml_filter, alphasort);
        if (n < 0) {
                r = -errno;
                rootfile_dir_close(&dir);
                return diag_add(diags, shown, 0, SEV_WARNING, "cannot read directory: %s",
                                strerror(-r));
        }
        /* one libxml2 context for the whole directory */
        if (!(rd = lvn_xml_reader_new()))
                r = -ENOMEM;
        autostart_open(&as, root, autostart_dir);
        for (int i = 0; i < n; i++) {
                const char *fn = ents[i]->d_name;
                _cleanup_free_ char *disp = NULL;
                struct lvn_network def;
                struct lv_file *slot, *dup;
                size_t nl;
                int pr;

                if (r < 0)
                        continue;
                if (asprintf(&disp, "%s/%s", shown, fn) < 0) {
                        disp = NULL;
                        r = -ENOMEM;
                        continue;
                }
                pr = lvn_xml_reader_parse_entry(rd, &dir, fn, disp, disp, &def, diags);
                if (pr == -ENOMEM)
                        r = pr;
                if (pr < 0)
                        continue;
                if ((dup = files_find(out, def.name))) {
                        r = diag_add(diags, disp, def.line, SEV_ERROR,
                                     "network '%s' is defined more than once (also in %s)",
                                     def.name, strrchr(dup->file, '/') ? strrchr(dup->file, '/') + 1 : dup->file);
                        lvn_network_free(&def);
                        continue;
                }
                /* libvirt names each file after its network; a mismatch
                 * usually means a hand-copied file libvirt will not load. */
                nl = strlen(def.name);
                if (strlen(fn) != nl + 4 || strncmp(fn, def.name, nl) != 0)
                        r = diag_add(diags, disp, def.line, SEV_WARNING,
                                     "file name does not match the network name '%s'", def.name);
                if (r < 0 || hindex_put(&out->by_name, out->n, hindex_hash_str(HINDEX_SEED, def.name)) < 0 ||
                    !(slot = ARRAY_PUSH(out->v, out->n, out->cap))) {
                        lvn_network_free(&def);
                        r = -ENOMEM;
                        continue;
                }
                slot->def = def;
                slot->file = disp;
                disp = NULL;
                slot->autostart = autostart_has(&as, def.name);
        }
        autostart_close(&as);
        lvn_xml_reader_free(rd);
        rootfile_dir_close(&dir);
        for (int i = 0; i < n; i++)
                free(ents[i]);
        free(ents);
        return r;
}

/* One directory read on its own: in a thread of a prefetch, or inline.
 * Its diagnostics wait in a list of their own until they join the
 * inventory's, in the order a sequential read would have given them. */
struct dir_job {
        const char *root;
        char *shown, *autostart;
        struct lv_files files;
        struct diag_list diags;
        int r;
        pthread_t thread;
        bool started;
};

static void *dir_job_run(void *arg)
{
        struct dir_job *j = arg;

        j->r = read_dir(&j->diags, j->root, j->shown, j->autostart, &j->files);
        return NULL;
}

static void dir_job_wait(struct dir_job *j)
{
        if (j->started)
                pthread_join(j->thread, NULL);
        j->started = false;
}

static void dir_job_free(struct dir_job *j)
{
        dir_job_wait(j);
        files_free(&j->files);
        diag_list_free(&j->diags);
        free(j->shown);
        free(j->autostart);
        *j = (struct dir_job){ 0 };
}

/* The defined networks (with the autostart directory) and the live ones. */
struct libvirt_prefetch {
        struct dir_job etc, run;
};

static bool files_mode(const struct options *opt)
{
        return opt->offline || (opt->libvirt_uri && strcmp(opt->libvirt_uri, "none") == 0);
}

/* Runs both jobs: in threads when background is true (a job whose thread
 * cannot start runs here and now), else one after the other. */
static struct libvirt_prefetch *jobs_start(const struct options *opt, bool background)
{
        struct libvirt_prefetch *pf = calloc(1, sizeof(*pf));
        const char *root = opt->root ? opt->root : "";

        if (!pf)
                return NULL;
        pf->etc.root = pf->run.root = root;
        pf->etc.autostart = rootfile_join("", opt->libvirt_dir, "/qemu/networks/autostart");
        /* Origins name files as they are on the audited host, like VMware's. */
        pf->etc.shown = rootfile_join("", opt->libvirt_dir, "/qemu/networks");
        pf->run.shown = rootfile_join("", opt->libvirt_run_dir, "/network");
        if (!pf->etc.autostart || !pf->etc.shown || !pf->run.shown) {
                libvirt_prefetch_free(pf);
                return NULL;
        }
        if (background) {
                lvn_xml_init();         /* libxml2 is set up once, before any thread */
                pf->etc.started = pthread_create(&pf->etc.thread, NULL, dir_job_run, &pf->etc) == 0;
                pf->run.started = pthread_create(&pf->run.thread, NULL, dir_job_run, &pf->run) == 0;
        }
        if (!pf->etc.started)
                dir_job_run(&pf->etc);
        if (!pf->run.started)
                dir_job_run(&pf->run);
        return pf;
}

struct libvirt_prefetch *libvirt_prefetch_start(const struct options *opt)
{
        return files_mode(opt) ? jobs_start(opt, true) : NULL;
}

void libvirt_prefetch_free(struct libvirt_prefetch *pf)
{
        if (!pf)
                return;
        dir_job_free(&pf->etc);
        dir_job_free(&pf->run);
        free(pf);
}

static int load_files(struct inventory *inv, struct libvirt_prefetch *pf)
{
        struct lv_files *defined = &pf->etc.files, *live = &pf->run.files;
        int r;

        dir_job_wait(&pf->etc);
        dir_job_wait(&pf->run);
        /* the defined networks' diagnostics first, as read in sequence */
        if (diag_move(&inv->diags, &pf->etc.diags) < 0)
                return -ENOMEM;
        if ((r = pf->etc.r) < 0)
                return r;
        if (diag_move(&inv->diags, &pf->run.diags) < 0)
                return -ENOMEM;
        if ((r = pf->run.r) < 0)
                return r;
        /* A running network is described by its status file (what it runs
         * with now); a defined one without status file is not running. */
        for (size_t i = 0; i < defined->n && r == 0; i++) {
                struct lv_file *d = &defined->v[i], *l = files_find(live, d->def.name);
                struct lv_entry e = {
                        .def = l ? &l->def : &d->def, .file = l ? l->file : d->file,
                        .active = l != NULL, .persistent = true, .autostart = d->autostart,
                };

                r = add_network(inv, &e);
        }
        for (size_t i = 0; i < live->n && r == 0; i++) {
                struct lv_file *l = &live->v[i];
                struct lv_entry e = { .def = &l->def, .file = l->file, .active = true };

                if (!files_find(defined, l->def.name))
                        r = add_network(inv, &e);       /* transient */
        }
        return r;
}

int libvirt_load_prefetched(struct inventory *inv, const struct options *opt,
                            struct libvirt_prefetch *pf)
{
        const char *uri = opt->libvirt_uri ? opt->libvirt_uri : "qemu:///system";
        _cleanup_free_ char *err = NULL;
        struct libvirt_prefetch *own = NULL;
        int r;

        if (!opt->offline && strcmp(uri, "none") != 0) {
                r = load_api(inv, uri, &err);
                if (r == 0 || r == -ENOMEM)
                        return r;
                /* Without libvirt's configuration directory libvirt is simply
                 * not installed: say so only in verbose mode. */
                struct stat st;
                enum severity sev = rootfile_stat(opt->root, opt->libvirt_dir, &st) == 0 ?
                                    SEV_WARNING : SEV_INFO;

                r = diag_add(&inv->diags, NULL, 0, sev,
                             "libvirt: cannot connect to %s: %s; reading files", uri,
                             err ? err : strerror(-r));
                if (r < 0)
                        return r;
        }
        if (!pf && !(own = jobs_start(opt, false)))
                return -ENOMEM;
        r = load_files(inv, pf ? pf : own);
        libvirt_prefetch_free(own);
        return r;
}

int libvirt_load(struct inventory *inv, const struct options *opt)
{
        return libvirt_load_prefetched(inv, opt, NULL);
}
