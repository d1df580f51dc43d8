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

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app.h"
#include "formats/attrs.h"
#include "formats/crs.h"
#include "formats/photo.h"
#include "formats/request.h"
#include "formats/utf8.h"
#include "geo/grid.h"
#include "geo/proj.h"
#include "route.h"
#include "shared/metrics.h"
#include "store/keys.h"
#include "store/requests.h"

#define POST_MEDIA_MAX	10

#define STEP_PARSE	0
#define STEP_AUTH	1
#define STEP_ROUTE	2
#define STEP_CHECK	3
#define STEP_REPLAY	4
#define STEP_MEDIA	5
#define STEP_SUBMIT	6

struct post {
	struct cat_service	*svc;
	struct fmt_buf		attrs;
	char			lat[32];
	char			lon[32];
	double			dlat;
	double			dlon;
	int			has_point;
	char			address_key[256];
	struct fmt_buf		locks;
	const char		*idem;
	struct fmt_buf		photos[POST_MEDIA_MAX];
	const char		*types[POST_MEDIA_MAX];
	size_t			nfiles;
	size_t			stored;
	char			*media[POST_MEDIA_MAX];
	struct fmt_buf		urls;
	struct fmt_buf		ids;
};

static void	post_free(struct route_ctx *);
static int	post_check(struct http_request *, struct route_ctx *,
		    struct post *);
static int	post_text(struct http_request *, struct route_ctx *,
		    const char *, size_t, int, const char **);
static int	post_projected(struct http_request *, struct route_ctx *,
		    struct post *);
static void	post_locks(struct route_ctx *, struct post *);
static int	post_route(struct http_request *, struct route_ctx *);
static int	post_location(struct http_request *, struct route_ctx *,
		    struct post *);
static int	post_media(struct http_request *, struct route_ctx *,
		    struct post *);
static int	post_contact(struct http_request *, struct route_ctx *);
static int	post_receipt(struct http_request *, struct route_ctx *,
		    struct post *, int);
static void	post_submit(struct http_request *, struct route_ctx *,
		    struct post *);

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
		fmt_buf_free(&p->photos[i]);
	fmt_buf_free(&p->attrs);
	fmt_buf_free(&p->locks);
	fmt_buf_free(&p->urls);
	fmt_buf_free(&p->ids);
	kore_free(p);
	ctx->priv = NULL;
}

/*
 * Checks an optional text field: at most maxchars characters of the
 * class (one line or several). Returns 1 (*out NULL when absent), or 0
 * after answering 400.
 */
static int
post_text(struct http_request *req, struct route_ctx *ctx, const char *name,
    size_t maxchars, int class, const char **out)
{
	const char	*v, *why;
	size_t		len;

	*out = NULL;
	if ((v = route_param(ctx, name)) == NULL)
		return (1);

	len = strlen(v);
	if ((why = fmt_text_check(v, len, class)) != NULL) {
		(void)route_error(req, ctx, 400, "%s %s", name, why);
		return (0);
	}
	if (fmt_utf8_chars(v, len) > maxchars) {
		(void)route_error(req, ctx, 400, "%s is longer than %zu "
		    "characters", name, maxchars);
		return (0);
	}

	*out = v;
	return (1);
}

/*
 * x, y and crs from partner systems that speak the jurisdiction's local
 * projected CRS (state plane, say), turned into lat/long with PROJ.
 */
static int
post_projected(struct http_request *req, struct route_ctx *ctx,
    struct post *p)
{
	const struct cat_jurisdiction	*jur;
	const struct geo_crs		*crs;
	const char			*xs, *ys, *cs;
	char				xbuf[32], ybuf[32];
	double				x, y;
	int				srid;

	jur = p->svc->jur;
	xs = route_param(ctx, "x");
	ys = route_param(ctx, "y");
	cs = route_param(ctx, "crs");

	if (xs == NULL || ys == NULL || cs == NULL) {
		(void)route_error(req, ctx, 400, "x, y and crs must be sent "
		    "together");
		return (0);
	}
	if ((srid = fmt_crs_epsg(cs)) == -1) {
		(void)route_error(req, ctx, 400, "crs must name a CRS such as "
		    "EPSG:%d, not '%.40s'", jur->srid, cs);
		return (0);
	}
	if (srid != jur->srid || (crs = geo_crs(srid)) == NULL) {
		(void)route_error(req, ctx, 400, "crs must be EPSG:%d, the "
		    "local CRS of %s (or send lat and long)", jur->srid,
		    jur->id);
		return (0);
	}
	if (!route_number(xs, -1e12, 1e12, xbuf) ||
	    !route_number(ys, -1e12, 1e12, ybuf)) {
		(void)route_error(req, ctx, 400, "x and y must be numbers in "
		    "%s", crs->name);
		return (0);
	}
	x = strtod(xbuf, NULL);
	y = strtod(ybuf, NULL);
	if (geo_to_wgs84(crs, x, y, &p->dlat, &p->dlon) == -1 ||
	    !geo_in_area(crs, p->dlat, p->dlon)) {
		(void)route_error(req, ctx, 400, "x %.40s, y %.40s is outside "
		    "the area of use of %s", xs, ys, crs->name);
		return (0);
	}

