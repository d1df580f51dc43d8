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
 * GET /requests.{xml,json} and GET /requests/{id}.{xml,json}: service
 * requests with the Open311 filters (service_request_id, service_code,
 * status, start_date, end_date) and the default 90-day window, newest
 * first, at most 1000; the extensions for feeds (page, page_size,
 * updated_after, updated_before), nearby search (lat, long, radius,
 * bbox) and extensions=true. A back-office key of the jurisdiction also
 * sees each request's contact data; nobody else ever does.
 */

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "app.h"
#include "formats/date.h"
#include "formats/request.h"
#include "route.h"
#include "store/keys.h"
#include "store/requests.h"

#define RADIUS_MAX	5000.0		/* metres */
#define RADIUS_DEFAULT	100.0

/* What Last-Modified of a list answer is (struct list's modified). */
#define LIST_MODIFIED_NONE		0
#define LIST_MODIFIED_ROWS		1	/* the newest row's update */
#define LIST_MODIFIED_JURISDICTION	2	/* any change in it */

#define STEP_START	0
#define STEP_ROWS	1
#define STEP_CONTACTS	2
#define STEP_NOTES	3

struct list {
	struct cat_jurisdiction	*jur;
	struct req_row		*rows;
	size_t			nrows;
	struct req_contact	*contacts;
	struct upd_row		*notes;
	struct store_q		rowsq;
	struct store_q		notesq;
	int			single;
	int			modified;
};

static void	list_free(struct route_ctx *);
static int	list_query(struct http_request *, struct route_ctx *,
		    struct list *);
static void	list_modified(struct route_ctx *, struct list *);
static int	list_render(struct http_request *, struct route_ctx *,
		    struct list *);
static int	list_near(struct http_request *, struct route_ctx *,
		    char [7][32], const char **);
static int	list_run(struct http_request *, struct route_ctx *, int);
static int	list_more(struct http_request *, struct route_ctx *,
		    struct list *);
static void	list_ids(struct list *, struct buf *);
static void	list_notes(struct list *);

static void
list_free(struct route_ctx *ctx)
{
	struct list	*l;

	if ((l = ctx->priv) == NULL)
		return;
	store_request_rows_free(l->rows, l->nrows);
	kore_free(l->contacts);
	kore_free(l->notes);
	store_reset(&l->rowsq);
	store_reset(&l->notesq);
	kore_free(l);
	ctx->priv = NULL;
}

/*
 * lat, long and radius (metres), and bbox=minLat,minLong,maxLat,maxLong,
 * into v[0] to v[6] (NULL when not given). Returns 1, or 0 after
 * answering 400.
 */
static int
list_near(struct http_request *req, struct route_ctx *ctx, char buf[7][32],
    const char **v)
{
	const char	*lat, *lon, *radius, *bbox;
	char		*copy, *part[5];
	int		i, n;

	for (i = 0; i < 7; i++)
		v[i] = NULL;

	lat = route_param(ctx, "lat");
	lon = route_param(ctx, "long");
	radius = route_param(ctx, "radius");
	if (lat != NULL || lon != NULL || radius != NULL) {
		if (lat == NULL || lon == NULL) {
			(void)route_error(req, ctx, 400, "lat and long must be "
			    "sent together (with an optional radius)");
			return (0);
		}
		if (!route_number(lat, -90, 90, buf[0]) ||
		    !route_number(lon, -180, 180, buf[1])) {
			(void)route_error(req, ctx, 400, "lat must be from -90 "
			    "to 90 and long from -180 to 180");
			return (0);
		}
		(void)snprintf(buf[2], 32, "%.1f", RADIUS_DEFAULT);
		if (radius != NULL && !route_number(radius, 0, RADIUS_MAX,
		    buf[2])) {
			(void)route_error(req, ctx, 400, "radius must be a "
			    "number of metres from 0 to %.0f", RADIUS_MAX);
			return (0);
		}
		v[0] = buf[0];
		v[1] = buf[1];
		v[2] = buf[2];
	}

	if ((bbox = route_param(ctx, "bbox")) != NULL) {
		copy = kore_strdup(bbox);
		n = kore_split_string(copy, ",", part, 5);
		if (n != 4 || !route_number(part[0], -90, 90, buf[3]) ||
		    !route_number(part[1], -180, 180, buf[4]) ||
		    !route_number(part[2], -90, 90, buf[5]) ||
		    !route_number(part[3], -180, 180, buf[6]) ||
		    strtod(buf[3], NULL) >= strtod(buf[5], NULL) ||
		    strtod(buf[4], NULL) >= strtod(buf[6], NULL)) {
			kore_free(copy);
			(void)route_error(req, ctx, 400, "bbox must be minLat,"
			    "minLong,maxLat,maxLong with min below max");
			return (0);
		}
		kore_free(copy);
		for (i = 3; i < 7; i++)
			v[i] = buf[i];
	}

	return (1);
}

