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
 * GET /stats.json: CitiStat-style performance figures for the requests
 * opened on the days from start_date to end_date (whole days in UTC; the
 * last 30 days by default, at most stats_max_days), overall and by
 * jurisdiction, service, agency and channel: opened, closed, median and
 * 90th percentile hours to close, the share closed within the service's
 * SLA, the share that were duplicates, the share reopened after closing,
 * and reporters' feedback; and the requests opened each day by channel
 * (by_day). Read from the daily rollup, whatever the
 * window; each worker keeps its last answers for stats_cache_ms. Public:
 * no personal data is involved.
 *
 * GET /console/api/stats: the same figures for a supervisor's or an
 * admin's dashboard, of the staff member's jurisdictions only and with
 * the private services counted too; never cached.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "formats/date.h"
#include "formats/params.h"
#include "formats/stats.h"
#include "route.h"

#define STATS_DEFAULT_DAYS	30
#define STATS_CACHED		8
#define DAY			86400LL

#define STEP_QUERY	0
#define STEP_ANSWER	1

struct stats_answer {
	long long	from;
	long long	to;
	char		jur[128];
	u_int64_t	expires;
	char		*body;
	size_t		len;
};

struct stats_window {
	long long	from;
	long long	to;
};

static struct stats_answer	cached[STATS_CACHED];

static enum route_result	stats_window(struct http_request *,
				    struct route_ctx *, long long *,
				    long long *);
static long long	stats_midnight(long long);
static const char	*stats_service_name(void *, const char *,
			    const char *);
static void	stats_render(struct route_ctx *, long long, long long,
		    struct buf *);
static struct stats_answer	*stats_cached(long long, long long,
				    const char *);
static void	stats_keep(long long, long long, const char *,
		    const struct buf *);
static void	stats_day(long long, char *, size_t);
static void	stats_free(struct route_ctx *);
static enum route_result	stats_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	stats_answer(struct http_request *,
				    struct route_ctx *);

static const struct route_step	stats_steps[] = {
	[STEP_QUERY] = { "query", stats_query },
	[STEP_ANSWER] = { "answer", stats_answer },
};

/*
 * The window as midnights (seconds since the epoch, UTC): from the day of
 * start_date to the end of the day of end_date.
 */
static enum route_result
stats_window(struct http_request *req, struct route_ctx *ctx,
    long long *from, long long *to)
{
	const char	*s, *e;
	char		err[PARAMS_ERRLEN];
	long long	t, max;

	*to = stats_midnight((long long)time(NULL)) + DAY;
	if ((e = route_param(ctx, "end_date")) != NULL) {
		if (params_date("end_date", e, &t, err, sizeof(err)) == -1)
			return (route_error(req, ctx, 400, "%s", err));
		*to = -stats_midnight(-t);
	}
	*from = *to - STATS_DEFAULT_DAYS * DAY;
	if ((s = route_param(ctx, "start_date")) != NULL) {
		if (params_date("start_date", s, &t, err, sizeof(err)) == -1)
			return (route_error(req, ctx, 400, "%s", err));
		*from = stats_midnight(t);
	}
	if (*from >= *to)
		return (route_error(req, ctx, 400, "start_date must be before "
		    "end_date (whole days: the statistics count by day)"));
	max = app_config()->stats_max_days;
	if (*to - *from > max * DAY)
		return (route_error(req, ctx, 400, "the window from start_date "
		    "to end_date is %lld days; at most %lld days at once",
		    (*to - *from) / DAY, max));
	return (ROUTE_NEXT);
}

/* The midnight (UTC) at or before t. */
static long long
stats_midnight(long long t)
{
	return (t >= 0 ? t / DAY * DAY : -((-t + DAY - 1) / DAY) * DAY);
}

static const char *
stats_service_name(void *arg, const char *jur_id, const char *code)
{
	struct route_ctx	*ctx = arg;
	struct cat_jurisdiction	*jur;
	struct cat_service	*svc;

	if ((jur = cat_jurisdiction_find(ctx->cat, jur_id)) == NULL ||
	    (svc = cat_service_find(jur, code)) == NULL)
		return (NULL);
	return (svc->name);
}

static void
stats_render(struct route_ctx *ctx, long long from, long long to,
    struct buf *out)
{
	struct fmt_stats	st;
	struct fmt_doc		doc;
	struct store_q		*q;
	long long		n[FMT_STATS_COUNTS];
	char			date[FMT_DATE_LEN];
	int			r, i;

	q = &ctx->q;
	fmt_stats_init(&st);
	for (r = 0; r < store_rows(q); r++) {
		for (i = 0; i < FMT_STATS_COUNTS; i++)
			n[i] = strtoll(store_val(q, r, 4 + i), NULL, 10);
		if (fmt_stats_add(&st, store_val(q, r, 0), store_val(q, r, 1),
		    store_val(q, r, 2), store_val(q, r, 3),
		    store_val(q, r, 5 + FMT_STATS_COUNTS), n,
		    store_val(q, r, 4 + FMT_STATS_COUNTS)) == -1) {
			kore_log(LOG_WARNING, "stats: a rollup row with a "
			    "malformed histogram was left out");
		}
	}

