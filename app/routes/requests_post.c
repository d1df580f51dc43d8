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
 * POST /requests.{xml,json}: a new service request. Parses the form or
 * multipart body, identifies the API key, checks the service, location,
 * attributes and every field, stores uploaded photos (without their
 * metadata), then runs the one submission transaction and answers with
 * the id, token or notice.
 * A repeated Idempotency-Key (or client_request_id) gets the first
 * answer again within 24 hours.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "formats/attrs.h"
#include "formats/crs.h"
#include "formats/params.h"
#include "formats/photo.h"
#include "formats/request.h"
#include "formats/utf8.h"
#include "geo/locks.h"
#include "geo/proj.h"
#include "route.h"
#include "shm/metrics.h"

#define POST_MEDIA_MAX	10
#define IDEM_MAX	200	/* characters of an Idempotency-Key */

#define STEP_ROUTE	0
#define STEP_CHECK	1
#define STEP_REPLAY	2
#define STEP_MEDIA	3
#define STEP_SUBMIT	4

struct post {
	struct cat_service	*svc;
	struct buf		attrs;
	char			lat[PARAMS_NUMBER_LEN];
	char			lon[PARAMS_NUMBER_LEN];
	double			dlat;
	double			dlon;
	int			has_point;
	char			address_key[256];
	struct buf		locks;
	const char		*idem;
	struct buf		photos[POST_MEDIA_MAX];
	const char		*types[POST_MEDIA_MAX];
	size_t			nfiles;
	size_t			stored;
	char			*media[POST_MEDIA_MAX];
	struct buf		urls;
	struct buf		ids;
};

static void	post_free(struct route_ctx *);
static enum route_result	post_projected(struct http_request *,
				    struct route_ctx *, struct post *);
static enum route_result	post_location(struct http_request *,
				    struct route_ctx *, struct post *);
static enum route_result	post_files(struct http_request *,
				    struct route_ctx *, struct post *);
static enum route_result	post_contact(struct http_request *,
				    struct route_ctx *);
static enum route_result	post_fields(struct http_request *,
				    struct route_ctx *, struct post *);
static void	post_locks(struct route_ctx *, struct post *);
static enum route_result	post_receipt(struct http_request *,
				    struct route_ctx *, struct post *, int);
static void	post_submit_start(struct http_request *, struct route_ctx *,
		    struct post *);
static enum route_result	post_route(struct http_request *,
				    struct route_ctx *);
static enum route_result	post_check(struct http_request *,
				    struct route_ctx *);
static enum route_result	post_replay(struct http_request *,
				    struct route_ctx *);
static enum route_result	post_media(struct http_request *,
				    struct route_ctx *);
static enum route_result	post_submit(struct http_request *,
				    struct route_ctx *);

static const struct route_step	post_steps[] = {
	[STEP_ROUTE] = { "route", post_route },
	[STEP_CHECK] = { "check", post_check },
	[STEP_REPLAY] = { "replay", post_replay },
	[STEP_MEDIA] = { "media", post_media },
	[STEP_SUBMIT] = { "submit", post_submit },
};

static void
post_free(struct route_ctx *ctx)
{
	struct post	*p;
	size_t		i;

	if ((p = ctx->priv) == NULL)
		return;
	for (i = 0; i < p->stored; i++)
		kore_free(p->media[i]);
	for (i = 0; i < p->nfiles; i++)
		buf_free(&p->photos[i]);
	buf_free(&p->attrs);
	buf_free(&p->locks);
	buf_free(&p->urls);
	buf_free(&p->ids);
	kore_free(p);
	ctx->priv = NULL;
}

/*
 * x, y and crs from partner systems that speak the jurisdiction's local
 * projected CRS (state plane, say), turned into lat/long with PROJ.
 */
static enum route_result
post_projected(struct http_request *req, struct route_ctx *ctx,
    struct post *p)
{
	const struct cat_jurisdiction	*jur;
	const struct geo_crs		*crs;
	const char			*xs, *ys, *cs;
	char				xbuf[PARAMS_NUMBER_LEN];
	char				ybuf[PARAMS_NUMBER_LEN];
	int				srid;

	jur = p->svc->jur;
	xs = route_param(ctx, "x");
	ys = route_param(ctx, "y");
	cs = route_param(ctx, "crs");

