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
 * rendered once. A timer polls the catalog version and reloads on a
 * change, so an import reaches every worker within catalog_refresh_ms
 * without a restart. Requests that arrive before the first load sleep
 * until it finishes.
 */

#ifndef __H_STORE_CATALOG_CACHE
#define __H_STORE_CATALOG_CACHE

#include <sys/queue.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "formats/catalog.h"
#include "model/catalog.h"

struct store_waiter {
	struct http_request		*req;
	int				queued;
	TAILQ_ENTRY(store_waiter)	link;
};

/*
 * Starts the cache for this worker: rendering uses d (copied), and the
 * version is polled every interval_ms.
 */
void	store_catalog_start(const struct fmt_discovery *, int);

/*
 * Gets the current catalog with a reference held for the caller. Returns
 * STORE_DONE with *out set, STORE_WAIT when the first load is still
 * running (req sleeps and is woken; call again, passing the same
 * waiter), or STORE_ERROR when the catalog cannot be loaded.
 */
int	store_catalog_get(struct http_request *, struct store_waiter *,
	    struct catalog **);

/* Drops a reference taken by store_catalog_get(). */
void	store_catalog_put(struct catalog *);

/* Removes a waiter whose request is being freed. */
void	store_catalog_cancel(struct store_waiter *);

/* The version of the catalog this worker serves (0 before the first). */
long long	store_catalog_version(void);

#endif