static int
list_query(struct http_request *req, struct route_ctx *ctx, struct list *l)
{
	struct buf	ids, codes, statuses;
	const char	*v[17], *g[7], *p;
	char		near[7][32];
	char		from[24], to[24], limit[16], offset[24];
	char		after[24], before[24];
	int		n, i, window;

	buf_init(&ids);
	buf_init(&codes);
	buf_init(&statuses);
	(void)snprintf(limit, sizeof(limit), "%d", ROUTE_PAGE_SIZE_MAX);

	if ((p = route_param(ctx, "service_request_id")) != NULL) {
		n = route_split(p, &ids, 0);
		for (i = 0; p[i] != '\0'; i++) {
			if (!isdigit((unsigned char)p[i]) && p[i] != ',' &&
			    p[i] != ' ')
				break;
		}
		if (p[i] != '\0' || n == 0) {
			buf_free(&ids);
			return (route_error(req, ctx, 400, "service_request_id "
			    "must be a comma list of request ids, not '%.60s'",
			    p));
		}
		v[0] = buf_cstr(&ids);
		v[1] = l->jur->id;
		v[2] = ctx->path.test ? "true" : "false";
		v[3] = limit;
		store_start(&l->rowsq, req, SQL_requests_by_ids, 4, v);
		buf_free(&ids);
		l->modified = LIST_MODIFIED_ROWS;
		return (KORE_RESULT_RETRY);
	}

	v[2] = NULL;
	if ((p = route_param(ctx, "service_code")) != NULL &&
	    route_split(p, &codes, 0) > 0)
		v[2] = buf_cstr(&codes);

	v[3] = NULL;
	if ((p = route_param(ctx, "status")) != NULL) {
		if ((n = route_split(p, &statuses, 1)) == -1) {
			buf_free(&codes);
			buf_free(&statuses);
			return (route_error(req, ctx, 400, "status must be open, "
			    "closed or both as a comma list, not '%.40s'", p));
		}
		if (n > 0)
			v[3] = buf_cstr(&statuses);
	}

	/*
	 * Only update-time filters: a feed of changes, oldest first, without
	 * the default window on requested time. The answer then changes only
	 * when something is updated, as it does with both start and end
	 * dates; in those cases the jurisdiction's latest change is
	 * Last-Modified.
	 */
	window = route_param(ctx, "start_date") != NULL ||
	    route_param(ctx, "end_date") != NULL ||
	    (route_param(ctx, "updated_after") == NULL &&
	    route_param(ctx, "updated_before") == NULL);
	if ((window && !route_window(req, ctx, from, to)) ||
	    !route_updated(req, ctx, after, before) ||
	    !route_page(req, ctx, limit, offset) ||
	    !list_near(req, ctx, near, g)) {
		buf_free(&codes);
		buf_free(&statuses);
		return (KORE_RESULT_OK);
	}
	if (!window || (route_param(ctx, "start_date") != NULL &&
	    route_param(ctx, "end_date") != NULL))
		l->modified = LIST_MODIFIED_JURISDICTION;

	v[0] = l->jur->id;
	v[1] = ctx->path.test ? "true" : "false";
	v[4] = window ? from : NULL;
	v[5] = window && to[0] != '\0' ? to : NULL;
	v[6] = limit;
	v[7] = offset;
	v[8] = after[0] != '\0' ? after : NULL;
	v[9] = before[0] != '\0' ? before : NULL;

	/* One statement per shape, so each plans once and well. */
	if (g[0] != NULL) {
		for (i = 0; i < 7; i++)
			v[10 + i] = g[i];
		store_start(&l->rowsq, req, SQL_requests_near, 17, v);
	} else if (g[3] != NULL) {
		for (i = 0; i < 4; i++)
			v[10 + i] = g[3 + i];
		store_start(&l->rowsq, req, SQL_requests_box, 14, v);
	} else if (window) {
		store_start(&l->rowsq, req, v[2] != NULL ?
		    SQL_requests_services : SQL_requests_search, 10, v);
	} else {
		v[4] = limit;
		v[5] = offset;
		v[6] = v[8];
		v[7] = v[9];
		store_start(&l->rowsq, req, SQL_requests_updated, 8, v);
	}
	buf_free(&codes);
	buf_free(&statuses);
	return (KORE_RESULT_RETRY);
}