	if (xs == NULL || ys == NULL || cs == NULL)
		return (route_error(req, ctx, 400, "x, y and crs must be sent "
		    "together"));
	if ((srid = fmt_crs_epsg(cs)) == -1)
		return (route_error(req, ctx, 400, "crs must name a CRS such "
		    "as EPSG:%d, not '%.40s'", jur->srid, cs));
	if (srid != jur->srid || (crs = geo_crs(srid)) == NULL)
		return (route_error(req, ctx, 400, "crs must be EPSG:%d, the "
		    "local CRS of %s (or send lat and long)", jur->srid,
		    jur->id));
	if (params_number(xs, -1e12, 1e12, xbuf) == -1 ||
	    params_number(ys, -1e12, 1e12, ybuf) == -1)
		return (route_error(req, ctx, 400, "x and y must be numbers "
		    "in %s", crs->name));
	if (geo_to_wgs84(crs, strtod(xbuf, NULL), strtod(ybuf, NULL),
	    &p->dlat, &p->dlon) == -1 || !geo_in_area(crs, p->dlat, p->dlon))
		return (route_error(req, ctx, 400, "x %.40s, y %.40s is "
		    "outside the area of use of %s", xs, ys, crs->name));

	(void)snprintf(p->lat, sizeof(p->lat), "%.8f", p->dlat);
	(void)snprintf(p->lon, sizeof(p->lon), "%.8f", p->dlon);
	p->has_point = 1;
	return (ROUTE_NEXT);
}

static enum route_result
post_location(struct http_request *req, struct route_ctx *ctx,
    struct post *p)
{
	const struct geo_crs	*crs;
	const char		*lat, *lon;

	lat = route_param(ctx, "lat");
	lon = route_param(ctx, "long");

	if (route_param(ctx, "x") != NULL || route_param(ctx, "y") != NULL ||
	    route_param(ctx, "crs") != NULL) {
		if (lat != NULL || lon != NULL)
			return (route_error(req, ctx, 400, "send lat and long, "
			    "or x, y and crs, not both"));
		return (post_projected(req, ctx, p));
	}

	if ((lat == NULL) != (lon == NULL))
		return (route_error(req, ctx, 400, "lat and long must be sent "
		    "together"));

	if (lat == NULL) {
		if (route_param(ctx, "address_string") == NULL &&
		    route_param(ctx, "address_id") == NULL)
			return (route_error(req, ctx, 400, "a location is "
			    "required: lat and long, x and y, address_string "
			    "or address_id"));
		return (ROUTE_NEXT);
	}

	if (params_number(lat, -90.0, 90.0, p->lat) == -1)
		return (route_error(req, ctx, 400, "lat must be a number from "
		    "-90 to 90, not '%.32s'", lat));
	if (params_number(lon, -180.0, 180.0, p->lon) == -1)
		return (route_error(req, ctx, 400, "long must be a number from "
		    "-180 to 180, not '%.32s'", lon));
	p->dlat = strtod(p->lat, NULL);
	p->dlon = strtod(p->lon, NULL);
	crs = p->svc->jur->srid != 4326 ? geo_crs(p->svc->jur->srid) : NULL;
	if (crs != NULL && !geo_in_area(crs, p->dlat, p->dlon))
		return (route_error(req, ctx, 400, "the location %s, %s is "
		    "outside %s (the area of use of its %s)", lat, lon,
		    p->svc->jur->id, crs->name));
	p->has_point = 1;
	return (ROUTE_NEXT);
}

/*
 * The duplicate check's advisory locks: the grid cells around the point
 * or the normalised address (see geo/locks.h), as a bigint array.
 */
static void
post_locks(struct route_ctx *ctx, struct post *p)
{
	const char	*addr, *items[GEO_LOCKS];
	char		scope[256], text[GEO_LOCKS][24];
	int64_t		locks[GEO_LOCKS];
	size_t		i, n;

	buf_init(&p->locks);
	if (!p->has_point &&
	    (addr = route_param(ctx, "address_string")) != NULL)
		geo_address_normalize(addr, p->address_key,
		    sizeof(p->address_key));

	n = 0;
	(void)snprintf(scope, sizeof(scope), "%s|%s", p->svc->jur->id,
	    p->svc->dup_group != NULL ? p->svc->dup_group : p->svc->code);
	if (p->svc->dup_mode != CAT_DUP_LINK) {
		n = 0;
	} else if (p->has_point) {
		geo_point_locks(scope, p->dlat, p->dlon, p->svc->jur->srid,
		    p->svc->dup_radius_m, locks);
		n = GEO_LOCKS;
	} else if (p->address_key[0] != '\0') {
		locks[0] = geo_grid_address_lock(scope, p->address_key);
		n = 1;
	}

	for (i = 0; i < n; i++) {
		(void)snprintf(text[i], sizeof(text[i]), "%lld",
		    (long long)locks[i]);
		items[i] = text[i];
	}
	params_pg_array(&p->locks, items, n);
}

