/*
 * watch_events.c - inotify and rtnetlink triggers of `watch` (see
 * watch_events.h).  libnl is already linked for the inventory (nlq.c); its
 * plain socket API (no cache manager) is enough here: join the groups,
 * read until EAGAIN, count valid messages.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <linux/rtnetlink.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>
#include <stdio.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

#include "watch_events.h"

#define DIR_MASK (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | \
                  IN_DELETE_SELF | IN_ATTRIB)

static void add_dir(struct watch_events *e, const char *path)
{
        int wd;

        if (e->n_wd >= WATCH_EVENTS_MAX_DIRS)
                return;
        wd = inotify_add_watch(e->ino, path, DIR_MASK | IN_ONLYDIR);
        if (wd < 0)
                return;         /* absent: not installed (yet) */
        for (size_t i = 0; i < e->n_wd; i++)
                if (e->wd[i] == wd)
                        return;
        e->wd[e->n_wd++] = wd;
}

static void path_join(char *buf, size_t size, const char *root, const char *dir, const char *sub)
{
        snprintf(buf, size, "%s%s%s%s", root, dir, sub ? "/" : "", sub ? sub : "");
}

int watch_events_rewatch(struct watch_events *e, const struct options *opt)
{
        static const char *const libvirt_subs[] = {
                "qemu/networks", "qemu/networks/autostart", "network", "network/autostart",
        };
        const char *root = opt->root ? opt->root : "";
        char p[PATH_MAX], q[PATH_MAX + 300];
        DIR *d;

        for (size_t i = 0; i < e->n_wd; i++)
                inotify_rm_watch(e->ino, e->wd[i]);
        e->n_wd = 0;
        /* VMware: networking, locations; vmnetN/dhcpd/dhcpd.conf, vmnetN/nat/nat.conf. */
        path_join(p, sizeof(p), root, opt->vmware_dir, NULL);
        add_dir(e, p);
        if ((d = opendir(p))) {
                struct dirent *de;

                while ((de = readdir(d)))
                        if (strncmp(de->d_name, "vmnet", 5) == 0) {
                                snprintf(q, sizeof(q), "%s/%s", p, de->d_name);
                                add_dir(e, q);
                                snprintf(q, sizeof(q), "%s/%s/dhcpd", p, de->d_name);
                                add_dir(e, q);
                                snprintf(q, sizeof(q), "%s/%s/nat", p, de->d_name);
                                add_dir(e, q);
                        }
                closedir(d);
        }
        for (size_t i = 0; i < sizeof(libvirt_subs) / sizeof(libvirt_subs[0]); i++) {
                path_join(p, sizeof(p), root, opt->libvirt_dir, libvirt_subs[i]);
                add_dir(e, p);
        }
        path_join(p, sizeof(p), root, opt->libvirt_run_dir, "network");
        add_dir(e, p);
        /* vnetaudit.conf: its directory, filtered by name (a rename over it
         * replaces the inode, so the file itself cannot be watched). */
        {
                const char *cf = opt->config ? opt->config : "/etc/vnetaudit.conf";
                const char *slash = strrchr(cf, '/');
                char dir[PATH_MAX];

                snprintf(e->config_name, sizeof(e->config_name), "%s", slash ? slash + 1 : cf);
                if (slash)
                        snprintf(dir, sizeof(dir), "%s%.*s", opt->config ? "" : root,
                                 (int)((slash - cf) ? slash - cf : 1), cf);
                else
                        snprintf(dir, sizeof(dir), ".");
                e->config_wd = -1;
                if (e->n_wd < WATCH_EVENTS_MAX_DIRS) {
                        int wd = inotify_add_watch(e->ino, dir, DIR_MASK | IN_ONLYDIR);
                        bool known = false;

                        for (size_t i = 0; wd >= 0 && i < e->n_wd; i++)
                                known |= e->wd[i] == wd;
                        if (wd >= 0 && !known) {
                                e->wd[e->n_wd++] = wd;
                                e->config_wd = wd;
                        }
                }
        }
        return 0;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
        (void)msg;
        ((struct watch_events *)arg)->nl_events++;
        return NL_OK;
}

int watch_events_open(struct watch_events *e, const struct options *opt, char *err, size_t errsize)
{
        *e = (struct watch_events){ .ino = -1, .nl_fd = -1, .config_wd = -1 };
        e->ino = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (e->ino < 0) {
                snprintf(err, errsize, "inotify: %s", strerror(errno));
                return -errno;
        }
        watch_events_rewatch(e, opt);
        if (opt->offline)
                return 0;
        if (!(e->nl = nl_socket_alloc())) {
                snprintf(err, errsize, "netlink: out of memory");
                return -ENOMEM;
        }
        nl_socket_disable_seq_check(e->nl);
        nl_socket_modify_cb(e->nl, NL_CB_VALID, NL_CB_CUSTOM, on_valid, e);
        if (nl_connect(e->nl, NETLINK_ROUTE) < 0 ||
            nl_socket_add_memberships(e->nl, RTNLGRP_LINK, RTNLGRP_IPV4_IFADDR, RTNLGRP_IPV4_ROUTE,
                                      RTNLGRP_IPV6_IFADDR, RTNLGRP_IPV6_ROUTE, 0) < 0 ||
            nl_socket_set_nonblocking(e->nl) < 0) {
                snprintf(err, errsize, "netlink: cannot join the link/address/route groups");
                nl_socket_free(e->nl);
                e->nl = NULL;
                return -EIO;
        }
        e->nl_fd = nl_socket_get_fd(e->nl);
        return 0;
}

void watch_events_close(struct watch_events *e)
{
        if (e->ino >= 0)
                close(e->ino);
        if (e->nl)
                nl_socket_free(e->nl);
        *e = (struct watch_events){ .ino = -1, .nl_fd = -1 };
}

bool watch_events_files(struct watch_events *e)
{
        char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
        bool relevant = false;
        ssize_t n;

        while ((n = read(e->ino, buf, sizeof(buf))) > 0) {
                for (char *p = buf; p < buf + n;) {
                        const struct inotify_event *ev = (const struct inotify_event *)p;

                        p += sizeof(*ev) + ev->len;
                        if (ev->mask & IN_Q_OVERFLOW) {
                                relevant = true;
                                continue;
                        }
                        if (ev->wd == e->config_wd &&
                            (!ev->len || strcmp(ev->name, e->config_name) != 0))
                                continue;       /* another file in /etc */
                        /* The editor's temporary file is not read; its rename is. */
                        if (ev->len && (ev->mask & (IN_CLOSE_WRITE | IN_CREATE)) &&
                            ev->name[0] == '.')
                                continue;
                        relevant = true;
                }
        }
        if (relevant)
                e->file_events++;
        return relevant;
}

bool watch_events_netlink(struct watch_events *e)
{
        unsigned long before = e->nl_events;

        if (!e->nl)
                return false;
        for (int i = 0; i < 64; i++) {
                int r = nl_recvmsgs_default(e->nl);

                if (r == -NLE_AGAIN)
                        break;
                if (r < 0)
                        return true;    /* overrun: something changed, re-read all */
        }
        return e->nl_events != before;
}
