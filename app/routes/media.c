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
 * GET /media/{id}: a photo uploaded with a request, at the stable URL
 * its media_url names. The bytes never change, so the answer may be
 * cached for good and carries the SHA-256 as its ETag; a private
 * service's photo may not be kept by a shared cache.
 */

#include <stdio.h>
#include <string.h>

#include "formats/params.h"
#include "route.h"

#define STEP_QUERY	0
#define STEP_ANSWER	1

static enum route_result	media_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	media_answer(struct http_request *,
				    struct route_ctx *);

static const struct route_step	media_steps[] = {
	[STEP_QUERY] = { "query", media_query },
	[STEP_ANSWER] = { "answer", media_answer },
};

static enum route_result
media_query(struct http_request *req, struct route_ctx *ctx)
{
	const char	*v[1];

	if (!params_hex(ctx->arg[0], 32, 32))
		return (route_error(req, ctx, 404, "no media '%.40s'",
		    ctx->arg[0]));
	v[0] = ctx->arg[0];
	store_start_bin(&ctx->q, req, SQL_media_get, 1, v,
	    (const int []){ 32 }, (const int []){ 0 }, 1);
	return (ROUTE_NEXT);
}

static enum route_result
media_answer(struct http_request *req, struct route_ctx *ctx)
{
	static const char	hex[] = "0123456789abcdef";
	const unsigned char	*sha;
	enum route_result	r;
	char			etag[68], type[32];
	int			i, n;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	if (store_rows(&ctx->q) != 1)
		return (route_error(req, ctx, 404, "no media '%s'",
		    ctx->arg[0]));

	sha = (const unsigned char *)store_val(&ctx->q, 0, 2);
	etag[0] = '"';
	for (i = 0; i < 32 && i < store_len(&ctx->q, 0, 2); i++) {
		etag[1 + i * 2] = hex[sha[i] >> 4];
		etag[2 + i * 2] = hex[sha[i] & 0xf];
	}
	etag[1 + i * 2] = '"';
	etag[2 + i * 2] = '\0';

	n = store_len(&ctx->q, 0, 0);
	(void)snprintf(type, sizeof(type), "%.*s", n, store_val(&ctx->q, 0, 0));

	/* Photos never change: their hash is their tag. */
	ctx->etag = etag;
	if (store_len(&ctx->q, 0, 3) == 1 && store_val(&ctx->q, 0, 3)[0] == 0)
		ctx->cache = "public, max-age=31536000, immutable";
	else
		ctx->cache = "private, no-store";
	return (route_reply(req, ctx, 200, store_val(&ctx->q, 0, 1),
	    (size_t)store_len(&ctx->q, 0, 1), type));
}

enum route_result
route_media(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(media_steps)));
}
