/*
 * vmw_answers.c - line splitting, the answer store and the typed VNET_<n>
 * view shared by the `networking` and legacy `locations` parsers.  Values
 * are checked here, once, at the line of the answer that finally counts.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "numparse.h"
#include "vmw_answers.h"
#include "xalloc.h"

static bool is_blank(char c)
{
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

bool vmw_line_next(const char *buf, size_t size, size_t *pos, struct vmw_line *ret)
{
        const char *nl;
        size_t start = *pos;

        if (start >= size)
                return false;
        nl = memchr(buf + start, '\n', size - start);
        ret->p = buf + start;
        ret->len = nl ? (size_t)(nl - (buf + start)) : size - start;
        *pos = start + ret->len + (nl ? 1 : 0);
        if (ret->len && ret->p[ret->len - 1] == '\r')
                ret->len--;
        ret->no++;
        return true;
}

void vmw_line_trim(struct vmw_line *l, bool strip_comment)
{
        while (l->len && is_blank(l->p[0])) {
                l->p++;
                l->len--;
        }
        if (strip_comment)
                for (size_t i = 0; i < l->len; i++)
                        if (l->p[i] == '#' && (i == 0 || is_blank(l->p[i - 1]))) {
                                l->len = i;
                                break;
                        }
        while (l->len && is_blank(l->p[l->len - 1]))
                l->len--;
}

bool vmw_line_word(struct vmw_line *l, const char **ret_p, size_t *ret_len)
{
        size_t n = 0;

        while (l->len && is_blank(l->p[0])) {
                l->p++;
                l->len--;
        }
        if (!l->len)
                return false;
        while (n < l->len && !is_blank(l->p[n]))
                n++;
        *ret_p = l->p;
        *ret_len = n;
        l->p += n;
        l->len -= n;
        while (l->len && is_blank(l->p[0])) {
                l->p++;
                l->len--;
        }
        return true;
}

char *vmw_strndup(const char *p, size_t len)
{
        char *s = malloc(len + 1);

        if (!s)
                return NULL;
        memcpy(s, p, len);
        s[len] = '\0';
        return s;
}

static struct vmw_answer *answer_find(const struct vmw_answers *a, const char *key)
{
        for (size_t i = 0; i < a->n; i++)
                if (strcmp(a->v[i].key, key) == 0)
                        return &a->v[i];
        return NULL;
}

int vmw_answers_set(struct vmw_answers *a, const char *key, const char *value, unsigned line)
{
        struct vmw_answer *ans = answer_find(a, key);
        char *v = strdup(value), *k;

        if (!v)
                return -ENOMEM;
        if (ans) {
                free(ans->value);
                ans->value = v;
                ans->line = line;
                return 0;
        }
        if (!(k = strdup(key)) || !(ans = ARRAY_PUSH(a->v, a->n, a->cap))) {
                free(k);
                free(v);
                return -ENOMEM;
        }
        ans->key = k;
        ans->value = v;
        ans->line = line;
        return 0;
}

bool vmw_answers_remove(struct vmw_answers *a, const char *key)
{
        struct vmw_answer *ans = answer_find(a, key);
        size_t i;

        if (!ans)
                return false;
        i = (size_t)(ans - a->v);
        free(ans->key);
        free(ans->value);
        memmove(&a->v[i], &a->v[i + 1], (a->n - i - 1) * sizeof(*a->v));
        a->n--;
        return true;
}

const struct vmw_answer *vmw_answers_get(const struct vmw_answers *a, const char *key)
{
        return answer_find(a, key);
}

void vmw_answers_free(struct vmw_answers *a)
{
        if (!a)
                return;
        for (size_t i = 0; i < a->n; i++) {
                free(a->v[i].key);
                free(a->v[i].value);
        }
        free(a->v);
        *a = (struct vmw_answers){ 0 };
}

void vmw_diags_sort(struct diag_list *d, size_t from)
{
        /* Insertion sort: stable, and the list is sorted but for a tail. */
        for (size_t i = from + 1; i < d->n; i++) {
                struct diag x = d->v[i];
                size_t j = i;

                while (j > from && d->v[j - 1].line > x.line) {
                        d->v[j] = d->v[j - 1];
                        j--;
                }
                d->v[j] = x;
        }
}

int vmw_parse_vnet_num(const char *p, size_t len)
{
        unsigned n = 0;

        if (len == 0 || len > 3)
                return -1;
        for (size_t i = 0; i < len; i++) {
                if (!isdigit((unsigned char)p[i]))
                        return -1;
                n = n * 10 + (unsigned)(p[i] - '0');
        }
        if (len > 1 && p[0] == '0')
                return -1;
        return n <= VMW_VNET_MAX ? (int)n : -1;
}

struct vmw_vnet *vmw_vnets_find(const struct vmw_vnets *v, unsigned num)
{
        for (size_t i = 0; i < v->n; i++)
                if (v->v[i].num == num)
                        return &v->v[i];
        return NULL;
}

struct vmw_vnet *vmw_vnets_get(struct vmw_vnets *v, unsigned num, unsigned line)
{
        struct vmw_vnet *x = vmw_vnets_find(v, num);
        size_t i;

        if (x) {
                if (line && (!x->line || line < x->line))
                        x->line = line;
                return x;
        }
        if (grow((void **)&v->v, &v->cap, v->n + 1, sizeof(*v->v)) < 0)
                return NULL;
        for (i = v->n; i > 0 && v->v[i - 1].num > num; i--)
                ;
        memmove(&v->v[i + 1], &v->v[i], (v->n - i) * sizeof(*v->v));
        v->n++;
        x = &v->v[i];
        *x = (struct vmw_vnet){ .num = num, .line = line };
        x->virtual_adapter.value = x->dhcp.value = x->nat.value = -1;
        return x;
}

