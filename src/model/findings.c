/*
 * findings.c - the finding list: construction, stable keys, ordering and
 * the code name table (codes are API: JSON values, state file keys).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "findings.h"
#include "xalloc.h"

static const char *const code_names[_F_CODE_MAX] = {
        [F_SUBNET_OVERLAP] = "subnet-overlap",
        [F_DUPLICATE_HOST_ADDRESS] = "duplicate-host-address",
        [F_SUBNET_CONFLICTS_INTERFACE] = "subnet-conflicts-interface",
        [F_SUBNET_CONFLICTS_ROUTE] = "subnet-conflicts-route",
        [F_ADDRESS_IN_USE] = "address-in-use",
        [F_ADDRESS_PROBE_COLLISION] = "address-probe-collision",
        [F_DHCP_RANGE_OUTSIDE_SUBNET] = "dhcp-range-outside-subnet",
        [F_DHCP_RANGE_OVERLAP] = "dhcp-range-overlap",
        [F_DHCP_RANGE_CONTAINS_ADDRESS] = "dhcp-range-contains-address",
        [F_FIXED_ADDRESS_OUTSIDE_SUBNET] = "fixed-address-outside-subnet",
        [F_FIXED_ADDRESS_DUPLICATE] = "fixed-address-duplicate",
        [F_ADAPTER_ADDRESS_OUTSIDE_SUBNET] = "adapter-address-outside-subnet",
        [F_DHCP_CONFIG_STALE] = "dhcp-config-stale",
        [F_CONFIG_ERROR] = "config-error",
        [F_ADDRESS_POOL_OVERLAP] = "address-pool-overlap",
        [F_PROBE_INCOMPLETE] = "probe-incomplete",
        [F_VMWARE_REFUSED_NETWORK] = "vmware-refused-network",
        [F_ADDRESS_VISIBLE_ON_LAN] = "address-visible-on-lan",
};

const char *finding_code_name(enum finding_code c)
{
        return c < _F_CODE_MAX ? code_names[c] : "?";
}

int finding_code_from_name(const char *s)
{
        for (int i = 0; i < _F_CODE_MAX; i++)
                if (strcmp(s, code_names[i]) == 0)
                        return i;
        return -1;
}

struct finding *finding_add(struct finding_list *l, enum finding_code code, enum severity sev,
                            const char *message, const char *hint)
{
        char *m = strdup(message ? message : ""), *h = strdup(hint ? hint : "");
        struct finding *f;

        if (!m || !h || !(f = ARRAY_PUSH(l->v, l->n, l->cap))) {
                free(m);
                free(h);
                return NULL;
        }
        f->code = code;
        f->severity = sev;
        f->message = m;
        f->hint = h;
        return f;
}

static int push_str(char ***v, size_t *n, const char *s)
{
        char **nv;
        char *copy;

        for (size_t i = 0; i < *n; i++)
                if (strcmp((*v)[i], s) == 0)
                        return 0;
        if (!(copy = strdup(s)))
                return -ENOMEM;
        if (!(nv = realloc(*v, (*n + 1) * sizeof(char *)))) {
                free(copy);
                return -ENOMEM;
        }
        nv[(*n)++] = copy;
        *v = nv;
        return 0;
}

int finding_add_network(struct finding *f, const char *id)
{
        return push_str(&f->networks, &f->n_networks, id);
}

int finding_add_address(struct finding *f, const char *addr)
{
        return push_str(&f->addresses, &f->n_addresses, addr);
}

int finding_add_origin(struct finding *f, const char *origin)
{
        return push_str(&f->origins, &f->n_origins, origin);
}

int finding_add_host(struct finding *f, const char *host)
{
        return push_str(&f->hosts, &f->n_hosts, host);
}

int finding_add_related(struct finding *f, const struct finding *other)
{
        struct finding_related *v, *r;

        for (size_t i = 0; i < f->n_related; i++)
                if (f->related[i].code == other->code)
                        return 0;
        if (!(v = realloc(f->related, (f->n_related + 1) * sizeof(*v))))
                return -ENOMEM;
        f->related = v;
        r = &v[f->n_related++];
        *r = (struct finding_related){ .code = other->code };
        for (size_t i = 0; i < other->n_addresses; i++)
                if (push_str(&r->addresses, &r->n_addresses, other->addresses[i]) < 0)
                        return -ENOMEM;
        return 0;
}

static int cmp_str(const void *a, const void *b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Writes a sorted copy of a string list, ','-separated, then '|'. */
static int put_sorted(FILE *f, char **v, size_t n)
{
        char **s = NULL;

        if (n) {
                if (!(s = malloc(n * sizeof(*s))))
                        return -ENOMEM;
                memcpy(s, v, n * sizeof(*s));
                qsort(s, n, sizeof(*s), cmp_str);
        }
        for (size_t i = 0; i < n; i++)
                fprintf(f, "%s%s", i ? "," : "", s[i]);
        fputc('|', f);
        free(s);
        return 0;
}

