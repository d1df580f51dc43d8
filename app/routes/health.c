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
 * GET /healthz (the process answers), GET /readyz (the database answers
 * and carries the schema this binary needs), and the no-op handler the
 * benchmarks measure the server's own limit with.
 */

#include <stdio.h>
#include <stdlib.h>

#include "route.h"
#include "store/pq.h"

#define JSON_TYPE	"application/json; charset=utf-8"

#define STEP_QUERY	0
#define STEP_ANSWER	1

static enum route_result	readyz_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	readyz_answer(struct http_request *,
				    struct route_ctx *);

static const struct route_step	readyz_steps[] = {
	[STEP_QUERY] = { "query", readyz_query },
	[STEP_ANSWER] = { "answer", readyz_answer },
};

enum route_result
route_healthz(struct http_request *req, struct route_ctx *ctx)
{
	static const char	body[] = "{\"status\":\"ok\"}\n";

	return (route_reply(req, ctx, 200, body, sizeof(body) - 1, JSON_TYPE));
}

static enum route_result
readyz_query(struct http_request *req, struct route_ctx *ctx)
{
	store_start(&ctx->q, req, SQL_health_schema, 0, NULL);
	return (ROUTE_NEXT);
}

static enum route_result
readyz_answer(struct http_request *req, struct route_ctx *ctx)
{
	char	body[256];
	int	n, version;

	switch (store_step(&ctx->q)) {
	case STORE_WAIT:
		return (ROUTE_WAIT);
	case STORE_ERROR:
		n = snprintf(body, sizeof(body), "{\"status\":\"unavailable\","
		    "\"reason\":\"database unreachable\"}\n");
		http_response_header(req, "retry-after", "5");
		return (route_reply(req, ctx, 503, body, (size_t)n,
		    JSON_TYPE));
	}

	version = atoi(store_val(&ctx->q, 0, 0));
	if (version < store_schema_latest()) {
		n = snprintf(body, sizeof(body), "{\"status\":\"unavailable\","
		    "\"reason\":\"schema version %d, need %d\"}\n", version,
		    store_schema_latest());
		return (route_reply(req, ctx, 503, body, (size_t)n,
		    JSON_TYPE));
	}

	n = snprintf(body, sizeof(body), "{\"status\":\"ready\",\"schema\":%d,"
	    "\"catalog\":%lld}\n", version, store_catalog_version());
	return (route_reply(req, ctx, 200, body, (size_t)n, JSON_TYPE));
}

enum route_result
route_readyz(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(readyz_steps)));
}

int
route_bench_noop(struct http_request *req)
{
	http_response(req, 200, NULL, 0);
	return (KORE_RESULT_OK);
}