void vmw_vnets_free(struct vmw_vnets *v)
{
        if (!v)
                return;
        free(v->v);
        *v = (struct vmw_vnets){ 0 };
}

static int set_addr(struct vmw_addr_val *val, const struct vmw_answer *ans, const char *file,
                    struct diag_list *diags)
{
        if (addr_parse_family(ans->value, AF_INET, &val->addr) < 0) {
                val->set = false;
                val->line = ans->line;          /* given, but unusable */
                return diag_add(diags, file, ans->line, SEV_ERROR,
                                "%s: invalid IPv4 address \"%s\"", ans->key, ans->value);
        }
        val->set = true;
        val->line = ans->line;
        return 0;
}

static int set_bool(struct vmw_bool_val *val, const struct vmw_answer *ans, const char *file,
                    struct diag_list *diags)
{
        if (strcasecmp(ans->value, "yes") == 0 || strcmp(ans->value, "1") == 0 ||
            strcasecmp(ans->value, "true") == 0)
                val->value = 1;
        else if (strcasecmp(ans->value, "no") == 0 || strcmp(ans->value, "0") == 0 ||
                 strcasecmp(ans->value, "false") == 0)
                val->value = 0;
        else
                return diag_add(diags, file, ans->line, SEV_ERROR, "%s must be yes or no", ans->key);
        val->line = ans->line;
        return 0;
}

static int set_hash(struct vmw_vnet *v, const struct vmw_answer *ans, const char *file,
                    struct diag_list *diags)
{
        size_t n = strlen(ans->value);

        if (n != 40 || strspn(ans->value, "0123456789abcdefABCDEF") != 40)
                return diag_add(diags, file, ans->line, SEV_WARNING,
                                "%s is not a SHA-1 hash (40 hex digits)", ans->key);
        for (size_t i = 0; i < 40; i++)
                v->hash[i] = (char)toupper((unsigned char)ans->value[i]);
        v->hash[40] = '\0';
        v->hash_line = ans->line;
        return 0;
}

static int set_mtu(struct vmw_vnet *v, const struct vmw_answer *ans, const char *file,
                   struct diag_list *diags)
{
        unsigned long m;

        if (parse_decimal(ans->value, 68, 65535, &m) < 0)
                return diag_add(diags, file, ans->line, SEV_ERROR,
                                "%s must be between 68 and 65535", ans->key);
        v->mtu = (unsigned)m;
        v->mtu_line = ans->line;
        return 0;
}

/* One VNET_<n>_<KEY> answer; keys this program does not need are kept
 * silently (VMware adds new ones with every release). */
static int apply(struct vmw_vnet *v, const char *key, const struct vmw_answer *ans,
                 const char *file, struct diag_list *diags)
{
        if (strcmp(key, "HOSTONLY_SUBNET") == 0)
                return set_addr(&v->subnet, ans, file, diags);
        if (strcmp(key, "HOSTONLY_NETMASK") == 0)
                return set_addr(&v->netmask, ans, file, diags);
        if (strcmp(key, "HOSTONLY_HOSTADDR") == 0)
                return set_addr(&v->hostaddr, ans, file, diags);
        if (strcmp(key, "VIRTUAL_ADAPTER_ADDR") == 0)
                return set_addr(&v->adapter_addr, ans, file, diags);
        if (strcmp(key, "VIRTUAL_ADAPTER") == 0)
                return set_bool(&v->virtual_adapter, ans, file, diags);
        if (strcmp(key, "DHCP") == 0)
                return set_bool(&v->dhcp, ans, file, diags);
        if (strcmp(key, "NAT") == 0)
                return set_bool(&v->nat, ans, file, diags);
        if (strcmp(key, "DHCP_CFG_HASH") == 0)
                return set_hash(v, ans, file, diags);
        if (strcmp(key, "MTU") == 0)
                return set_mtu(v, ans, file, diags);
        if (strcmp(key, "DISPLAY_NAME") == 0 || (strcmp(key, "NAME") == 0 && !v->display_name)) {
                v->display_name = ans->value[0] ? ans->value : NULL;
                return 0;
        }
        if (strcmp(key, "HOSTONLY_UUID") == 0) {
                v->uuid = ans->value[0] ? ans->value : NULL;
                return 0;
        }
        if (strcmp(key, "INTERFACE") == 0) {
                v->interface = ans->value[0] ? ans->value : NULL;
                v->interface_line = ans->line;
                return 0;
        }
        return 0;
}

int vmw_vnets_build(const struct vmw_answers *a, const char *file, struct vmw_vnets *ret,
                    struct diag_list *diags)
{
        for (size_t i = 0; i < a->n; i++) {
                const struct vmw_answer *ans = &a->v[i];
                const char *k = ans->key, *us;
                struct vmw_vnet *v;
                int num, r;

                if (strncmp(k, "VNET_", 5) != 0)
                        continue;
                us = strchr(k + 5, '_');
                if (!us || !us[1] || (num = vmw_parse_vnet_num(k + 5, (size_t)(us - (k + 5)))) < 0) {
                        r = diag_add(diags, file, ans->line, SEV_WARNING,
                                     "%s: vmnet number must be between 0 and %d", k, VMW_VNET_MAX);
                        if (r < 0)
                                return r;
                        continue;
                }
                if (!(v = vmw_vnets_get(ret, (unsigned)num, ans->line)))
                        return -ENOMEM;
                if ((r = apply(v, us + 1, ans, file, diags)) < 0)
                        return r;
        }
        return 0;
}
