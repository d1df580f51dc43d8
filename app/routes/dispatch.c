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
 * Dispatch: the one Kore handler. It finds the route line for the path,
 * its format and the method (answering OPTIONS, 404 and 405 itself),
 * parses the query string and checks a JSONP callback, runs the line's
 * checks (route_auth()) and then its handler, and turns the route result
 * into what Kore expects. Every resource is also served under a
 * jurisdiction's own endpoint URL, "/{jurisdiction_id}/services.json":
 * dispatch takes that segment off the path and, once the jurisdiction is
 * known (else 404), it is the request's jurisdiction_id (route_param());
 * one sent that contradicts it is a 400.
 */

#include <sys/types.h>

#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

#include "app.h"
#include "formats/http.h"
#include "route.h"
#include "shm/metrics.h"

static void	dispatch_free(struct http_request *);
static int	dispatch_format(int, const char *, int *);
static int	dispatch_wants_html(struct http_request *);
static int	dispatch_result(struct http_request *, struct route_ctx *,
		    enum route_result);
static enum route_result	dispatch_match(struct http_request *,
				    struct route_ctx *);
static enum route_result	dispatch_query(struct http_request *,
				    struct route_ctx *);
static struct route_ctx	*dispatch_begin(struct http_request *,
			    enum route_result *);
static int	dispatch_routed(const struct route_def *,
		    const struct fmt_path *);
static void	dispatch_endpoint_path(struct route_ctx *);
static enum route_result	dispatch_endpoint(struct http_request *,
				    struct route_ctx *);
static enum route_result	dispatch_implied(struct http_request *,
				    struct route_ctx *);

static const struct {
	const char	*ext;
	int		bit;
	int		fmt;
} suffixes[] = {
	{ "xml", RF_XML, FMT_XML },
	{ "json", RF_JSON, FMT_JSON },
	{ "geojson", RF_GEOJSON, FMT_GEOJSON },
	{ "csv", RF_CSV, FMT_CSV },
};

static void
dispatch_free(struct http_request *req)
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
	key_clear(&ctx->key);
	kore_free(ctx->key_jurisdictions);
	kore_free(ctx->staff.account);
	OPENSSL_cleanse(ctx->staff.token, sizeof(ctx->staff.token));
}

/*
 * Whether a line answering formats takes suffix ext; if so, the format
 * of the request into *fmt.
 */
static int
dispatch_format(int formats, const char *ext, int *fmt)
{
	size_t	i;

	if (formats & RF_FILE) {
		*fmt = FMT_BARE;
		return (1);
	}
	if (ext[0] == '\0') {
		*fmt = (formats & RF_PAGE) ? FMT_PAGE : FMT_BARE;
		return ((formats & (RF_PAGE | RF_BARE)) != 0);
	}
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		if (!strcmp(ext, suffixes[i].ext)) {
			*fmt = suffixes[i].fmt;
			return ((formats & suffixes[i].bit) != 0);
		}
	}
	return (0);
}

/* 1 when a browser asks: Accept names text/html. */
static int
dispatch_wants_html(struct http_request *req)
{
	const char	*accept;

	return (http_request_header(req, "accept", &accept) &&
	    strstr(accept, "text/html") != NULL);
}

static int
dispatch_result(struct http_request *req, struct route_ctx *ctx,
    enum route_result r)
{
	switch (r) {
	case ROUTE_WAIT:
		return (KORE_RESULT_RETRY);
	case ROUTE_ANSWERED:
		return (KORE_RESULT_OK);
	case ROUTE_CLOSE:
		return (KORE_RESULT_ERROR);
	case ROUTE_NEXT:
		break;
	}

	if (!ctx->replied) {
		kore_log(LOG_ERR, "%s: the handler did not answer",
		    ctx->def->name);
		(void)route_error(req, ctx, 500, "internal error");
	}
	return (KORE_RESULT_OK);
}

/*
 * Finds the line for the path, format and method into ctx->def, or
 * answers OPTIONS (204), an unknown path or format (404) or method (405).
 */