int
route_extensions(const struct route_ctx *ctx)
{
	const char	*v;

	if (ctx->extended)
		return (1);
	if ((v = route_param(ctx, "extensions")) == NULL)
		return (0);
	return (!strcasecmp(v, "true") || !strcmp(v, "1") ||
	    !strcasecmp(v, "yes"));
}

static int
list_render(struct http_request *req, struct route_ctx *ctx, struct list *l)
{
	struct buf	body;
	struct fmt_doc	doc;
	int		rc, ext;

	ext = route_extensions(ctx);
	if (ext)
		route_local_xy(ctx, l->rows, l->nrows);
	list_modified(ctx, l);

	buf_init(&body);
	fmt_doc_begin(&doc, &body, ctx->fmt);
	fmt_request_list(&doc, l->rows, l->nrows, ext);
	rc = route_reply_doc(req, ctx, 200, &body);
	buf_free(&body);
	return (rc);
}

/* Last-Modified of the answer, when it has a trustworthy one. */
static void
list_modified(struct route_ctx *ctx, struct list *l)
{
	long long	t;
	size_t		i;
	int		c;

	ctx->modified = 0;
	if (l->modified == LIST_MODIFIED_ROWS) {
		for (i = 0; i < l->nrows; i++) {
			if (l->rows[i].updated != NULL &&
			    fmt_date_parse(l->rows[i].updated, &t, NULL) == 0 &&
			    t > ctx->modified)
				ctx->modified = t;
		}
	} else if (l->modified == LIST_MODIFIED_JURISDICTION &&
	    store_rows(&l->rowsq) > 0 &&
	    (c = store_col(&l->rowsq, "jurisdiction_modified")) != -1 &&
	    !store_isnull(&l->rowsq, 0, c)) {
		ctx->modified = strtoll(store_val(&l->rowsq, 0, c), NULL, 10);
	}
}

static int
list_run(struct http_request *req, struct route_ctx *ctx, int single)
{
	struct list	*l;
	struct buf	ids;
	const char	*v[2];
	int		r;

	l = ctx->priv;
	switch (ctx->step) {
	case STEP_START:
		if ((r = route_auth(req, ctx, AUTH_OPTIONAL)) != KORE_RESULT_OK)
			return (r == KORE_RESULT_RETRY ? r : KORE_RESULT_OK);
		if ((r = route_catalog(req, ctx)) != KORE_RESULT_OK)
			return (r == KORE_RESULT_RETRY ? r : KORE_RESULT_OK);
		ctx->priv = l = kore_calloc(1, sizeof(*l));
		ctx->cleanup = list_free;
		l->single = single;
		ctx->step = STEP_ROWS;

		if (single) {
			if (strspn(ctx->arg[0], "0123456789") !=
			    strlen(ctx->arg[0]) || strlen(ctx->arg[0]) > 18) {
				return (route_error(req, ctx, 404, "request "
				    "'%.40s' not found", ctx->arg[0]));
			}
			v[0] = ctx->arg[0];
			v[1] = ctx->path.test ? "true" : "false";
			store_start(&l->rowsq, req, SQL_request_get, 2, v);
			l->modified = LIST_MODIFIED_ROWS;
		} else {
			if ((l->jur = route_jurisdiction(req, ctx)) == NULL)
				return (KORE_RESULT_OK);
			if ((r = list_query(req, ctx, l)) != KORE_RESULT_RETRY)
				return (r);
		}
		/* FALLTHROUGH */
	case STEP_ROWS:
		if ((r = store_step(&l->rowsq)) == STORE_WAIT)
			return (KORE_RESULT_RETRY);
		if (r == STORE_ERROR)
			return (route_db_error(req, ctx, &l->rowsq));
		l->nrows = store_request_rows(&l->rowsq,
		    app_config()->public_url, &l->rows);

		if (single) {
			v[0] = route_param(ctx, "jurisdiction_id");
			if (l->nrows == 0 || (v[0] != NULL &&
			    strcmp(v[0], l->rows[0].jurisdiction_id))) {
				return (route_error(req, ctx, 404, "request "
				    "'%s' not found", ctx->arg[0]));
			}
		}

		if ((ctx->key_scopes & KEY_BACKOFFICE) && l->nrows > 0) {
			buf_init(&ids);
			list_ids(l, &ids);
			v[0] = buf_cstr(&ids);
			v[1] = ctx->key_jurisdictions;
			store_start(&ctx->q, req, SQL_request_contacts, 2, v);
			buf_free(&ids);
			ctx->step = STEP_CONTACTS;
			return (KORE_RESULT_RETRY);
		}
		return (list_more(req, ctx, l));
	case STEP_CONTACTS:
		if ((r = store_step(&ctx->q)) == STORE_WAIT)
			return (KORE_RESULT_RETRY);
		if (r == STORE_ERROR)
			return (route_db_error(req, ctx, &ctx->q));
		l->contacts = kore_calloc(l->nrows, sizeof(*l->contacts));
		store_request_contacts(&ctx->q, l->rows, l->nrows,
		    l->contacts);
		return (list_more(req, ctx, l));
	case STEP_NOTES:
		return (list_more(req, ctx, l));
	}

	return (route_error(req, ctx, 500, "internal error"));
}

