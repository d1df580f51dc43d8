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
 * kind webhook|open311, url, secret, upstream_jurisdiction_id,
 * dead_after_seconds).
 * POST /admin/destinations/{id}/remove.json: stops sending to one.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "formats/utf8.h"
#include "route.h"
#include "store/keys.h"

#define JSON_TYPE	"application/json; charset=utf-8"

static int	sync_reply(struct http_request *, struct route_ctx *, int,
		    json_t *);
static json_t	*sync_text(const struct store_q *, int, int);
static int	sync_admin(struct http_request *, struct route_ctx *);
static void	sync_free(struct route_ctx *);

static void
sync_free(struct route_ctx *ctx)
{
	json_decref(ctx->priv);
	ctx->priv = NULL;
}

static json_t *
sync_text(const struct store_q *q, int r, int c)
{
	if (store_isnull(q, r, c))
		return (json_null());
	return (json_string(store_val(q, r, c)));
}

static int
sync_reply(struct http_request *req, struct route_ctx *ctx, int status,
    json_t *doc)
{
	char	*text;
	int	rc;

	if ((text = json_dumps(doc, JSON_COMPACT)) == NULL)
		fatalx("json_dumps failed");
	rc = route_reply(req, ctx, status, text, strlen(text), JSON_TYPE);
	free(text);
	json_decref(doc);
	return (rc);
}

/* Authenticates an admin key. Returns KORE_RESULT_OK to go on. */
static int
sync_admin(struct http_request *req, struct route_ctx *ctx)
{
	int	r;

	if (req->method == HTTP_METHOD_POST && ctx->body.n == 0 &&
	    !route_body(req, ctx))
		return (KORE_RESULT_ERROR);
	if ((r = route_auth(req, ctx, AUTH_REQUIRED)) != KORE_RESULT_OK)
		return (r);
	if (!(ctx->key_scopes & KEY_ADMIN) || ctx->key_jurisdictions != NULL) {
		(void)route_error(req, ctx, 403, "this needs an admin api_key "
		    "for every jurisdiction");
		return (KORE_RESULT_ERROR);
	}
	return (KORE_RESULT_OK);
}

