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
 * What handlers share beyond answering: running a handler's named steps,
 * running a query step, reading parameters (through formats/params.c,
 * answering 400 with its message), and the catalog, jurisdiction and
 * location a request resolves.
 */

#include <sys/types.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "formats/http.h"
#include "formats/params.h"
#include "geo/proj.h"
#include "route.h"

enum route_result
route_run(struct http_request *req, struct route_ctx *ctx,
    const struct route_step *steps, size_t n)
{
	enum route_result	r;
	int			s;

	while (ctx->step >= 0 && (size_t)ctx->step < n) {
		s = ctx->step;
		ctx->stepname = steps[s].name;
		if ((r = steps[s].run(req, ctx)) != ROUTE_NEXT)
			return (r);
		if (ctx->step == s)
			ctx->step++;
	}

	kore_log(LOG_ERR, "%s: no step %d answered", ctx->def->name,
	    ctx->step);
	return (route_error(req, ctx, 500, "internal error"));
}

int
route_slot(const struct route_def *table, const struct route_def *def)
{
	const struct route_def	*d;
	int			slot;

	slot = 1;
	for (d = table + 1; d <= def; d++) {
		if (strcmp(d->name, d[-1].name))
			slot++;
	}
	return (slot);
}

int
route_slots(void)
{
	const struct route_def	*t, *d;

	t = route_table();
	for (d = t; d[1].name != NULL; d++)
		;
	return (route_slot(t, d) + 1);
}

enum route_result
route_handover(struct http_request *req, struct route_ctx *ctx,
    enum route_result (*handler)(struct http_request *, struct route_ctx *))
{
	store_reset(&ctx->q);
	ctx->step = 0;
	ctx->handler = handler;
	return (handler(req, ctx));
}

enum route_result
route_query(struct http_request *req, struct route_ctx *ctx,
    struct store_q *q)
{
	switch (store_step(q)) {
	case STORE_DONE:
		return (ROUTE_NEXT);
	case STORE_WAIT:
		return (ROUTE_WAIT);
	default:
		return (route_db_error(req, ctx, q));
	}
}

const char *
route_param(const struct route_ctx *ctx, const char *name)
{
	const char	*v;

	if (ctx->implied != NULL && !strcmp(name, "jurisdiction_id"))
		return (ctx->implied);
	v = fmt_form_get(&ctx->body, name);
	if (v == NULL || v[0] == '\0')
		v = fmt_form_get(&ctx->qs, name);
	if (v == NULL || v[0] == '\0')
		return (NULL);
	return (v);
}

int
route_extensions(const struct route_ctx *ctx)
{
	return (ctx->extended ||
	    params_bool(route_param(ctx, "extensions"), 0) == 1);
}

enum route_result
route_catalog(struct http_request *req, struct route_ctx *ctx)
{
	if (ctx->cat != NULL)
		return (ROUTE_NEXT);

	switch (store_catalog_get(req, &ctx->wait, &ctx->cat)) {
	case STORE_DONE:
		return (ROUTE_NEXT);
	case STORE_WAIT:
		return (ROUTE_WAIT);
	default:
		return (route_error(req, ctx, 503, "the service catalog is "
		    "not available yet; try again shortly"));
	}
}

enum route_result
route_jurisdiction(struct http_request *req, struct route_ctx *ctx,
    int locates)
{
	struct buf	ids;
	const char	*id;
	size_t		i;

	if (ctx->jur != NULL)
		return (ROUTE_NEXT);

	if ((id = route_param(ctx, "jurisdiction_id")) != NULL) {
		if ((ctx->jur = cat_jurisdiction_find(ctx->cat, id)) == NULL)
			return (route_error(req, ctx, 404, "jurisdiction_id "
			    "'%s' not found", id));
		return (ROUTE_NEXT);
	}

	if (ctx->cat->njurs == 1) {
		ctx->jur = &ctx->cat->jurs[0];
		return (ROUTE_NEXT);
	}

	if (ctx->cat->njurs == 0)
		return (route_error(req, ctx, 404, "no jurisdiction is "
		    "configured on this endpoint yet"));

	id = app_config()->default_jurisdiction;
	if (id[0] != '\0' &&
	    (ctx->jur = cat_jurisdiction_find(ctx->cat, id)) != NULL)
		return (ROUTE_NEXT);

	buf_init(&ids);
	for (i = 0; i < ctx->cat->njurs; i++)
		buf_printf(&ids, "%s%s", i ? ", " : "", ctx->cat->jurs[i].id);
	(void)route_error(req, ctx, 400, "jurisdiction_id is required: this "
	    "endpoint serves several jurisdictions (%s)%s", buf_cstr(&ids),
	    locates ? "; or send lat and long to choose by location" : "");
	buf_free(&ids);
	return (ROUTE_ANSWERED);
}

enum route_result
route_locate(struct http_request *req, struct route_ctx *ctx,
    const char *lat, const char *lon)
{
	struct cat_jurisdiction	*jur;
	enum route_result	r;
	const char		*v[2];
	int			i;

	if (!ctx->q.started) {
		v[0] = lat;
		v[1] = lon;
		store_start(&ctx->q, req, SQL_jurisdictions_at, 2, v);
	}
	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);

	ctx->nlocated = 0;
	for (i = 0; i < store_rows(&ctx->q) &&
	    ctx->nlocated < ROUTE_LOCATED_MAX; i++) {
		jur = cat_jurisdiction_find(ctx->cat, store_val(&ctx->q, i, 0));
		if (jur != NULL)
			ctx->located[ctx->nlocated++] = jur;
	}
	store_reset(&ctx->q);
	return (ROUTE_NEXT);
}

