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
 * host) and to admin keys; everyone else gets 403.
 */

#include <sys/types.h>
#include <netinet/in.h>

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "route.h"
#include "shm/metrics.h"
#include "store/keys.h"

#define PROM_TYPE	"text/plain; version=0.0.4; charset=utf-8"

static int	metrics_loopback(const struct connection *);

static int
metrics_loopback(const struct connection *c)
{
	const u_int8_t	*a;

	if (c == NULL)
		return (0);
	if (c->family == AF_INET) {
		a = (const u_int8_t *)&c->addr.ipv4.sin_addr.s_addr;
		return (a[0] == 127);
	}
	if (c->family == AF_INET6)
		return (IN6_IS_ADDR_LOOPBACK(&c->addr.ipv6.sin6_addr));
	return (0);
}

int
route_metrics(struct http_request *req, struct route_ctx *ctx)
{
	const struct route_def	*defs;
	const char		*names[MET_ROUTES];
	struct met_gauges	g;
	struct buf		out;
	size_t			i;
	int			r;

	if (ctx->step == 0) {
		if (!metrics_loopback(req->owner)) {
			if ((r = route_auth(req, ctx, AUTH_REQUIRED)) !=
			    KORE_RESULT_OK)
				return (r == KORE_RESULT_RETRY ? r :
				    KORE_RESULT_OK);
			if (!(ctx->key_scopes & KEY_ADMIN))
				return (route_error(req, ctx, 403, "metrics "
				    "are for the loopback interface or an "
				    "admin api_key"));
		}
		store_start(&ctx->q, req, SQL_metrics_outbox, 0, NULL);
		ctx->step = 1;
	}

	if ((r = store_step(&ctx->q)) == STORE_WAIT)
		return (KORE_RESULT_RETRY);
	if (r == STORE_ERROR)
		return (route_db_error(req, ctx, &ctx->q));

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
	defs = route_table();
	for (i = 0; defs[i].name != NULL && i + 1 < MET_ROUTES; i++)
		names[i + 1] = defs[i].name;

	buf_init(&out);
	met_render(app_metrics(), names, MET_ROUTES, &g, &out);
	ctx->cache = "no-store";
	r = route_reply(req, ctx, 200, out.data, out.len, PROM_TYPE);
	buf_free(&out);
	return (r);
}
