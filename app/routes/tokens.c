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

#include "formats/request.h"
#include "route.h"

int
route_token(struct http_request *req, struct route_ctx *ctx)
{
	struct buf	body;
	struct fmt_doc	doc;
	const char	*v[1], *jur;
	int		r, rc;

	if (ctx->step == 0) {
		if (strlen(ctx->arg[0]) > 64 ||
		    strspn(ctx->arg[0], "0123456789abcdef") !=
		    strlen(ctx->arg[0])) {
			return (route_error(req, ctx, 404, "token '%.64s' not "
			    "found", ctx->arg[0]));
		}
		v[0] = ctx->arg[0];
		store_start(&ctx->q, req, SQL_token_get, 1, v);
		ctx->step = 1;
	}

	if ((r = store_step(&ctx->q)) == STORE_WAIT)
		return (KORE_RESULT_RETRY);
	if (r == STORE_ERROR)
		return (route_db_error(req, ctx, &ctx->q));

	jur = route_param(ctx, "jurisdiction_id");
	if (store_rows(&ctx->q) != 1 ||
	    (jur != NULL && strcmp(jur, store_val(&ctx->q, 0, 2)))) {
		return (route_error(req, ctx, 404, "token '%s' not found",
		    ctx->arg[0]));
	}

	buf_init(&body);
	fmt_doc_begin(&doc, &body, ctx->fmt);
	fmt_request_token(&doc, store_val(&ctx->q, 0, 1)[0] == 't' ?
	    store_val(&ctx->q, 0, 0) : NULL, ctx->arg[0]);
	rc = route_reply_doc(req, ctx, 200, &body);
	buf_free(&body);
	return (rc);
}
