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
 * GET /tokens/{token}.{xml,json}: the request a batch submission's token
 * stands for. 200 with the id once the back office has the request, 200
 * with the token alone while it is pending, 404 for an unknown token.
 */

#include <string.h>

#include "formats/params.h"
#include "formats/request.h"
#include "route.h"

#define STEP_QUERY	0
#define STEP_ANSWER	1

static enum route_result	token_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	token_answer(struct http_request *,
				    struct route_ctx *);

static const struct route_step	token_steps[] = {
	[STEP_QUERY] = { "query", token_query },
	[STEP_ANSWER] = { "answer", token_answer },
};

static enum route_result
token_query(struct http_request *req, struct route_ctx *ctx)
{
	const char	*v[1];

	if (!params_hex(ctx->arg[0], 0, 64))
		return (route_error(req, ctx, 404, "token '%.64s' not found",
		    ctx->arg[0]));
	v[0] = ctx->arg[0];
	store_start(&ctx->q, req, SQL_token_get, 1, v);
	return (ROUTE_NEXT);
}

static enum route_result
token_answer(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	struct buf		body;
	struct fmt_doc		doc;
	const char		*jur;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);

	jur = route_param(ctx, "jurisdiction_id");
	if (store_rows(&ctx->q) != 1 ||
	    (jur != NULL && strcmp(jur, store_val(&ctx->q, 0, 2))))
		return (route_error(req, ctx, 404, "token '%s' not found",
		    ctx->arg[0]));

	buf_init(&body);
	fmt_doc_begin(&doc, &body, ctx->fmt);
	fmt_request_token(&doc, store_val(&ctx->q, 0, 1)[0] == 't' ?
	    store_val(&ctx->q, 0, 0) : NULL, ctx->arg[0]);
	r = route_reply_doc(req, ctx, 200, &body);
	buf_free(&body);
	return (r);
}

enum route_result
route_token(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(token_steps)));
}
