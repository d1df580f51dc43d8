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
 * GET /jurisdictions.{json,geojson}: every jurisdiction with its name,
 * local CRS and boundary, for apps that route or draw by location (a
 * GeoJSON FeatureCollection with .geojson). Served from the bodies the
 * catalog cache rendered.
 */

#include "route.h"

enum route_result
route_jurisdictions(struct http_request *req, struct route_ctx *ctx)
{
	const struct buf	*b;
	enum route_result	r;

	if ((r = route_catalog(req, ctx)) != ROUTE_NEXT)
		return (r);

	b = &ctx->cat->jurisdictions[ctx->fmt == FMT_GEOJSON ? 1 : 0];
	return (route_reply(req, ctx, 200, b->data, b->len,
	    ctx->fmt == FMT_GEOJSON ? "application/geo+json; charset=utf-8" :
	    "application/json; charset=utf-8"));
}
