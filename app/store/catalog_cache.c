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
#include "formats/catalog.h"
#include "geo/proj.h"

static int	catalog_apply(struct store_cache *, struct store_q *);
static void	catalog_crs(const struct catalog *);

static struct catalog		*current = NULL;
static struct fmt_discovery	discovery;
static struct store_cache	cache = {
	.name = "catalog",
	.load = SQL_catalog_load,
	.apply = catalog_apply,
};

void
store_catalog_init(const struct fmt_discovery *d)
{
	discovery.contact = kore_strdup(d->contact);
	discovery.key_service = kore_strdup(d->key_service);
	discovery.production_url = kore_strdup(d->production_url);
	discovery.test_url = kore_strdup(d->test_url);
	store_cache_register(&cache);
}

long long
store_catalog_version(void)
{
	return (current != NULL ? current->version : 0);
}

/*
 * Creates each jurisdiction's PROJ transformation now, so no request
 * ever waits for one.
 */
static void
catalog_crs(const struct catalog *cat)
{
	size_t		i;

	for (i = 0; i < cat->njurs; i++) {
		if (cat->jurs[i].srid == 4326)
			continue;
		if (geo_crs(cat->jurs[i].srid) == NULL) {
			kore_log(LOG_WARNING, "%s: PROJ cannot project to "
			    "EPSG:%d; x/y are unavailable", cat->jurs[i].id,
			    cat->jurs[i].srid);
		}
	}
}

static int
catalog_apply(struct store_cache *c, struct store_q *q)
{
	struct catalog	*cat, *old;
	const char	*doc;
	char		err[512];
	long long	version;

	(void)c;
	version = strtoll(store_val(q, 0, COL_CATALOG_LOAD_VERSION), NULL, 10);
	doc = store_val(q, 0, COL_CATALOG_LOAD_DOCUMENT);
	if ((cat = fmt_catalog_parse(doc, strlen(doc), version, err,
	    sizeof(err))) == NULL) {
		kore_log(LOG_ERR, "catalog rejected: %s", err);
		return (-1);
	}

	fmt_catalog_render(cat, &discovery);
	catalog_crs(cat);
	cat->refs = 1;
	old = current;
	current = cat;
	store_catalog_put(old);
	return (0);
}

int
store_catalog_get(struct http_request *req, struct store_waiter *w,
    struct catalog **out)
{
	int	r;

	if ((r = store_cache_ready(&cache, req, w)) != STORE_DONE)
		return (r);

	current->refs++;
	*out = current;
	return (STORE_DONE);
}

void
store_catalog_put(struct catalog *cat)
{
	if (cat != NULL && --cat->refs == 0)
		cat_free(cat);
}
