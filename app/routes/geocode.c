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
 * GET /web/geocode.json?q=TEXT: the address box of /report. What a
 * person typed is normalised as the gazetteer's labels were
 * (geo_address_normalize()) and searched by trigram similarity; at most
 * eight addresses, the best first, each with its label, point and
 * jurisdiction. Nothing leaves the gateway: the gazetteer is loaded
 * offline (open311d addresses import). Public data, cached briefly.
 */

#include <sys/types.h>

#include <string.h>

#include "app.h"
#include "formats/utf8.h"
#include "geo/grid.h"
#include "route.h"

#define GEOCODE_MIN	3	/* characters of q, also once normalised */
#define GEOCODE_MAX	200
#define GEOCODE_CACHE	"public, max-age=300"

#define STEP_QUERY	0
#define STEP_ANSWER	1

struct geocode {
	char	norm[GEOCODE_MAX * 4 + 1];
};

static void			geocode_cleanup(struct route_ctx *);
static enum route_result	geocode_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	geocode_answer(struct http_request *,
				    struct route_ctx *);

static const struct route_step	geocode_steps[] = {
	[STEP_QUERY] = { "query", geocode_query },
	[STEP_ANSWER] = { "answer", geocode_answer },
};

static void
geocode_cleanup(struct route_ctx *ctx)
{
	kore_free(ctx->priv);
	ctx->priv = NULL;
}

static enum route_result
geocode_query(struct http_request *req, struct route_ctx *ctx)
{
	struct geocode	*g;
	const char	*q, *why, *v[1];
	size_t		len, chars;

	if (!app_config()->web)
		return (route_error(req, ctx, 404, "no resource at %s",
		    req->path));

	if ((q = route_param(ctx, "q")) == NULL)
		return (route_error(req, ctx, 400, "q (the address to look "
		    "for) is required"));
	len = strlen(q);
	if ((why = fmt_text_check(q, len, FMT_TEXT_LINE)) != NULL)
		return (route_error(req, ctx, 400, "q %s", why));
	chars = fmt_utf8_chars(q, len);
	if (chars < GEOCODE_MIN || chars > GEOCODE_MAX)
		return (route_error(req, ctx, 400, "q must be %d to %d "
		    "characters", GEOCODE_MIN, GEOCODE_MAX));

	g = kore_calloc(1, sizeof(*g));
	ctx->priv = g;
	ctx->cleanup = geocode_cleanup;
	geo_address_normalize(q, g->norm, sizeof(g->norm));
	if (strlen(g->norm) < GEOCODE_MIN)
		return (route_error(req, ctx, 400, "q must hold at least %d "
		    "letters or digits", GEOCODE_MIN));

	v[0] = g->norm;
	store_start(&ctx->q, req, SQL_address_search, 1, v);
	return (ROUTE_NEXT);
}

static enum route_result
geocode_answer(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	struct fmt_doc		doc;
	struct buf		body;
	int			i;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);

	buf_init(&body);
	fmt_doc_begin(&doc, &body, FMT_JSON);
	fmt_doc_list(&doc, "addresses", "address");
	for (i = 0; i < store_rows(&ctx->q); i++) {
		fmt_doc_object(&doc, NULL);
		fmt_doc_str(&doc, "label",
		    store_val(&ctx->q, i, COL_ADDRESS_SEARCH_LABEL));
		fmt_doc_num(&doc, "lat",
		    store_val(&ctx->q, i, COL_ADDRESS_SEARCH_LAT));
		fmt_doc_num(&doc, "long",
		    store_val(&ctx->q, i, COL_ADDRESS_SEARCH_LONG));
		if (store_isnull(&ctx->q, i,
		    COL_ADDRESS_SEARCH_JURISDICTION_ID))
			fmt_doc_null(&doc, "jurisdiction_id");
		else
			fmt_doc_str(&doc, "jurisdiction_id", store_val(&ctx->q,
			    i, COL_ADDRESS_SEARCH_JURISDICTION_ID));
		fmt_doc_end(&doc);
	}
	fmt_doc_end(&doc);
	ctx->cache = GEOCODE_CACHE;
	r = route_reply(req, ctx, 200, body.data, body.len,
	    fmt_content_type(FMT_JSON));
	buf_free(&body);
	return (r);
}

enum route_result
route_web_geocode(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(geocode_steps)));
}