	(void)snprintf(p->lat, sizeof(p->lat), "%.8f", p->dlat);
	(void)snprintf(p->lon, sizeof(p->lon), "%.8f", p->dlon);
	p->has_point = 1;
	return (1);
}

static int
post_location(struct http_request *req, struct route_ctx *ctx,
    struct post *p)
{
	const struct geo_crs	*crs;
	const char		*lat, *lon;

	lat = route_param(ctx, "lat");
	lon = route_param(ctx, "long");

	if (route_param(ctx, "x") != NULL || route_param(ctx, "y") != NULL ||
	    route_param(ctx, "crs") != NULL) {
		if (lat != NULL || lon != NULL) {
			(void)route_error(req, ctx, 400, "send lat and long, "
			    "or x, y and crs, not both");
			return (0);
		}
		return (post_projected(req, ctx, p));
	}

	if ((lat == NULL) != (lon == NULL)) {
		(void)route_error(req, ctx, 400, "lat and long must be sent "
		    "together");
		return (0);
	}

	if (lat != NULL) {
		if (!route_number(lat, -90.0, 90.0, p->lat)) {
			(void)route_error(req, ctx, 400, "lat must be a number "
			    "from -90 to 90, not '%.32s'", lat);
			return (0);
		}
		if (!route_number(lon, -180.0, 180.0, p->lon)) {
			(void)route_error(req, ctx, 400, "long must be a number "
			    "from -180 to 180, not '%.32s'", lon);
			return (0);
		}
		p->dlat = strtod(p->lat, NULL);
		p->dlon = strtod(p->lon, NULL);
		crs = p->svc->jur->srid != 4326 ? geo_crs(p->svc->jur->srid) :
		    NULL;
		if (crs != NULL && !geo_in_area(crs, p->dlat, p->dlon)) {
			(void)route_error(req, ctx, 400, "the location %s, %s "
			    "is outside %s (the area of use of its %s)",
			    lat, lon, p->svc->jur->id, crs->name);
			return (0);
		}
		p->has_point = 1;
		return (1);
	}

	if (route_param(ctx, "address_string") == NULL &&
	    route_param(ctx, "address_id") == NULL) {
		(void)route_error(req, ctx, 400, "a location is required: lat "
		    "and long, x and y, address_string or address_id");
		return (0);
	}

	return (1);
}

/*
 * The duplicate check's advisory locks: the metric-grid cells around
 * the point (in the local CRS, or an equirectangular approximation), or
 * the normalised address. Reports of the same duplicate key close enough
 * to match share at least one key.
 */
static void
post_locks(struct route_ctx *ctx, struct post *p)
{
	const struct geo_crs	*crs;
	const char		*addr;
	char			scope[256];
	const char		*items[GEO_LOCKS];
	char			buf[GEO_LOCKS][24];
	int64_t			locks[GEO_LOCKS];
	double			x, y, cell;
	int			i;

	fmt_buf_init(&p->locks);
	if (!p->has_point && (addr = route_param(ctx, "address_string")) !=
	    NULL)
		geo_address_normalize(addr, p->address_key,
		    sizeof(p->address_key));
	if (p->svc->dup_mode != CAT_DUP_LINK) {
		fmt_buf_str(&p->locks, "{}");
		return;
	}

	(void)snprintf(scope, sizeof(scope), "%s|%s", p->svc->jur->id,
	    p->svc->dup_group != NULL ? p->svc->dup_group : p->svc->code);

	if (p->has_point) {
		crs = p->svc->jur->srid != 4326 ? geo_crs(p->svc->jur->srid) :
		    NULL;
		cell = p->svc->dup_radius_m * 1.5;
		if (crs == NULL || geo_to_local(crs, p->dlat, p->dlon,
		    &x, &y) == -1) {
			x = p->dlon * 111320.0 * cos(p->dlat * M_PI / 180.0);
			y = p->dlat * 110540.0;
			cell *= 2;
		} else {
			cell /= crs->unit_m;
		}
		geo_grid_locks(scope, x, y, cell, locks);
		for (i = 0; i < GEO_LOCKS; i++) {
			(void)snprintf(buf[i], sizeof(buf[i]), "%lld",
			    (long long)locks[i]);
			items[i] = buf[i];
		}
		store_array_literal(&p->locks, items, GEO_LOCKS);
		return;
	}

	if (p->address_key[0] == '\0') {
		fmt_buf_str(&p->locks, "{}");
		return;
	}
	(void)snprintf(buf[0], sizeof(buf[0]), "%lld",
	    (long long)geo_grid_address_lock(scope, p->address_key));
	items[0] = buf[0];
	store_array_literal(&p->locks, items, 1);
}

