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
 * GET /exports/requests.{csv,geojson}: the whole public history of
 * service requests, streamed. Pages of EXPORT_PAGE rows are read by id
 * (keyset paging) and written as they come; the next page is fetched
 * while the last one is on the wire, and rendered only once the client
 * has taken it, so memory stays flat however large the export and
 * however slow the client. HTTP/1.1 clients get chunked encoding (a
 * cut-off export is detectable); the connection closes at the end. At
 * most export_concurrency exports stream on a node at once; one more
 * gets 429 with Retry-After.
 */

#include <sys/types.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "formats/export.h"
#include "formats/params.h"
#include "route.h"
#include "shm/gauge.h"
#include "shm/metrics.h"
#include "store/requests.h"

#define EXPORT_PAGE	1000
#define EXPORT_STALL_MS	60000	/* a client that takes nothing for this */
#define EXPORT_TICK_MS	5000
#define EXPORT_RETRY_S	10	/* Retry-After when the node is full */
#define EXPORT_RETRY	"10"

#define STEP_START	0
#define STEP_STREAM	1

struct export {
	struct http_request	*req;
	struct route_ctx	*ctx;
	int			type;
	int			chunked;
	int			started;	/* headers sent */
	int			place;		/* holds a node place */
	int			rows;		/* written so far */
	size_t			bytes;
	char			last[24];	/* keyset: last id written */
	char			*jur;
	char			*codes;
	char			after[24];
	char			before[24];
	struct store_q		q;
	struct netbuf		*sentinel;	/* on the wire until drained */
	u_int64_t		progress;	/* ms: last drain */
	struct kore_timer	*timer;
};

static void	export_free(struct route_ctx *);
static void	export_fetch(struct export *);
static int	export_drained(struct netbuf *);
static void	export_tick(void *, u_int64_t);
static void	export_send(struct export *, const void *, size_t);
static enum route_result	export_page(struct export *);
static void	export_headers(struct export *);
static enum route_result	export_start(struct http_request *,
				    struct route_ctx *);
static enum route_result	export_stream(struct http_request *,
				    struct route_ctx *);

static const struct route_step	export_steps[] = {
	[STEP_START] = { "start", export_start },
	[STEP_STREAM] = { "stream", export_stream },
};

static void
export_free(struct route_ctx *ctx)
{
	struct export	*e;

	if ((e = ctx->priv) == NULL)
		return;
	/* The sentinel outlives us when the connection dies first. */
	if (e->sentinel != NULL) {
		e->sentinel->cb = NULL;
		e->sentinel->extra = NULL;
	}
	if (e->timer != NULL)
		kore_timer_remove(e->timer);
	if (e->place)
		gauge_give(app_exports(), worker->id);
	store_reset(&e->q);
	kore_free(e->jur);
	kore_free(e->codes);
	kore_free(e);
	ctx->priv = NULL;
}

static void
export_fetch(struct export *e)
{
	const char	*v[6];
	char		page[16];

	(void)snprintf(page, sizeof(page), "%d", EXPORT_PAGE);
	v[0] = e->last;
	v[1] = e->jur;
	v[2] = e->codes;
	v[3] = e->after[0] != '\0' ? e->after : NULL;
	v[4] = e->before[0] != '\0' ? e->before : NULL;
	v[5] = page;
	store_reset(&e->q);
	store_start(&e->q, e->req, SQL_export_requests, 6, v);
}

/* Called by Kore once everything queued before the sentinel is sent. */
static int
export_drained(struct netbuf *nb)
{
	struct export	*e;

	if ((e = nb->extra) == NULL)
		return (KORE_RESULT_OK);
	e->sentinel = NULL;
	e->progress = kore_time_ms();
	http_request_wakeup(e->req);
	return (KORE_RESULT_OK);
}

static void
export_tick(void *arg, u_int64_t now)
{
	struct export	*e;

	e = arg;
	if (e->sentinel != NULL && now - e->progress > EXPORT_STALL_MS &&
	    e->req->owner != NULL) {
		kore_log(LOG_NOTICE, "export: client took nothing for %d s; "
		    "closing", EXPORT_STALL_MS / 1000);
		kore_connection_disconnect(e->req->owner);
	}
}

/* Queues data as one chunk (or as it is, without chunked encoding). */
static void
export_send(struct export *e, const void *data, size_t len)
{
	struct connection	*c;
	char			head[24];
	int			n;

	c = e->req->owner;
	if (len == 0 || c == NULL)
		return;
	if (e->chunked) {
		n = snprintf(head, sizeof(head), "%zx\r\n", len);
		net_send_queue(c, head, (size_t)n);
	}
	net_send_queue(c, data, len);
	if (e->chunked)
		net_send_queue(c, "\r\n", 2);
	e->bytes += len;
}

static void
export_headers(struct export *e)
{
	struct http_request	*req;
	struct connection	*c;

	req = e->req;
	c = req->owner;
	route_headers(req);
	http_response_header(req, "content-type", e->type == FMT_EXPORT_CSV ?
	    "text/csv; charset=utf-8; header=present" :
	    "application/geo+json; charset=utf-8");
	http_response_header(req, "content-disposition", e->type ==
	    FMT_EXPORT_CSV ? "attachment; filename=\"requests.csv\"" :
	    "attachment; filename=\"requests.geojson\"");
	http_response_header(req, "cache-control", "no-cache");

	e->chunked = !(req->flags & HTTP_VERSION_1_0);
	if (e->chunked)
		http_response_header(req, "transfer-encoding", "chunked");
	req->flags |= HTTP_REQUEST_NO_CONTENT_LENGTH;

	/*
	 * "connection: close", and Kore must not read another request on
	 * this connection while the body streams; but it must not close
	 * the connection whenever the send queue runs dry between pages.
	 */
	c->flags |= CONN_CLOSE_EMPTY;
	http_response(req, 200, NULL, 0);
	c->flags &= ~CONN_CLOSE_EMPTY;
	e->started = 1;
	e->progress = kore_time_ms();
}

