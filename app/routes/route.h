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
 * The route layer's contract. A route is one line of the route table
 * (table.c): a method, a path pattern, the formats it answers in, its
 * handler, and what dispatch does before the handler runs: parse the
 * body, identify the caller's API key and check its scope, and count the
 * request against the client's rate limit. Handlers, their steps and
 * the helpers below all return a route result; every answer leaves
 * through reply.c. The declarations are grouped by the file that
 * defines them.
 */

#ifndef __H_ROUTE
#define __H_ROUTE

#include <kore/kore.h>
#include <kore/http.h>

#include "formats/doc.h"
#include "formats/form.h"
#include "formats/path.h"
#include "model/key.h"
#include "model/staff.h"
#include "model/request.h"
#include "store/catalog_cache.h"
#include "store/db.h"

/* What a handler, a step or a helper tells its caller. */
enum route_result {
	ROUTE_NEXT,		/* done here: go on */
	ROUTE_WAIT,		/* asleep until woken: run again then */
	ROUTE_ANSWERED,		/* the answer is sent (or streaming): stop */
	ROUTE_CLOSE		/* drop the connection, the answer cut short */
};

/* Methods of a route line (HEAD is served as GET). */
#define ROUTE_GET	HTTP_METHOD_GET
#define ROUTE_POST	HTTP_METHOD_POST

/* The formats a route line answers in, chosen by the path's suffix. */
#define RF_XML		0x01	/* .xml */
#define RF_JSON		0x02	/* .json */
#define RF_GEOJSON	0x04	/* .geojson */
#define RF_CSV		0x08	/* .csv */
#define RF_BARE		0x10	/* no suffix; the handler's own type */
#define RF_PAGE		0x20	/* no suffix; an HTML page, errors too */
#define RF_FILE		0x40	/* any suffix or none; a file by name */
#define RF_OPEN311	(RF_XML | RF_JSON)

/* ctx->fmt, the format asked for (FMT_XML and FMT_JSON: formats/doc.h). */
#define FMT_BARE	0
#define FMT_GEOJSON	3
#define FMT_CSV		4
#define FMT_PAGE	5

/* Who may call a route line. */
#define AUTH_NONE	0	/* anyone; a valid key only sets the rate */
#define AUTH_OPTIONAL	1	/* anyone; a valid key is identified */
#define AUTH_KEY	2	/* a valid key with one of the line's scopes */
#define AUTH_SESSION	3	/* a staff session whose role is one of the
				   line's scopes (STAFF_*, model/staff.h) */

/* Flags of a route line. */
#define ROUTE_GLOBAL	0x01	/* the key must cover every jurisdiction */
#define ROUTE_LOOPBACK	0x02	/* loopback clients skip auth and limit */
#define ROUTE_CSRF	0x04	/* a session's X-CSRF-Token must match */
#define ROUTE_CONSOLE	0x08	/* the console API: JSON, never cached */

/* The body a route line reads. */
#define BODY_NONE	0
#define BODY_FORM	1	/* urlencoded, multipart or a JSON object */

/* What a request costs, for the rate limits (limit.c). */
#define RATE_NONE	0	/* not counted: health checks */
#define RATE_CACHED	1	/* a read answered from the worker's memory */
#define RATE_DB		2	/* a read that asks the database */
#define RATE_WRITE	3	/* a change */

#define ROUTE_LOCATED_MAX	16
#define ROUTE_LINKS_MAX		10

struct route_ctx;

/* The staff member of an AUTH_SESSION request (session.c). */
struct route_staff {
	long long	id;				/* 0: none */
	char		idtext[24];
	int		role;				/* STAFF_* */
	char		token[STAFF_HEX_LEN + 1];	/* the cookie's */
	char		hash[STAFF_HEX_LEN + 1];	/* its SHA-256 */
	char		*account;			/* as JSON */
	char		address[64];			/* the client's */
};

/* One line of the route table. */
struct route_def {
	const char	*name;		/* metrics label, one per path */
	int		method;		/* ROUTE_GET or ROUTE_POST */
	const char	*pattern;	/* "requests/:" (see fmt_path_match) */
	int		formats;	/* RF_* */
	enum route_result (*handler)(struct http_request *,
			    struct route_ctx *);
	int		auth;		/* AUTH_* */
	int		scopes;		/* AUTH_KEY: needs one (KEY_*) */
	int		flags;		/* ROUTE_* */
	int		body;		/* BODY_* */
	int		rate;		/* RATE_* */
};

