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
 */

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "formats/catalog.h"
#include "formats/catalog_import.h"
#include "formats/params.h"
#include "route.h"

#define STEP_START	0
#define STEP_ANSWER	1

struct upload {
	struct cat_jurisdiction	jur;
	struct buf		services;
};

static enum route_result	list_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	catalog_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	catalog_answer(struct http_request *,
				    struct route_ctx *);
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

static enum route_result
catalog_query(struct http_request *req, struct route_ctx *ctx)
{
	const struct fmt_field	*f;
	struct upload		*u;
	json_error_t		jerr;
	json_t			*root;
	struct buf		b;
	enum route_result	r;
	const char		*v[5];
	char			err[512], count[24];
	size_t			i;
	int			rc;

	f = NULL;
	for (i = 0; i < ctx->body.n; i++) {
		if (!strcmp(ctx->body.f[i].name, "file"))
			f = &ctx->body.f[i];
	}
	if (f == NULL || f->len == 0)
		return (route_error(req, ctx, 400, "file: a catalog file "
		    "(JSON) is required"));
	if ((root = json_loadb(f->value, f->len, JSON_REJECT_DUPLICATES,
	    &jerr)) == NULL)
		return (route_error(req, ctx, 400, "file: not JSON: line %d, "
		    "column %d: %s", jerr.line, jerr.column, jerr.text));

	u = kore_calloc(1, sizeof(*u));
	buf_init(&u->services);
	ctx->priv = u;
	ctx->cleanup = upload_free;
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
