/*
 * xalloc.h - small allocation helpers: growing arrays without overflow and
 * a cleanup attribute for self-freeing locals.
 */
#ifndef VNETAUDIT_XALLOC_H
#define VNETAUDIT_XALLOC_H

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

/* Make *p hold at least need elements of size sz, doubling *cap.  0 or -ENOMEM. */
static inline int grow(void **p, size_t *cap, size_t need, size_t sz)
{
        size_t n = *cap ? *cap : 4;
        void *q;

        if (need <= *cap)
                return 0;
        while (n < need) {
                if (n > SIZE_MAX / 2)
                        return -ENOMEM;
                n *= 2;
        }
        if (n > SIZE_MAX / sz)
                return -ENOMEM;
        q = realloc(*p, n * sz);
        if (!q)
                return -ENOMEM;
        *p = q;
        *cap = n;
        return 0;
}

/* Appends one zeroed element to a counted array; returns it or NULL. */
#define ARRAY_PUSH(arr, n, cap) \
        (grow((void **)&(arr), &(cap), (n) + 1, sizeof(*(arr))) < 0 ? NULL : \
         memset(&(arr)[(n)++], 0, sizeof(*(arr))))

static inline void freep(void *p)
{
        free(*(void **)p);
}
#define _cleanup_free_ __attribute__((cleanup(freep)))

#endif