void
route_local_xy(const struct route_ctx *ctx, struct req_row *rows, size_t n)
{
	const struct cat_jurisdiction	*jur;
	const struct geo_crs		*crs;
	struct req_row			*r;
	double				x, y;
	size_t				i;

	for (i = 0; i < n; i++) {
		r = &rows[i];
		if (r->lat == NULL || r->lon == NULL ||
		    r->jurisdiction_id == NULL || ctx->cat == NULL)
			continue;
		jur = cat_jurisdiction_find(ctx->cat, r->jurisdiction_id);
		if (jur == NULL || jur->srid == 4326 ||
		    (crs = geo_crs(jur->srid)) == NULL)
			continue;
		if (geo_to_local(crs, strtod(r->lat, NULL),
		    strtod(r->lon, NULL), &x, &y) == -1)
			continue;
		(void)snprintf(r->x, sizeof(r->x), "%.2f", x);
		(void)snprintf(r->y, sizeof(r->y), "%.2f", y);
		r->crs = crs->name;
	}
}

enum route_result
route_window(struct http_request *req, struct route_ctx *ctx, char *from,
    char *to)
{
	struct params_dates	d;
	char			err[PARAMS_ERRLEN];

	if (params_window(route_param(ctx, "start_date"),
	    route_param(ctx, "end_date"), (long long)time(NULL),
	    (long long)app_config()->max_span_days * 86400, PARAMS_WINDOW_CUT,
	    &d, err, sizeof(err)) == -1)
		return (route_error(req, ctx, 400, "%s", err));

	(void)snprintf(from, 24, "%lld", d.from);
	/* No end_date: no upper bound, or this second's requests vanish. */
	to[0] = '\0';
	if (d.has_to)
		(void)snprintf(to, 24, "%lld", d.to);
	return (ROUTE_NEXT);
}

enum route_result
route_updated(struct http_request *req, struct route_ctx *ctx, char *after,
    char *before)
{
	struct params_dates	d;
	char			err[PARAMS_ERRLEN];

	if (params_dates("updated_after", route_param(ctx, "updated_after"),
	    "updated_before", route_param(ctx, "updated_before"), 0, &d, err,
	    sizeof(err)) == -1)
		return (route_error(req, ctx, 400, "%s", err));

	after[0] = before[0] = '\0';
	if (d.has_from)
		(void)snprintf(after, 24, "%lld", d.from);
	if (d.has_to)
		(void)snprintf(before, 24, "%lld", d.to);
	return (ROUTE_NEXT);
}

enum route_result
route_page(struct http_request *req, struct route_ctx *ctx, char *limit,
    char *offset, const char *deeper)
{
	const char	*size;
	char		err[PARAMS_ERRLEN];
	long long	n, skip;

	if ((size = route_param(ctx, "page_size")) == NULL)
		size = route_param(ctx, "max_requests");
	if (params_page(route_param(ctx, "page"), size, &n, &skip, err,
	    sizeof(err)) == -1)
		return (route_error(req, ctx, 400, "%s", err));
	if (skip > app_config()->max_page_offset)
		return (route_error(req, ctx, 400, "page %s of %lld skips "
		    "%lld rows, more than max_page_offset (%d) allows; %s",
		    route_param(ctx, "page"), n, skip,
		    app_config()->max_page_offset, deeper));

	(void)snprintf(limit, 16, "%lld", n);
	(void)snprintf(offset, 24, "%lld", skip);
	return (ROUTE_NEXT);
}

enum route_result
route_links(struct http_request *req, struct route_ctx *ctx,
    struct buf *out)
{
	const struct fmt_field	*f;
	const char		*links[ROUTE_LINKS_MAX];
	size_t			i, n;
	int			r;

	n = 0;
	for (i = 0; i < ctx->body.n; i++) {
		f = &ctx->body.f[i];
		if (f->file || strcmp(f->name, "media_url") || f->len == 0)
			continue;
		if ((r = fmt_url_check(f->value, f->len)) != FMT_URL_OK)
			return (route_error(req, ctx, 400, "media_url must be "
			    "an http or https URL%s, not '%.60s'",
			    r == FMT_URL_NOHOST ? " with a host" : "",
			    f->value));
		if (n == ROUTE_LINKS_MAX)
			return (route_error(req, ctx, 400, "at most %d "
			    "media_url links per request", ROUTE_LINKS_MAX));
		links[n++] = f->value;
	}

	params_pg_array(out, links, n);
	return (ROUTE_NEXT);
}

enum route_result
route_text(struct http_request *req, struct route_ctx *ctx, const char *name,
    int class, size_t maxchars)
{
	const char	*v;
	char		err[PARAMS_ERRLEN];

	if ((v = route_param(ctx, name)) != NULL &&
	    params_text(name, v, class, maxchars, err, sizeof(err)) == -1)
		return (route_error(req, ctx, 400, "%s", err));
	return (ROUTE_NEXT);
}
