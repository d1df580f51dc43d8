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
 * Rate limits: each client is counted once per request, by its API key
 * when it sends a valid one (the key's own rate, else rate_key for
 * reads and rate_submit for writes), otherwise by its address
 * (rate_anonymous); reads and writes apart, as the route line's rate
 * class says. A request weighs what its rate class costs the gateway
 * (rate_cost_cached, rate_cost_db, rate_cost_write: hundredths of a
 * request), so a client may read the cached catalog far more often than
 * it may ask the database. Over the limit is 429 with Retry-After and
 * an Open311 error body. The buckets live in memory shared by every worker, so all
 * of them see the same limit, and no database is asked.
 */

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "app.h"
#include "formats/http.h"
#include "route.h"
#include "shm/metrics.h"
#include "shm/ratelimit.h"

static void	limit_client(struct http_request *, struct route_ctx *,
		    const struct key *, char *, size_t, int *);
static int	limit_refuse(struct http_request *, struct route_ctx *, int,
		    int);
static int64_t	limit_now(void);
static int	limit_cost(const struct route_ctx *);

/* The bucket of key k (valid, not revoked) or else of the address. */
static void
limit_client(struct http_request *req, struct route_ctx *ctx,
    const struct key *k, char *id, size_t len, int *rate)
{
	const struct cfg	*cfg;
	char			addr[FMT_ADDR_LEN], client[FMT_ADDR_LEN];
	int			write;

	cfg = app_config();
	write = ctx->def->rate == RATE_WRITE;
	if (k != NULL && !k->revoked) {
		*rate = k->rate > 0 ? k->rate : write ? cfg->rate_submit :
		    cfg->rate_key;
		(void)snprintf(id, len, "k:%lld:%c", k->id, write ? 'w' : 'r');
		return;
	}
	route_address(req, 1, addr, sizeof(addr));
	fmt_rate_client(addr, client);
	*rate = cfg->rate_anonymous;
	(void)snprintf(id, len, "a:%s:%c", client, write ? 'w' : 'r');
}

/* Answers 429: rate a minute exceeded, the next one in wait seconds. */
static int
limit_refuse(struct http_request *req, struct route_ctx *ctx, int rate,
    int wait)
{
	char	after[16];

	(void)snprintf(after, sizeof(after), "%d", wait);
	http_response_header(req, "retry-after", after);
	met_add(app_metrics(), MET_RATE_LIMITED, 1);
	(void)route_error(req, ctx, 429, "rate limit of %d requests a minute "
	    "exceeded; retry after %d second%s", rate, wait,
	    wait == 1 ? "" : "s");
	return (0);
}

/* What the request's rate class costs, in hundredths of a request. */
static int
limit_cost(const struct route_ctx *ctx)
{
	const struct cfg	*cfg;

	cfg = app_config();
	switch (ctx->def->rate) {
	case RATE_CACHED:
		return (cfg->rate_cost_cached);
	case RATE_DB:
		return (cfg->rate_cost_db);
	case RATE_WRITE:
		return (cfg->rate_cost_write);
	default:
		return (0);
	}
}

/* Microseconds since the epoch. */
static int64_t
limit_now(void)
{
	struct timespec	ts;

	(void)clock_gettime(CLOCK_REALTIME, &ts);
	return ((int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000);
}

int
route_limit(struct http_request *req, struct route_ctx *ctx,
    const struct key *k)
{
	struct rl_table		*t;
	char			id[96];
	int			rate, wait;

	if ((t = app_ratelimit()) == NULL || ctx->limited ||
	    ctx->def->rate == RATE_NONE)
		return (1);
	ctx->limited = 1;
	limit_client(req, ctx, k, id, sizeof(id), &rate);
	if ((wait = rl_take_cost(t, rl_id(id), rate, limit_cost(ctx),
	    limit_now())) == 0)
		return (1);
	return (limit_refuse(req, ctx, rate, wait));
}

int
route_limit_early(struct http_request *req, struct route_ctx *ctx)
{
	const struct key	*k;
	struct rl_table		*t;
	char			id[96];
	int			rate, wait;

	if ((t = app_ratelimit()) == NULL || ctx->def->rate == RATE_NONE)
		return (1);
	if ((k = route_key_early(req, ctx)) != NULL && !k->revoked)
		return (route_limit(req, ctx, k));
	limit_client(req, ctx, NULL, id, sizeof(id), &rate);
	if ((wait = rl_peek_cost(t, rl_id(id), rate, limit_cost(ctx),
	    limit_now())) == 0)
		return (1);
	return (limit_refuse(req, ctx, rate, wait));
}
