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
 * GET /metrics: the server's counters in the Prometheus text format
 * (see shm/metrics.h), with the outbox backlog read at scrape time.
 * Open to clients on the loopback interface (a Prometheus agent on the
 * host) and to admin keys (the route line says so); everyone else gets
 * 403.
 */

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "route.h"
#include "shm/metrics.h"

#define PROM_TYPE	"text/plain; version=0.0.4; charset=utf-8"

#define STEP_QUERY	0
#define STEP_ANSWER	1

static enum route_result	metrics_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	metrics_answer(struct http_request *,
				    struct route_ctx *);

static const struct route_step	metrics_steps[] = {
	[STEP_QUERY] = { "query", metrics_query },
	[STEP_ANSWER] = { "answer", metrics_answer },
};

static enum route_result
metrics_query(struct http_request *req, struct route_ctx *ctx)
{
	store_start(&ctx->q, req, SQL_metrics_outbox, 0, NULL);
	return (ROUTE_NEXT);
}

static enum route_result
metrics_answer(struct http_request *req, struct route_ctx *ctx)
{
	const struct route_def	*d;
	const char		*names[MET_ROUTES];
	enum route_result	r;
	struct met_gauges	g;
	struct buf		out;
	int			slot;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);

	memset(&g, 0, sizeof(g));
	if (store_rows(&ctx->q) == 1) {
		g.outbox_pending = strtoll(store_val(&ctx->q, 0, 0), NULL, 10);
		g.outbox_emails = strtoll(store_val(&ctx->q, 0, 1), NULL, 10);
		g.outbox_dead = strtoll(store_val(&ctx->q, 0, 2), NULL, 10);
		g.outbox_oldest_s = strtoll(store_val(&ctx->q, 0, 3), NULL,
		    10);
	}
	g.workers = worker_count - KORE_WORKER_BASE;

	memset(names, 0, sizeof(names));
	names[0] = "unrouted";
	for (d = ctx->table; d->name != NULL; d++) {
		if ((slot = route_slot(ctx->table, d)) < MET_ROUTES)
			names[slot] = d->name;
	}

	buf_init(&out);
	met_render(app_metrics(), names, MET_ROUTES, &g, &out);
	ctx->cache = "no-store";
	r = route_reply(req, ctx, 200, out.data, out.len, PROM_TYPE);
	buf_free(&out);
	return (r);
}

enum route_result
route_metrics(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(metrics_steps)));
}
