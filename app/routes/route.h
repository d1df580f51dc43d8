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
 * The glue every resource handler shares: the per-request context, the
 * route table entry, and the one place responses leave the server
 * (Content-Type, Open311 error bodies in the requested format, the access
 * log line).
 */

#ifndef __H_ROUTE
#define __H_ROUTE

#include <kore/kore.h>
#include <kore/http.h>

#include "formats/doc.h"
#include "formats/form.h"
#include "formats/path.h"
#include "model/request.h"
#include "store/catalog_cache.h"
#include "store/db.h"

/* Formats a route accepts, as path suffixes. */
#define ROUTE_XML	0x01
#define ROUTE_JSON	0x02
#define ROUTE_NONE	0x04	/* no suffix: /healthz */
#define ROUTE_GEOJSON	0x08
#define ROUTE_CSV	0x10

#define FMT_GEOJSON	3	/* ctx->fmt of a .geojson resource */
#define FMT_CSV		4	/* ctx->fmt of a .csv resource */

#define ROUTE_LOCATED_MAX	16
#define ROUTE_OPEN311	(ROUTE_XML | ROUTE_JSON)

/* Methods, as Kore's HTTP_METHOD_* bits. */
#define ROUTE_GET	HTTP_METHOD_GET
#define ROUTE_POST	HTTP_METHOD_POST

struct route_ctx;

struct route_def {
	const char	*name;
	const char	*pattern;
	int		methods;
	int		formats;
	int		(*handler)(struct http_request *, struct route_ctx *);
};

struct route_ctx {
	const struct route_def	*def;
	struct fmt_path		path;
	const char		*arg[2];
	int			fmt;
	u_int64_t		t0;
	int			step;
	int			replied;
	int			limited;
	int			slot;		/* metrics: route index + 1 */
	long long		modified;	/* Last-Modified, 0: none */
	const char		*etag;		/* the handler's own tag */
	const char		*cache;		/* Cache-Control override */
	const char		*callback;	/* JSONP, validated */
	int			extended;	/* as with extensions=true */
	int			showing;	/* admin: answering as a GET */
	struct fmt_form		qs;
	struct fmt_form		body;
	struct store_q		q;
	struct store_waiter	wait;
	struct catalog		*cat;
	struct cat_jurisdiction	*jur;
	struct cat_jurisdiction	*located[ROUTE_LOCATED_MAX];
	size_t			nlocated;
	long long		key_id;
	int			key_scopes;
	char			key_channel[40];
	char			*key_jurisdictions;
	void			*priv;
	void			(*cleanup)(struct route_ctx *);
};

/* Kore's handler for every path: finds the route and runs it. */
int	route_dispatch(struct http_request *);

/*
 * Sends status with body (len bytes) of content type ctype, and logs the
 * request. Every answer allows any origin (CORS). A GET's JSON answer
 * is wrapped in the JSONP callback when one was given; a GET's 200
 * carries an entity tag (ctx->etag, else a hash of the body), the
 * Last-Modified of ctx->modified and Cache-Control, and becomes a bodiless
 * 304 when If-None-Match (or, without it, If-Modified-Since) shows the
 * client's copy is current. Returns KORE_RESULT_OK for the handler to
 * return.
 */
int	route_reply(struct http_request *, struct route_ctx *, int,
	    const void *, size_t, const char *);

/*
 * Logs an answered request (access log line, metrics); route_reply does
 * it for every answer but a stream, which calls it when it ends.
 */
void	route_finish(struct http_request *, struct route_ctx *, int, size_t);

/* Headers every answer carries: CORS for any origin, nosniff. */
void	route_headers(struct http_request *);

/* The route table, ending with an entry whose name is NULL. */
const struct route_def	*route_table(void);

/* Sends a rendered XML/JSON document in the request's format. */
int	route_reply_doc(struct http_request *, struct route_ctx *, int,
	    const struct buf *);

/*
 * Sends an Open311 error body (<errors><error><code/><description/>) in
 * the request's format, the description printf-formatted.
 */
