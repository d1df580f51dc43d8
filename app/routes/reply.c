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
 * The one place answers leave the server: CORS, JSONP, entity tags and
 * conditional GETs (304), Open311 error bodies in the requested format,
 * the access log line and the request metrics.
 */

#include <sys/types.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "formats/html.h"
#include "formats/http.h"
#include "formats/params.h"
#include "route.h"
#include "shm/metrics.h"

#define JS_TYPE		"application/javascript; charset=utf-8"

/*
 * Last-Modified is only given once this many seconds have passed since:
 * a change stamped earlier in the same second (or by a transaction still
 * committing) would otherwise hide behind the same date.
 */
#define LASTMOD_SETTLE	2

static void	reply_log_str(struct buf *, const char *);
static const char	*reply_page_title(int);
static int	reply_conditional(struct http_request *, struct route_ctx *,
		    const void *, size_t);

/* Writes s for a log line, with anything unprintable as \xHH. */
static void
reply_log_str(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x21 || (unsigned char)*s > 0x7e ||
		    *s == '"' || *s == '\\')
			buf_printf(b, "\\x%02x", (unsigned char)*s);
		else
			buf_byte(b, *s);
	}
}

u_int64_t
route_now_us(void)
{
	struct timespec	ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((u_int64_t)ts.tv_sec * 1000000 + (u_int64_t)ts.tv_nsec / 1000);
}

void
route_address(struct http_request *req, int forwarded, char *out,
    size_t len)
{
	const struct connection	*c;
	const void		*addr;
	const char		*fwd;

	fwd = NULL;
	if (forwarded && app_config()->trust_forwarded_for &&
	    !http_request_header(req, "x-forwarded-for", &fwd))
		fwd = NULL;

	addr = NULL;
	if ((c = req->owner) != NULL && c->family == AF_INET)
		addr = &c->addr.ipv4.sin_addr;
	else if (c != NULL && c->family == AF_INET6)
		addr = &c->addr.ipv6.sin6_addr;
	params_address(c != NULL ? c->family : AF_UNSPEC, addr, fwd,
	    app_config()->forwarded_hops, out, len);
}

void
route_finish(struct http_request *req, struct route_ctx *ctx, int status,
    size_t len)
{
	struct buf	b, qs;
	char		addr[INET6_ADDRSTRLEN];
	u_int64_t	us;

	us = route_now_us() - ctx->t0;
	met_request(app_metrics(), ctx->slot, req->method == HTTP_METHOD_POST,
	    status, us);
	if (!app_config()->access_log)
		return;

	route_address(req, 0, addr, sizeof(addr));
	buf_init(&b);
	buf_printf(&b, "access %s %s ", addr, http_method_text(req->method));
	reply_log_str(&b, req->path);
	if (req->query_string != NULL) {
		buf_init(&qs);
		fmt_query_redact(&qs, req->query_string);
		buf_byte(&b, '?');
		reply_log_str(&b, buf_cstr(&qs));
		buf_free(&qs);
	}
	buf_printf(&b, " %d %zu %llu.%03llums\n", status, len,
	    (unsigned long long)(us / 1000),
	    (unsigned long long)(us % 1000));
	fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
}

/*
 * Validators of a successful GET: the entity tag (the handler's, or a
 * hash of the body), Last-Modified once it has settled, and the caching
 * policy. Returns 1 when the client's copy is current (304).
 */
static int
reply_conditional(struct http_request *req, struct route_ctx *ctx,
    const void *body, size_t len)
{
	const char	*inm, *ims;
	char		tag[FMT_ETAG_LEN], date[FMT_HTTP_DATE_LEN];
	long long	since;
	int		lastmod;

	if (ctx->etag == NULL) {
		fmt_etag(body, len, tag);
		http_response_header(req, "etag", tag);
	} else {
		http_response_header(req, "etag", ctx->etag);
	}

	lastmod = ctx->modified > 0 &&
	    ctx->modified + LASTMOD_SETTLE < (long long)time(NULL);
	if (lastmod) {
		fmt_http_date(ctx->modified, date);
		http_response_header(req, "last-modified", date);
	}

	if (ctx->cache != NULL) {
		http_response_header(req, "cache-control", ctx->cache);
	} else {
		http_response_header(req, "cache-control", ctx->key.id != 0 ||
		    http_request_header(req, "authorization", &inm) ?
		    "private, no-cache" : "no-cache");
	}

	/* If-None-Match decides when sent; If-Modified-Since only without. */
	if (http_request_header(req, "if-none-match", &inm))
		return (fmt_etag_match(inm, ctx->etag ? ctx->etag : tag));
	if (lastmod && http_request_header(req, "if-modified-since", &ims) &&
	    fmt_http_date_parse(ims, &since) == 0)
		return (ctx->modified <= since);
	return (0);
}

void
route_headers(struct http_request *req)
{
	http_response_header(req, "access-control-allow-origin", "*");
	http_response_header(req, "access-control-expose-headers",
	    "etag, link, retry-after");
	http_response_header(req, "x-content-type-options", "nosniff");
}

