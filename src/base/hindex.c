/*
 * hindex.c - chained hash index of positions (see hindex.h).  Buckets
 * double when the load passes one, so a lookup costs O(1) on average
 * whatever the number of networks or links; chains hold positions, never
 * pointers, because the arrays they index grow by realloc, and keep the
 * order positions were put in.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hindex.h"
#include "xalloc.h"

#define FNV_PRIME 0x100000001b3ull

uint64_t hindex_hash_bytes(uint64_t h, const void *p, size_t n)
{
        const unsigned char *b = p;

        for (size_t i = 0; i < n; i++) {
                h ^= b[i];
                h *= FNV_PRIME;
        }
        return h;
}

uint64_t hindex_hash_str(uint64_t h, const char *s)
{
        return hindex_hash_bytes(h, s, strlen(s));
}

/* FNV's low bits mix poorly for short keys: fold the high half in. */
static size_t bucket_of(const struct hindex *x, uint64_t hash)
{
        return (size_t)((hash ^ (hash >> 29) ^ (hash >> 47)) & (x->n_buckets - 1));
}

/* Appends: a chain keeps the order in which positions were put. */
static void link_slot(struct hindex *x, size_t pos)
{
        size_t b = bucket_of(x, x->slots[pos].hash);

        x->slots[pos].next = 0;
        if (x->tails[b])
                x->slots[x->tails[b] - 1].next = pos + 1;
        else
                x->buckets[b] = pos + 1;
        x->tails[b] = pos + 1;
}

static int rehash(struct hindex *x, size_t n_buckets)
{
        size_t *nb = calloc(n_buckets, sizeof(*nb)), *nt = calloc(n_buckets, sizeof(*nt));

        if (!nb || !nt) {
                free(nb);
                free(nt);
                return -ENOMEM;
        }
        free(x->buckets);
        free(x->tails);
        x->buckets = nb;
        x->tails = nt;
        x->n_buckets = n_buckets;
        for (size_t pos = 0; pos < x->n_slots; pos++)
                if (x->slots[pos].used)
                        link_slot(x, pos);
        return 0;
}

int hindex_put(struct hindex *x, size_t pos, uint64_t hash)
{
        if (pos >= x->n_slots) {
                if (pos == SIZE_MAX ||
                    grow((void **)&x->slots, &x->cap_slots, pos + 1, sizeof(*x->slots)) < 0)
                        return -ENOMEM;
                memset(&x->slots[x->n_slots], 0, (pos + 1 - x->n_slots) * sizeof(*x->slots));
                x->n_slots = pos + 1;
        }
        if (x->slots[pos].used)
                return -EEXIST;
        if (x->n_used + 1 > x->n_buckets) {
                size_t want = x->n_buckets ? x->n_buckets * 2 : 16;

                if (want < x->n_buckets || rehash(x, want) < 0)
                        return -ENOMEM;
        }
        x->slots[pos].hash = hash;
        x->slots[pos].used = true;
        x->n_used++;
        link_slot(x, pos);
        return 0;
}

static size_t scan(const struct hindex *x, size_t it, uint64_t hash)
{
        while (it && x->slots[it - 1].hash != hash)
                it = x->slots[it - 1].next;
        return it;
}

size_t hindex_first(const struct hindex *x, uint64_t hash)
{
        if (!x->n_buckets)
                return 0;
        return scan(x, x->buckets[bucket_of(x, hash)], hash);
}

size_t hindex_next(const struct hindex *x, size_t it, uint64_t hash)
{
        return it ? scan(x, x->slots[it - 1].next, hash) : 0;
}

void hindex_clear(struct hindex *x)
{
        if (x->buckets) {
                memset(x->buckets, 0, x->n_buckets * sizeof(*x->buckets));
                memset(x->tails, 0, x->n_buckets * sizeof(*x->tails));
        }
        x->n_slots = 0;
        x->n_used = 0;
}

void hindex_free(struct hindex *x)
{
        if (!x)
                return;
        free(x->buckets);
        free(x->tails);
        free(x->slots);
        *x = (struct hindex){ 0 };
}
