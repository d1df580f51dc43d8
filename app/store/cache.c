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
 * The worker caches' shared poll and load machinery (see cache.h).
 */

#include <stdlib.h>
#include <string.h>

#include "cache.h"

static void	cache_tick(void *, u_int64_t);
static void	cache_polled(struct store_q *, void *);
static void	cache_loaded(struct store_q *, void *);
static int	cache_next(void);
static void	cache_wake(struct store_cache *);

static TAILQ_HEAD(, store_cache)	caches = TAILQ_HEAD_INITIALIZER(caches);
static struct store_q			query;
static struct store_cache		*loading = NULL;
static int				busy = 0;

void
store_cache_register(struct store_cache *c)
{
	c->version = 0;
	c->loaded = 0;
	c->stale = 1;
	c->failed = 0;
	TAILQ_INIT(&c->waiters);
	TAILQ_INSERT_TAIL(&caches, c, link);
}

void
store_cache_start(int interval_ms)
{
	(void)kore_timer_add(cache_tick, (u_int64_t)interval_ms, NULL, 0);
	(void)cache_next();
}

/* Starts loading the first stale cache; returns 0 when none is. */
static int
cache_next(void)
{
	struct store_cache	*c;

	if (busy)
		return (1);

	TAILQ_FOREACH(c, &caches, link) {
		if (!c->stale)
			continue;
		busy = 1;
		loading = c;
		store_start_cb(&query, c->load, 0, NULL, cache_loaded, NULL);
		return (1);
	}

	return (0);
}

static void
cache_tick(void *arg, u_int64_t now)
{
	(void)arg;
	(void)now;

	if (busy || cache_next())
		return;

	busy = 1;
	store_start_cb(&query, SQL_cache_versions, 0, NULL, cache_polled,
	    NULL);
}

static void
cache_polled(struct store_q *q, void *arg)
{
	struct store_cache	*c;
	long long		v;
	int			i;

	(void)arg;
	for (i = 0; i < store_rows(q); i++) {
		v = strtoll(store_val(q, i, COL_CACHE_VERSIONS_VERSION),
		    NULL, 10);
		TAILQ_FOREACH(c, &caches, link) {
			if (!strcmp(c->name, store_val(q, i,
			    COL_CACHE_VERSIONS_NAME)) &&
			    c->version != v)
				c->stale = 1;
		}
	}

	store_reset(q);
	busy = 0;
	(void)cache_next();
}

static void
cache_loaded(struct store_q *q, void *arg)
{
	struct store_cache	*c;

	(void)arg;
	c = loading;
	loading = NULL;

	if (q->res != NULL && store_rows(q) >= 1 && c->apply(c, q) == 0) {
		c->version = strtoll(store_val(q, 0, STORE_CACHE_VERSION_COL),
		    NULL, 10);
		kore_log(LOG_INFO, "cache %s version %lld loaded", c->name,
		    c->version);
		c->loaded = 1;
		c->stale = 0;
		c->failed = 0;
	} else {
		kore_log(LOG_WARNING, "%s cache load failed: %s", c->name,
		    q->error[0] ? q->error : "rejected");
		c->failed = 1;
	}

	store_reset(q);
	busy = 0;
	cache_wake(c);

	/* After a failure the next tick retries, instead of spinning. */
	if (!c->failed)
		(void)cache_next();
}

static void
cache_wake(struct store_cache *c)
{
	struct store_waiter	*w;

	while ((w = TAILQ_FIRST(&c->waiters)) != NULL) {
		TAILQ_REMOVE(&c->waiters, w, link);
		w->queued = 0;
		http_request_wakeup(w->req);
	}
}

int
store_cache_ready(struct store_cache *c, struct http_request *req,
    struct store_waiter *w)
{
	if (c->loaded)
		return (STORE_DONE);

	if (w->queued)
		return (STORE_WAIT);

	if (c->failed && w->req != NULL) {
		w->req = NULL;
		return (STORE_ERROR);
	}

	w->req = req;
	w->queued = 1;
	TAILQ_INSERT_TAIL(&c->waiters, w, link);
	http_request_sleep(req);
	c->stale = 1;
	(void)cache_next();
	return (STORE_WAIT);
}

void
store_cache_cancel(struct store_waiter *w)
{
	struct store_cache	*c;
	struct store_waiter	*x;

	if (!w->queued)
		return;

	TAILQ_FOREACH(c, &caches, link) {
		TAILQ_FOREACH(x, &c->waiters, link) {
			if (x == w) {
				TAILQ_REMOVE(&c->waiters, w, link);
				w->queued = 0;
				return;
			}
		}
	}
}
