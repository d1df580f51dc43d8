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

#include "app.h"
#include "route.h"
#include "store/keys.h"

#define STEP_AUTH	0
#define STEP_CHANGE	1

static int	admin_id(const char *);
static int	admin_show(struct http_request *, struct route_ctx *);

static int
admin_id(const char *s)
{
	return (s[0] != '\0' && strlen(s) <= 18 &&
	    strspn(s, "0123456789") == strlen(s));
}

/*
 * Shows the request after a change, exactly as GET /requests/{id} with
 * extensions=true does (the same handler answers from here on).
 */
static int
admin_show(struct http_request *req, struct route_ctx *ctx)
{
	if (!ctx->showing) {
		store_reset(&ctx->q);
		ctx->extended = 1;
		ctx->step = 0;
		ctx->showing = 1;
	}
	return (route_request_get(req, ctx));
}

int
route_admin_update(struct http_request *req, struct route_ctx *ctx)
{
	int	r;

	if (ctx->showing)
		return (admin_show(req, ctx));

	switch (ctx->step) {
	case STEP_AUTH:
		if (ctx->body.n == 0 && !route_body(req, ctx))
			return (KORE_RESULT_OK);
		if ((r = route_auth(req, ctx, AUTH_REQUIRED)) != KORE_RESULT_OK)
			return (r == KORE_RESULT_RETRY ? r : KORE_RESULT_OK);
		if (!(ctx->key_scopes & (KEY_BACKOFFICE | KEY_ADMIN)))
			return (route_error(req, ctx, 403, "this api_key may "
			    "not act for the back office"));
		if ((r = route_catalog(req, ctx)) != KORE_RESULT_OK)
			return (r == KORE_RESULT_RETRY ? r : KORE_RESULT_OK);
		if (!admin_id(ctx->arg[0]))
			return (route_error(req, ctx, 404, "request '%.40s' "
			    "not found", ctx->arg[0]));
		if ((r = route_update_start(req, ctx, ctx->arg[0],
		    UPDATE_ADMIN)) != KORE_RESULT_RETRY)
			return (r);
		ctx->step = STEP_CHANGE;
		/* FALLTHROUGH */
	case STEP_CHANGE:
		if ((r = store_step(&ctx->q)) == STORE_WAIT)
			return (KORE_RESULT_RETRY);
		if (r == STORE_ERROR)
			return (route_db_error(req, ctx, &ctx->q));
		if ((r = route_update_outcome(req, ctx, ctx->arg[0])) !=
		    KORE_RESULT_RETRY)
			return (r);
		return (admin_show(req, ctx));
	}

	return (route_error(req, ctx, 500, "internal error"));
}

int
route_admin_link(struct http_request *req, struct route_ctx *ctx)
{
	const char		*v[4], *parent, *outcome;
	char			key[24];
	int			r, link;

	link = !strcmp(ctx->def->name, "admin_link");
	if (ctx->showing)
		return (admin_show(req, ctx));

	switch (ctx->step) {
	case STEP_AUTH:
		if (ctx->body.n == 0 && !route_body(req, ctx))
			return (KORE_RESULT_OK);
		if ((r = route_auth(req, ctx, AUTH_REQUIRED)) != KORE_RESULT_OK)
			return (r == KORE_RESULT_RETRY ? r : KORE_RESULT_OK);
		if (!(ctx->key_scopes & KEY_ADMIN))
			return (route_error(req, ctx, 403, "this api_key may "
			    "not administer the gateway"));
		if ((r = route_catalog(req, ctx)) != KORE_RESULT_OK)
			return (r == KORE_RESULT_RETRY ? r : KORE_RESULT_OK);
		if (!admin_id(ctx->arg[0]))
			return (route_error(req, ctx, 404, "request '%.40s' "
			    "not found", ctx->arg[0]));

		(void)snprintf(key, sizeof(key), "%lld", ctx->key_id);
		v[0] = ctx->arg[0];
		v[3] = ctx->key_jurisdictions;
		if (link) {
			parent = route_param(ctx, "parent_service_request_id");
			if (parent == NULL || !admin_id(parent))
				return (route_error(req, ctx, 400,
				    "parent_service_request_id is required: the "
				    "request to link %s under", ctx->arg[0]));
			v[1] = parent;
			v[2] = key;
			store_start(&ctx->q, req, SQL_request_link, 4, v);
		} else {
			v[1] = key;
			v[2] = ctx->key_jurisdictions;
			store_start(&ctx->q, req, SQL_request_unlink, 3, v);
		}
		ctx->step = STEP_CHANGE;
		/* FALLTHROUGH */
	case STEP_CHANGE:
		if ((r = store_step(&ctx->q)) == STORE_WAIT)
			return (KORE_RESULT_RETRY);
		if (r == STORE_ERROR)
			return (route_db_error(req, ctx, &ctx->q));
		outcome = store_val(&ctx->q, 0, 0);
		if (!strcmp(outcome, "not_found"))
			return (route_error(req, ctx, 404, "request %s or its "
			    "new parent not found", ctx->arg[0]));
		if (!strcmp(outcome, "forbidden"))
			return (route_error(req, ctx, 403, "this api_key is not "
			    "valid for the jurisdiction of request %s",
			    ctx->arg[0]));
		if (!strcmp(outcome, "self"))
			return (route_error(req, ctx, 400, "a request cannot be "
			    "a duplicate of itself or of its own duplicate"));
		if (!strcmp(outcome, "not_linked"))
			return (route_error(req, ctx, 400, "request %s is not "
			    "linked to a parent", ctx->arg[0]));
		return (admin_show(req, ctx));
	}

	return (route_error(req, ctx, 500, "internal error"));
}
