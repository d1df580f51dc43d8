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
 * Jurisdictions and their catalogs from the console (admins):
 *
 * GET /console/api/jurisdictions: those I administer, with their
 * services, private services, boundary area and the catalog's version.
 * POST /console/api/jurisdictions/{id}/catalog: a catalog file (the
 * multipart field "file", as `open311d catalog import FILE` reads it)
 * checked like the command line does, its errors naming the field
 * ("services[2] (STREETLIGHT): attributes[1] (ISSUE): datatype: ..."),
 * then imported by the same statement; with check=1 only checked. The
 * file must be for {id}. Every worker reloads the catalog (its version
 * moves); audited.
 * POST /console/api/jurisdictions/{id}/boundary: a GeoJSON boundary
 * ("file"; from_crs EPSG:N when the file names no CRS and is not WGS
 * 84), checked (formats/boundary.h) and stored as `open311d jurisdiction
 * import` does, the jurisdiction's other settings kept; audited.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "formats/boundary.h"
#include "formats/catalog.h"
#include "formats/catalog_import.h"
#include "formats/crs.h"
#include "formats/params.h"
#include "route.h"

#define STEP_START	0
#define STEP_ANSWER	1

struct upload {
	struct cat_jurisdiction	jur;
	struct buf		services;
	char			*geoms;		/* a boundary's, JSON */
};

static enum route_result	list_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	catalog_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	catalog_answer(struct http_request *,
				    struct route_ctx *);
static enum route_result	boundary_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	boundary_answer(struct http_request *,
				    struct route_ctx *);
static enum route_result	upload_file(struct http_request *,
				    struct route_ctx *, json_t **);
static void	upload_free(struct route_ctx *);
static void	upload_json(struct buf *, const struct cat_jurisdiction *,
		    const char *);

static const struct route_step	list_steps[] = {
	[STEP_START] = { "jurisdictions", list_query },
	[STEP_ANSWER] = { "answer", route_console_answer },
};

static const struct route_step	catalog_steps[] = {
	[STEP_START] = { "check", catalog_query },
	[STEP_ANSWER] = { "answer", catalog_answer },
};

static const struct route_step	boundary_steps[] = {
	[STEP_START] = { "check", boundary_query },
	[STEP_ANSWER] = { "answer", boundary_answer },
};

static enum route_result
list_query(struct http_request *req, struct route_ctx *ctx)
{
	const char	*v[1];

	v[0] = ctx->staff.idtext;
	store_start(&ctx->q, req, SQL_console_jurisdictions, 1, v);
	return (ROUTE_NEXT);
}

static void
upload_free(struct route_ctx *ctx)
{
	struct upload	*u;

	if ((u = ctx->priv) == NULL)
		return;
	cat_jurisdiction_free(&u->jur);
	buf_free(&u->services);
	free(u->geoms);
	kore_free(u);
	ctx->priv = NULL;
}

/* {"jurisdiction_id", "services", "private"} and then version. */
static void
upload_json(struct buf *b, const struct cat_jurisdiction *jur,
    const char *version)
{
	buf_str(b, "{\"jurisdiction_id\":");
	fmt_json_quote(b, jur->id, strlen(jur->id));
	buf_printf(b, ",\"services\":%zu,\"private\":%zu", jur->nservices,
	    cat_private_count(jur));
	if (version != NULL)
		buf_printf(b, ",\"version\":%s}", version);
	else
		buf_str(b, ",\"checked\":true}");
}

/*
 * The uploaded file (the body's field "file") parsed as JSON into *root
 * (the caller's to free), and ctx->priv a new struct upload. ROUTE_NEXT,
 * or ROUTE_ANSWERED after 400.
 */
static enum route_result
upload_file(struct http_request *req, struct route_ctx *ctx, json_t **root)
{
	const struct fmt_field	*f;
	struct upload		*u;
	json_error_t		jerr;
	size_t			i;

	f = NULL;
	for (i = 0; i < ctx->body.n; i++) {
		if (!strcmp(ctx->body.f[i].name, "file"))
			f = &ctx->body.f[i];
	}
	if (f == NULL || f->len == 0)
		return (route_error(req, ctx, 400, "file: a %s file is "
		    "required", strcmp(ctx->def->name, "console_catalog") ?
		    "GeoJSON boundary" : "catalog (JSON)"));
	if ((*root = json_loadb(f->value, f->len, JSON_REJECT_DUPLICATES,
	    &jerr)) == NULL)
		return (route_error(req, ctx, 400, "file: not JSON: line %d, "
		    "column %d: %s", jerr.line, jerr.column, jerr.text));
	u = kore_calloc(1, sizeof(*u));
	buf_init(&u->services);
	ctx->priv = u;
	ctx->cleanup = upload_free;
	return (ROUTE_NEXT);
}