/*
 * Uploaded files in parts named media, media[] or photoN: JPEG, PNG or
 * WebP by their bytes, copied without their metadata.
 */
static int
post_media(struct http_request *req, struct route_ctx *ctx, struct post *p)
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
		if (p->nfiles == POST_MEDIA_MAX) {
			(void)route_error(req, ctx, 400, "at most %d photos "
			    "per request", POST_MEDIA_MAX);
			return (0);
		}
		fmt_buf_init(&p->photos[p->nfiles]);
		p->types[p->nfiles] = fmt_photo_type(f->value, f->len);
		if ((why = fmt_photo_strip(f->value, f->len,
		    &p->photos[p->nfiles++])) != NULL) {
			(void)route_error(req, ctx, 400, "%s %s", f->name, why);
			return (0);
		}
	}

	return (1);
}

/* The reporter's contact fields, checked here, stored apart. */
static int
post_contact(struct http_request *req, struct route_ctx *ctx)
{
	static const struct {
		const char	*name;
		size_t		max;
	} fields[] = {
		{ "email", 254 }, { "phone", 40 }, { "first_name", 100 },
		{ "last_name", 100 }, { "device_id", 200 },
		{ "deviceid", 200 }, { "account_id", 200 },
		{ NULL, 0 }
	};
	const char	*v, *at;
	int		i;

	for (i = 0; fields[i].name != NULL; i++) {
		if (!post_text(req, ctx, fields[i].name, fields[i].max,
		    FMT_TEXT_LINE, &v))
			return (0);
	}

	if ((v = route_param(ctx, "email")) != NULL) {
		at = strchr(v, '@');
		if (at == NULL || at == v || at[1] == '\0' ||
		    strchr(at + 1, '@') != NULL || strpbrk(v, " \t,;<>") !=
		    NULL) {
			(void)route_error(req, ctx, 400, "email is not an "
			    "e-mail address");
			return (0);
		}
	}

	if ((v = route_param(ctx, "phone")) != NULL &&
	    strspn(v, "0123456789 +-().#*x/") != strlen(v)) {
		(void)route_error(req, ctx, 400, "phone may hold only digits, "
		    "spaces and + - ( ) . # * x /");
		return (0);
	}

	return (1);
}

/*
 * With several jurisdictions and no jurisdiction_id: the most local
 * jurisdiction whose boundary covers the point and that offers the
 * service.
 */
static int
post_route(struct http_request *req, struct route_ctx *ctx)
{
	struct fmt_buf		ids;
	const char		*lat, *lon, *code;
	char			clat[32], clon[32];
	size_t			i;
	int			r;

	lat = route_param(ctx, "lat");
	lon = route_param(ctx, "long");
	if (lat == NULL || lon == NULL) {
		(void)route_jurisdiction(req, ctx);
		return (KORE_RESULT_ERROR);
	}
	if (!route_number(lat, -90.0, 90.0, clat) ||
	    !route_number(lon, -180.0, 180.0, clon)) {
		(void)route_error(req, ctx, 400, "lat must be a number from "
		    "-90 to 90 and long from -180 to 180");
		return (KORE_RESULT_ERROR);
	}
	if ((code = route_param(ctx, "service_code")) == NULL) {
		(void)route_error(req, ctx, 400, "service_code is required");
		return (KORE_RESULT_ERROR);
	}

	if ((r = route_locate(req, ctx, clat, clon)) != KORE_RESULT_OK)
		return (r);

	if (ctx->nlocated == 0) {
		(void)route_error(req, ctx, 400, "the location %s, %s is "
		    "outside every jurisdiction this gateway serves", lat, lon);
		return (KORE_RESULT_ERROR);
	}

	for (i = 0; i < ctx->nlocated; i++) {
		if (cat_service_find(ctx->located[i], code) != NULL &&
		    cat_service_find(ctx->located[i], code)->active) {
			ctx->jur = ctx->located[i];
			return (KORE_RESULT_OK);
		}
	}

	fmt_buf_init(&ids);
	for (i = 0; i < ctx->nlocated; i++)
		fmt_buf_printf(&ids, "%s%s", i ? ", " : "",
		    ctx->located[i]->id);
	(void)route_error(req, ctx, 404, "service_code '%.64s' is not offered "
	    "at %s, %s (%s)", code, lat, lon, fmt_buf_cstr(&ids));
	fmt_buf_free(&ids);
	return (KORE_RESULT_ERROR);
}

