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
 * GET /discovery.{xml,json}: the service discovery document, rendered
 * with the catalog cache and served from it; under a jurisdiction's own
 * endpoint URL, that jurisdiction's.
 */

#include "route.h"

enum route_result
route_discovery(struct http_request *req, struct route_ctx *ctx)
{
	const struct cat_jurisdiction	*jur;
	const struct buf		*b;
	enum route_result		r;

	if ((r = route_catalog(req, ctx)) != ROUTE_NEXT)
		return (r);

	/* Validators compare discovery's Content-Type without charset. */
	b = &ctx->cat->discovery[ctx->fmt - 1];
	if (ctx->implied != NULL &&
	    (jur = cat_jurisdiction_find(ctx->cat, ctx->implied)) != NULL)
		b = &jur->discovery[ctx->fmt - 1];
	return (route_reply(req, ctx, 200, b->data, b->len,
	    ctx->fmt == FMT_JSON ? "application/json" : "text/xml"));
}