/* The request ids of the rows as a PostgreSQL array literal. */
static void
list_ids(struct list *l, struct buf *ids)
{
	size_t		i;

	buf_byte(ids, '{');
	for (i = 0; i < l->nrows; i++)
		buf_printf(ids, "%s%s", i ? "," : "", l->rows[i].id);
	buf_byte(ids, '}');
}

/* Attaches each request's public history (sorted by request). */
static void
list_notes(struct list *l)
{
	struct store_q	*q;
	size_t		i;
	int		r, n, first;

	q = &l->notesq;
	n = store_rows(q);
	l->notes = n > 0 ? kore_calloc((size_t)n, sizeof(*l->notes)) : NULL;
	for (r = 0; r < n; r++) {
		l->notes[r].request_id = store_val(q, r, 0);
		l->notes[r].updated = store_val(q, r, 1);
		l->notes[r].kind = store_val(q, r, 2);
		l->notes[r].status = store_isnull(q, r, 4) ?
		    store_val(q, r, 3) : store_val(q, r, 4);
		l->notes[r].description = store_isnull(q, r, 5) ? NULL :
		    store_val(q, r, 5);
	}
	for (i = 0; i < l->nrows; i++) {
		for (r = 0, first = -1; r < n; r++) {
			if (strcmp(l->notes[r].request_id, l->rows[i].id))
				continue;
			if (first == -1)
				first = r;
			l->rows[i].nnotes++;
		}
		if (first != -1)
			l->rows[i].notes = &l->notes[first];
	}
}

/* With extensions, the notes; then the answer. */
static int
list_more(struct http_request *req, struct route_ctx *ctx, struct list *l)
{
	struct buf	ids;
	const char	*v[1];
	int		r;

	if (!route_extensions(ctx) || l->nrows == 0)
		return (list_render(req, ctx, l));

	if (ctx->step != STEP_NOTES) {
		buf_init(&ids);
		list_ids(l, &ids);
		v[0] = buf_cstr(&ids);
		store_start(&l->notesq, req, SQL_request_notes, 1, v);
		buf_free(&ids);
		ctx->step = STEP_NOTES;
	}

	if ((r = store_step(&l->notesq)) == STORE_WAIT)
		return (KORE_RESULT_RETRY);
	if (r == STORE_ERROR)
		return (route_db_error(req, ctx, &l->notesq));
	list_notes(l);
	return (list_render(req, ctx, l));
}

int
route_requests_get(struct http_request *req, struct route_ctx *ctx)
{
	if (req->method == HTTP_METHOD_POST)
		return (route_requests_post(req, ctx));
	return (list_run(req, ctx, 0));
}

int
route_request_get(struct http_request *req, struct route_ctx *ctx)
{
	return (list_run(req, ctx, 1));
}
