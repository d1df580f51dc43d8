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
 * opened between start_date and end_date (the last 30 days by default),
 * overall and by jurisdiction, service, agency and channel: opened,
 * closed, median and 90th percentile hours to close, the share closed
 * within the service's SLA, the share that were duplicates, the share
 * reopened after closing, and reporters' feedback. Public: no personal
 * data is involved.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "formats/date.h"
#include "formats/params.h"
#include "route.h"

#define STATS_DEFAULT_DAYS	30

#define STEP_QUERY	0
#define STEP_ANSWER	1

static void	stats_share(struct fmt_doc *, const char *, const char *,
		    const char *);
static void	stats_row(struct fmt_doc *, struct route_ctx *, int);
static void	stats_render(struct route_ctx *, long long, long long,
		    struct buf *);
static void	stats_free(struct route_ctx *);
static enum route_result	stats_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	stats_answer(struct http_request *,
				    struct route_ctx *);

static const struct route_step	stats_steps[] = {
	[STEP_QUERY] = { "query", stats_query },
	[STEP_ANSWER] = { "answer", stats_answer },
};

/* part / whole as a share from 0 to 1, or null when whole is 0. */
static void
stats_share(struct fmt_doc *doc, const char *key, const char *part,
    const char *whole)
{
	char		v[32];
	long long	p, w;

	p = strtoll(part, NULL, 10);
	w = strtoll(whole, NULL, 10);
	if (w <= 0) {
		fmt_doc_null(doc, key);
		return;
	}
	(void)snprintf(v, sizeof(v), "%.4f", (double)p / (double)w);
	fmt_doc_num(doc, key, v);
}

/* The figures of result row r. */
static void
stats_row(struct fmt_doc *doc, struct route_ctx *ctx, int r)
{
	struct store_q	*q;

	q = &ctx->q;
	fmt_doc_num(doc, "opened", store_val(q, r, 5));
	fmt_doc_num(doc, "closed", store_val(q, r, 6));
	fmt_doc_num(doc, "median_hours_to_close", store_isnull(q, r, 7) ?
	    NULL : store_val(q, r, 7));
	fmt_doc_num(doc, "p90_hours_to_close", store_isnull(q, r, 8) ?
	    NULL : store_val(q, r, 8));
	stats_share(doc, "closed_within_sla_share", store_val(q, r, 9),
	    store_val(q, r, 10));
	stats_share(doc, "duplicate_share", store_val(q, r, 11),
	    store_val(q, r, 5));
	stats_share(doc, "reopened_share", store_val(q, r, 12),
	    store_val(q, r, 13));
	fmt_doc_num(doc, "feedback_count", store_val(q, r, 14));
	fmt_doc_num(doc, "feedback_mean_rating", store_isnull(q, r, 15) ?
	    NULL : store_val(q, r, 15));
}

static void
stats_render(struct route_ctx *ctx, long long from, long long to,
    struct buf *out)
{
	static const struct {
		const char	*dim;
		const char	*list;
	} dims[] = {
		{ "jurisdiction", "by_jurisdiction" },
		{ "service", "by_service" },
		{ "agency", "by_agency" },
		{ "channel", "by_channel" },
	};
	struct cat_jurisdiction	*jur;
	struct cat_service	*svc;
	struct fmt_doc		doc;
	struct store_q		*q;
	char			date[FMT_DATE_LEN];
	size_t			d;
	int			r, n;

	q = &ctx->q;
	n = store_rows(q);
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

	/* GROUPING SETS gives the () row even for no requests. */
	fmt_doc_object(&doc, "total");
	for (r = 0; r < n; r++) {
		if (!strcmp(store_val(q, r, 0), "total"))
			stats_row(&doc, ctx, r);
	}
	fmt_doc_end(&doc);

	for (d = 0; d < sizeof(dims) / sizeof(dims[0]); d++) {
		fmt_doc_list(&doc, dims[d].list, "group");
		for (r = 0; r < n; r++) {
			if (strcmp(store_val(q, r, 0), dims[d].dim))
				continue;
			fmt_doc_object(&doc, NULL);
			if (d == 0 || d == 1)
				fmt_doc_str(&doc, "jurisdiction_id",
				    store_val(q, r, 1));
			if (d == 1) {
				fmt_doc_str(&doc, "service_code",
				    store_val(q, r, 2));
				jur = cat_jurisdiction_find(ctx->cat,
				    store_val(q, r, 1));
				svc = jur == NULL ? NULL : cat_service_find(jur,
				    store_val(q, r, 2));
				fmt_doc_str(&doc, "service_name",
				    svc != NULL ? svc->name : NULL);
			}
			if (d == 2)
				fmt_doc_str(&doc, "agency_responsible",
				    store_val(q, r, 3)[0] != '\0' ?
				    store_val(q, r, 3) : NULL);
			if (d == 3)
				fmt_doc_str(&doc, "channel",
				    store_val(q, r, 4));
			stats_row(&doc, ctx, r);
			fmt_doc_end(&doc);
		}
		fmt_doc_end(&doc);
	}
	fmt_doc_end(&doc);
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
	struct params_dates	d;
	enum route_result	r;
	const char		*v[3], *jur;
	char			from[24], to[24], err[PARAMS_ERRLEN];
	long long		*w;

	if ((r = route_catalog(req, ctx)) != ROUTE_NEXT)
		return (r);
	if ((jur = route_param(ctx, "jurisdiction_id")) != NULL &&
	    cat_jurisdiction_find(ctx->cat, jur) == NULL)
		return (route_error(req, ctx, 404, "jurisdiction_id '%s' not "
		    "found", jur));
	if (params_window(route_param(ctx, "start_date"),
	    route_param(ctx, "end_date"), (long long)time(NULL),
	    STATS_DEFAULT_DAYS * 86400LL, PARAMS_WINDOW_STRICT, &d, err,
	    sizeof(err)) == -1)
		return (route_error(req, ctx, 400, "%s", err));

	ctx->priv = w = kore_calloc(2, sizeof(*w));
	ctx->cleanup = stats_free;
	w[0] = d.from;
	w[1] = d.to;
	(void)snprintf(from, sizeof(from), "%lld", d.from);
	(void)snprintf(to, sizeof(to), "%lld", d.to);
	v[0] = from;
	v[1] = to;
	v[2] = jur;
	store_start(&ctx->q, req, SQL_stats, 3, v);
	return (ROUTE_NEXT);
}

static enum route_result
stats_answer(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	struct buf		body;
	long long		*w;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);

	w = ctx->priv;
	buf_init(&body);
	stats_render(ctx, w[0], w[1], &body);
	r = route_reply_doc(req, ctx, 200, &body);
	buf_free(&body);
	return (r);
}

enum route_result
route_stats(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(stats_steps)));
}