static enum route_result
dispatch_match(struct http_request *req, struct route_ctx *ctx)
{
	const struct route_def	*def, *first;
	char			allow[64];
	int			method, methods, fmt, pathmatch;

	method = req->method == HTTP_METHOD_HEAD ? HTTP_METHOD_GET :
	    req->method;
	first = NULL;
	methods = pathmatch = 0;
	for (def = ctx->table; def->name != NULL; def++) {
		if (!fmt_path_match(&ctx->path, def->pattern, ctx->arg, 2))
			continue;
		pathmatch = 1;
		if (!dispatch_format(def->formats, ctx->path.ext, &fmt))
			continue;
		if (first == NULL) {
			first = def;
			ctx->fmt = fmt;
		}
		methods |= def->method;
		if (def->method == method && ctx->def == NULL) {
			ctx->def = def;
			ctx->fmt = fmt;
		}
	}

	if (first == NULL) {
		ctx->def = ctx->table;
		if (pathmatch)
			return (route_error(req, ctx, 404, "unknown format "
			    "'%s': add .xml or .json to the resource path",
			    ctx->path.ext));
		if (ctx->path.ext[0] == '\0' && dispatch_wants_html(req))
			return (route_page_missing(req, ctx));
		return (route_error(req, ctx, 404, "no resource at %s",
		    req->path));
	}

	if (ctx->def == NULL) {
		ctx->def = first;
		ctx->slot = route_slot(ctx->table, first);
		(void)snprintf(allow, sizeof(allow), "%s%s%s",
		    (methods & ROUTE_GET) ? "GET, HEAD, " : "",
		    (methods & ROUTE_POST) ? "POST, " : "", "OPTIONS");
		http_response_header(req, "allow", allow);
		if (method != HTTP_METHOD_OPTIONS)
			return (route_error(req, ctx, 405, "method %s is not "
			    "allowed on %s; use %s",
			    http_method_text(req->method), req->path, allow));
		http_response_header(req, "access-control-allow-methods",
		    allow);
		http_response_header(req, "access-control-allow-headers",
		    "authorization, content-type, idempotency-key, "
		    "if-none-match, if-modified-since");
		http_response_header(req, "access-control-max-age", "86400");
		return (route_reply(req, ctx, 204, NULL, 0, NULL));
	}

	ctx->slot = route_slot(ctx->table, ctx->def);
	if ((ctx->def->flags & ROUTE_CONSOLE) && ctx->fmt == FMT_BARE)
		ctx->fmt = FMT_JSON;
	return (ROUTE_NEXT);
}

/* The query string into ctx->qs, and the JSONP callback of a GET. */
static enum route_result
dispatch_query(struct http_request *req, struct route_ctx *ctx)
{
	struct fmt_form_limits	lim;
	const struct cfg	*cfg;

	if (req->query_string != NULL) {
		cfg = app_config();
		lim.fields = (size_t)cfg->form_fields_max;
		lim.name = 256;
		lim.value = (size_t)cfg->form_field_max;
		lim.file = 0;
		lim.files = 0;
		if (fmt_form_urlencoded(&ctx->qs, req->query_string,
		    strlen(req->query_string), &lim) == -1)
			return (route_error(req, ctx, 400, "malformed query "
			    "string: %s", ctx->qs.err));
	}

	/* Never JSONP where a session's cookie answers: no script reads it. */
	if (ctx->def->method == ROUTE_GET && (ctx->fmt == FMT_JSON ||
	    ctx->fmt == FMT_GEOJSON) && !(ctx->def->flags & ROUTE_CONSOLE) &&
	    (ctx->callback = route_param(ctx, "callback")) != NULL &&
	    !fmt_callback_valid(ctx->callback)) {
		ctx->callback = NULL;
		return (route_error(req, ctx, 400, "callback must be a "
		    "JavaScript name such as app.show_requests (letters, "
		    "digits, _, $ and dots, at most %d), not '%.40s'",
		    FMT_CALLBACK_MAX, fmt_form_get(&ctx->qs, "callback")));
	}

	return (ROUTE_NEXT);
}

/* Whether a line of table takes path p (in any format or method). */
static int
dispatch_routed(const struct route_def *table, const struct fmt_path *p)
{
	const struct route_def	*def;

	for (def = table; def->name != NULL; def++) {
		if (fmt_path_match(p, def->pattern, NULL, 0))
			return (1);
	}
	return (0);
}

/*
 * A path no line takes whose first segment is followed by one a line
 * does take is a jurisdiction's endpoint: that segment goes into
 * ctx->endpoint, the rest is routed.
 */
static void
dispatch_endpoint_path(struct route_ctx *ctx)
{
	struct fmt_path		rest;

	if (ctx->path.nsegs < 2 || dispatch_routed(ctx->table, &ctx->path))
		return;
	rest = ctx->path;
	(void)fmt_path_shift(&rest);
	if (!dispatch_routed(ctx->table, &rest))
		return;
	ctx->endpoint = fmt_path_shift(&ctx->path);
}

/*
 * The jurisdiction of the endpoint the path names into ctx->implied:
 * ROUTE_NEXT, ROUTE_WAIT while the catalog loads, or ROUTE_ANSWERED
 * after 404 (no such jurisdiction) or 503.
 */