static int
post_check(struct http_request *req, struct route_ctx *ctx, struct post *p)
{
	struct cat_jurisdiction	*jur;
	const char		*code, *v;
	char			err[512];
	const char		*hdr;

	if ((jur = route_jurisdiction(req, ctx)) == NULL)
		return (0);

	if ((code = route_param(ctx, "service_code")) == NULL) {
		(void)route_error(req, ctx, 400, "service_code is required");
		return (0);
	}
	p->svc = cat_service_find(jur, code);
	if (p->svc == NULL || !p->svc->active) {
		(void)route_error(req, ctx, 404, "service_code '%.64s' not "
		    "found in %s", code, jur->id);
		return (0);
	}

	if (!route_allow(req, ctx, KEY_SUBMIT, jur->id))
		return (0);

	if (!post_location(req, ctx, p) ||
	    !post_text(req, ctx, "description", CAT_TEXT_MAX,
	    FMT_TEXT_MULTILINE, &v) ||
	    !post_text(req, ctx, "address_string", 500, FMT_TEXT_LINE, &v) ||
	    !post_text(req, ctx, "address_id", 200, FMT_TEXT_LINE, &v) ||
	    !post_text(req, ctx, "zipcode", 20, FMT_TEXT_LINE, &v) ||
	    !post_contact(req, ctx) || !route_links(req, ctx, &p->urls) ||
	    !post_media(req, ctx, p))
		return (0);

	fmt_buf_init(&p->attrs);
	if (fmt_attrs_collect(&ctx->body, p->svc, &p->attrs, err,
	    sizeof(err)) == -1) {
		(void)route_error(req, ctx, 400, "%s", err);
		return (0);
	}

	if (!http_request_header(req, "idempotency-key", &hdr))
		hdr = route_param(ctx, "client_request_id");
	if (hdr != NULL && (strlen(hdr) > 200 || hdr[0] == '\0' ||
	    fmt_text_check(hdr, strlen(hdr), FMT_TEXT_LINE) != NULL)) {
		(void)route_error(req, ctx, 400, "Idempotency-Key and "
		    "client_request_id take up to 200 printable characters");
		return (0);
	}
	p->idem = hdr;
	post_locks(ctx, p);

	return (1);
}

static int
post_receipt(struct http_request *req, struct route_ctx *ctx, struct post *p,
    int replay)
{
	struct req_receipt	r;
	struct fmt_buf		body;
	struct fmt_doc		doc;
	int			rc;

	if (!strcmp(store_val(&ctx->q, 0, 0), "outside")) {
		return (route_error(req, ctx, 400, "the location %s, %s is "
		    "outside the boundary of %s", p->lat, p->lon,
		    p->svc->jur->id));
	}

	r.type = p->svc->type;
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

	fmt_buf_init(&body);
	fmt_doc_begin(&doc, &body, ctx->fmt);
	fmt_request_receipt(&doc, &r);
	rc = route_reply_doc(req, ctx, 200, &body);
	fmt_buf_free(&body);
	return (rc);
}

static void
post_submit(struct http_request *req, struct route_ctx *ctx, struct post *p)
{
	const char	*v[24], *device, *consent;
	char		key[24];

	(void)snprintf(key, sizeof(key), "%lld", ctx->key_id);
	device = route_param(ctx, "device_id");
	if (device == NULL)
		device = route_param(ctx, "deviceid");

	fmt_buf_init(&p->ids);
	store_array_literal(&p->ids, (const char *const *)p->media,
	    p->stored);

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
	v[11] = fmt_buf_cstr(&p->attrs);
	v[12] = fmt_buf_cstr(&p->ids);
	v[13] = fmt_buf_cstr(&p->urls);
	v[14] = ctx->key_channel;
	v[15] = route_param(ctx, "email");
	v[16] = route_param(ctx, "phone");
	v[17] = route_param(ctx, "first_name");
	v[18] = route_param(ctx, "last_name");
	v[19] = device;
	v[20] = route_param(ctx, "account_id");
	v[21] = fmt_buf_cstr(&p->locks);
	v[22] = p->address_key[0] != '\0' ? p->address_key : NULL;
	/* E-mails about progress unless the reporter declined them. */
	consent = route_param(ctx, "email_alerts_requested");
	v[23] = consent != NULL && (!strcasecmp(consent, "false") ||
	    !strcmp(consent, "0") || !strcasecmp(consent, "no")) ?
	    "false" : "true";
	store_start(&ctx->q, req, SQL_request_submit, 24, v);
}