/* A named step of a handler (see route_run()). */
struct route_step {
	const char	*name;
	enum route_result (*run)(struct http_request *, struct route_ctx *);
};

/* Everything one request carries from step to step. */
struct route_ctx {
	const struct route_def	*def;		/* the line matched */
	const struct route_def	*table;		/* the table it is in */
	enum route_result	(*handler)(struct http_request *,
				    struct route_ctx *);	/* when woken */
	const char		*stepname;
	struct fmt_path		path;
	const char		*arg[2];	/* the path's ':' segments */
	const char		*endpoint;	/* a jurisdiction's path segment */
	const char		*implied;	/* its jurisdiction_id */
	int			fmt;		/* FMT_* */
	u_int64_t		t0;
	int			ready;		/* dispatch's checks are done */
	int			parsed;		/* the body is in ctx->body */
	int			step;		/* see route_run() */
	int			replied;
	int			limited;
	int			slot;		/* metrics: 0 is unrouted */
	long long		modified;	/* Last-Modified, 0: none */
	const char		*etag;		/* the handler's own tag */
	const char		*cache;		/* Cache-Control override */
	const char		*callback;	/* JSONP, validated */
	int			extended;	/* as with extensions=true */
	struct fmt_form		qs;
	struct fmt_form		body;
	struct store_q		q;
	struct store_waiter	wait;
	struct catalog		*cat;
	struct cat_jurisdiction	*jur;
	struct cat_jurisdiction	*located[ROUTE_LOCATED_MAX];
	size_t			nlocated;
	struct key		key;		/* the caller's; id 0: none */
	char			*key_jurisdictions;	/* NULL: all */
	struct route_staff	staff;
	void			*priv;
	void			(*cleanup)(struct route_ctx *);
};

/* dispatch.c */

/* Kore's handler for every path: finds the route line and runs it. */
int	route_dispatch(struct http_request *);

/*
 * Kore's hook for a request whose headers are in and whose body is not
 * read yet (Kore patch 0011): a POST to an unknown path or with a wrong
 * method is answered now, and one over its client's rate limit gets 429
 * (see route_limit_early()), before the worker reads and parses a body
 * of up to body_max. The connection closes after such an answer.
 * Returns 1 when it answered, else 0.
 */
int	route_early(struct http_request *);

/* table.c */

/*
 * The route table, ending with a line whose name is NULL. The lines of
 * one name (one path) stand together.
 */
const struct route_def	*route_table(void);


/* ctx.c */

/*
 * The metrics slot of line def of table: 1 for the first name, one more
 * for each name after it.
 */
int	route_slot(const struct route_def *, const struct route_def *);

/* How many metrics slots the route table needs: its names and slot 0. */
int	route_slots(void);

/*
 * Runs the handler's steps from ctx->step on: each step's ROUTE_NEXT
 * goes on to the next one (or to the one the step set in ctx->step);
 * any other result is returned. A last step must answer.
 */
enum route_result	route_run(struct http_request *, struct route_ctx *,
			    const struct route_step *, size_t);

#define ROUTE_STEPS(s)	(s), (sizeof(s) / sizeof((s)[0]))

/*
 * Hands the request over to another handler, which answers from its
 * first step on (ctx->q is reset), now and whenever the request wakes.
 */
enum route_result	route_handover(struct http_request *,
			    struct route_ctx *, enum route_result (*)(
			    struct http_request *, struct route_ctx *));

/*
 * Advances query q. ROUTE_NEXT when its result is in q, ROUTE_WAIT while
 * it runs, ROUTE_ANSWERED after answering a failure (see
 * route_db_error()).
 */
enum route_result	route_query(struct http_request *, struct route_ctx *,
			    struct store_q *);

/*
 * A parameter's value from the body form, else the query string; NULL
 * when it is absent or empty (an empty optional parameter counts as not
 * given). Under a jurisdiction's own endpoint URL, jurisdiction_id is
 * the one the URL names (ctx->implied).
 */
const char	*route_param(const struct route_ctx *, const char *);

/* 1 when extensions=true (a boolean, see params_bool()) or ctx->extended. */
int	route_extensions(const struct route_ctx *);

/*
 * Takes the catalog for this request (ctx->cat): ROUTE_NEXT when it is
 * there, ROUTE_WAIT while it loads, ROUTE_ANSWERED after answering 503.
 */
enum route_result	route_catalog(struct http_request *,
			    struct route_ctx *);

