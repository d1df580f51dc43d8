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
 * class says. Over the limit is 429 with Retry-After and an Open311
 * error body. The buckets live in memory shared by every worker, so all
 * of them see the same limit, and no database is asked.
 */

#include <stdio.h>
#include <time.h>

#include "app.h"
#include "route.h"
#include "shm/metrics.h"
#include "shm/ratelimit.h"

int
route_limit(struct http_request *req, struct route_ctx *ctx,
    const struct key *k)
{
	const struct cfg	*cfg;
	struct rl_table		*t;
	struct timespec		ts;
	char			id[96], addr[INET6_ADDRSTRLEN], after[16];
	int			rate, wait, write;

	if ((t = app_ratelimit()) == NULL || ctx->limited ||
	    ctx->def->rate == RATE_NONE)
		return (1);
	ctx->limited = 1;
	cfg = app_config();
	write = ctx->def->rate == RATE_WRITE;

	if (k != NULL && !k->revoked) {
		rate = k->rate > 0 ? k->rate : write ? cfg->rate_submit :
		    cfg->rate_key;
		(void)snprintf(id, sizeof(id), "k:%lld:%c", k->id,
		    write ? 'w' : 'r');
	} else {
		route_address(req, 1, addr, sizeof(addr));
		rate = cfg->rate_anonymous;
		(void)snprintf(id, sizeof(id), "a:%s:%c", addr,
		    write ? 'w' : 'r');
	}

	(void)clock_gettime(CLOCK_REALTIME, &ts);
	wait = rl_take(t, rl_id(id), rate, (int64_t)ts.tv_sec * 1000000 +
	    ts.tv_nsec / 1000);
	if (wait == 0)
		return (1);

	(void)snprintf(after, sizeof(after), "%d", wait);
	http_response_header(req, "retry-after", after);
	met_add(app_metrics(), MET_RATE_LIMITED, 1);
	(void)route_error(req, ctx, 429, "rate limit of %d requests a minute "
	    "exceeded; retry after %d second%s", rate, wait,
	    wait == 1 ? "" : "s");
	return (0);
}
