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
 * (rate_anonymous). Over the limit is 429 with Retry-After and an
 * Open311 error body. The buckets live in memory shared by every worker,
 * so all of them see the same limit, and no database is asked.
 */

#include <arpa/inet.h>

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "app.h"
#include "formats/http.h"
#include "route.h"
#include "shared/metrics.h"
#include "shared/ratelimit.h"
#include "store/keys.h"

static void	limit_address(struct http_request *, char *, size_t);

/*
 * The client's address: the peer's, or with trust_forwarded_for the
 * entry the trusted proxies added to X-Forwarded-For (forwarded_hops
 * from the end); as a rate-limit client (IPv6 by its /64).
 */
static void
limit_address(struct http_request *req, char *out, size_t len)
{
	const struct cfg	*cfg;
	const char		*fwd;
	char			addr[FMT_ADDR_LEN];

	cfg = app_config();
	if (!cfg->trust_forwarded_for ||
	    !http_request_header(req, "x-forwarded-for", &fwd) ||
	    fmt_forwarded_for(fwd, cfg->forwarded_hops, addr) == -1) {
		(void)snprintf(addr, sizeof(addr), "-");
		if (req->owner->family == AF_INET) {
			(void)inet_ntop(AF_INET,
			    &req->owner->addr.ipv4.sin_addr, addr,
			    sizeof(addr));
		} else if (req->owner->family == AF_INET6) {
			(void)inet_ntop(AF_INET6,
			    &req->owner->addr.ipv6.sin6_addr, addr,
			    sizeof(addr));
		}
	}
	if (len < FMT_ADDR_LEN)
		fatalx("limit_address: a buffer of %zu bytes", len);
	fmt_rate_client(addr, out);
}

/*
 * The key a GET names, if it is valid in the key cache (not loaded yet:
 * treated as anonymous).
 */
const struct store_key *
route_limit_key(struct http_request *req, struct route_ctx *ctx)
{
	const char	*hdr, *key;
	u_int8_t	hash[KEY_HASH_LEN];

	key = NULL;
	if (http_request_header(req, "authorization", &hdr) &&
	    !strncasecmp(hdr, "Bearer ", 7))
		key = hdr + 7;
	if (key == NULL || *key == '\0')
		key = route_param(ctx, "api_key");
	if (key == NULL)
		return (NULL);
	store_key_hash(key, strlen(key), hash);
	return (store_keys_find(hash));
}

int
route_limit(struct http_request *req, struct route_ctx *ctx,
    const struct store_key *k, int write)
{
	const struct cfg	*cfg;
	struct rl_table		*t;
	struct timespec		ts;
	char			id[96], addr[FMT_ADDR_LEN], after[16];
	int			rate, wait;

	if ((t = app_ratelimit()) == NULL || ctx->limited)
		return (1);
	ctx->limited = 1;
	cfg = app_config();

	if (k != NULL && !k->revoked) {
		rate = k->rate > 0 ? k->rate : write ? cfg->rate_submit :
		    cfg->rate_key;
		(void)snprintf(id, sizeof(id), "k:%lld:%c", k->id,
		    write ? 'w' : 'r');
	} else {
		limit_address(req, addr, sizeof(addr));
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