enum route_result
route_reply(struct http_request *req, struct route_ctx *ctx, int status,
    const void *body, size_t len, const char *ctype)
{
	struct buf	js;
	int		get;

	get = req->method == HTTP_METHOD_GET || req->method == HTTP_METHOD_HEAD;
	route_headers(req);

	/* JSONP: the JSON document as the argument of the callback. */
	buf_init(&js);
	if (get && ctx->callback != NULL && ctype != NULL &&
	    strstr(ctype, "json") != NULL) {
		buf_printf(&js, "/**/%s(", ctx->callback);
		buf_add(&js, body, len);
		buf_str(&js, ");\n");
		body = js.data;
		len = js.len;
		ctype = JS_TYPE;
	}

	if (get && status == 200 && reply_conditional(req, ctx, body, len)) {
		status = 304;
		body = NULL;
		len = 0;
		ctype = NULL;
		req->flags |= HTTP_REQUEST_NO_CONTENT_LENGTH;
	}

	if (ctype != NULL)
		http_response_header(req, "content-type", ctype);
	http_response(req, status, body, len);
	buf_free(&js);
	ctx->replied = 1;
	route_finish(req, ctx, status, len);
	return (ROUTE_ANSWERED);
}

enum route_result
route_reply_doc(struct http_request *req, struct route_ctx *ctx,
    int status, const struct buf *doc)
{
	return (route_reply(req, ctx, status, doc->data, doc->len,
	    fmt_content_type(ctx->fmt == FMT_GEOJSON ? FMT_JSON : ctx->fmt)));
}

enum route_result
route_reply_json(struct http_request *req, struct route_ctx *ctx,
    int status, const char *json)
{
	return (route_reply(req, ctx, status, json, strlen(json),
	    fmt_content_type(FMT_JSON)));
}

enum route_result
route_reply_page(struct http_request *req, struct route_ctx *ctx,
    int status, const char *title, const char *text, const char *form)
{
	enum route_result	r;
	struct buf		b;

	buf_init(&b);
	fmt_html_page(&b, title, text, form);
	ctx->cache = "no-store";
	r = route_reply(req, ctx, status, b.data, b.len, FMT_HTML_TYPE);
	buf_free(&b);
	return (r);
}

/* A page's title for an error status. */
static const char *
reply_page_title(int status)
{
	if (status == 404)
		return ("Link not valid");
	if (status == 429 || status == 503)
		return ("Try again shortly");
	return ("Not sent");
}

enum route_result
route_error(struct http_request *req, struct route_ctx *ctx, int status,
    const char *fmt, ...)
{
	enum route_result	r;
	struct buf		body, msg;
	struct fmt_doc		doc;
	va_list			ap;
	int			type;

	buf_init(&msg);
	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);

	if (status == 503)
		http_response_header(req, "retry-after", "5");
	if (ctx->fmt == FMT_PAGE) {
		r = route_reply_page(req, ctx, status,
		    reply_page_title(status), buf_cstr(&msg), NULL);
		buf_free(&msg);
		return (r);
	}

	type = ctx->fmt == FMT_JSON || ctx->fmt == FMT_GEOJSON ? FMT_JSON :
	    FMT_XML;
	buf_init(&body);
	fmt_doc_begin(&doc, &body, type);
	fmt_doc_list(&doc, "errors", "error");
	fmt_doc_object(&doc, NULL);
	fmt_doc_int(&doc, "code", status);
	fmt_doc_strn(&doc, "description", msg.data, msg.len);
	fmt_doc_end(&doc);
	fmt_doc_end(&doc);

	r = route_reply(req, ctx, status, body.data, body.len,
	    fmt_content_type(type));
	buf_free(&body);
	buf_free(&msg);
	return (r);
}

enum route_result
route_db_error(struct http_request *req, struct route_ctx *ctx,
    const struct store_q *q)
{
	kore_log(LOG_WARNING, "%s%s%s: database error %s: %s", ctx->def->name,
	    ctx->stepname != NULL ? "/" : "",
	    ctx->stepname != NULL ? ctx->stepname : "", q->sqlstate,
	    q->error);
	if (store_timed_out(q))
		return (route_error(req, ctx, 503, "this query took longer "
		    "than this server allows; try again shortly, or ask for "
		    "less (a shorter window, a smaller page)"));
	if (store_unavailable(q))
		return (route_error(req, ctx, 503, "the database is "
		    "unavailable; try again shortly"));
	return (route_error(req, ctx, 500, "internal error"));
}

const char *
route_error_body_hook(struct http_request *req, int status,
    struct kore_buf *out)
{
	struct buf	body;
	struct fmt_doc	doc;
	const char	*path;
	int		type;
	size_t		len;

	type = FMT_XML;
	path = req != NULL ? req->path : http_error_target;
	if (path != NULL) {
		len = strlen(path);
		if (len > 5 && !strcmp(path + len - 5, ".json"))
			type = FMT_JSON;
	}

	buf_init(&body);
	fmt_doc_begin(&doc, &body, type);
	fmt_doc_list(&doc, "errors", "error");
	fmt_doc_object(&doc, NULL);
	fmt_doc_int(&doc, "code", status);
	fmt_doc_str(&doc, "description", http_status_text(status));
	fmt_doc_end(&doc);
	fmt_doc_end(&doc);
	kore_buf_append(out, body.data, body.len);
	buf_free(&body);

	met_request(app_metrics(), 0,
	    req != NULL && req->method == HTTP_METHOD_POST,
	    status, 0);
	if (app_config()->access_log) {
		printf("access - %s %d %zu (rejected before routing)\n",
		    req != NULL ? http_method_text(req->method) : "-", status,
		    out->offset);
	}

	return (fmt_content_type(type));
}
