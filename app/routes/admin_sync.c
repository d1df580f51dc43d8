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
 * The admin API of the back-office hand-off (keys with the admin
 * scope), answering JSON:
 *
 * GET /admin/outbox.json[?state=dead&limit=N]: the backlog per
 * destination and state, and the latest events.
 * POST /admin/outbox/{id}/retry.json: a dead event (and the dead ones
 * after it for the same request and destination) is sent again.
 * GET /admin/destinations.json: the destinations (never their secrets).
 * POST /admin/destinations.json: adds one (jurisdiction_id, service_code,
 * kind webhook|open311|mailto, url, secret, upstream_jurisdiction_id,
 * dead_after_seconds; formats/destination.h's check).
 * POST /admin/destinations/{id}/remove.json: stops sending to one.
 * Every one of them needs an admin key for every jurisdiction (the
 * route lines say so).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "formats/destination.h"
#include "formats/http.h"
#include "formats/params.h"
#include "route.h"

#define JSON_TYPE	"application/json; charset=utf-8"
#define LIST_DEFAULT	100

/* How a result column is written: text (or null), a number, a boolean. */
#define COL_TEXT	0
#define COL_INT		1
#define COL_BOOL	2

struct sync_col {
	const char	*name;
	int		kind;
};

#define STEP_QUERY	0
#define STEP_BACKLOG	1
#define STEP_ANSWER	2

static enum route_result	sync_reply(struct http_request *,
				    struct route_ctx *, int, json_t *);
static json_t	*sync_rows(const struct store_q *, const struct sync_col *,
		    size_t);
static void	sync_free(struct route_ctx *);
static enum route_result	outbox_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	outbox_backlog(struct http_request *,
				    struct route_ctx *);
static enum route_result	outbox_answer(struct http_request *,
				    struct route_ctx *);
static enum route_result	retry_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	retry_answer(struct http_request *,
				    struct route_ctx *);
static enum route_result	dest_list_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	dest_list_answer(struct http_request *,
				    struct route_ctx *);
static enum route_result	dest_add_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	dest_remove_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	dest_changed(struct http_request *,
				    struct route_ctx *);

static const struct sync_col	backlog_cols[] = {
	{ "destination", COL_TEXT }, { "state", COL_TEXT },
	{ "count", COL_INT }, { "oldest_pending_seconds", COL_INT },
};

static const struct sync_col	event_cols[] = {
	{ "id", COL_TEXT }, { "request_id", COL_TEXT },
	{ "destination", COL_TEXT }, { "event", COL_TEXT },
	{ "sequence", COL_INT }, { "state", COL_TEXT },
	{ "attempts", COL_INT }, { "last_error", COL_TEXT },
	{ "created", COL_TEXT }, { "next_attempt", COL_TEXT },
	{ "delivered", COL_TEXT },
};

static const struct sync_col	destination_cols[] = {
	{ "id", COL_TEXT }, { "jurisdiction_id", COL_TEXT },
	{ "service_code", COL_TEXT }, { "kind", COL_TEXT },
	{ "url", COL_TEXT }, { "upstream_jurisdiction_id", COL_TEXT },
	{ "dead_after_seconds", COL_INT }, { "active", COL_BOOL },
	{ "pending", COL_INT }, { "dead", COL_INT },
};

#define NCOLS(c)	(c), (sizeof(c) / sizeof((c)[0]))

static const struct route_step	outbox_steps[] = {
	[STEP_QUERY] = { "summary", outbox_query },
	[STEP_BACKLOG] = { "events", outbox_backlog },
	[STEP_ANSWER] = { "answer", outbox_answer },
};

static const struct route_step	retry_steps[] = {
	[STEP_QUERY] = { "retry", retry_query },
	[STEP_BACKLOG] = { "answer", retry_answer },
};

static const struct route_step	dest_list_steps[] = {
	[STEP_QUERY] = { "list", dest_list_query },
	[STEP_BACKLOG] = { "answer", dest_list_answer },
};

static const struct route_step	dest_add_steps[] = {
	[STEP_QUERY] = { "add", dest_add_query },
	[STEP_BACKLOG] = { "answer", dest_changed },
};

static const struct route_step	dest_remove_steps[] = {
	[STEP_QUERY] = { "remove", dest_remove_query },
	[STEP_BACKLOG] = { "answer", dest_changed },
};

static void
sync_free(struct route_ctx *ctx)
{
	json_decref(ctx->priv);
	ctx->priv = NULL;
}

/* The rows of q as JSON objects of the columns named in cols, in order. */
static json_t *
sync_rows(const struct store_q *q, const struct sync_col *cols, size_t n)
{
	json_t		*list, *o, *v;
	const char	*s;
	size_t		c;
	int		i;

	list = json_array();
	for (i = 0; i < store_rows(q); i++) {
		o = json_object();
		for (c = 0; c < n; c++) {
			s = store_val(q, i, (int)c);
			if (store_isnull(q, i, (int)c))
				v = json_null();
			else if (cols[c].kind == COL_INT)
				v = json_integer((json_int_t)strtoll(s, NULL,
				    10));
			else if (cols[c].kind == COL_BOOL)
				v = json_boolean(s[0] == 't');
			else
				v = json_string(s);
			json_object_set_new(o, cols[c].name, v);
		}
		json_array_append_new(list, o);
	}
	return (list);
}

static enum route_result
sync_reply(struct http_request *req, struct route_ctx *ctx, int status,
    json_t *doc)
{
	enum route_result	r;
	char			*text;

	if ((text = json_dumps(doc, JSON_COMPACT)) == NULL)
		fatalx("json_dumps failed");
	r = route_reply(req, ctx, status, text, strlen(text), JSON_TYPE);
	free(text);
	json_decref(doc);
	return (r);
}

static enum route_result
outbox_query(struct http_request *req, struct route_ctx *ctx)
{
	store_start(&ctx->q, req, SQL_outbox_summary, 0, NULL);
	return (ROUTE_NEXT);
}

/* The backlog per destination and state; then the latest events. */
static enum route_result
outbox_backlog(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	json_t			*list;
	const char		*v[2], *state;
	char			limit[16];
	int			n;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	list = sync_rows(&ctx->q, NCOLS(backlog_cols));
	ctx->priv = list;
	ctx->cleanup = sync_free;
	store_reset(&ctx->q);

	state = route_param(ctx, "state");
	if (state != NULL && strcmp(state, "pending") &&
	    strcmp(state, "dead") && strcmp(state, "delivered") &&
	    strcmp(state, "skipped"))
		return (route_error(req, ctx, 400, "state must be pending, "
		    "dead, delivered or skipped"));
	n = LIST_DEFAULT;
	if (route_param(ctx, "limit") != NULL)
		n = atoi(route_param(ctx, "limit"));
	if (n < 1 || n > PARAMS_PAGE_SIZE_MAX)
		n = LIST_DEFAULT;
	(void)snprintf(limit, sizeof(limit), "%d", n);
	v[0] = state;
	v[1] = limit;
	store_start(&ctx->q, req, SQL_outbox_list, 2, v);
	return (ROUTE_NEXT);
}

static enum route_result
outbox_answer(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	return (sync_reply(req, ctx, 200, json_pack("{s:O,s:o}", "backlog",
	    ctx->priv, "events", sync_rows(&ctx->q, NCOLS(event_cols)))));
}

/* A dead event (and the dead ones after it) is sent again. */
static enum route_result
retry_query(struct http_request *req, struct route_ctx *ctx)
{
	const char	*v[1];

	if (!params_id(ctx->arg[0]))
		return (route_error(req, ctx, 404, "no outbox event '%.40s'",
		    ctx->arg[0]));
	v[0] = ctx->arg[0];
	store_start(&ctx->q, req, SQL_outbox_retry, 1, v);
	return (ROUTE_NEXT);
}

static enum route_result
retry_answer(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	json_t			*list;
	int			i;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	if (store_rows(&ctx->q) == 0)
		return (route_error(req, ctx, 404, "no dead outbox event %s",
		    ctx->arg[0]));
	list = json_array();
	for (i = 0; i < store_rows(&ctx->q); i++)
		json_array_append_new(list, json_string(store_val(&ctx->q, i,
		    0)));
	return (sync_reply(req, ctx, 200, json_pack("{s:o}", "requeued",
	    list)));
}

static enum route_result
dest_list_query(struct http_request *req, struct route_ctx *ctx)
{
	store_start(&ctx->q, req, SQL_destination_list, 0, NULL);
	return (ROUTE_NEXT);
}

/* The destinations, never their secrets. */
static enum route_result
dest_list_answer(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	return (sync_reply(req, ctx, 200, sync_rows(&ctx->q,
	    NCOLS(destination_cols))));
}

static enum route_result
dest_add_query(struct http_request *req, struct route_ctx *ctx)
{
	const char	*v[7], *kind, *url, *field;
	char		err[128];

	kind = route_param(ctx, "kind");
	url = route_param(ctx, "url");
	if (route_param(ctx, "jurisdiction_id") == NULL || kind == NULL ||
	    url == NULL)
		return (route_error(req, ctx, 400, "jurisdiction_id, kind and "
		    "url are required"));
	v[0] = route_param(ctx, "jurisdiction_id");
	v[1] = route_param(ctx, "service_code");
	v[2] = kind;
	v[3] = url;
	v[4] = route_param(ctx, "secret");
	v[5] = route_param(ctx, "upstream_jurisdiction_id");
	v[6] = route_param(ctx, "dead_after_seconds");
	if (fmt_destination_check(kind, url, v[4], v[6], &field, err,
	    sizeof(err)) == -1)
		return (route_error(req, ctx, 400, "%s: %s",
		    !strcmp(field, "dead_after") ? "dead_after_seconds" :
		    field, err));
	if (strcmp(kind, "mailto") &&
	    fmt_url_check(url, strlen(url)) != FMT_URL_OK)
		return (route_error(req, ctx, 400, "url: the destination URL "
		    "is malformed"));
	store_start(&ctx->q, req, SQL_destination_add, 7, v);
	return (ROUTE_NEXT);
}

static enum route_result
dest_remove_query(struct http_request *req, struct route_ctx *ctx)
{
	const char	*v[1];

	if (!params_id(ctx->arg[0]))
		return (route_error(req, ctx, 404, "no destination '%.40s'",
		    ctx->arg[0]));
	v[0] = ctx->arg[0];
	store_start(&ctx->q, req, SQL_destination_remove, 1, v);
	return (ROUTE_NEXT);
}

/* Added (201) or removed (200): the destination's id. */
static enum route_result
dest_changed(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	int			removed;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	removed = ctx->arg[0] != NULL;
	if (store_rows(&ctx->q) != 1 && removed)
		return (route_error(req, ctx, 404, "no active destination %s",
		    ctx->arg[0]));
	if (store_rows(&ctx->q) != 1)
		return (route_error(req, ctx, 400, "the jurisdiction or "
		    "service of the destination does not exist"));
	return (sync_reply(req, ctx, removed ? 200 : 201, json_pack("{s:s}",
	    "id", store_val(&ctx->q, 0, 0))));
}

enum route_result
route_admin_outbox(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(outbox_steps)));
}

enum route_result
route_admin_outbox_retry(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(retry_steps)));
}

enum route_result
route_admin_destinations(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(dest_list_steps)));
}

enum route_result
route_admin_destination_add(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(dest_add_steps)));
}

enum route_result
route_admin_destination_remove(struct http_request *req,
    struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(dest_remove_steps)));
}