/*
 * Resolves the jurisdiction_id parameter against the catalog into
 * ctx->jur (which routing by location may have set already). Optional
 * when one jurisdiction exists, or when default_jurisdiction names one.
 * ROUTE_NEXT, or ROUTE_ANSWERED after 404 (unknown) or 400 (missing
 * with several; locates says lat and long would do instead).
 */
enum route_result	route_jurisdiction(struct http_request *,
			    struct route_ctx *, int);

/*
 * Finds the jurisdictions whose boundary covers lat/long (checked text)
 * into ctx->located, the most local first. Call again while it returns
 * ROUTE_WAIT; ROUTE_NEXT when done.
 */
enum route_result	route_locate(struct http_request *, struct route_ctx *,
			    const char *, const char *);

/* Fills x, y and crs of each row in its jurisdiction's local CRS. */
void	route_local_xy(const struct route_ctx *, struct req_row *, size_t);

/*
 * The start_date/end_date window (seconds since the epoch, as text of 24
 * bytes each; to is "" when open) of a list: the last max_span_days by
 * default, a longer one cut to its most recent max_span_days.
 * ROUTE_NEXT, or ROUTE_ANSWERED after 400.
 */
enum route_result	route_window(struct http_request *, struct route_ctx *,
			    char *, char *);

/*
 * updated_after and updated_before into after and before (text of 24
 * bytes each, "" when not given). ROUTE_NEXT, or ROUTE_ANSWERED after
 * 400.
 */
enum route_result	route_updated(struct http_request *, struct route_ctx *,
			    char *, char *);

/*
 * page and page_size (or max_requests) into limit (16 bytes) and offset
 * (24 bytes) as text. ROUTE_NEXT, or ROUTE_ANSWERED after 400, also for
 * a page that would skip more than max_page_offset rows: the message
 * ends with advice, how to read that deep instead.
 */
enum route_result	route_page(struct http_request *, struct route_ctx *,
			    char *, char *, const char *);

/*
 * The body's media_url links (empty ones skipped, each checked by
 * fmt_url_check(), at most ROUTE_LINKS_MAX) appended to out as a
 * PostgreSQL array literal. ROUTE_NEXT, or ROUTE_ANSWERED after 400.
 */
enum route_result	route_links(struct http_request *, struct route_ctx *,
			    struct buf *);

/*
 * Checks the optional text parameter name (one line or several, at most
 * maxchars characters). ROUTE_NEXT, or ROUTE_ANSWERED after 400.
 */
enum route_result	route_text(struct http_request *, struct route_ctx *,
			    const char *, int, size_t);

/* auth.c */

/*
 * What dispatch runs before the handler: parses the body (BODY_FORM)
 * into ctx->body, identifies the caller's key (ctx->key), counts the
 * request (limit.c) and checks the line's auth. ROUTE_NEXT, ROUTE_WAIT
 * while the key cache loads, or ROUTE_ANSWERED after 400, 403, 413,
 * 429 or 503.
 */
enum route_result	route_auth(struct http_request *, struct route_ctx *);

/*
 * Checks that the caller's key has scope and covers jurisdiction.
 * ROUTE_NEXT, or ROUTE_ANSWERED after 403.
 */
enum route_result	route_allow(struct http_request *, struct route_ctx *,
			    int, const char *);

/* Narrows the caller's key to one jurisdiction (ctx->key too). */
void	route_key_restrict(struct route_ctx *, const char *);

/*
 * The key a request names before its body is read (its Authorization
 * header or the query string's api_key), when the worker's key cache
 * holds it; else NULL. Valid until the handler returns.
 */
const struct key	*route_key_early(struct http_request *,
			    struct route_ctx *);

/* session.c */

/*
 * What dispatch runs for an AUTH_SESSION line: the session of the
 * cookie into ctx->staff (its role one of the line's), and with
 * ROUTE_CSRF the X-CSRF-Token header checked against it. ROUTE_NEXT,
 * ROUTE_WAIT while the session is looked up, or ROUTE_ANSWERED after
 * 401 (no valid session), 403 (role, CSRF) or 503.
 */
enum route_result	route_session(struct http_request *,
			    struct route_ctx *);

/* The session cookie's name ("__Host-" prefixed when it is Secure). */
const char	*route_session_cookie(void);

/*
 * Sets the session cookie to token (NULL: clears it) on the answer to
 * come.
 */
void	route_session_set(struct http_request *, const char *);