/*
 * Uploaded files in parts named media, media[] or photoN: JPEG, PNG or
 * WebP by their bytes, copied without their metadata.
 */
static enum route_result
post_files(struct http_request *req, struct route_ctx *ctx, struct post *p)
{
	const struct fmt_field	*f;
	const char		*why;
	size_t			i;

	for (i = 0; i < ctx->body.n; i++) {
		f = &ctx->body.f[i];
		if (!f->file)
			continue;
		if (strcmp(f->name, "media") && strcmp(f->name, "media[]") &&
		    !(strncmp(f->name, "photo", 5) == 0 && f->name[5] != '\0' &&
		    strspn(f->name + 5, "0123456789") == strlen(f->name + 5)))
			continue;
		if (f->len == 0)
			continue;
		if (p->nfiles == POST_MEDIA_MAX)
			return (route_error(req, ctx, 400, "at most %d photos "
			    "per request", POST_MEDIA_MAX));
		buf_init(&p->photos[p->nfiles]);
		p->types[p->nfiles] = fmt_photo_type(f->value, f->len);
		if ((why = fmt_photo_strip(f->value, f->len,
		    &p->photos[p->nfiles++])) != NULL)
			return (route_error(req, ctx, 400, "%s %s", f->name,
			    why));
	}

	return (ROUTE_NEXT);
}

/* The reporter's contact fields, checked here, stored apart. */
static enum route_result
post_contact(struct http_request *req, struct route_ctx *ctx)
{
	static const struct {
		const char	*name;
		size_t		max;
	} fields[] = {
		{ "email", 254 }, { "phone", 40 }, { "first_name", 100 },
		{ "last_name", 100 }, { "device_id", 200 },
		{ "deviceid", 200 }, { "account_id", 200 },
	};
	enum route_result	r;
	const char		*v, *at;
	size_t			i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		if ((r = route_text(req, ctx, fields[i].name, FMT_TEXT_LINE,
		    fields[i].max)) != ROUTE_NEXT)
			return (r);
	}

	if ((v = route_param(ctx, "email")) != NULL) {
		at = strchr(v, '@');
		if (at == NULL || at == v || at[1] == '\0' ||
		    strchr(at + 1, '@') != NULL ||
		    strpbrk(v, " \t,;<>") != NULL)
			return (route_error(req, ctx, 400, "email is not an "
			    "e-mail address"));
	}

	if ((v = route_param(ctx, "phone")) != NULL &&
	    strspn(v, "0123456789 +-().#*x/") != strlen(v))
		return (route_error(req, ctx, 400, "phone may hold only "
		    "digits, spaces and + - ( ) . # * x /"));

	return (ROUTE_NEXT);
}

/* Every field of the submission, in the order errors are reported. */
static enum route_result
post_fields(struct http_request *req, struct route_ctx *ctx, struct post *p)
{
	enum route_result	r;
	const char		*hdr;
	char			err[512];

	if ((r = post_location(req, ctx, p)) != ROUTE_NEXT ||
	    (r = route_text(req, ctx, "description", FMT_TEXT_MULTILINE,
	    PARAMS_TEXT_MAX)) != ROUTE_NEXT ||
	    (r = route_text(req, ctx, "address_string", FMT_TEXT_LINE,
	    500)) != ROUTE_NEXT ||
	    (r = route_text(req, ctx, "address_id", FMT_TEXT_LINE,
	    200)) != ROUTE_NEXT ||
	    (r = route_text(req, ctx, "zipcode", FMT_TEXT_LINE,
	    20)) != ROUTE_NEXT ||
	    (r = post_contact(req, ctx)) != ROUTE_NEXT ||
	    (r = route_links(req, ctx, &p->urls)) != ROUTE_NEXT ||
	    (r = post_files(req, ctx, p)) != ROUTE_NEXT)
		return (r);

	if (fmt_attrs_collect(&ctx->body, p->svc, &p->attrs, err,
	    sizeof(err)) == -1)
		return (route_error(req, ctx, 400, "%s", err));

	if (!http_request_header(req, "idempotency-key", &hdr))
		hdr = route_param(ctx, "client_request_id");
	if (hdr != NULL && (hdr[0] == '\0' || params_text("Idempotency-Key",
	    hdr, FMT_TEXT_LINE, IDEM_MAX, err, sizeof(err)) == -1))
		return (route_error(req, ctx, 400, "Idempotency-Key and "
		    "client_request_id take up to %d printable characters",
		    IDEM_MAX));
	p->idem = hdr;
	return (ROUTE_NEXT);
}