char *finding_key(const struct finding *f)
{
        char *buf = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&buf, &len);
        int r;

        if (!m)
                return NULL;
        fprintf(m, "%s|", finding_code_name(f->code));
        r = put_sorted(m, f->networks, f->n_networks);
        if (r >= 0)
                r = put_sorted(m, f->addresses, f->n_addresses);
        /* A configuration error has no network or address: where it is,
         * and what it says, tell two apart. */
        if (r >= 0 && f->n_hosts)
                r = put_sorted(m, f->hosts, f->n_hosts);
        if (r >= 0 && f->code == F_CONFIG_ERROR) {
                r = put_sorted(m, f->origins, f->n_origins);
                if (r >= 0 && fprintf(m, "%s", f->message) < 0)
                        r = -EIO;
        }
        if (fclose(m) != 0 || r < 0) {
                free(buf);
                return NULL;
        }
        return buf;
}

static int cmp_finding(const void *pa, const void *pb)
{
        const struct finding *a = pa, *b = pb;
        char *ka, *kb;
        int c;

        if (a->severity != b->severity)
                return a->severity > b->severity ? -1 : 1;
        if (a->code != b->code)
                return a->code < b->code ? -1 : 1;
        ka = finding_key(a);
        kb = finding_key(b);
        c = ka && kb ? strcmp(ka, kb) : 0;
        free(ka);
        free(kb);
        return c;
}

struct sort_item {
        struct finding f;
        char *key;
};

static int cmp_sort_item(const void *pa, const void *pb)
{
        const struct sort_item *a = pa, *b = pb;

        if (a->f.severity != b->f.severity)
                return a->f.severity > b->f.severity ? -1 : 1;
        if (a->f.code != b->f.code)
                return a->f.code < b->f.code ? -1 : 1;
        return strcmp(a->key, b->key);
}

void finding_list_sort(struct finding_list *l)
{
        struct sort_item *v;

        if (l->n < 2)
                return;
        /* Keys computed once, not twice per comparison; on ENOMEM fall
         * back to the comparison that builds them as it goes. */
        if (!(v = calloc(l->n, sizeof(*v)))) {
                qsort(l->v, l->n, sizeof(*l->v), cmp_finding);
                return;
        }
        for (size_t i = 0; i < l->n; i++) {
                v[i].f = l->v[i];
                if (!(v[i].key = finding_key(&l->v[i]))) {
                        for (size_t k = 0; k < i; k++)
                                free(v[k].key);
                        free(v);
                        qsort(l->v, l->n, sizeof(*l->v), cmp_finding);
                        return;
                }
        }
        qsort(v, l->n, sizeof(*v), cmp_sort_item);
        for (size_t i = 0; i < l->n; i++) {
                l->v[i] = v[i].f;
                free(v[i].key);
        }
        free(v);
}

size_t finding_count(const struct finding_list *l, enum severity sev)
{
        size_t n = 0;

        for (size_t i = 0; i < l->n; i++)
                n += l->v[i].severity == sev;
        return n;
}

static void free_strv(char **v, size_t n)
{
        for (size_t i = 0; i < n; i++)
                free(v[i]);
        free(v);
}

static void finding_free(struct finding *f)
{
        free(f->message);
        free(f->hint);
        free_strv(f->networks, f->n_networks);
        free_strv(f->addresses, f->n_addresses);
        free_strv(f->origins, f->n_origins);
        free_strv(f->hosts, f->n_hosts);
        free(f->mac);
        free(f->vendor);
        free(f->interface);
        for (size_t i = 0; i < f->n_related; i++)
                free_strv(f->related[i].addresses, f->related[i].n_addresses);
        free(f->related);
}

void finding_list_filter(struct finding_list *l, bool (*keep)(const struct finding *f, void *ud),
                         void *ud)
{
        size_t w = 0;

        for (size_t i = 0; i < l->n; i++) {
                if (keep(&l->v[i], ud))
                        l->v[w++] = l->v[i];
                else
                        finding_free(&l->v[i]);
        }
        l->n = w;
}

struct keyed {
        char *key;
        size_t idx;
};

static int cmp_keyed(const void *pa, const void *pb)
{
        const struct keyed *a = pa, *b = pb;
        int c = strcmp(a->key, b->key);

        return c ? c : (a->idx > b->idx) - (a->idx < b->idx);
}

int finding_list_dedup(struct finding_list *l)
{
        struct keyed *k = l->n ? calloc(l->n, sizeof(*k)) : NULL;
        size_t n = l->n, w = 0;
        int r = 0;

        if (n && !k)
                return -ENOMEM;
        for (size_t i = 0; i < n; i++) {
                k[i].idx = i;
                if (!(k[i].key = finding_key(&l->v[i]))) {
                        r = -ENOMEM;
                        goto out;
                }
        }
        if (n > 1)
                qsort(k, n, sizeof(*k), cmp_keyed);
        /* The first of each key (lowest index) survives; a NULL message
         * marks the freed duplicates for the compaction below. */
        for (size_t i = 1; i < n; i++)
                if (strcmp(k[i].key, k[i - 1].key) == 0) {
                        finding_free(&l->v[k[i].idx]);
                        l->v[k[i].idx].message = NULL;
                }
        for (size_t i = 0; i < n; i++)
                if (l->v[i].message)
                        l->v[w++] = l->v[i];
        l->n = w;
        finding_list_sort(l);
out:
        for (size_t i = 0; i < n; i++)
                free(k[i].key);
        free(k);
        return r;
}

void finding_list_free(struct finding_list *l)
{
        if (!l)
                return;
        for (size_t i = 0; i < l->n; i++)
                finding_free(&l->v[i]);
        free(l->v);
        *l = (struct finding_list){ 0 };
}