int
route_admin_outbox(struct http_request *req, struct route_ctx *ctx)
{
	json_t		*doc, *list, *o;
	const char	*v[2], *state;
	char		limit[16];
	int		r, i, n;

	switch (ctx->step) {
	case 0:
		if ((r = sync_admin(req, ctx)) != KORE_RESULT_OK)
			return (r == KORE_RESULT_RETRY ? r : KORE_RESULT_OK);
		if (ctx->arg[0] != NULL) {
			if (strspn(ctx->arg[0], "0123456789") !=
			    strlen(ctx->arg[0]) || strlen(ctx->arg[0]) > 18)
				return (route_error(req, ctx, 404, "no outbox "
				    "event '%.40s'", ctx->arg[0]));
			v[0] = ctx->arg[0];
			store_start(&ctx->q, req, SQL_outbox_retry, 1, v);
			ctx->step = 3;
			return (KORE_RESULT_RETRY);
		}
		store_start(&ctx->q, req, SQL_outbox_summary, 0, NULL);
		ctx->step = 1;
		/* FALLTHROUGH */
	case 1:
		if ((r = store_step(&ctx->q)) == STORE_WAIT)
			return (KORE_RESULT_RETRY);
		if (r == STORE_ERROR)
			return (route_db_error(req, ctx, &ctx->q));
		list = json_array();
		for (i = 0; i < store_rows(&ctx->q); i++) {
			json_array_append_new(list, json_pack("{s:s,s:s,s:I,"
			    "s:I}", "destination", store_val(&ctx->q, i, 0),
			    "state", store_val(&ctx->q, i, 1), "count",
			    (json_int_t)strtoll(store_val(&ctx->q, i, 2),
			    NULL, 10), "oldest_pending_seconds",
			    (json_int_t)strtoll(store_val(&ctx->q, i, 3),
			    NULL, 10)));
		}
		ctx->priv = list;
		ctx->cleanup = sync_free;
		store_reset(&ctx->q);
		state = route_param(ctx, "state");
		if (state != NULL && strcmp(state, "pending") &&
		    strcmp(state, "dead") && strcmp(state, "delivered") &&
		    strcmp(state, "skipped")) {
			json_decref(list);
			ctx->priv = NULL;
			return (route_error(req, ctx, 400, "state must be "
			    "pending, dead, delivered or skipped"));
		}
		n = 100;
		if (route_param(ctx, "limit") != NULL)
			n = atoi(route_param(ctx, "limit"));
		if (n < 1 || n > 1000)
			n = 100;
		(void)snprintf(limit, sizeof(limit), "%d", n);
		v[0] = state;
		v[1] = limit;
		store_start(&ctx->q, req, SQL_outbox_list, 2, v);
		ctx->step = 2;
		/* FALLTHROUGH */
	case 2:
		if ((r = store_step(&ctx->q)) == STORE_WAIT)
			return (KORE_RESULT_RETRY);
		list = ctx->priv;
		ctx->priv = NULL;
		if (r == STORE_ERROR) {
			json_decref(list);
			return (route_db_error(req, ctx, &ctx->q));
		}
		doc = json_pack("{s:o,s:[]}", "backlog", list, "events");
		for (i = 0; i < store_rows(&ctx->q); i++) {
			o = json_pack("{s:o,s:o,s:o,s:o,s:i,s:o,s:i,s:o,"
			    "s:o,s:o,s:o}", "id", sync_text(&ctx->q, i, 0),
			    "request_id", sync_text(&ctx->q, i, 1),
			    "destination", sync_text(&ctx->q, i, 2),
			    "event", sync_text(&ctx->q, i, 3),
			    "sequence", atoi(store_val(&ctx->q, i, 4)),
			    "state", sync_text(&ctx->q, i, 5),
			    "attempts", atoi(store_val(&ctx->q, i, 6)),
			    "last_error", sync_text(&ctx->q, i, 7),
			    "created", sync_text(&ctx->q, i, 8),
			    "next_attempt", sync_text(&ctx->q, i, 9),
			    "delivered", sync_text(&ctx->q, i, 10));
			json_array_append_new(json_object_get(doc, "events"),
			    o);
		}
		return (sync_reply(req, ctx, 200, doc));
	case 3:
		if ((r = store_step(&ctx->q)) == STORE_WAIT)
			return (KORE_RESULT_RETRY);
		if (r == STORE_ERROR)
			return (route_db_error(req, ctx, &ctx->q));
		if (store_rows(&ctx->q) == 0)
			return (route_error(req, ctx, 404, "no dead outbox "
			    "event %s", ctx->arg[0]));
		list = json_array();
		for (i = 0; i < store_rows(&ctx->q); i++)
			json_array_append_new(list, sync_text(&ctx->q, i, 0));
		return (sync_reply(req, ctx, 200, json_pack("{s:o}",
		    "requeued", list)));
	}

	return (route_error(req, ctx, 500, "internal error"));
}

