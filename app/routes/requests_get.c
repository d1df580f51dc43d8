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
 * sees each request's contact data; nobody else ever does. Requests of
 * private services are left out of every list (in SQL: request_public);
 * by id, their reporter (t=token) and the back office still see them.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "formats/catalog_render.h"
#include "formats/cursor.h"
#include "formats/date.h"
#include "formats/params.h"
#include "formats/request.h"
#include "route.h"
#include "store/requests.h"

#define RADIUS_MAX	5000.0		/* metres */
#define RADIUS_DEFAULT	"100.0"

/* What Last-Modified of a list answer is (struct list's modified). */
#define LIST_MODIFIED_NONE		0
#define LIST_MODIFIED_ROWS		1	/* the newest row's update */
#define LIST_MODIFIED_JURISDICTION	2	/* any change in it */

#define STEP_QUERY	0
#define STEP_ROWS	1
#define STEP_CONTACTS	2
#define STEP_NOTES	3
#define STEP_ANSWER	4

struct list {
	struct req_row		*rows;
	size_t			nrows;
	struct req_contact	*contacts;
	struct upd_row		*notes;
	struct store_q		rowsq;
	struct store_q		notesq;
	int			single;		/* GET /requests/{id} */
	int			modified;
	char			order;		/* CURSOR_*; 0: no link */
	size_t			limit;
	struct buf		scope;		/* see fmt_cursor_scope() */
};

static void	list_free(struct route_ctx *);
static int	list_staff(const struct route_ctx *);
static struct list	*list_new(struct route_ctx *);
static enum route_result	list_near(struct http_request *,
				    struct route_ctx *, char [7][32],
				    const char **);
static enum route_result	list_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	list_one(struct http_request *,
				    struct route_ctx *);
static enum route_result	list_rows(struct http_request *,
				    struct route_ctx *);
static enum route_result	list_contacts(struct http_request *,
				    struct route_ctx *);
static enum route_result	list_notes(struct http_request *,
				    struct route_ctx *);
static enum route_result	list_answer(struct http_request *,
				    struct route_ctx *);
static void	list_modified(struct route_ctx *, struct list *);
static enum route_result	list_cursor(struct http_request *,
				    struct route_ctx *, struct list *, char,
				    char *, char *);
static void	list_next(struct http_request *, struct route_ctx *,
		    struct list *);
static void	list_ids(struct list *, struct buf *);
static void	list_attach_notes(struct list *);

static const struct route_step	list_steps[] = {
	[STEP_QUERY] = { "query", list_query },
	[STEP_ROWS] = { "rows", list_rows },
	[STEP_CONTACTS] = { "contacts", list_contacts },
	[STEP_NOTES] = { "notes", list_notes },
	[STEP_ANSWER] = { "answer", list_answer },
};

static const struct route_step	one_steps[] = {
	[STEP_QUERY] = { "query", list_one },
	[STEP_ROWS] = { "rows", list_rows },
	[STEP_CONTACTS] = { "contacts", list_contacts },
	[STEP_NOTES] = { "notes", list_notes },
	[STEP_ANSWER] = { "answer", list_answer },
};

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
	buf_free(&l->scope);
	kore_free(l);
	ctx->priv = NULL;
}

/*
 * Whether the caller is the back office (a backoffice or admin key):
 * sql/request_get.sql and requests_by_ids.sql then also return private
 * services' requests of the key's jurisdictions.
 */
static int
list_staff(const struct route_ctx *ctx)
{
	return ((ctx->key.scopes & (KEY_BACKOFFICE | KEY_ADMIN)) != 0);
}

static struct list *
list_new(struct route_ctx *ctx)
{
	if (ctx->priv == NULL) {
		ctx->priv = kore_calloc(1, sizeof(struct list));
		ctx->cleanup = list_free;
	}
	return (ctx->priv);
}

/*
 * lat, long and radius (metres), and bbox=minLat,minLong,maxLat,maxLong,
 * into v[0] to v[6] (NULL when not given). ROUTE_NEXT, or ROUTE_ANSWERED
 * after 400.
 */
