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
 */

#include <stdlib.h>
#include <string.h>

#include "formats/catalog.h"
#include "route.h"

static int	services_at(struct http_request *, struct route_ctx *);

static int
services_at(struct http_request *req, struct route_ctx *ctx)
{
	struct buf		body;
	struct fmt_doc		doc;
	struct cat_service	*s;
	const char		*lat, *lon;
	char			clat[32], clon[32];
	size_t			i, j, k;
	int			r, seen;

	lat = route_param(ctx, "lat");
	lon = route_param(ctx, "long");
	if (lat == NULL || lon == NULL ||
	    !route_number(lat, -90.0, 90.0, clat) ||
	    !route_number(lon, -180.0, 180.0, clon)) {
		return (route_error(req, ctx, 400, "lat and long must be sent "
		    "together, as numbers from -90 to 90 and -180 to 180"));
	}

	if ((r = route_locate(req, ctx, clat, clon)) != KORE_RESULT_OK)
		return (r == KORE_RESULT_RETRY ? r : KORE_RESULT_OK);

	buf_init(&body);
	fmt_doc_begin(&doc, &body, ctx->fmt);
	fmt_doc_list(&doc, "services", "service");
	for (i = 0; i < ctx->nlocated; i++) {
		for (j = 0; j < ctx->located[i]->nservices; j++) {
			s = &ctx->located[i]->services[j];
			if (!s->active)
				continue;
			seen = 0;
			for (k = 0; k < i && !seen; k++)
				seen = cat_service_find(ctx->located[k],
				    s->code) != NULL &&
				    cat_service_find(ctx->located[k],
				    s->code)->active;
			if (!seen)
				fmt_catalog_service(&doc, s, 1);
		}
	}
	fmt_doc_end(&doc);
	r = route_reply_doc(req, ctx, 200, &body);
	buf_free(&body);
	return (r);
}

int
route_services(struct http_request *req, struct route_ctx *ctx)
{
	struct cat_jurisdiction	*jur;
	int			r;

	if ((r = route_catalog(req, ctx)) != KORE_RESULT_OK)
		return (r == KORE_RESULT_RETRY ? r : KORE_RESULT_OK);

	if (route_param(ctx, "jurisdiction_id") == NULL &&
	    (route_param(ctx, "lat") != NULL ||
	    route_param(ctx, "long") != NULL))
		return (services_at(req, ctx));

	if ((jur = route_jurisdiction(req, ctx)) == NULL)
		return (KORE_RESULT_OK);

	return (route_reply_doc(req, ctx, 200, &jur->list[ctx->fmt - 1]));
}

int
route_service_definition(struct http_request *req, struct route_ctx *ctx)
{
	struct cat_jurisdiction	*jur;
	struct cat_service	*svc;
	int			r;

	if ((r = route_catalog(req, ctx)) != KORE_RESULT_OK)
		return (r == KORE_RESULT_RETRY ? r : KORE_RESULT_OK);

	if ((jur = route_jurisdiction(req, ctx)) == NULL)
		return (KORE_RESULT_OK);

	svc = cat_service_find(jur, ctx->arg[0]);
	if (svc == NULL || !svc->active) {
		return (route_error(req, ctx, 404, "service_code '%s' not "
		    "found in %s", ctx->arg[0], jur->id));
	}

	return (route_reply_doc(req, ctx, 200, &svc->def[ctx->fmt - 1]));
}