/*
 * With several jurisdictions and no jurisdiction_id: the most local
 * jurisdiction whose boundary covers the point and that offers the
 * service.
 */
static enum route_result
post_route(struct http_request *req, struct route_ctx *ctx)
{
	struct cat_service	*svc;
	enum route_result	r;
	struct buf		ids;
	const char		*lat, *lon, *code;
	char			clat[PARAMS_NUMBER_LEN];
	char			clon[PARAMS_NUMBER_LEN];
	size_t			i;

	if ((r = route_catalog(req, ctx)) != ROUTE_NEXT)
		return (r);
	if (route_param(ctx, "jurisdiction_id") != NULL ||
	    ctx->cat->njurs <= 1)
		return (ROUTE_NEXT);

	lat = route_param(ctx, "lat");
	lon = route_param(ctx, "long");
	if (lat == NULL || lon == NULL)
		return (route_jurisdiction(req, ctx, 1));
	if (params_number(lat, -90.0, 90.0, clat) == -1 ||
	    params_number(lon, -180.0, 180.0, clon) == -1)
		return (route_error(req, ctx, 400, "lat must be a number from "
		    "-90 to 90 and long from -180 to 180"));
	if ((code = route_param(ctx, "service_code")) == NULL)
		return (route_error(req, ctx, 400, "service_code is required"));

	if ((r = route_locate(req, ctx, clat, clon)) != ROUTE_NEXT)
		return (r);
	if (ctx->nlocated == 0)
		return (route_error(req, ctx, 400, "the location %s, %s is "
		    "outside every jurisdiction this gateway serves", lat,
		    lon));

	for (i = 0; i < ctx->nlocated; i++) {
		svc = cat_service_find(ctx->located[i], code);
		if (svc != NULL && svc->active) {
			ctx->jur = ctx->located[i];
			return (ROUTE_NEXT);
		}
	}

	buf_init(&ids);
	for (i = 0; i < ctx->nlocated; i++)
		buf_printf(&ids, "%s%s", i ? ", " : "", ctx->located[i]->id);
	r = route_error(req, ctx, 404, "service_code '%.64s' is not offered "
	    "at %s, %s (%s)", code, lat, lon, buf_cstr(&ids));
	buf_free(&ids);
	return (r);
}

/* The jurisdiction, service and every field; then photos or a replay. */
static enum route_result
post_check(struct http_request *req, struct route_ctx *ctx)
{
	struct post		*p;
	enum route_result	r;
	const char		*code, *v[2];
	char			key[24];

	if ((r = route_jurisdiction(req, ctx, 1)) != ROUTE_NEXT)
		return (r);
	if ((code = route_param(ctx, "service_code")) == NULL)
		return (route_error(req, ctx, 400, "service_code is required"));

	ctx->priv = p = kore_calloc(1, sizeof(*p));
	ctx->cleanup = post_free;
	buf_init(&p->attrs);
	buf_init(&p->urls);
	buf_init(&p->ids);
	p->svc = cat_service_find(ctx->jur, code);
	if (p->svc == NULL || !p->svc->active)
		return (route_error(req, ctx, 404, "service_code '%.64s' not "
		    "found in %s", code, ctx->jur->id));

	if ((r = route_allow(req, ctx, KEY_SUBMIT, ctx->jur->id)) !=
	    ROUTE_NEXT || (r = post_fields(req, ctx, p)) != ROUTE_NEXT)
		return (r);
	post_locks(ctx, p);

	/* A retry with photos: answer as before, without storing them. */
	if (p->idem == NULL || p->nfiles == 0) {
		ctx->step = STEP_MEDIA;
		return (ROUTE_NEXT);
	}
	(void)snprintf(key, sizeof(key), "%lld", ctx->key.id);
	v[0] = key;
	v[1] = p->idem;
	store_start(&ctx->q, req, SQL_request_replay, 2, v);
	return (ROUTE_NEXT);
}

static enum route_result
post_replay(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	if (store_rows(&ctx->q) == 1)
		return (post_receipt(req, ctx, ctx->priv, 1));
	store_reset(&ctx->q);
	return (ROUTE_NEXT);
}

