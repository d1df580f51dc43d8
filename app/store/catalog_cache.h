/*
 * Copyright (c) 2026 The open311d authors
 *
 * Permission to use, copy, modify, and distribute this software for any
 * purpose with or without fee is hereby granted, provided that the above
 * copyright notice and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
 * WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
 * MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
 * ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
 * WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
 * ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
 * OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.
 */

/*
 * Each worker's copy of the service catalog, with its response bodies
 * rendered once, kept current by the worker cache poll (cache.h).
 */

#ifndef __H_STORE_CATALOG_CACHE
#define __H_STORE_CATALOG_CACHE

#include "cache.h"
#include "formats/catalog_render.h"
#include "model/catalog.h"

/* Registers the catalog cache; rendering uses d (copied). */
void	store_catalog_init(const struct fmt_discovery *);

/*
 * Gets the current catalog with a reference held for the caller. Returns
 * STORE_DONE with *out set, STORE_WAIT while the first load runs (req
 * sleeps; call again with the same waiter), or STORE_ERROR.
 */
int	store_catalog_get(struct http_request *, struct store_waiter *,
	    struct catalog **);

/* Drops a reference taken by store_catalog_get(). */
void	store_catalog_put(struct catalog *);

/* The version of the catalog this worker serves (0 before the first). */
long long	store_catalog_version(void);

#endif
