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
 * The route table, dispatch (path, format, method, CORS preflight, query
 * string, JSONP callback, read rate limit) and the parameter, catalog,
 * jurisdiction, window, page, link and location helpers handlers share.
 */

#include <sys/types.h>

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "formats/date.h"
#include "formats/http.h"

#include "app.h"
#include "geo/proj.h"
#include "route.h"
#include "store/requests.h"

static const struct route_def	routes[] = {
	{ "discovery", "discovery", ROUTE_GET, ROUTE_OPEN311,
	    route_discovery },
	{ "services", "services", ROUTE_GET, ROUTE_OPEN311,
	    route_services },
	{ "service_definition", "services/:", ROUTE_GET, ROUTE_OPEN311,
	    route_service_definition },
	{ "requests", "requests", ROUTE_GET | ROUTE_POST, ROUTE_OPEN311,
	    route_requests_get },
	{ "request", "requests/:", ROUTE_GET, ROUTE_OPEN311,
	    route_request_get },
	{ "feedback", "requests/:/feedback", ROUTE_GET | ROUTE_POST,
	    ROUTE_NONE | ROUTE_OPEN311, route_feedback },
	{ "unsubscribe", "unsubscribe", ROUTE_GET | ROUTE_POST, ROUTE_NONE,
	    route_unsubscribe },
	{ "token", "tokens/:", ROUTE_GET, ROUTE_OPEN311, route_token },
	{ "media", "media/:", ROUTE_GET, ROUTE_NONE, route_media },
	{ "admin_link", "admin/requests/:/link", ROUTE_POST, ROUTE_OPEN311,
	    route_admin_link },
	{ "admin_unlink", "admin/requests/:/unlink", ROUTE_POST,
	    ROUTE_OPEN311, route_admin_link },
	{ "admin_update", "admin/requests/:/update", ROUTE_POST,
	    ROUTE_OPEN311, route_admin_update },
	{ "admin_outbox", "admin/outbox", ROUTE_GET, ROUTE_JSON,
	    route_admin_outbox },
	{ "admin_outbox_retry", "admin/outbox/:/retry", ROUTE_POST,
	    ROUTE_JSON, route_admin_outbox },
	{ "admin_destinations", "admin/destinations", ROUTE_GET | ROUTE_POST,
	    ROUTE_JSON, route_admin_destinations },
	{ "admin_destination_remove", "admin/destinations/:/remove",
	    ROUTE_POST, ROUTE_JSON, route_admin_destinations },
	{ "servicerequestupdates", "servicerequestupdates",
	    ROUTE_GET | ROUTE_POST, ROUTE_OPEN311, route_updates },
	{ "jurisdictions", "jurisdictions", ROUTE_GET,
	    ROUTE_JSON | ROUTE_GEOJSON, route_jurisdictions },
	{ "export", "exports/requests", ROUTE_GET, ROUTE_CSV | ROUTE_GEOJSON,
	    route_export },
	{ "stats", "stats", ROUTE_GET, ROUTE_JSON, route_stats },
	{ "metrics", "metrics", ROUTE_GET, ROUTE_NONE, route_metrics },
	{ "healthz", "healthz", ROUTE_GET, ROUTE_NONE, route_healthz },
	{ "readyz", "readyz", ROUTE_GET, ROUTE_NONE, route_readyz },
	{ NULL, NULL, 0, 0, NULL }
};

static void	route_ctx_free(struct http_request *);
static int	route_format(const struct route_def *, const char *);
static int	route_methods_text(int, char *, size_t);

u_int64_t
route_now_us(void)
{
	struct timespec	ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((u_int64_t)ts.tv_sec * 1000000 + (u_int64_t)ts.tv_nsec / 1000);
}

const struct route_def *
route_table(void)
{
	return (routes);
}

static void
route_ctx_free(struct http_request *req)
{
	struct route_ctx	*ctx;

	if ((ctx = http_state_get(req)) == NULL)
		return;

	if (ctx->cleanup != NULL)
		ctx->cleanup(ctx);
	store_reset(&ctx->q);
	store_cache_cancel(&ctx->wait);
	store_catalog_put(ctx->cat);
	fmt_form_free(&ctx->qs);
	fmt_form_free(&ctx->body);
	kore_free(ctx->key_jurisdictions);
}

/* The format a suffix selects on a route, or -1 when not accepted. */
static int
route_format(const struct route_def *def, const char *ext)
{
	if (ext[0] == '\0')
		return ((def->formats & ROUTE_NONE) ? 0 : -1);
	if (!strcmp(ext, "xml"))
		return ((def->formats & ROUTE_XML) ? FMT_XML : -1);
	if (!strcmp(ext, "json"))
		return ((def->formats & ROUTE_JSON) ? FMT_JSON : -1);
	if (!strcmp(ext, "geojson"))
		return ((def->formats & ROUTE_GEOJSON) ? FMT_GEOJSON : -1);
	if (!strcmp(ext, "csv"))
		return ((def->formats & ROUTE_CSV) ? FMT_CSV : -1);
	return (-1);
}