static enum route_result
boundary_query(struct http_request *req, struct route_ctx *ctx)
{
	struct upload		*u;
	json_t			*root, *geoms;
	enum route_result	r;
	const char		*v[5], *crs;
	char			err[256], srid[16];
	int			epsg, rc;

	epsg = 0;
	if ((crs = route_param(ctx, "from_crs")) != NULL &&
	    (epsg = fmt_crs_epsg(crs)) == -1)
		return (route_error(req, ctx, 400, "from_crs: EPSG:N, not "
		    "'%.40s'", crs));
	if ((r = upload_file(req, ctx, &root)) != ROUTE_NEXT)
		return (r);
	u = ctx->priv;
	geoms = json_array();
	rc = fmt_boundary(root, geoms, &epsg, err, sizeof(err));
	json_decref(root);
	if (rc == 0)
		u->geoms = json_dumps(geoms, JSON_COMPACT);
	json_decref(geoms);
	if (rc == -1)
		return (route_error(req, ctx, 400, "%s", err));
	if (u->geoms == NULL)
		return (route_error(req, ctx, 500, "internal error"));
	(void)snprintf(srid, sizeof(srid), "%d", epsg);
	v[0] = ctx->staff.idtext;
	v[1] = ctx->arg[0];
	v[2] = u->geoms;
	v[3] = srid;
	v[4] = ctx->staff.address;
	store_start(&ctx->q, req, SQL_console_boundary, 5, v);
	return (ROUTE_NEXT);
}

static enum route_result
boundary_answer(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	struct buf		b;
	const char		*outcome;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	outcome = store_rows(&ctx->q) == 1 ? store_val(&ctx->q, 0, 0) : "";
	if (!strcmp(outcome, "denied"))
		return (route_error(req, ctx, 404, "no jurisdiction %.128s you "
		    "administer", ctx->arg[0]));
	if (!strcmp(outcome, "crs"))
		return (route_error(req, ctx, 400, "from_crs: not a CRS "
		    "PostGIS knows"));
	if (!strcmp(outcome, "empty"))
		return (route_error(req, ctx, 400, "file: the boundary has no "
		    "area once made valid"));
	if (!strcmp(outcome, "invalid"))
		return (route_error(req, ctx, 400, "file: PostGIS cannot read "
		    "it: %.200s", store_val(&ctx->q, 0, 2)));
	if (strcmp(outcome, "ok"))
		return (route_error(req, ctx, 500, "internal error"));
	buf_init(&b);
	buf_str(&b, "{\"jurisdiction_id\":");
	fmt_json_quote(&b, ctx->arg[0], strlen(ctx->arg[0]));
	buf_printf(&b, ",\"km2\":%s}", store_val(&ctx->q, 0, 1));
	r = route_reply_json(req, ctx, 200, buf_cstr(&b));
	buf_free(&b);
	return (r);
}

static enum route_result
catalog_query(struct http_request *req, struct route_ctx *ctx)
{
	struct upload		*u;
	json_t			*root;
	struct buf		b;
	enum route_result	r;
	const char		*v[5];
	char			err[512], count[24];
	int			rc;

	if ((r = upload_file(req, ctx, &root)) != ROUTE_NEXT)
		return (r);
	u = ctx->priv;
	rc = fmt_catalog_jurisdiction(root, &u->jur, err, sizeof(err));
	json_decref(root);
	if (rc == -1)
		return (route_error(req, ctx, 400, "%s", err));
	if (strcmp(u->jur.id, ctx->arg[0]))
		return (route_error(req, ctx, 400, "jurisdiction_id: the file "
		    "is the catalog of %.128s, not of %.128s", u->jur.id,
		    ctx->arg[0]));

	v[0] = route_param(ctx, "check");
	if (v[0] != NULL && !strcmp(v[0], "1")) {
		buf_init(&b);
		upload_json(&b, &u->jur, NULL);
		r = route_reply_json(req, ctx, 200, buf_cstr(&b));
		buf_free(&b);
		return (r);
	}

	fmt_catalog_import_json(&u->jur, &u->services);
	(void)snprintf(count, sizeof(count), "%zu", u->jur.nservices);
	v[0] = ctx->staff.idtext;
	v[1] = ctx->arg[0];
	v[2] = buf_cstr(&u->services);
	v[3] = count;
	v[4] = ctx->staff.address;
	store_start(&ctx->q, req, SQL_console_catalog_import, 5, v);
	return (ROUTE_NEXT);
}

static enum route_result
catalog_answer(struct http_request *req, struct route_ctx *ctx)
{
	struct upload		*u;
	enum route_result	r;
	struct buf		b;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	u = ctx->priv;
	if (store_rows(&ctx->q) != 1)
		return (route_error(req, ctx, 404, "no jurisdiction %.128s you "
		    "administer", ctx->arg[0]));
	buf_init(&b);
	upload_json(&b, &u->jur, store_val(&ctx->q, 0, 0));
	r = route_reply_json(req, ctx, 200, buf_cstr(&b));
	buf_free(&b);
	return (r);
}

enum route_result
route_console_jurisdictions(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(list_steps)));
}

enum route_result
route_console_catalog(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(catalog_steps)));
}

enum route_result
route_console_boundary(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(boundary_steps)));
}