int
route_admin_destinations(struct http_request *req, struct route_ctx *ctx)
{
	json_t		*list;
	const char	*v[7], *kind, *url;
	int		r, i;

	switch (ctx->step) {
	case 0:
		if ((r = sync_admin(req, ctx)) != KORE_RESULT_OK)
			return (r == KORE_RESULT_RETRY ? r : KORE_RESULT_OK);
		if (ctx->arg[0] != NULL) {
			if (strspn(ctx->arg[0], "0123456789") !=
			    strlen(ctx->arg[0]) || strlen(ctx->arg[0]) > 18)
				return (route_error(req, ctx, 404, "no "
				    "destination '%.40s'", ctx->arg[0]));
			v[0] = ctx->arg[0];
			store_start(&ctx->q, req, SQL_destination_remove, 1,
			    v);
		} else if (req->method == HTTP_METHOD_POST) {
			kind = route_param(ctx, "kind");
			url = route_param(ctx, "url");
			if (route_param(ctx, "jurisdiction_id") == NULL ||
			    kind == NULL || url == NULL)
				return (route_error(req, ctx, 400,
				    "jurisdiction_id, kind and url are "
				    "required"));
			if (strcmp(kind, "webhook") && strcmp(kind, "open311"))
				return (route_error(req, ctx, 400, "kind must "
				    "be webhook or open311"));
			if ((strncmp(url, "http://", 7) &&
			    strncmp(url, "https://", 8)) ||
			    fmt_text_check(url, strlen(url), FMT_TEXT_LINE) !=
			    NULL || strpbrk(url, " \"<>") != NULL)
				return (route_error(req, ctx, 400, "url must "
				    "be an http or https URL"));
			v[0] = route_param(ctx, "jurisdiction_id");
			v[1] = route_param(ctx, "service_code");
			v[2] = kind;
			v[3] = url;
			v[4] = route_param(ctx, "secret");
			v[5] = route_param(ctx, "upstream_jurisdiction_id");
			v[6] = route_param(ctx, "dead_after_seconds");
			if (!strcmp(kind, "webhook") &&
			    (v[4] == NULL || v[4][0] == '\0'))
				return (route_error(req, ctx, 400, "a webhook "
				    "needs a signing secret"));
			if (v[6] != NULL && (strspn(v[6], "0123456789") !=
			    strlen(v[6]) || strlen(v[6]) > 9 || atoi(v[6]) < 1))
				return (route_error(req, ctx, 400,
				    "dead_after_seconds must be a number of "
				    "seconds, at least 1"));
			store_start(&ctx->q, req, SQL_destination_add, 7, v);
		} else {
			store_start(&ctx->q, req, SQL_destination_list, 0,
			    NULL);
		}
		ctx->step = 1;
		/* FALLTHROUGH */
	case 1:
		if ((r = store_step(&ctx->q)) == STORE_WAIT)
			return (KORE_RESULT_RETRY);
		if (r == STORE_ERROR)
			return (route_db_error(req, ctx, &ctx->q));
		if (req->method == HTTP_METHOD_POST) {
			if (store_rows(&ctx->q) != 1)
				return (route_error(req, ctx, ctx->arg[0] ?
				    404 : 400, ctx->arg[0] ? "no active "
				    "destination %s" : "the jurisdiction or "
				    "service of %s does not exist",
				    ctx->arg[0] ? ctx->arg[0] :
				    "the destination"));
			return (sync_reply(req, ctx, ctx->arg[0] ? 200 : 201,
			    json_pack("{s:s}", "id", store_val(&ctx->q, 0,
			    0))));
		}
		list = json_array();
		for (i = 0; i < store_rows(&ctx->q); i++) {
			json_array_append_new(list, json_pack("{s:o,s:o,s:o,"
			    "s:o,s:o,s:o,s:I,s:b,s:I,s:I}",
			    "id", sync_text(&ctx->q, i, 0),
			    "jurisdiction_id", sync_text(&ctx->q, i, 1),
			    "service_code", sync_text(&ctx->q, i, 2),
			    "kind", sync_text(&ctx->q, i, 3),
			    "url", sync_text(&ctx->q, i, 4),
			    "upstream_jurisdiction_id",
			    sync_text(&ctx->q, i, 5), "dead_after_seconds",
			    (json_int_t)strtoll(store_val(&ctx->q, i, 6),
			    NULL, 10), "active",
			    store_val(&ctx->q, i, 7)[0] == 't', "pending",
			    (json_int_t)strtoll(store_val(&ctx->q, i, 8),
			    NULL, 10), "dead",
			    (json_int_t)strtoll(store_val(&ctx->q, i, 9),
			    NULL, 10)));
		}
		return (sync_reply(req, ctx, 200, list));
	}

	return (route_error(req, ctx, 500, "internal error"));
}
