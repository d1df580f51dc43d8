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
 * GET /services.{xml,json} and GET /services/{code}.{xml,json}: the
 * service list and service definitions of a jurisdiction, served from
 * the bodies the catalog cache rendered. With lat and long instead of a
 * jurisdiction_id, the list holds the services offered at that point
 * across jurisdictions, each with its jurisdiction_id: for a code several
 * jurisdictions offer, the most local one's (where a request would go).
 * With locale, texts in that language where the catalog has them.
 */

#include <stdlib.h>
#include <string.h>

#include "formats/catalog_render.h"
#include "formats/params.h"
#include "route.h"

#define STEP_LOCATE	0
#define STEP_LIST	1

static enum route_result	services_locate(struct http_request *,
				    struct route_ctx *);
static enum route_result	services_list(struct http_request *,
				    struct route_ctx *);
static enum route_result	services_locale(struct http_request *,
				    struct route_ctx *, const char **);

static const struct route_step	services_at[] = {
	[STEP_LOCATE] = { "locate", services_locate },
	[STEP_LIST] = { "list", services_list },
};

/*
 * The locale parameter: a language tag ("es", "es-MX"), else 400. Gives
 * the tag, or NULL when none was sent.
 */
static enum route_result
services_locale(struct http_request *req, struct route_ctx *ctx,
    const char **lang)
{
	const char	*v;

	*lang = NULL;
	if ((v = route_param(ctx, "locale")) == NULL)
		return (ROUTE_NEXT);
	if (strlen(v) >= CAT_LANG_MAX || !cat_lang_valid(v))
		return (route_error(req, ctx, 400, "locale must be a language "
		    "tag such as es or es-MX"));
	*lang = v;
	return (ROUTE_NEXT);
}

/* lat and long instead of a jurisdiction: where they lie. */
static enum route_result
services_locate(struct http_request *req, struct route_ctx *ctx)
{
	const char	*lat, *lon;
	char		clat[PARAMS_NUMBER_LEN], clon[PARAMS_NUMBER_LEN];

	lat = route_param(ctx, "lat");
	lon = route_param(ctx, "long");
	if (lat == NULL || lon == NULL ||
	    params_number(lat, -90.0, 90.0, clat) == -1 ||
	    params_number(lon, -180.0, 180.0, clon) == -1)
		return (route_error(req, ctx, 400, "lat and long must be sent "
		    "together, as numbers from -90 to 90 and -180 to 180"));
	return (route_locate(req, ctx, clat, clon));
}

/*
 * The services offered at the point across jurisdictions: for a code
 * several offer, the most local one's.
 */
static enum route_result
services_list(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	struct buf		body;
	struct fmt_doc		doc;
	struct cat_service	*s, *o;
	const char		*lang;
	size_t			i, j, k;
	int			seen;

	(void)services_locale(req, ctx, &lang);	/* checked before */
	buf_init(&body);
	fmt_doc_begin(&doc, &body, ctx->fmt);
	fmt_doc_list(&doc, "services", "service");
	for (i = 0; i < ctx->nlocated; i++) {
		for (j = 0; j < ctx->located[i]->nservices; j++) {
			s = &ctx->located[i]->services[j];
			if (!s->active)
				continue;
			for (k = 0, seen = 0; k < i && !seen; k++)
				seen = (o = cat_service_find(ctx->located[k],
				    s->code)) != NULL && o->active;
			if (!seen)
				fmt_catalog_service_tr(&doc, s, lang, 1);
		}
	}
	fmt_doc_end(&doc);
	r = route_reply_doc(req, ctx, 200, &body);
	buf_free(&body);
	return (r);
}

enum route_result
route_services(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	struct buf		body;
	const char		*lang;

	if ((r = route_catalog(req, ctx)) != ROUTE_NEXT ||
	    (r = services_locale(req, ctx, &lang)) != ROUTE_NEXT)
		return (r);

	if (route_param(ctx, "jurisdiction_id") == NULL &&
	    (route_param(ctx, "lat") != NULL ||
	    route_param(ctx, "long") != NULL))
		return (route_run(req, ctx, ROUTE_STEPS(services_at)));

	if ((r = route_jurisdiction(req, ctx, 1)) != ROUTE_NEXT)
		return (r);
	if (lang == NULL || !cat_jurisdiction_has_lang(ctx->jur, lang))
		return (route_reply_doc(req, ctx, 200,
		    &ctx->jur->list[ctx->fmt - 1]));

	/* A language the catalog has: rendered for this answer. */
	buf_init(&body);
	fmt_catalog_list(&body, ctx->jur, lang, ctx->fmt);
	r = route_reply_doc(req, ctx, 200, &body);
	buf_free(&body);
	return (r);
}

enum route_result
route_service_definition(struct http_request *req, struct route_ctx *ctx)
{
	struct cat_service	*svc;
	enum route_result	r;
	struct buf		body;
	const char		*lang;

	if ((r = route_catalog(req, ctx)) != ROUTE_NEXT ||
	    (r = services_locale(req, ctx, &lang)) != ROUTE_NEXT ||
	    (r = route_jurisdiction(req, ctx, 0)) != ROUTE_NEXT)
		return (r);

	svc = cat_service_find(ctx->jur, ctx->arg[0]);
	if (svc == NULL || !svc->active)
		return (route_error(req, ctx, 404, "service_code '%s' not "
		    "found in %s", ctx->arg[0], ctx->jur->id));

	if (lang == NULL || cat_tr_find(svc, lang) == NULL)
		return (route_reply_doc(req, ctx, 200,
		    &svc->def[ctx->fmt - 1]));

	buf_init(&body);
	fmt_catalog_definition(&body, svc, lang, ctx->fmt);
	r = route_reply_doc(req, ctx, 200, &body);
	buf_free(&body);
	return (r);
}