static int
route_methods_text(int methods, char *out, size_t len)
{
	return (snprintf(out, len, "%s%s%s",
	    (methods & ROUTE_GET) ? "GET, HEAD, " : "",
	    (methods & ROUTE_POST) ? "POST, " : "", "OPTIONS"));
}

int
route_dispatch(struct http_request *req)
{
	struct fmt_form_limits	lim;
	const struct cfg	*cfg;
	const struct route_def	*def;
	struct route_ctx	*ctx;
	char			allow[64];
	int			method, fmt, pathmatch;

	if ((ctx = http_state_get(req)) != NULL)
		return (ctx->def->handler(req, ctx));

	ctx = http_state_create(req, sizeof(*ctx), route_ctx_free);
	ctx->t0 = route_now_us();
	ctx->fmt = FMT_XML;
	fmt_form_init(&ctx->qs);
	fmt_form_init(&ctx->body);

	if (fmt_path_parse(req->path, &ctx->path) == -1) {
		ctx->def = &routes[0];
		return (route_error(req, ctx, 400, "malformed request path"));
	}

	if (!strcmp(ctx->path.ext, "json") || !strcmp(ctx->path.ext, "geojson"))
		ctx->fmt = FMT_JSON;

	method = req->method == HTTP_METHOD_HEAD ? HTTP_METHOD_GET :
	    req->method;
	pathmatch = 0;
	for (def = routes; def->name != NULL; def++) {
		if (!fmt_path_match(&ctx->path, def->pattern, ctx->arg, 2))
			continue;
		pathmatch = 1;
		if ((fmt = route_format(def, ctx->path.ext)) == -1)
			continue;
		ctx->def = def;
		ctx->fmt = fmt;
		ctx->slot = (int)(def - routes) + 1;
		if (method == HTTP_METHOD_OPTIONS) {
			(void)route_methods_text(def->methods, allow,
			    sizeof(allow));
			http_response_header(req, "allow", allow);
			http_response_header(req,
			    "access-control-allow-methods", allow);
			http_response_header(req,
			    "access-control-allow-headers", "authorization, "
			    "content-type, idempotency-key, if-none-match, "
			    "if-modified-since");
			http_response_header(req, "access-control-max-age",
			    "86400");
			return (route_reply(req, ctx, 204, NULL, 0, NULL));
		}
		if (def->methods & method)
			break;
		(void)route_methods_text(def->methods, allow, sizeof(allow));
		http_response_header(req, "allow", allow);
		return (route_error(req, ctx, 405, "method %s is not allowed "
		    "on %s; use %s", http_method_text(req->method), req->path,
		    allow));
	}

	if (def->name == NULL) {
		ctx->def = &routes[0];
		if (pathmatch) {
			return (route_error(req, ctx, 404, "unknown format "
			    "'%s': add .xml or .json to the resource path",
			    ctx->path.ext));
		}
		return (route_error(req, ctx, 404, "no resource at %s",
		    req->path));
	}

	if (req->query_string != NULL) {
		cfg = app_config();
		lim.fields = (size_t)cfg->form_fields_max;
		lim.name = 256;
		lim.value = (size_t)cfg->form_field_max;
		lim.file = 0;
		lim.files = 0;
		if (fmt_form_urlencoded(&ctx->qs, req->query_string,
		    strlen(req->query_string), &lim) == -1) {
			return (route_error(req, ctx, 400, "malformed query "
			    "string: %s", ctx->qs.err));
		}
	}

	if (method == HTTP_METHOD_GET && (ctx->fmt == FMT_JSON ||
	    ctx->fmt == FMT_GEOJSON) &&
	    (ctx->callback = route_param(ctx, "callback")) != NULL) {
		if (!fmt_callback_valid(ctx->callback)) {
			ctx->callback = NULL;
			return (route_error(req, ctx, 400, "callback must be a "
			    "JavaScript name such as app.show_requests "
			    "(letters, digits, _, $ and dots, at most %d), not "
			    "'%.40s'", FMT_CALLBACK_MAX,
			    fmt_form_get(&ctx->qs, "callback")));
		}
	}

	/* Writes are counted once their key is known (route_auth). */
	if (method != HTTP_METHOD_POST && def->handler != route_healthz &&
	    def->handler != route_readyz && def->handler != route_metrics &&
	    !route_limit(req, ctx, route_limit_key(req, ctx), 0))
		return (KORE_RESULT_OK);

	return (def->handler(req, ctx));
}