/* limit.c */

/*
 * Counts the request against its client's rate limit, once however
 * often called: by key k (valid, not revoked) or else by address, as a
 * write or a read by the line's rate class, weighing what that class
 * costs (rate_cost_*). Returns 1, or 0 after answering 429 with
 * Retry-After.
 */
int	route_limit(struct http_request *, struct route_ctx *,
	    const struct key *);

/*
 * Before a write's body is read: a key in the Authorization header or
 * the query string is counted now, by its own rate (and not again); a
 * request with no such key (its key may be in the body) is refused now
 * only when its address has no allowance left, and counted later.
 * Returns 1, or 0 after answering 429 with Retry-After.
 */
int	route_limit_early(struct http_request *, struct route_ctx *);

/* reply.c */

/*
 * Sends status with body (len bytes) of content type ctype, and logs the
 * request. Every answer allows any origin (CORS). A GET's JSON answer
 * is wrapped in the JSONP callback when one was given; a GET's 200
 * carries an entity tag (ctx->etag, else a hash of the body), the
 * Last-Modified of ctx->modified and Cache-Control, and becomes a bodiless
 * 304 when If-None-Match (or, without it, If-Modified-Since) shows the
 * client's copy is current. Returns ROUTE_ANSWERED.
 */
enum route_result	route_reply(struct http_request *, struct route_ctx *,
			    int, const void *, size_t, const char *);

/* Sends a rendered XML/JSON document in the request's format. */
enum route_result	route_reply_doc(struct http_request *,
			    struct route_ctx *, int, const struct buf *);

/* Sends a JSON text (the console API's answers, made by SQL). */
enum route_result	route_reply_json(struct http_request *,
			    struct route_ctx *, int, const char *);

/*
 * Sends a small HTML page: the title, the text (both escaped) and
 * optional form markup.
 */
enum route_result	route_reply_page(struct http_request *,
			    struct route_ctx *, int, const char *,
			    const char *, const char *);

/*
 * Sends an Open311 error body (<errors><error><code/><description/>) in
 * the request's format (a page for FMT_PAGE), the description
 * printf-formatted. Returns ROUTE_ANSWERED.
 */
enum route_result	route_error(struct http_request *, struct route_ctx *,
			    int, const char *, ...)
			    __attribute__((format (printf, 4, 5)));

/* Answers a failed query q: 503 when the database is unreachable. */
enum route_result	route_db_error(struct http_request *,
			    struct route_ctx *, const struct store_q *);

/*
 * Logs an answered request (access log line, metrics); route_reply does
 * it for every answer but a stream, which calls it when it ends.
 */
void	route_finish(struct http_request *, struct route_ctx *, int, size_t);

/* Headers every answer carries: CORS for any origin, nosniff. */
void	route_headers(struct http_request *);

/*
 * The client's address as text (INET6_ADDRSTRLEN bytes): the socket's
 * peer, or with forwarded set and trust_forwarded_for on, the first
 * X-Forwarded-For hop.
 */
void	route_address(struct http_request *, int, char *, size_t);

/* The Open311 error body for responses Kore sends itself. */
const char	*route_error_body_hook(struct http_request *, int,
		    struct kore_buf *);

/* Microseconds on a monotonic clock. */
u_int64_t	route_now_us(void);

/* updates.c: the update every path that changes a request shares */

#define UPDATE_BACKOFFICE	1	/* POST /servicerequestupdates */
#define UPDATE_COMMENT		2	/* the same, from a reporter's app */
#define UPDATE_ADMIN		3	/* the admin API: notes, agency, ... */
#define UPDATE_CONSOLE		4	/* the same, by a staff member */

/*
 * Checks an update's fields for request id and starts o311_update in
 * ctx->q. ROUTE_NEXT when started, ROUTE_ANSWERED after 400.
 */
enum route_result	route_update_start(struct http_request *,
			    struct route_ctx *, const char *, int);

/*
 * Answers o311_update's refusals (404, 403, 400) for request id.
 * ROUTE_NEXT when the update was applied (the caller answers).
 */
enum route_result	route_update_outcome(struct http_request *,
			    struct route_ctx *, const char *);

/* Handlers: one file each, named after the resource. */
enum route_result	route_discovery(struct http_request *,
			    struct route_ctx *);
enum route_result	route_services(struct http_request *,
			    struct route_ctx *);
enum route_result	route_service_definition(struct http_request *,
			    struct route_ctx *);