int	route_error(struct http_request *, struct route_ctx *, int,
	    const char *, ...) __attribute__((format (printf, 4, 5)));

/* Answers a failed query q: 503 when the database is unreachable. */
int	route_db_error(struct http_request *, struct route_ctx *,
	    const struct store_q *);

/*
 * A parameter's value from the body form, else the query string; NULL
 * when it is absent or empty (an empty optional parameter counts as not
 * given).
 */
const char	*route_param(const struct route_ctx *, const char *);

/*
 * Takes the catalog for this request (ctx->cat). Returns KORE_RESULT_OK
 * when it is there, KORE_RESULT_RETRY while it loads; on failure it
 * answers 503 and returns KORE_RESULT_ERROR (the caller returns
 * KORE_RESULT_OK).
 */
int	route_catalog(struct http_request *, struct route_ctx *);

/*
 * Resolves the jurisdiction_id parameter against the catalog (or returns
 * ctx->jur when routing by location chose one). Optional when one
 * jurisdiction exists. Returns it, or NULL after answering 404 (unknown)
 * or 400 (missing with several jurisdictions).
 */
struct cat_jurisdiction	*route_jurisdiction(struct http_request *,
			    struct route_ctx *);

/*
 * Identifies the caller by API key ("Authorization: Bearer KEY" or an
 * api_key parameter) against the worker's key cache, filling ctx->key_*.
 * Returns KORE_RESULT_OK (ctx->key_id is 0 for an anonymous caller),
 * KORE_RESULT_RETRY while the cache loads, or KORE_RESULT_ERROR after
 * answering 403 (with AUTH_REQUIRED: missing, unknown or revoked, with
 * the revocation message) or 503.
 */
int	route_auth(struct http_request *, struct route_ctx *, int);

#define AUTH_OPTIONAL	0	/* GETs: a missing or bad key is anonymous */
#define AUTH_REQUIRED	1

/*
 * Checks that the caller's key has scope and covers jurisdiction.
 * Returns 1, or 0 after answering 403.
 */
int	route_allow(struct http_request *, struct route_ctx *, int,
	    const char *);

/*
 * Parses the request body by its Content-Type into ctx->body, with the
 * configured limits. Returns 1, or 0 after answering 400 or 413.
 */
int	route_body(struct http_request *, struct route_ctx *);

/* Fills x, y and crs of each row in its jurisdiction's local CRS. */
void	route_local_xy(const struct route_ctx *, struct req_row *, size_t);

/*
 * Counts the request against its client's rate limit (k, when it sent a
 * valid key; write for submissions). Returns 1, or 0 after answering
 * 429 with Retry-After. Counts a request once however often called.
 */
struct store_key;
int	route_limit(struct http_request *, struct route_ctx *,
	    const struct store_key *, int);

/* The valid key a GET names (header or api_key), or NULL. */
const struct store_key	*route_limit_key(struct http_request *,
			    struct route_ctx *);

/* 1 when extensions=true (or 1, yes) asks for extended_attributes. */
int	route_extensions(const struct route_ctx *);

/*
 * Finds the jurisdictions whose boundary covers lat/long into
 * ctx->located, the most local first. Start with the query in ctx->q,
 * then call again each time the handler runs: KORE_RESULT_RETRY while
 * waiting, KORE_RESULT_OK when done, KORE_RESULT_ERROR after answering.
 */
int	route_locate(struct http_request *, struct route_ctx *, const char *,
	    const char *);

/*
 * The start_date/end_date window into from and to (seconds since the
 * epoch as text, 24 bytes each; to is "" without end_date): the last
 * max_span_days by default, [start, now] or [end - span, end] when only
 * one is given, a longer span clamped to its most recent max_span_days.
 * Returns 1, or 0 after answering 400.
 */
int	route_window(struct http_request *, struct route_ctx *, char *,
	    char *);

/*
 * page (1-based, 0 as 1) and page_size (or max_requests; larger sizes
 * are cut to ROUTE_PAGE_SIZE_MAX) into limit (16 bytes) and offset (24
 * bytes) as text. Returns 1, or 0 after answering 400.
 */