const char *
route_param(const struct route_ctx *ctx, const char *name)
{
	const char	*v;

	v = fmt_form_get(&ctx->body, name);
	if (v == NULL || v[0] == '\0')
		v = fmt_form_get(&ctx->qs, name);
	if (v == NULL || v[0] == '\0')
		return (NULL);
	return (v);
}

int
route_catalog(struct http_request *req, struct route_ctx *ctx)
{
	int	r;

	if (ctx->cat != NULL)
		return (KORE_RESULT_OK);

	r = store_catalog_get(req, &ctx->wait, &ctx->cat);
	if (r == STORE_DONE)
		return (KORE_RESULT_OK);
	if (r == STORE_WAIT)
		return (KORE_RESULT_RETRY);

	(void)route_error(req, ctx, 503, "the service catalog is not "
	    "available yet; try again shortly");
	return (KORE_RESULT_ERROR);
}

struct cat_jurisdiction *
route_jurisdiction(struct http_request *req, struct route_ctx *ctx)
{
	struct cat_jurisdiction	*jur;
	struct fmt_buf		ids;
	const char		*id;
	size_t			i;

	if (ctx->jur != NULL)
		return (ctx->jur);

	id = route_param(ctx, "jurisdiction_id");
	if (id != NULL) {
		if ((jur = cat_jurisdiction_find(ctx->cat, id)) == NULL) {
			(void)route_error(req, ctx, 404, "jurisdiction_id "
			    "'%s' not found", id);
		}
		return (jur);
	}

	if (ctx->cat->njurs == 1)
		return (&ctx->cat->jurs[0]);

	if (ctx->cat->njurs == 0) {
		(void)route_error(req, ctx, 404, "no jurisdiction is "
		    "configured on this endpoint yet");
		return (NULL);
	}

	fmt_buf_init(&ids);
	for (i = 0; i < ctx->cat->njurs; i++)
		fmt_buf_printf(&ids, "%s%s", i ? ", " : "",
		    ctx->cat->jurs[i].id);
	(void)route_error(req, ctx, 400, "jurisdiction_id is required: this "
	    "endpoint serves several jurisdictions (%s)%s", fmt_buf_cstr(&ids),
	    req->method == HTTP_METHOD_POST || ctx->def->handler ==
	    route_services ? "; or send lat and long to choose by location" :
	    "");
	fmt_buf_free(&ids);
	return (NULL);
}


int
route_window(struct http_request *req, struct route_ctx *ctx, char *from,
    char *to)
{
	const char	*s, *e;
	long long	start, end, span;

	span = (long long)app_config()->max_span_days * 86400;
	s = route_param(ctx, "start_date");
	e = route_param(ctx, "end_date");

	end = (long long)time(NULL);
	if (e != NULL && fmt_date_parse(e, &end, NULL) == -1) {
		(void)route_error(req, ctx, 400, "end_date must be a W3C "
		    "date-time such as 2026-11-01T00:00:00Z, not '%.40s'", e);
		return (0);
	}

	start = end - span;
	if (s != NULL && fmt_date_parse(s, &start, NULL) == -1) {
		(void)route_error(req, ctx, 400, "start_date must be a W3C "
		    "date-time such as 2026-11-01T00:00:00Z, not '%.40s'", s);
		return (0);
	}

	/* A start_date ahead of our clock finds nothing yet. */
	if (e != NULL && start > end) {
		(void)route_error(req, ctx, 400, "start_date is after "
		    "end_date");
		return (0);
	}
	if (end - start > span)
		start = end - span;

	(void)snprintf(from, 24, "%lld", start);
	/* No end_date: no upper bound, or this second's requests vanish. */
	if (e == NULL)
		to[0] = '\0';
	else
		(void)snprintf(to, 24, "%lld", end);
	return (1);
}

int
route_page(struct http_request *req, struct route_ctx *ctx, char *limit,
    char *offset)
{
	const char	*p, *size;
	long long	page, n;
	char		*end;

	n = ROUTE_PAGE_SIZE_MAX;
	if ((size = route_param(ctx, "page_size")) == NULL)
		size = route_param(ctx, "max_requests");
	if (size != NULL) {
		n = strtoll(size, &end, 10);
		if (*end != '\0' || !isdigit((unsigned char)*size) || n < 1) {
			(void)route_error(req, ctx, 400, "page_size must be a "
			    "number from 1 to %d, not '%.40s'",
			    ROUTE_PAGE_SIZE_MAX, size);
			return (0);
		}
		if (n > ROUTE_PAGE_SIZE_MAX)
			n = ROUTE_PAGE_SIZE_MAX;
	}

	page = 1;
	if ((p = route_param(ctx, "page")) != NULL) {
		page = strtoll(p, &end, 10);
		if (*end != '\0' || !isdigit((unsigned char)*p) ||
		    page > ROUTE_PAGE_MAX) {
			(void)route_error(req, ctx, 400, "page must be a number "
			    "from 1 to %d (0 is the first page too), not "
			    "'%.40s'", ROUTE_PAGE_MAX, p);
			return (0);
		}
		if (page == 0)
			page = 1;
	}

	(void)snprintf(limit, 16, "%lld", n);
	(void)snprintf(offset, 24, "%lld", (page - 1) * n);
	return (1);
}

