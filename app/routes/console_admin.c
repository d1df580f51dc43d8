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
 * The console's operator pages (admins), answering JSON made by SQL,
 * each scoped to the admin's jurisdictions (all for an unscoped admin):
 *
 * GET /console/api/audit: the audit log, newest first, page_size
 * entries before the id in before, of request_id or staff_id if given.
 * GET /console/api/outbox: backlog per destination, dead letters.
 * POST /console/api/outbox/{id}/retry: a dead event is sent again.
 * GET /console/api/health: the database and this server at a glance
 * (the shared metrics: answers, errors, latency, workers).
 * GET /console/api/dashboard (supervisors too): backlog by agency, the
 * oldest open request, breaches this week, reopen rate by agency.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "formats/params.h"
#include "route.h"
#include "shm/metrics.h"

#define AUDIT_PAGE	100
#define AUDIT_PAGE_MAX	1000
#define DEAD_LETTERS	"100"

#define STEP_START	0
#define STEP_ANSWER	1

static enum route_result	audit_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	outbox_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	retry_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	retry_answer(struct http_request *,
				    struct route_ctx *);
static enum route_result	health_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	health_answer(struct http_request *,
				    struct route_ctx *);
static enum route_result	dashboard_query(struct http_request *,
				    struct route_ctx *);

static const struct route_step	audit_steps[] = {
	[STEP_START] = { "audit", audit_query },
	[STEP_ANSWER] = { "answer", route_console_answer },
};

static const struct route_step	outbox_steps[] = {
	[STEP_START] = { "outbox", outbox_query },
	[STEP_ANSWER] = { "answer", route_console_answer },
};

static const struct route_step	retry_steps[] = {
	[STEP_START] = { "retry", retry_query },
	[STEP_ANSWER] = { "answer", retry_answer },
};

static const struct route_step	health_steps[] = {
	[STEP_START] = { "health", health_query },
	[STEP_ANSWER] = { "answer", health_answer },
};

static const struct route_step	dashboard_steps[] = {
	[STEP_START] = { "dashboard", dashboard_query },
	[STEP_ANSWER] = { "answer", route_console_answer },
};

static enum route_result
audit_query(struct http_request *req, struct route_ctx *ctx)
{
	const char	*v[5], *size;
	char		limit[16];
	long long	n;

	v[1] = route_param(ctx, "before");
	v[3] = route_param(ctx, "request_id");
	v[4] = route_param(ctx, "staff_id");
	if ((v[1] != NULL && !params_id(v[1])) ||
	    (v[3] != NULL && !params_id(v[3])) ||
	    (v[4] != NULL && !params_id(v[4])))
		return (route_error(req, ctx, 400, "before, request_id and "
		    "staff_id are ids"));
	n = AUDIT_PAGE;
	if ((size = route_param(ctx, "page_size")) != NULL &&
	    (!params_id(size) || strlen(size) > 6 ||
	    (n = strtoll(size, NULL, 10)) < 1 || n > AUDIT_PAGE_MAX))
		return (route_error(req, ctx, 400, "page_size must be 1 to %d",
		    AUDIT_PAGE_MAX));
	(void)snprintf(limit, sizeof(limit), "%lld", n);
	v[0] = ctx->staff.idtext;
	v[2] = limit;
	store_start(&ctx->q, req, SQL_console_audit, 5, v);
	return (ROUTE_NEXT);
}

static enum route_result
outbox_query(struct http_request *req, struct route_ctx *ctx)
{
	const char	*v[2];

	v[0] = ctx->staff.idtext;
	v[1] = DEAD_LETTERS;
	store_start(&ctx->q, req, SQL_console_outbox, 2, v);
	return (ROUTE_NEXT);
}

static enum route_result
retry_query(struct http_request *req, struct route_ctx *ctx)
{
	const char	*v[3];

	if (!params_id(ctx->arg[0]))
		return (route_error(req, ctx, 404, "no dead event '%.40s'",
		    ctx->arg[0]));
	v[0] = ctx->staff.idtext;
	v[1] = ctx->arg[0];
	v[2] = ctx->staff.address;
	store_start(&ctx->q, req, SQL_console_outbox_retry, 3, v);
	return (ROUTE_NEXT);
}

static enum route_result
retry_answer(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	struct buf		b;
	int			i;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	if (store_rows(&ctx->q) == 0)
		return (route_error(req, ctx, 404, "no dead event %s of your "
		    "jurisdictions to retry", ctx->arg[0]));
	buf_init(&b);
	buf_str(&b, "{\"requeued\":[");
	for (i = 0; i < store_rows(&ctx->q); i++)
		buf_printf(&b, "%s\"%s\"", i ? "," : "",
		    store_val(&ctx->q, i, 0));
	buf_str(&b, "]}");
	r = route_reply_json(req, ctx, 200, buf_cstr(&b));
	buf_free(&b);
	return (r);
}

static enum route_result
health_query(struct http_request *req, struct route_ctx *ctx)
{
	const char	*v[1];

	v[0] = ctx->staff.idtext;
	store_start(&ctx->q, req, SQL_console_health, 1, v);
	return (ROUTE_NEXT);
}

/* The database's figures (one JSON object) with the server's added. */
static enum route_result
health_answer(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	struct met_gauges	g;
	struct buf		b;
	const char		*db;
	size_t			len;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	if (store_rows(&ctx->q) != 1)
		return (route_error(req, ctx, 403, "your account may not see "
		    "this"));
	db = store_val(&ctx->q, 0, 0);
	if ((len = strlen(db)) < 2 || db[len - 1] != '}')
		return (route_error(req, ctx, 500, "internal error"));
	memset(&g, 0, sizeof(g));
	g.workers = worker_count - KORE_WORKER_BASE;
	buf_init(&b);
	buf_add(&b, db, len - 1);
	buf_str(&b, ",");
	met_glance(app_metrics(), &g, &b);
	buf_str(&b, "}");
	r = route_reply_json(req, ctx, 200, buf_cstr(&b));
	buf_free(&b);
	return (r);
}

static enum route_result
dashboard_query(struct http_request *req, struct route_ctx *ctx)
{
	const char	*v[1];

	v[0] = ctx->staff.idtext;
	store_start(&ctx->q, req, SQL_console_dashboard, 1, v);
	return (ROUTE_NEXT);
}

enum route_result
route_console_dashboard(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(dashboard_steps)));
}

enum route_result
route_console_audit(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(audit_steps)));
}

enum route_result
route_console_outbox(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(outbox_steps)));
}

enum route_result
route_console_outbox_retry(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(retry_steps)));
}

enum route_result
route_console_health(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(health_steps)));
}