static enum route_result
list_near(struct http_request *req, struct route_ctx *ctx, char buf[7][32],
    const char **v)
{
	const char	*lat, *lon, *radius, *bbox;
	char		*copy, *part[5];
	int		i, n, bad;

	for (i = 0; i < 7; i++)
		v[i] = NULL;

	lat = route_param(ctx, "lat");
	lon = route_param(ctx, "long");
	radius = route_param(ctx, "radius");
	if (lat != NULL || lon != NULL || radius != NULL) {
		if (lat == NULL || lon == NULL)
			return (route_error(req, ctx, 400, "lat and long must "
			    "be sent together (with an optional radius)"));
		if (params_number(lat, -90, 90, buf[0]) == -1 ||
		    params_number(lon, -180, 180, buf[1]) == -1)
			return (route_error(req, ctx, 400, "lat must be from "
			    "-90 to 90 and long from -180 to 180"));
		(void)snprintf(buf[2], 32, "%s", RADIUS_DEFAULT);
		if (radius != NULL && params_number(radius, 0, RADIUS_MAX,
		    buf[2]) == -1)
			return (route_error(req, ctx, 400, "radius must be a "
			    "number of metres from 0 to %.0f", RADIUS_MAX));
		v[0] = buf[0];
		v[1] = buf[1];
		v[2] = buf[2];
	}

	if ((bbox = route_param(ctx, "bbox")) != NULL) {
		copy = kore_strdup(bbox);
		n = kore_split_string(copy, ",", part, 5);
		bad = n != 4 ||
		    params_number(part[0], -90, 90, buf[3]) == -1 ||
		    params_number(part[1], -180, 180, buf[4]) == -1 ||
		    params_number(part[2], -90, 90, buf[5]) == -1 ||
		    params_number(part[3], -180, 180, buf[6]) == -1 ||
		    strtod(buf[3], NULL) >= strtod(buf[5], NULL) ||
		    strtod(buf[4], NULL) >= strtod(buf[6], NULL);
		kore_free(copy);
		if (bad)
			return (route_error(req, ctx, 400, "bbox must be "
			    "minLat,minLong,maxLat,maxLong with min below "
			    "max"));
		for (i = 3; i < 7; i++)
			v[i] = buf[i];
	}

	return (ROUTE_NEXT);
}