enum route_result	route_requests_get(struct http_request *,
			    struct route_ctx *);
enum route_result	route_request_get(struct http_request *,
			    struct route_ctx *);
enum route_result	route_requests_post(struct http_request *,
			    struct route_ctx *);
enum route_result	route_token(struct http_request *,
			    struct route_ctx *);
enum route_result	route_media(struct http_request *,
			    struct route_ctx *);
enum route_result	route_updates_get(struct http_request *,
			    struct route_ctx *);
enum route_result	route_updates_post(struct http_request *,
			    struct route_ctx *);
enum route_result	route_feedback_get(struct http_request *,
			    struct route_ctx *);
enum route_result	route_feedback_post(struct http_request *,
			    struct route_ctx *);
enum route_result	route_reopen_post(struct http_request *,
			    struct route_ctx *);
enum route_result	route_unsubscribe_get(struct http_request *,
			    struct route_ctx *);
enum route_result	route_unsubscribe_post(struct http_request *,
			    struct route_ctx *);
enum route_result	route_admin_link(struct http_request *,
			    struct route_ctx *);
enum route_result	route_admin_unlink(struct http_request *,
			    struct route_ctx *);
enum route_result	route_admin_update(struct http_request *,
			    struct route_ctx *);
enum route_result	route_admin_outbox(struct http_request *,
			    struct route_ctx *);
enum route_result	route_admin_outbox_retry(struct http_request *,
			    struct route_ctx *);
enum route_result	route_admin_destinations(struct http_request *,
			    struct route_ctx *);
enum route_result	route_admin_destination_add(struct http_request *,
			    struct route_ctx *);
enum route_result	route_admin_destination_remove(struct http_request *,
			    struct route_ctx *);
enum route_result	route_jurisdictions(struct http_request *,
			    struct route_ctx *);
enum route_result	route_export(struct http_request *,
			    struct route_ctx *);
enum route_result	route_stats(struct http_request *,
			    struct route_ctx *);
enum route_result	route_metrics(struct http_request *,
			    struct route_ctx *);
enum route_result	route_healthz(struct http_request *,
			    struct route_ctx *);
enum route_result	route_readyz(struct http_request *,
			    struct route_ctx *);

/*
 * console_work.c: a console step that answers the one row of ctx->q's
 * JSON (made by SQL) with 200, or 403 when there is no row (the account
 * may not see it).
 */
enum route_result	route_console_answer(struct http_request *,
			    struct route_ctx *);

enum route_result	route_console_page(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_login(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_password(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_me(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_logout(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_logout_all(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_queue(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_request(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_update(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_transfer(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_link(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_unlink(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_destinations(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_destination_add(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_destination_test(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_destination_remove(
			    struct http_request *, struct route_ctx *);
enum route_result	route_console_audit(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_outbox(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_outbox_retry(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_health(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_dashboard(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_keys(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_key_create(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_key_revoke(struct http_request *,
			    struct route_ctx *);
/* console_catalog.c: jurisdictions and catalogs from the console */
enum route_result	route_console_jurisdictions(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_catalog(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_boundary(struct http_request *,
			    struct route_ctx *);
/* console_staff.c: staff accounts from the console (admins) */
enum route_result	route_console_staff(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_staff_add(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_staff_disable(struct http_request *,
			    struct route_ctx *);
enum route_result	route_console_staff_link(struct http_request *,
			    struct route_ctx *);

/* pages.c: the resident web pages and their files */

/*
 * The security headers of a web page: CSP, no framing, Referrer-Policy,
 * and a Permissions-Policy allowing geolocation where geolocation is
 * set.
 */
void	route_page_headers(struct http_request *, int);

/* Answers 404 with the HTML "no such page" page. */
enum route_result	route_page_missing(struct http_request *,
			    struct route_ctx *);

/* The version in the URLs of the pages' files (/assets/VERSION/...). */
const char	*route_assets_version(void);

enum route_result	route_web_page(struct http_request *,
			    struct route_ctx *);
enum route_result	route_asset(struct http_request *,
			    struct route_ctx *);

enum route_result	route_web_config(struct http_request *,
			    struct route_ctx *);
enum route_result	route_web_submit(struct http_request *,
			    struct route_ctx *);

/* geocode.c */
enum route_result	route_web_geocode(struct http_request *,
			    struct route_ctx *);

/* health.c: the benchmarks' reference, a Kore route of its own. */
int	route_bench_noop(struct http_request *);

#endif
