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
 * The per-worker catalog cache (see catalog_cache.h).
 */

#include <stdlib.h>
#include <string.h>

#include "catalog_cache.h"
#include "db.h"

#define CACHE_IDLE		0
#define CACHE_POLLING		1
#define CACHE_LOADING		2

static void	cache_tick(void *, u_int64_t);
static void	cache_polled(struct store_q *, void *);
static void	cache_loaded(struct store_q *, void *);
static void	cache_load(void);
static void	cache_wake(void);

static struct catalog		*current = NULL;
static struct fmt_discovery	discovery;
static struct store_q		query;
static int			state = CACHE_IDLE;
static int			failed = 0;
static TAILQ_HEAD(, store_waiter)	waiters =
				    TAILQ_HEAD_INITIALIZER(waiters);

void
store_catalog_start(const struct fmt_discovery *d, int interval_ms)
{
	discovery.contact = kore_strdup(d->contact);
	discovery.key_service = kore_strdup(d->key_service);
	discovery.production_url = kore_strdup(d->production_url);
	discovery.test_url = kore_strdup(d->test_url);

	(void)kore_timer_add(cache_tick, (u_int64_t)interval_ms, NULL, 0);
	cache_load();
}

long long
store_catalog_version(void)
{
	return (current != NULL ? current->version : 0);
}

static void
cache_tick(void *arg, u_int64_t now)
{
	(void)arg;
	(void)now;

	if (state != CACHE_IDLE)
		return;

	if (current == NULL) {
		cache_load();
		return;
	}

	state = CACHE_POLLING;
	store_start_cb(&query, SQL_catalog_version, 0, NULL, cache_polled,
	    NULL);
}

static void
cache_polled(struct store_q *q, void *arg)
{
	long long	version;

	(void)arg;
	version = -1;
	if (q->res != NULL && store_rows(q) == 1)
		version = strtoll(store_val(q, 0, 0), NULL, 10);
	store_reset(q);
	state = CACHE_IDLE;

	if (version != -1 && current != NULL && version != current->version)
		cache_load();
}

static void
cache_load(void)
{
	if (state != CACHE_IDLE)
		return;

	state = CACHE_LOADING;
	store_start_cb(&query, SQL_catalog_load, 0, NULL, cache_loaded, NULL);
}

static void
cache_loaded(struct store_q *q, void *arg)
{
	struct catalog	*cat, *old;
	char		err[512];
	long long	version;

	(void)arg;
	cat = NULL;

	if (q->res == NULL || store_rows(q) != 1) {
		kore_log(LOG_WARNING, "catalog load failed: %s", q->error);
	} else {
		version = strtoll(store_val(q, 0, 0), NULL, 10);
		cat = fmt_catalog_parse(store_val(q, 0, 1),
		    strlen(store_val(q, 0, 1)), version, err, sizeof(err));
		if (cat == NULL)
			kore_log(LOG_ERR, "catalog rejected: %s", err);
	}

	store_reset(q);
	state = CACHE_IDLE;

	if (cat != NULL) {
		fmt_catalog_render(cat, &discovery);
		cat->refs = 1;
		old = current;
		current = cat;
		failed = 0;
		if (old != NULL)
			store_catalog_put(old);
		kore_log(LOG_INFO, "catalog version %lld loaded "
		    "(%zu jurisdictions)", cat->version, cat->njurs);
	} else {
		failed = 1;
	}

	cache_wake();
}

static void
cache_wake(void)
{
	struct store_waiter	*w;

	while ((w = TAILQ_FIRST(&waiters)) != NULL) {
		TAILQ_REMOVE(&waiters, w, link);
		w->queued = 0;
		http_request_wakeup(w->req);
	}
}

int
store_catalog_get(struct http_request *req, struct store_waiter *w,
    struct catalog **out)
{
	if (current != NULL) {
		current->refs++;
		*out = current;
		return (STORE_DONE);
	}

	if (w->queued)
		return (STORE_WAIT);

	if (failed && w->req != NULL) {
		w->req = NULL;
		return (STORE_ERROR);
	}

	w->req = req;
	w->queued = 1;
	TAILQ_INSERT_TAIL(&waiters, w, link);
	http_request_sleep(req);
	cache_load();
	return (STORE_WAIT);
}

void
store_catalog_put(struct catalog *cat)
{
	if (cat == NULL)
		return;
	if (--cat->refs == 0)
		cat_free(cat);
}

void
store_catalog_cancel(struct store_waiter *w)
{
	if (w->queued) {
		TAILQ_REMOVE(&waiters, w, link);
		w->queued = 0;
	}
}