#define ROUTE_PAGE_SIZE_MAX	1000
#define ROUTE_PAGE_MAX		1000000
int	route_page(struct http_request *, struct route_ctx *, char *,
	    char *);

/*
 * The media_url links of the body (empty ones skipped; each checked by
 * fmt_url_check(), at most ROUTE_LINKS_MAX) appended to out as a
 * PostgreSQL array literal. Returns 1, or 0 after answering 400.
 */
#define ROUTE_LINKS_MAX		10
int	route_links(struct http_request *, struct route_ctx *,
	    struct buf *);

/*
 * Turns a comma list into a PostgreSQL array literal in out, dropping
 * empty items and the blanks around each (at most ROUTE_LIST_MAX). With
 * status, items are folded to lower case and must be open or closed.
 * Returns the number of items, or -1 for a status that is neither.
 */
#define ROUTE_LIST_MAX	1000
int	route_split(const char *, struct buf *, int);

/*
 * updated_after and updated_before into after and before (seconds since
 * the epoch as text, 24 bytes each; "" when not given). Returns 1, or 0
 * after answering 400.
 */
int	route_updated(struct http_request *, struct route_ctx *, char *,
	    char *);

/*
 * A plain decimal number (no hex, inf or nan, no blanks) within [min,
 * max], written to out (32 bytes) with 8 decimals. Returns 1, or 0 when
 * v is not one.
 */
int	route_number(const char *, double, double, char *);

#define UPDATE_BACKOFFICE	1	/* POST /servicerequestupdates */
#define UPDATE_COMMENT		2	/* the same, from a reporter's app */
#define UPDATE_ADMIN		3	/* the admin API: notes, agency, ... */

/*
 * Checks an update's fields for request id and starts o311_update in
 * ctx->q. Returns KORE_RESULT_RETRY when started, or KORE_RESULT_OK
 * after answering 400.
 */
int	route_update_start(struct http_request *, struct route_ctx *,
	    const char *, int);

/*
 * Answers o311_update's refusals (404, 403, 400) for request id.
 * Returns KORE_RESULT_RETRY when it succeeded (the caller answers).
 */
int	route_update_outcome(struct http_request *, struct route_ctx *,
	    const char *);

/* The Open311 error body for responses Kore sends itself. */
const char	*route_error_body_hook(struct http_request *, int,
		    struct kore_buf *);

/* Microseconds on a monotonic clock. */
u_int64_t	route_now_us(void);

/* Handlers (one file each under routes/). */
int	route_discovery(struct http_request *, struct route_ctx *);
int	route_services(struct http_request *, struct route_ctx *);
int	route_service_definition(struct http_request *, struct route_ctx *);
int	route_healthz(struct http_request *, struct route_ctx *);
int	route_requests_post(struct http_request *, struct route_ctx *);
int	route_requests_get(struct http_request *, struct route_ctx *);
int	route_request_get(struct http_request *, struct route_ctx *);
int	route_token(struct http_request *, struct route_ctx *);
int	route_media(struct http_request *, struct route_ctx *);
int	route_admin_link(struct http_request *, struct route_ctx *);
int	route_jurisdictions(struct http_request *, struct route_ctx *);
int	route_updates(struct http_request *, struct route_ctx *);
int	route_admin_update(struct http_request *, struct route_ctx *);
int	route_feedback(struct http_request *, struct route_ctx *);
int	route_unsubscribe(struct http_request *, struct route_ctx *);
int	route_admin_outbox(struct http_request *, struct route_ctx *);
int	route_admin_destinations(struct http_request *, struct route_ctx *);
int	route_readyz(struct http_request *, struct route_ctx *);
int	route_export(struct http_request *, struct route_ctx *);
int	route_stats(struct http_request *, struct route_ctx *);
int	route_metrics(struct http_request *, struct route_ctx *);

/* The benchmarks' reference: a Kore route of its own, no dispatch. */
int	route_bench_noop(struct http_request *);

#endif
