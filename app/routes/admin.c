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
 * The admin API on requests. With the admin scope: POST
 * /admin/requests/{id}/link.{json,xml} with parent_service_request_id puts
 * a request under another as its duplicate, and .../unlink detaches it.
 * With the backoffice or admin scope: POST /admin/requests/{id}/update
 * changes its status, status_notes, expected_datetime, or transfers it to
 * another agency_responsible. Every change is recorded in the request's
 * history with the acting key; each answer is the request as GET
 * /requests/{id}?extensions=true shows it.
 */

#include <stdio.h>
#include <string.h>

#include "formats/params.h"
#include "route.h"

#define STEP_START	0
#define STEP_CHANGED	1

static enum route_result	admin_update_start(struct http_request *,
				    struct route_ctx *);
static enum route_result	admin_update_done(struct http_request *,
				    struct route_ctx *);
static enum route_result	admin_link_start(struct http_request *,
				    struct route_ctx *);
static enum route_result	admin_unlink_start(struct http_request *,
				    struct route_ctx *);
static enum route_result	admin_link_done(struct http_request *,
				    struct route_ctx *);
static enum route_result	admin_request(struct http_request *,
				    struct route_ctx *);
static enum route_result	admin_show(struct http_request *,
				    struct route_ctx *);

static const struct route_step	update_steps[] = {
	[STEP_START] = { "update", admin_update_start },
	[STEP_CHANGED] = { "changed", admin_update_done },
};

static const struct route_step	link_steps[] = {
	[STEP_START] = { "link", admin_link_start },
	[STEP_CHANGED] = { "changed", admin_link_done },
};

static const struct route_step	unlink_steps[] = {
	[STEP_START] = { "unlink", admin_unlink_start },
	[STEP_CHANGED] = { "changed", admin_link_done },
};

/* The catalog, and the request the path names. */
static enum route_result
admin_request(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;

	if ((r = route_catalog(req, ctx)) != ROUTE_NEXT)
		return (r);
	if (!params_id(ctx->arg[0]))
		return (route_error(req, ctx, 404, "request '%.40s' not found",
		    ctx->arg[0]));
	return (ROUTE_NEXT);
}

/*
 * Shows the request after a change, exactly as GET /requests/{id} with
 * extensions=true does (that handler answers from here on).
 */
static enum route_result
admin_show(struct http_request *req, struct route_ctx *ctx)
{
	ctx->extended = 1;
	return (route_handover(req, ctx, route_request_get));
}

static enum route_result
admin_update_start(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;

	if ((r = admin_request(req, ctx)) != ROUTE_NEXT)
		return (r);
	return (route_update_start(req, ctx, ctx->arg[0], UPDATE_ADMIN));
}

static enum route_result
admin_update_done(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT ||
	    (r = route_update_outcome(req, ctx, ctx->arg[0])) != ROUTE_NEXT)
		return (r);
	return (admin_show(req, ctx));
}

static enum route_result
admin_link_start(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	const char		*v[4], *parent;
	char			key[24];

	if ((r = admin_request(req, ctx)) != ROUTE_NEXT)
		return (r);
	parent = route_param(ctx, "parent_service_request_id");
	if (parent == NULL || !params_id(parent))
		return (route_error(req, ctx, 400, "parent_service_request_id "
		    "is required: the request to link %s under", ctx->arg[0]));

	(void)snprintf(key, sizeof(key), "%lld", ctx->key.id);
	v[0] = ctx->arg[0];
	v[1] = parent;
	v[2] = key;
	v[3] = ctx->key_jurisdictions;
	store_start(&ctx->q, req, SQL_request_link, 4, v);
	return (ROUTE_NEXT);
}

static enum route_result
admin_unlink_start(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	const char		*v[3];
	char			key[24];

	if ((r = admin_request(req, ctx)) != ROUTE_NEXT)
		return (r);
	(void)snprintf(key, sizeof(key), "%lld", ctx->key.id);
	v[0] = ctx->arg[0];
	v[1] = key;
	v[2] = ctx->key_jurisdictions;
	store_start(&ctx->q, req, SQL_request_unlink, 3, v);
	return (ROUTE_NEXT);
}

static enum route_result
admin_link_done(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	const char		*outcome;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	outcome = store_val(&ctx->q, 0, 0);
	if (!strcmp(outcome, "not_found"))
		return (route_error(req, ctx, 404, "request %s or its new "
		    "parent not found", ctx->arg[0]));
	if (!strcmp(outcome, "forbidden"))
		return (route_error(req, ctx, 403, "this api_key is not valid "
		    "for the jurisdiction of request %s", ctx->arg[0]));
	if (!strcmp(outcome, "self"))
		return (route_error(req, ctx, 400, "a request cannot be a "
		    "duplicate of itself or of its own duplicate"));
	if (!strcmp(outcome, "not_linked"))
		return (route_error(req, ctx, 400, "request %s is not linked "
		    "to a parent", ctx->arg[0]));
	return (admin_show(req, ctx));
}

enum route_result
route_admin_update(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(update_steps)));
}

enum route_result
route_admin_link(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(link_steps)));
}

enum route_result
route_admin_unlink(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(unlink_steps)));
}