/* Stores the photos one at a time, then starts the submission. */
static enum route_result
post_media(struct http_request *req, struct route_ctx *ctx)
{
	struct post		*p;
	enum route_result	r;
	const char		*v[2];
	int			len[2], fmts[2];

	p = ctx->priv;
	if (ctx->q.started) {
		if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
			return (r);
		p->media[p->stored++] = kore_strdup(store_val(&ctx->q, 0, 0));
		store_reset(&ctx->q);
	}
	if (p->stored < p->nfiles) {
		v[0] = p->types[p->stored];
		v[1] = p->photos[p->stored].data;
		len[0] = (int)strlen(v[0]);
		len[1] = (int)p->photos[p->stored].len;
		fmts[0] = 0;
		fmts[1] = 1;
		store_start_bin(&ctx->q, req, SQL_media_insert, 2, v, len,
		    fmts, 0);
		return (ROUTE_WAIT);
	}
	post_submit_start(req, ctx, p);
	return (ROUTE_NEXT);
}

static enum route_result
post_submit(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	return (post_receipt(req, ctx, ctx->priv,
	    store_val(&ctx->q, 0, 5)[0] == 't'));
}

static enum route_result
post_receipt(struct http_request *req, struct route_ctx *ctx, struct post *p,
    int replay)
{
	enum route_result	rc;
	struct req_receipt	r;
	struct buf		body;
	struct fmt_doc		doc;

	if (!strcmp(store_val(&ctx->q, 0, 0), "outside"))
		return (route_error(req, ctx, 400, "the location %s, %s is "
		    "outside the boundary of %s", p->lat, p->lon,
		    p->svc->jur->id));

	r.type = p->svc->type;
	r.private = p->svc->private;
	r.id = store_val(&ctx->q, 0, 1);
	r.token = store_isnull(&ctx->q, 0, 2) ? NULL : store_val(&ctx->q, 0, 2);
	r.notice = store_isnull(&ctx->q, 0, 3) ? NULL :
	    store_val(&ctx->q, 0, 3);
	r.account_id = store_isnull(&ctx->q, 0, 4) ? NULL :
	    store_val(&ctx->q, 0, 4);

	if (replay) {
		http_response_header(req, "idempotent-replayed", "true");
	} else {
		met_add(app_metrics(), MET_SUBMISSIONS, 1);
		if (!store_isnull(&ctx->q, 0, 6))
			met_add(app_metrics(), MET_DUPLICATES, 1);
	}

	buf_init(&body);
	fmt_doc_begin(&doc, &body, ctx->fmt);
	fmt_request_receipt(&doc, &r);
	rc = route_reply_doc(req, ctx, 200, &body);
	buf_free(&body);
	return (rc);
}

static void
post_submit_start(struct http_request *req, struct route_ctx *ctx,
    struct post *p)
{
	const char	*v[25], *device, *locale;
	char		key[24];

	(void)snprintf(key, sizeof(key), "%lld", ctx->key.id);
	if ((device = route_param(ctx, "device_id")) == NULL)
		device = route_param(ctx, "deviceid");

	params_pg_array(&p->ids, (const char *const *)p->media, p->stored);

	v[0] = key;
	v[1] = p->idem;
	v[2] = p->svc->jur->id;
	v[3] = p->svc->code;
	v[4] = ctx->path.test ? "true" : "false";
	v[5] = p->has_point ? p->lat : NULL;
	v[6] = p->has_point ? p->lon : NULL;
	v[7] = route_param(ctx, "address_string");
	v[8] = route_param(ctx, "address_id");
	v[9] = route_param(ctx, "zipcode");
	v[10] = route_param(ctx, "description");
	v[11] = buf_cstr(&p->attrs);
	v[12] = buf_cstr(&p->ids);
	v[13] = buf_cstr(&p->urls);
	v[14] = ctx->key.channel;
	v[15] = route_param(ctx, "email");
	v[16] = route_param(ctx, "phone");
	v[17] = route_param(ctx, "first_name");
	v[18] = route_param(ctx, "last_name");
	v[19] = device;
	v[20] = route_param(ctx, "account_id");
	v[21] = buf_cstr(&p->locks);
	v[22] = p->address_key[0] != '\0' ? p->address_key : NULL;
	/* E-mails about progress unless the reporter declined them. */
	v[23] = params_bool(route_param(ctx, "email_alerts_requested"), 1) ==
	    0 ? "false" : "true";
	/* The web pages send the page's language (checked by web.c). */
	locale = route_param(ctx, "locale");
	v[24] = ctx->key.channel != NULL && !strcmp(ctx->key.channel, "web") &&
	    locale != NULL && strlen(locale) < CAT_LANG_MAX &&
	    cat_lang_valid(locale) ? locale : NULL;
	store_start(&ctx->q, req, SQL_request_submit, 25, v);
}

enum route_result
route_requests_post(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(post_steps)));
}
