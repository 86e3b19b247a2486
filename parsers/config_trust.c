/*
 * config_trust.c - the trust rule of vnetaudit.conf (see config_trust.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config_trust.h"

bool config_trust_file(const struct stat *st, char *why, size_t whysize)
{
        if (st->st_uid != 0 && st->st_uid != geteuid()) {
                snprintf(why, whysize, "owned by uid %u, not root", (unsigned)st->st_uid);
                return false;
        }
        if (st->st_mode & (S_IWGRP | S_IWOTH)) {
                snprintf(why, whysize, "writable by %s",
                         st->st_mode & S_IWOTH ? "everyone" : "its group");
                return false;
        }
        return true;
}

static void add_key(char *buf, size_t size, bool set, const char *key)
{
        if (!set)
                return;
        if (buf[0])
                strncat(buf, ", ", size - strlen(buf) - 1);
        strncat(buf, key, size - strlen(buf) - 1);
}

static void free_strv(char **v, size_t n)
{
        for (size_t i = 0; i < n; i++)
                free(v[i]);
        free(v);
}

char *config_trust_strip(struct audit_config *cfg)
{
        char keys[160] = "";

        add_key(keys, sizeof(keys), cfg->n_mail_to, "mail-to");
        add_key(keys, sizeof(keys), cfg->sendmail, "sendmail");
        add_key(keys, sizeof(keys), cfg->state_dir, "state-dir");
        add_key(keys, sizeof(keys), cfg->n_ifaces, "interface");
        add_key(keys, sizeof(keys), cfg->timeout > 0, "timeout");
        add_key(keys, sizeof(keys), cfg->retries, "retries");
        add_key(keys, sizeof(keys), cfg->rate, "rate");
        free_strv(cfg->mail_to, cfg->n_mail_to);
        free_strv(cfg->ifaces, cfg->n_ifaces);
        free(cfg->sendmail);
        free(cfg->state_dir);
        cfg->mail_to = cfg->ifaces = NULL;
        cfg->n_mail_to = cfg->cap_mail_to = cfg->n_ifaces = cfg->cap_ifaces = 0;
        cfg->sendmail = cfg->state_dir = NULL;
        cfg->timeout = 0;
        cfg->retries = cfg->rate = 0;
        return strdup(keys);
}

void config_trust_take(struct audit_config *to, struct audit_config *from)
{
        to->mail_to = from->mail_to;
        to->n_mail_to = from->n_mail_to;
        to->cap_mail_to = from->cap_mail_to;
        to->ifaces = from->ifaces;
        to->n_ifaces = from->n_ifaces;
        to->cap_ifaces = from->cap_ifaces;
        to->sendmail = from->sendmail;
        to->state_dir = from->state_dir;
        to->timeout = from->timeout;
        to->retries = from->retries;
        to->rate = from->rate;
        from->mail_to = from->ifaces = NULL;
        from->n_mail_to = from->cap_mail_to = from->n_ifaces = from->cap_ifaces = 0;
        from->sendmail = from->state_dir = NULL;
}