	fmt_doc_begin(&doc, out, FMT_JSON);
	fmt_doc_object(&doc, "stats");
	fmt_date_format(from, date);
	fmt_doc_str(&doc, "start_date", date);
	fmt_date_format(to, date);
	fmt_doc_str(&doc, "end_date", date);
	fmt_doc_str(&doc, "jurisdiction_id",
	    route_param(ctx, "jurisdiction_id"));
	fmt_date_format((long long)time(NULL), date);
	fmt_doc_str(&doc, "generated_datetime", date);
	fmt_stats_render(&st, &doc, stats_service_name, ctx);
	fmt_doc_end(&doc);
	fmt_stats_free(&st);
}

/* A worker's answer for the window and jurisdiction, while still fresh. */
static struct stats_answer *
stats_cached(long long from, long long to, const char *jur)
{
	u_int64_t	now;
	int		i;

	now = kore_time_ms();
	for (i = 0; i < STATS_CACHED; i++) {
		if (cached[i].body != NULL && cached[i].expires > now &&
		    cached[i].from == from && cached[i].to == to &&
		    !strcmp(cached[i].jur, jur != NULL ? jur : ""))
			return (&cached[i]);
	}
	return (NULL);
}

/* Keeps an answer in place of the one that expires first. */
static void
stats_keep(long long from, long long to, const char *jur,
    const struct buf *body)
{
	struct stats_answer	*a;
	int			i, ms;

	ms = app_config()->stats_cache_ms;
	if (ms == 0 || (jur != NULL && strlen(jur) >= sizeof(a->jur)))
		return;
	a = &cached[0];
	for (i = 1; i < STATS_CACHED; i++) {
		if (cached[i].expires < a->expires)
			a = &cached[i];
	}
	kore_free(a->body);
	a->from = from;
	a->to = to;
	(void)snprintf(a->jur, sizeof(a->jur), "%s", jur != NULL ? jur : "");
	a->expires = kore_time_ms() + (u_int64_t)ms;
	a->body = kore_malloc(body->len);
	memcpy(a->body, body->data, body->len);
	a->len = body->len;
}

/* The UTC date of a midnight, as YYYY-MM-DD. */
static void
stats_day(long long t, char *out, size_t len)
{
	struct tm	tm;
	time_t		tt;

	tt = (time_t)t;
	(void)gmtime_r(&tt, &tm);
	(void)strftime(out, len, "%Y-%m-%d", &tm);
}

static void
stats_free(struct route_ctx *ctx)
{
	kore_free(ctx->priv);
	ctx->priv = NULL;
}

static enum route_result
stats_query(struct http_request *req, struct route_ctx *ctx)
{
	struct stats_window	*w;
	struct stats_answer	*a;
	enum route_result	r;
	const char		*v[4], *jur;
	char			from[16], to[16];
	long long		f = 0, t = 0;
	int			staff;

	if ((r = route_catalog(req, ctx)) != ROUTE_NEXT)
		return (r);
	if ((jur = route_param(ctx, "jurisdiction_id")) != NULL &&
	    cat_jurisdiction_find(ctx->cat, jur) == NULL)
		return (route_error(req, ctx, 404, "jurisdiction_id '%s' not "
		    "found", jur));
	if ((r = stats_window(req, ctx, &f, &t)) != ROUTE_NEXT)
		return (r);
	staff = ctx->def->auth == AUTH_SESSION;
	if (!staff && (a = stats_cached(f, t, jur)) != NULL)
		return (route_reply(req, ctx, 200, a->body, a->len,
		    fmt_content_type(FMT_JSON)));

	ctx->priv = w = kore_calloc(1, sizeof(*w));
	ctx->cleanup = stats_free;
	w->from = f;
	w->to = t;
	stats_day(f, from, sizeof(from));
	stats_day(t, to, sizeof(to));
	v[0] = from;
	v[1] = to;
	v[2] = jur;
	v[3] = ctx->staff.idtext;
	if (staff)
		store_start(&ctx->q, req, SQL_console_stats, 4, v);
	else
		store_start(&ctx->q, req, SQL_stats, 3, v);
	return (ROUTE_NEXT);
}

static enum route_result
stats_answer(struct http_request *req, struct route_ctx *ctx)
{
	struct stats_window	*w;
	enum route_result	r;
	struct buf		body;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);

	w = ctx->priv;
	buf_init(&body);
	stats_render(ctx, w->from, w->to, &body);
	if (ctx->def->auth != AUTH_SESSION)
		stats_keep(w->from, w->to, route_param(ctx,
		    "jurisdiction_id"), &body);
	r = route_reply_doc(req, ctx, 200, &body);
	buf_free(&body);
	return (r);
}

enum route_result
route_stats(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(stats_steps)));
}