/*
 * Writes the page in e->q and starts the next. Returns ROUTE_WAIT while
 * there is more, ROUTE_ANSWERED at the end, ROUTE_CLOSE when the client
 * is gone.
 */
static enum route_result
export_page(struct export *e)
{
	struct route_ctx	*ctx;
	struct connection	*c;
	struct req_row		*rows;
	struct buf		b;
	size_t			n;

	ctx = e->ctx;
	c = e->req->owner;
	n = store_request_rows(&e->q, app_config()->public_url, &rows);
	route_local_xy(ctx, rows, n);

	buf_init(&b);
	if (!e->started) {
		export_headers(e);
		if (e->req->method == HTTP_METHOD_HEAD) {
			store_request_rows_free(rows, n);
			route_finish(e->req, ctx, 200, 0);
			c->flags |= CONN_CLOSE_EMPTY;
			return (ROUTE_ANSWERED);
		}
		fmt_export_begin(e->type, &b);
	}
	fmt_export_rows(e->type, rows, n, e->rows == 0, &b);
	e->rows += (int)n;
	met_add(app_metrics(), MET_EXPORT_ROWS, n);
	if (n > 0)
		(void)snprintf(e->last, sizeof(e->last), "%s", rows[n - 1].id);
	store_request_rows_free(rows, n);

	if (n < EXPORT_PAGE) {
		fmt_export_end(e->type, &b);
		export_send(e, b.data, b.len);
		if (e->chunked)
			net_send_queue(c, "0\r\n\r\n", 5);
		buf_free(&b);
		route_finish(e->req, ctx, 200, e->bytes);
		c->flags |= CONN_CLOSE_EMPTY;
		return (ROUTE_ANSWERED);
	}

	export_send(e, b.data, b.len);
	buf_free(&b);
	net_send_stream(c, NULL, 0, export_drained, &e->sentinel);
	e->sentinel->extra = e;
	/* Flush first: once the next page's query runs, we are asleep. */
	if (!net_send_flush(c))
		return (ROUTE_CLOSE);
	export_fetch(e);
	return (ROUTE_WAIT);
}

/* The filters, then the first page's query. */
static enum route_result
export_start(struct http_request *req, struct route_ctx *ctx)
{
	struct export		*e;
	enum route_result	r;
	struct buf		codes;
	const char		*p;

	if ((r = route_catalog(req, ctx)) != ROUTE_NEXT)
		return (r);
	ctx->priv = e = kore_calloc(1, sizeof(*e));
	ctx->cleanup = export_free;
	e->req = req;
	e->ctx = ctx;
	e->type = ctx->fmt == FMT_CSV ? FMT_EXPORT_CSV : FMT_EXPORT_GEOJSON;
	(void)snprintf(e->last, sizeof(e->last), "0");

	if ((p = route_param(ctx, "jurisdiction_id")) != NULL) {
		if (cat_jurisdiction_find(ctx->cat, p) == NULL)
			return (route_error(req, ctx, 404, "jurisdiction_id "
			    "'%s' not found", p));
		e->jur = kore_strdup(p);
	}
	if ((p = route_param(ctx, "service_code")) != NULL) {
		buf_init(&codes);
		if (params_list(p, 0, &codes) > 0)
			e->codes = kore_strdup(buf_cstr(&codes));
		buf_free(&codes);
	}
	if ((r = route_updated(req, ctx, e->after, e->before)) != ROUTE_NEXT)
		return (r);

	if (!gauge_take(app_exports(), worker->id,
	    app_config()->export_concurrency)) {
		met_add(app_metrics(), MET_RATE_LIMITED, 1);
		http_response_header(req, "retry-after", EXPORT_RETRY);
		return (route_error(req, ctx, 429, "%d exports are already "
		    "running on this server (export_concurrency); retry after "
		    "%d seconds", app_config()->export_concurrency,
		    EXPORT_RETRY_S));
	}
	e->place = 1;

	e->timer = kore_timer_add(export_tick, EXPORT_TICK_MS, e, 0);
	export_fetch(e);
	return (ROUTE_NEXT);
}

/* A page at a time, each once the client has taken the last. */
static enum route_result
export_stream(struct http_request *req, struct route_ctx *ctx)
{
	struct export	*e;

	e = ctx->priv;
	switch (store_step(&e->q)) {
	case STORE_WAIT:
		/* A drained sentinel may have woken us early. */
		http_request_sleep(req);
		return (ROUTE_WAIT);
	case STORE_ERROR:
		if (!e->started)
			return (route_db_error(req, ctx, &e->q));
		/* Mid-stream: cut it short, without the last chunk. */
		kore_log(LOG_WARNING, "export: database error %s: %s",
		    e->q.sqlstate, e->q.error);
		route_finish(req, ctx, 500, e->bytes);
		return (ROUTE_CLOSE);
	}
	if (e->sentinel != NULL) {
		http_request_sleep(req);
		return (ROUTE_WAIT);
	}
	return (export_page(e));
}

enum route_result
route_export(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(export_steps)));
}
