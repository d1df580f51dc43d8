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
 * What each worker keeps in memory from the database (the catalog, the
 * API keys): one timer polls cache_versions and reloads a cache whose
 * version moved, so a change reaches every worker within the poll
 * interval. Requests that need a cache before its first load sleep until
 * the load finishes.
 */

#ifndef __H_STORE_CACHE
#define __H_STORE_CACHE

#include <sys/queue.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "db.h"

struct store_waiter {
	struct http_request		*req;
	int				queued;
	TAILQ_ENTRY(store_waiter)	link;
};

/*
 * The column of a load statement's result that holds the version
 * (version comes first in sql/catalog_load.sql and sql/keys_load.sql).
 */
#define STORE_CACHE_VERSION_COL	0

struct store_cache {
	const char		*name;		/* row in cache_versions */
	enum sql_id		load;		/* its load statement */
	/*
	 * Builds the cache from a load result whose column
	 * STORE_CACHE_VERSION_COL is the version. Returns 0, or -1 to keep the previous contents.
	 */
	int			(*apply)(struct store_cache *,
				    struct store_q *);
	long long		version;
	int			loaded;
	int			stale;
	int			failed;

	TAILQ_HEAD(, store_waiter)	waiters;
	TAILQ_ENTRY(store_cache)	link;
};

/* Adds a cache; its first load starts with store_cache_start(). */
void	store_cache_register(struct store_cache *);

/* Starts loading every cache and polls every interval_ms. */
void	store_cache_start(int);

/*
 * Makes sure c is loaded. Returns STORE_DONE, STORE_WAIT (req sleeps;
 * call again with the same waiter once woken), or STORE_ERROR when the
 * first load failed.
 */
int	store_cache_ready(struct store_cache *, struct http_request *,
	    struct store_waiter *);

/* Removes a waiter whose request is being freed. */
void	store_cache_cancel(struct store_waiter *);

#endif