/* GET /requests: the filters into one of the list statements. */
static enum route_result
list_query(struct http_request *req, struct route_ctx *ctx)
{
	struct list		*l;
	enum route_result	r;
	struct buf		ids, codes, statuses;
	const char		*v[19], *g[7], *p;
	char			near[7][32];
	char			from[24], to[24], limit[16], offset[24];
	char			after[24], before[24], cur_us[24], cur_id[24];
	int			n, i, window;

	if ((r = route_catalog(req, ctx)) != ROUTE_NEXT ||
	    (r = route_jurisdiction(req, ctx, 0)) != ROUTE_NEXT)
		return (r);
	l = list_new(ctx);
	(void)snprintf(limit, sizeof(limit), "%d", PARAMS_PAGE_SIZE_MAX);

	if ((p = route_param(ctx, "service_request_id")) != NULL) {
		buf_init(&ids);
		if (params_list(p, PARAMS_LIST_IDS, &ids) < 1) {
			buf_free(&ids);
			return (route_error(req, ctx, 400, "service_request_id "
			    "must be a comma list of request ids, not '%.60s'",
			    p));
		}
		v[0] = buf_cstr(&ids);
		v[1] = ctx->jur->id;
		v[2] = ctx->path.test ? "true" : "false";
		v[3] = limit;
		v[4] = list_staff(ctx) ? "true" : "false";
		v[5] = ctx->key_jurisdictions;
		store_start(&l->rowsq, req, SQL_requests_by_ids, 6, v);
		buf_free(&ids);
		l->modified = LIST_MODIFIED_ROWS;
		return (ROUTE_NEXT);
	}

	buf_init(&codes);
	buf_init(&statuses);
	v[2] = NULL;
	if ((p = route_param(ctx, "service_code")) != NULL &&
	    params_list(p, 0, &codes) > 0)
		v[2] = buf_cstr(&codes);

	v[3] = NULL;
	if ((p = route_param(ctx, "status")) != NULL) {
		if ((n = params_list(p, PARAMS_LIST_STATUS, &statuses)) == -1) {
			r = route_error(req, ctx, 400, "status must be open, "
			    "closed or both as a comma list, not '%.40s'", p);
			goto out;
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
	if ((window && (r = route_window(req, ctx, from, to)) != ROUTE_NEXT) ||
	    (r = route_updated(req, ctx, after, before)) != ROUTE_NEXT ||
	    (r = route_page(req, ctx, limit, offset, "follow the next link "
	    "(cursor=) of the page before instead")) != ROUTE_NEXT ||
	    (r = list_near(req, ctx, near, g)) != ROUTE_NEXT ||
	    (r = list_cursor(req, ctx, l, g[0] != NULL || g[3] != NULL ||
	    window ? CURSOR_REQUESTED : CURSOR_UPDATED, cur_us,
	    cur_id)) != ROUTE_NEXT)
		goto out;
	if (cur_us[0] != '\0')
		(void)snprintf(offset, sizeof(offset), "0");
	l->limit = strtoul(limit, NULL, 10);
	if (!window || (route_param(ctx, "start_date") != NULL &&
	    route_param(ctx, "end_date") != NULL))
		l->modified = LIST_MODIFIED_JURISDICTION;

	v[0] = ctx->jur->id;
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
		v[17] = cur_us[0] != '\0' ? cur_us : NULL;
		v[18] = cur_us[0] != '\0' ? cur_id : NULL;
		store_start(&l->rowsq, req, SQL_requests_near, 19, v);
	} else if (g[3] != NULL) {
		for (i = 0; i < 4; i++)
			v[10 + i] = g[3 + i];
		v[14] = cur_us[0] != '\0' ? cur_us : NULL;
		v[15] = cur_us[0] != '\0' ? cur_id : NULL;
		store_start(&l->rowsq, req, SQL_requests_box, 16, v);
	} else if (window) {
		v[10] = cur_us[0] != '\0' ? cur_us : NULL;
		v[11] = cur_us[0] != '\0' ? cur_id : NULL;
		store_start(&l->rowsq, req, v[2] != NULL ?
		    SQL_requests_services : SQL_requests_search, 12, v);
	} else {
		v[4] = limit;
		v[5] = offset;
		v[6] = v[8];
		v[7] = v[9];
		v[8] = cur_us[0] != '\0' ? cur_us : NULL;
		v[9] = cur_us[0] != '\0' ? cur_id : NULL;
		store_start(&l->rowsq, req, SQL_requests_updated, 10, v);
	}
	r = ROUTE_NEXT;
out:
	buf_free(&codes);
	buf_free(&statuses);
	return (r);
}

/* GET /requests/{id}. */
static enum route_result
list_one(struct http_request *req, struct route_ctx *ctx)
{
	struct list		*l;
	enum route_result	r;
	const char		*v[5];

	if ((r = route_catalog(req, ctx)) != ROUTE_NEXT)
		return (r);
	if (!params_id(ctx->arg[0]))
		return (route_error(req, ctx, 404, "request '%.40s' not found",
		    ctx->arg[0]));
	l = list_new(ctx);
	v[0] = ctx->arg[0];
	v[1] = ctx->path.test ? "true" : "false";
	v[2] = list_staff(ctx) ? "true" : "false";
	v[3] = ctx->key_jurisdictions;
	v[4] = route_param(ctx, "t");
	store_start(&l->rowsq, req, SQL_request_get, 5, v);
	l->single = 1;
	l->modified = LIST_MODIFIED_ROWS;
	return (ROUTE_NEXT);
}

/* The rows; a back-office key of the jurisdiction also gets contacts. */
static enum route_result
list_rows(struct http_request *req, struct route_ctx *ctx)
{
	struct list		*l;
	enum route_result	r;
	struct buf		ids;
	const char		*v[2];

	l = ctx->priv;
	if ((r = route_query(req, ctx, &l->rowsq)) != ROUTE_NEXT)
		return (r);
	l->nrows = store_request_rows(&l->rowsq, app_config()->public_url,
	    &l->rows);

	if (l->single) {
		v[0] = route_param(ctx, "jurisdiction_id");
		if (l->nrows == 0 || (v[0] != NULL &&
		    strcmp(v[0], l->rows[0].jurisdiction_id)))
			return (route_error(req, ctx, 404, "request '%s' not "
			    "found", ctx->arg[0]));
	}

	if (!(ctx->key.scopes & KEY_BACKOFFICE) || l->nrows == 0) {
		ctx->step = STEP_NOTES;
		return (ROUTE_NEXT);
	}
	buf_init(&ids);
	list_ids(l, &ids);
	v[0] = buf_cstr(&ids);
	v[1] = ctx->key_jurisdictions;
	store_start(&ctx->q, req, SQL_request_contacts, 2, v);
	buf_free(&ids);
	return (ROUTE_NEXT);
}

static enum route_result
list_contacts(struct http_request *req, struct route_ctx *ctx)
{
	struct list		*l;
	enum route_result	r;

	l = ctx->priv;
	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	l->contacts = kore_calloc(l->nrows, sizeof(*l->contacts));
	store_request_contacts(&ctx->q, l->rows, l->nrows, l->contacts);
	return (ROUTE_NEXT);
}

/* With extensions, each request's public history. */
static enum route_result
list_notes(struct http_request *req, struct route_ctx *ctx)
{
	struct list		*l;
	enum route_result	r;
	struct buf		ids;
	const char		*v[1];

	l = ctx->priv;
	if (!route_extensions(ctx) || l->nrows == 0)
		return (ROUTE_NEXT);

	if (!l->notesq.started) {
		buf_init(&ids);
		list_ids(l, &ids);
		v[0] = buf_cstr(&ids);
		store_start(&l->notesq, req, SQL_request_notes, 1, v);
		buf_free(&ids);
	}
	if ((r = route_query(req, ctx, &l->notesq)) != ROUTE_NEXT)
		return (r);
	list_attach_notes(l);
	return (ROUTE_NEXT);
}

static enum route_result
list_answer(struct http_request *req, struct route_ctx *ctx)
{
	struct list		*l;
	enum route_result	r;
	struct buf		body;
	struct fmt_doc		doc;
	int			ext;

	l = ctx->priv;
	ext = route_extensions(ctx);
	if (ext)
		route_local_xy(ctx, l->rows, l->nrows);
	list_modified(ctx, l);
	list_next(req, ctx, l);

	buf_init(&body);
	fmt_doc_begin(&doc, &body, ctx->fmt);
	fmt_request_list(&doc, l->rows, l->nrows, ext);
	r = route_reply_doc(req, ctx, 200, &body);
	buf_free(&body);
	return (r);
}

/*
 * The keyset continuation (app/formats/cursor.h): the list's order, the
 * query's scope and the position cursor= names, into us and id (empty
 * when the list starts from its beginning). ROUTE_NEXT, or
 * ROUTE_ANSWERED after 400.
 */
static enum route_result
list_cursor(struct http_request *req, struct route_ctx *ctx, struct list *l,
    char order, char *us, char *id)
{
	const char	*c;
	long long	pus, pid;

	l->order = order;
	buf_reset(&l->scope);
	fmt_cursor_scope(&l->scope, req->query_string);
	us[0] = id[0] = '\0';
	if ((c = route_param(ctx, "cursor")) == NULL)
		return (ROUTE_NEXT);
	if (route_param(ctx, "page") != NULL)
		return (route_error(req, ctx, 400, "page and cursor cannot be "
		    "sent together: a cursor goes on from where its page "
		    "ended"));
	if (fmt_cursor_parse(c, order, buf_cstr(&l->scope), &pus,
	    &pid) == -1)
		return (route_error(req, ctx, 400, "cursor is not one of this "
		    "list: send it with the same other parameters as the "
		    "link it came in, or start again without it"));
	(void)snprintf(us, 24, "%lld", pus);
	(void)snprintf(id, 24, "%lld", pid);
	return (ROUTE_NEXT);
}

/*
 * A full page of a list: the link to the next one, with the cursor after
 * its last row, in a Link header (rel="next") in every format.
 */
static void
list_next(struct http_request *req, struct route_ctx *ctx, struct list *l)
{
	struct buf	link;
	const char	*scope;
	int		c;

	if (l->order == 0 || l->nrows == 0 || l->nrows < l->limit ||
	    (c = store_col(&l->rowsq, "cursor_us")) == -1 ||
	    store_isnull(&l->rowsq, (int)l->nrows - 1, c))
		return;

	scope = buf_cstr(&l->scope);
	buf_init(&link);
	buf_printf(&link, "<%s%s", app_config()->public_url,
	    ctx->path.test ? "/test" : "");
	if (ctx->endpoint != NULL)
		fmt_discovery_url(&link, "", ctx->endpoint);
	buf_printf(&link, "/requests.%s?%s%scursor=", ctx->path.ext, scope,
	    scope[0] != '\0' ? "&" : "");
	fmt_cursor_make(&link, l->order,
	    strtoll(store_val(&l->rowsq, (int)l->nrows - 1, c), NULL, 10),
	    strtoll(l->rows[l->nrows - 1].id, NULL, 10), scope);
	buf_str(&link, ">; rel=\"next\"");
	http_response_header(req, "link", buf_cstr(&link));
	buf_free(&link);
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

/* The request ids of the rows as a PostgreSQL array literal. */
static void
list_ids(struct list *l, struct buf *ids)
{
	const char	**items;
	size_t		i;

	items = kore_calloc(l->nrows, sizeof(*items));
	for (i = 0; i < l->nrows; i++)
		items[i] = l->rows[i].id;
	params_pg_array(ids, items, l->nrows);
	kore_free(items);
}

/* Attaches each request's public history (sorted by request). */
static void
list_attach_notes(struct list *l)
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

enum route_result
route_requests_get(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(list_steps)));
}

enum route_result
route_request_get(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(one_steps)));
}