int
route_requests_post(struct http_request *req, struct route_ctx *ctx)
{
	struct post	*p;
	const char	*v[2];
	int		len[2], fmts[2], r;
	char		key[24];

	p = ctx->priv;
	switch (ctx->step) {
	case STEP_PARSE:
		if (!route_body(req, ctx))
			return (KORE_RESULT_OK);
		ctx->priv = p = kore_calloc(1, sizeof(*p));
		ctx->cleanup = post_free;
		ctx->step = STEP_AUTH;
		/* FALLTHROUGH */
	case STEP_AUTH:
		if ((r = route_auth(req, ctx, AUTH_REQUIRED)) != KORE_RESULT_OK)
			return (r == KORE_RESULT_RETRY ? r : KORE_RESULT_OK);
		if ((r = route_catalog(req, ctx)) != KORE_RESULT_OK)
			return (r == KORE_RESULT_RETRY ? r : KORE_RESULT_OK);
		ctx->step = STEP_ROUTE;
		/* FALLTHROUGH */
	case STEP_ROUTE:
		if (route_param(ctx, "jurisdiction_id") == NULL &&
		    ctx->cat->njurs > 1 &&
		    (r = post_route(req, ctx)) != KORE_RESULT_OK)
			return (r == KORE_RESULT_RETRY ? r : KORE_RESULT_OK);
		ctx->step = STEP_CHECK;
		/* FALLTHROUGH */
	case STEP_CHECK:
		if (!post_check(req, ctx, p))
			return (KORE_RESULT_OK);
		if (p->idem != NULL && p->nfiles > 0) {
			(void)snprintf(key, sizeof(key), "%lld", ctx->key_id);
			v[0] = key;
			v[1] = p->idem;
			store_start(&ctx->q, req, SQL_request_replay, 2, v);
			ctx->step = STEP_REPLAY;
		} else {
			ctx->step = STEP_MEDIA;
			goto media;
		}
		/* FALLTHROUGH */
	case STEP_REPLAY:
		if ((r = store_step(&ctx->q)) == STORE_WAIT)
			return (KORE_RESULT_RETRY);
		if (r == STORE_ERROR)
			return (route_db_error(req, ctx, &ctx->q));
		if (store_rows(&ctx->q) == 1)
			return (post_receipt(req, ctx, p, 1));
		store_reset(&ctx->q);
		ctx->step = STEP_MEDIA;
		/* FALLTHROUGH */
	case STEP_MEDIA:
media:
		if (ctx->q.started) {
			if ((r = store_step(&ctx->q)) == STORE_WAIT)
				return (KORE_RESULT_RETRY);
			if (r == STORE_ERROR)
				return (route_db_error(req, ctx, &ctx->q));
			p->media[p->stored++] =
			    kore_strdup(store_val(&ctx->q, 0, 0));
			store_reset(&ctx->q);
		}
		if (p->stored < p->nfiles) {
			v[0] = p->types[p->stored];
			v[1] = p->photos[p->stored].data;
			len[0] = (int)strlen(v[0]);
			len[1] = (int)p->photos[p->stored].len;
			fmts[0] = 0;
			fmts[1] = 1;
			store_start_bin(&ctx->q, req, SQL_media_insert, 2, v,
			    len, fmts, 0);
			return (KORE_RESULT_RETRY);
		}
		post_submit(req, ctx, p);
		ctx->step = STEP_SUBMIT;
		/* FALLTHROUGH */
	case STEP_SUBMIT:
		if ((r = store_step(&ctx->q)) == STORE_WAIT)
			return (KORE_RESULT_RETRY);
		if (r == STORE_ERROR)
			return (route_db_error(req, ctx, &ctx->q));
		return (post_receipt(req, ctx, p,
		    store_val(&ctx->q, 0, 5)[0] == 't'));
	}

	return (route_error(req, ctx, 500, "internal error"));
}