static enum route_result
dispatch_endpoint(struct http_request *req, struct route_ctx *ctx)
{
	struct cat_jurisdiction	*jur;
	enum route_result	r;

	if (ctx->endpoint == NULL || ctx->implied != NULL)
		return (ROUTE_NEXT);
	if ((r = route_catalog(req, ctx)) != ROUTE_NEXT)
		return (r);
	if ((jur = cat_jurisdiction_find(ctx->cat, ctx->endpoint)) == NULL)
		return (route_error(req, ctx, 404, "no jurisdiction '%.128s' "
		    "on this gateway: discovery lists each jurisdiction's "
		    "endpoint", ctx->endpoint));
	ctx->implied = jur->id;
	return (ROUTE_NEXT);
}

/*
 * Under a jurisdiction's endpoint, a jurisdiction_id in the query or the
 * body must be that one: ROUTE_NEXT, or ROUTE_ANSWERED after 400.
 */
static enum route_result
dispatch_implied(struct http_request *req, struct route_ctx *ctx)
{
	const char	*sent[2];
	int		i;

	if (ctx->implied == NULL)
		return (ROUTE_NEXT);
	sent[0] = fmt_form_get(&ctx->qs, "jurisdiction_id");
	sent[1] = fmt_form_get(&ctx->body, "jurisdiction_id");
	for (i = 0; i < 2; i++) {
		if (sent[i] != NULL && sent[i][0] != '\0' &&
		    strcmp(sent[i], ctx->implied))
			return (route_error(req, ctx, 400, "jurisdiction_id "
			    "'%.128s' contradicts this endpoint's "
			    "jurisdiction, %s: leave it out, or use the "
			    "endpoint discovery lists for it", sent[i],
			    ctx->implied));
	}
	return (ROUTE_NEXT);
}

/*
 * The request's context, made once: the route line, the format and the
 * query string. *r is ROUTE_NEXT, or ROUTE_ANSWERED when it answered
 * (a malformed path, 404, 405, OPTIONS, a malformed query).
 */
static struct route_ctx *
dispatch_begin(struct http_request *req, enum route_result *r)
{
	struct route_ctx	*ctx;

	*r = ROUTE_NEXT;
	if ((ctx = http_state_get(req)) != NULL)
		return (ctx);

	ctx = http_state_create(req, sizeof(*ctx), dispatch_free);
	ctx->t0 = route_now_us();
	ctx->fmt = FMT_XML;
	ctx->table = route_table();
	fmt_form_init(&ctx->qs);
	fmt_form_init(&ctx->body);

	if (fmt_path_parse(req->path, &ctx->path) == -1) {
		ctx->def = ctx->table;
		*r = route_error(req, ctx, 400, "malformed request path");
		return (ctx);
	}
	if (!strcmp(ctx->path.ext, "json") || !strcmp(ctx->path.ext, "geojson"))
		ctx->fmt = FMT_JSON;
	dispatch_endpoint_path(ctx);
	if ((*r = dispatch_match(req, ctx)) == ROUTE_NEXT &&
	    (*r = dispatch_query(req, ctx)) == ROUTE_NEXT)
		ctx->handler = ctx->def->handler;
	return (ctx);
}

int
route_early(struct http_request *req)
{
	struct route_ctx	*ctx;
	enum route_result	r;

	if (req->method != HTTP_METHOD_POST || req->owner == NULL)
		return (0);

	/* An answer now is the last on this connection: it lingers. */
	req->owner->flags |= CONN_CLOSE_EMPTY;
	ctx = dispatch_begin(req, &r);
	if (r == ROUTE_NEXT && ctx->def->rate == RATE_WRITE &&
	    !route_limit_early(req, ctx))
		r = ROUTE_ANSWERED;
	if (r != ROUTE_NEXT && ctx->replied)
		return (1);
	req->owner->flags &= ~CONN_CLOSE_EMPTY;
	return (0);
}

int
route_dispatch(struct http_request *req)
{
	struct route_ctx	*ctx;
	enum route_result	r;

	ctx = dispatch_begin(req, &r);
	if (ctx->handler == NULL)
		return (dispatch_result(req, ctx, r));

	if (!ctx->ready) {
		if ((r = dispatch_endpoint(req, ctx)) != ROUTE_NEXT ||
		    (r = route_auth(req, ctx)) != ROUTE_NEXT ||
		    (r = dispatch_implied(req, ctx)) != ROUTE_NEXT)
			return (dispatch_result(req, ctx, r));
		ctx->ready = 1;
	}

	return (dispatch_result(req, ctx, ctx->handler(req, ctx)));
}
