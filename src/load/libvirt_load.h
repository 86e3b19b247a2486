/*
 * libvirt_load.h - libvirt's networks into the inventory: from the libvirt
 * API (any URI), or, when that is off or unreachable, from libvirt's files
 * below --root (defined networks, autostart links, live status files).
 */
#ifndef VNETAUDIT_LIBVIRT_LOAD_H
#define VNETAUDIT_LIBVIRT_LOAD_H

#include "inventory.h"
#include "options.h"

/* 0, or -ENOMEM.  Everything else (no daemon, bad files) is a diagnostic
 * in inv->diags. */
int libvirt_load(struct inventory *inv, const struct options *opt);

/* libvirt's files can be read while the kernel is asked for its links:
 * in files mode (--offline or --libvirt-uri none) this starts reading
 * both directories in background threads and returns their handle, else
 * NULL.  libvirt_load_prefetched() with it gives what libvirt_load()
 * gives, diagnostics in the same order; pf is freed (and its threads
 * joined) with libvirt_prefetch_free() in any case.  NULL = not started. */
struct libvirt_prefetch;
struct libvirt_prefetch *libvirt_prefetch_start(const struct options *opt);
int libvirt_load_prefetched(struct inventory *inv, const struct options *opt,
                            struct libvirt_prefetch *pf);
void libvirt_prefetch_free(struct libvirt_prefetch *pf);

#endif
