/*
 * hindex.h - a hash index from keys to positions in a caller's array (the
 * idea of iproute2's ll_map: look links up by index or name without a
 * scan).  It stores only 64-bit hashes and positions; the caller keeps the
 * keys in its own records and confirms each candidate, so the index never
 * owns or copies a key and survives the array being moved by realloc.
 */
#ifndef VNETAUDIT_HINDEX_H
#define VNETAUDIT_HINDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hindex_slot {
        uint64_t hash;
        size_t next;            /* next position in the chain + 1; 0 ends it */
        bool used;
};

struct hindex {
        size_t *buckets;        /* first position of each chain + 1; 0 = empty */
        size_t *tails;          /* last position of each chain + 1 */
        size_t n_buckets;       /* a power of two, or 0 before the first put */
        struct hindex_slot *slots;      /* one per position */
        size_t n_slots, cap_slots;
        size_t n_used;
};

#define HINDEX_SEED 0xcbf29ce484222325ull       /* FNV-1a offset basis */

/* FNV-1a over n bytes, continuing from h (start with HINDEX_SEED). */
uint64_t hindex_hash_bytes(uint64_t h, const void *p, size_t n);
uint64_t hindex_hash_str(uint64_t h, const char *s);

/* Records that position pos has a key hashing to hash.  A position is put
 * at most once (until hindex_clear).  0 or -ENOMEM. */
int hindex_put(struct hindex *x, size_t pos, uint64_t hash);
/* Candidates for hash: hindex_first() returns a position + 1 (0 = none),
 * hindex_next() the one after it; every candidate's hash equals hash, so
 * the caller only compares keys to rule out a collision.  Candidates come
 * in ascending position order when positions were put in ascending order
 * (so the first match is the one a scan of the array finds first). */
size_t hindex_first(const struct hindex *x, uint64_t hash);
size_t hindex_next(const struct hindex *x, size_t it, uint64_t hash);
/* Forgets every position, keeps the memory. */
void hindex_clear(struct hindex *x);
void hindex_free(struct hindex *x);

#endif
