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
 * the bodies the catalog cache rendered.
 */

#include "route.h"

int
route_services(struct http_request *req, struct route_ctx *ctx)
{
	struct cat_jurisdiction	*jur;
	int			r;

	if ((r = route_catalog(req, ctx)) != KORE_RESULT_OK)
		return (r == KORE_RESULT_RETRY ? r : KORE_RESULT_OK);

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