int
route_links(struct http_request *req, struct route_ctx *ctx,
    struct fmt_buf *out)
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
		if ((r = fmt_url_check(f->value, f->len)) != FMT_URL_OK) {
			(void)route_error(req, ctx, 400, "media_url must be an "
			    "http or https URL%s, not '%.60s'",
			    r == FMT_URL_NOHOST ? " with a host" : "", f->value);
			return (0);
		}
		if (n == ROUTE_LINKS_MAX) {
			(void)route_error(req, ctx, 400, "at most %d media_url "
			    "links per request", ROUTE_LINKS_MAX);
			return (0);
		}
		links[n++] = f->value;
	}

	store_array_literal(out, links, n);
	return (1);
}

int
route_split(const char *v, struct fmt_buf *out, int status)
{
	const char	*items[ROUTE_LIST_MAX];
	char		*copy, *p, *next, *e;
	int		n, i;

	copy = kore_strdup(v);
	n = 0;
	for (p = copy; p != NULL && n < ROUTE_LIST_MAX; p = next) {
		if ((next = strchr(p, ',')) != NULL)
			*next++ = '\0';
		while (*p == ' ')
			p++;
		e = p + strlen(p);
		while (e > p && e[-1] == ' ')
			*--e = '\0';
		if (*p == '\0')
			continue;
		if (status) {
			for (i = 0; p[i] != '\0'; i++)
				p[i] = (char)tolower((unsigned char)p[i]);
			if (strcmp(p, "open") && strcmp(p, "closed")) {
				kore_free(copy);
				return (-1);
			}
		}
		items[n++] = p;
	}

	store_array_literal(out, items, (size_t)n);
	kore_free(copy);
	return (n);
}

int
route_updated(struct http_request *req, struct route_ctx *ctx, char *after,
    char *before)
{
	const char	*a, *b;
	long long	ta, tb;

	after[0] = before[0] = '\0';
	a = route_param(ctx, "updated_after");
	b = route_param(ctx, "updated_before");
	if (a != NULL && fmt_date_parse(a, &ta, NULL) == -1) {
		(void)route_error(req, ctx, 400, "updated_after must be a W3C "
		    "date-time such as 2026-11-01T00:00:00Z, not '%.40s'", a);
		return (0);
	}
	if (b != NULL && fmt_date_parse(b, &tb, NULL) == -1) {
		(void)route_error(req, ctx, 400, "updated_before must be a W3C "
		    "date-time such as 2026-11-01T00:00:00Z, not '%.40s'", b);
		return (0);
	}
	if (a != NULL && b != NULL && ta > tb) {
		(void)route_error(req, ctx, 400, "updated_after is after "
		    "updated_before");
		return (0);
	}
	if (a != NULL)
		(void)snprintf(after, 24, "%lld", ta);
	if (b != NULL)
		(void)snprintf(before, 24, "%lld", tb);
	return (1);
}

int
route_number(const char *v, double min, double max, char *out)
{
	char	*end;
	double	d;

	if (*v == '\0' || strspn(v, "+-0123456789.eE") != strlen(v) ||
	    strchr("+-.0123456789", *v) == NULL)
		return (0);
	d = strtod(v, &end);
	if (*end != '\0' || !isfinite(d) || d < min || d > max)
		return (0);
	(void)snprintf(out, 32, "%.8f", d);
	return (1);
}

int
route_locate(struct http_request *req, struct route_ctx *ctx,
    const char *lat, const char *lon)
{
	struct cat_jurisdiction	*jur;
	const char		*v[2];
	int			i, r;

	if (!ctx->q.started) {
		v[0] = lat;
		v[1] = lon;
		store_start(&ctx->q, req, SQL_jurisdictions_at, 2, v);
	}

	if ((r = store_step(&ctx->q)) == STORE_WAIT)
		return (KORE_RESULT_RETRY);
	if (r == STORE_ERROR) {
		(void)route_db_error(req, ctx, &ctx->q);
		return (KORE_RESULT_ERROR);
	}

	ctx->nlocated = 0;
	for (i = 0; i < store_rows(&ctx->q) &&
	    ctx->nlocated < ROUTE_LOCATED_MAX; i++) {
		jur = cat_jurisdiction_find(ctx->cat, store_val(&ctx->q, i, 0));
		if (jur != NULL)
			ctx->located[ctx->nlocated++] = jur;
	}
	store_reset(&ctx->q);
	return (KORE_RESULT_OK);
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
