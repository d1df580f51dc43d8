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
 * The web pages' own endpoints. GET /web/config.json gives a page its
 * settings (map tiles, photo limits) and a signed form token.
 * POST /web/requests.json is how a page submits a report without any
 * secret in the browser: the request must come from the gateway's own
 * origin (Origin, Sec-Fetch-Site), carry a form token that is neither
 * too fresh (filled faster than a person can) nor too old, leave the
 * honeypot field empty and stay within web_rate submissions an hour
 * from its address; it is then submitted exactly as POST /requests is,
 * with the built-in web key of migration 0008 (channel "web").
 */

#include <sys/types.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "formats/http.h"
#include "formats/webguard.h"
#include "route.h"
#include "shm/ratelimit.h"
#include "store/keys.h"

#define WEB_KEY_NAME	"open311d web pages"
#define WEB_CHANNEL	"web"
#define WEB_TOKEN_AGE	(24 * 3600)	/* a page open this long reloads */
#define WEB_PHOTOS_MAX	3

static int	web_origin_ok(struct http_request *);
static enum route_result	web_limit(struct http_request *,
				    struct route_ctx *);

enum route_result
route_web_config(struct http_request *req, struct route_ctx *ctx)
{
	const struct cfg	*cfg;
	enum route_result	r;
	struct fmt_doc		doc;
	struct buf		body;
	char			token[WEBGUARD_TOKEN_LEN];

	cfg = app_config();
	if (!cfg->web)
		return (route_error(req, ctx, 404, "no resource at %s",
		    req->path));
	webguard_token(cfg->web_token_key, (long long)time(NULL), token);

	buf_init(&body);
	fmt_doc_begin(&doc, &body, FMT_JSON);
	fmt_doc_object(&doc, NULL);
	fmt_doc_str(&doc, "token", token);
	fmt_doc_int(&doc, "min_fill", cfg->web_min_fill);
	fmt_doc_str(&doc, "tile_url", cfg->web_tile_url);
	fmt_doc_str(&doc, "tile_attribution", cfg->web_tile_attribution);
	fmt_doc_int(&doc, "media_max", cfg->media_max);
	fmt_doc_int(&doc, "photos_max", WEB_PHOTOS_MAX);
	fmt_doc_str(&doc, "assets", route_assets_version());
	fmt_doc_end(&doc);
	ctx->cache = "no-store";
	r = route_reply(req, ctx, 200, body.data, body.len,
	    fmt_content_type(FMT_JSON));
	buf_free(&body);
	return (r);
}

/*
 * 1 when the request comes from a page of this gateway: Sec-Fetch-Site,
 * when the browser sends it, is same-origin, and Origin is this Host's
 * origin or public_url's.
 */
static int
web_origin_ok(struct http_request *req)
{
	const struct cfg	*cfg;
	const char		*site, *origin, *host;
	size_t			n;

	cfg = app_config();
	if (http_request_header(req, "sec-fetch-site", &site) &&
	    strcmp(site, "same-origin"))
		return (0);
	if (!http_request_header(req, "origin", &origin))
		return (0);
	if (http_request_header(req, "host", &host) &&
	    webguard_same_origin(origin, host, cfg->tls))
		return (1);
	n = strlen(origin);
	return (n > 0 && !strncmp(cfg->public_url, origin, n) &&
	    (cfg->public_url[n] == '\0' || cfg->public_url[n] == '/'));
}

/*
 * web_rate submissions an hour by address: the minute buckets of the
 * shared table with time running sixty times slower.
 */
static enum route_result
web_limit(struct http_request *req, struct route_ctx *ctx)
{
	struct rl_table		*t;
	struct timespec		ts;
	char			addr[FMT_ADDR_LEN], client[FMT_ADDR_LEN];
	char			id[96], after[16];
	int64_t			now;
	int			rate, wait;

	rate = app_config()->web_rate;
	if ((t = app_ratelimit()) == NULL || rate == 0)
		return (ROUTE_NEXT);
	route_address(req, 1, addr, sizeof(addr));
	fmt_rate_client(addr, client);
	(void)snprintf(id, sizeof(id), "web:%s", client);
	(void)clock_gettime(CLOCK_REALTIME, &ts);
	now = ((int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000) / 60;
	if ((wait = rl_take(t, rl_id(id), rate, now)) == 0)
		return (ROUTE_NEXT);
	(void)snprintf(after, sizeof(after), "%d", wait * 60);
	http_response_header(req, "retry-after", after);
	return (route_error(req, ctx, 429, "this address has sent %d reports "
	    "in the last hour; try again in %d minute%s", rate, wait,
	    wait == 1 ? "" : "s"));
}

enum route_result
route_web_submit(struct http_request *req, struct route_ctx *ctx)
{
	const struct cfg	*cfg;
	const struct key	*k;
	const char		*token;
	char			after[16];
	int			ready, wait;

	cfg = app_config();
	if (ctx->key.id == 0) {
		if (!cfg->web)
			return (route_error(req, ctx, 404, "no resource at %s",
			    req->path));
		if (!web_origin_ok(req))
			return (route_error(req, ctx, 403, "reports are taken "
			    "from this site's own pages only"));
		if (route_param(ctx, "api_key") != NULL ||
		    http_request_header(req, "authorization", &token))
			return (route_error(req, ctx, 400, "this path takes no "
			    "api_key; applications submit to /requests"));
		if (!http_request_header(req, "x-web-token", &token))
			token = route_param(ctx, "web_token");
		switch (webguard_check(cfg->web_token_key, token,
		    (long long)time(NULL), cfg->web_min_fill, WEB_TOKEN_AGE,
		    &wait)) {
		case WEBGUARD_OK:
			break;
		case WEBGUARD_EARLY:
			(void)snprintf(after, sizeof(after), "%d", wait);
			http_response_header(req, "retry-after", after);
			return (route_error(req, ctx, 429, "sent too soon "
			    "after the page loaded; send again in %d "
			    "second%s", wait, wait == 1 ? "" : "s"));
		default:
			return (route_error(req, ctx, 403, "the form is out "
			    "of date or not from this site; reload the page"));
		}
		if (route_param(ctx, "website") != NULL)
			return (route_error(req, ctx, 400, "not sent"));
		if ((token = route_param(ctx, "locale")) != NULL &&
		    (strlen(token) >= CAT_LANG_MAX || !cat_lang_valid(token)))
			return (route_error(req, ctx, 400, "locale must be a "
			    "language tag such as es or es-MX"));

		if ((ready = store_keys_ready(req, &ctx->wait)) == STORE_WAIT)
			return (ROUTE_WAIT);
		k = ready == STORE_DONE ?
		    store_keys_named(WEB_KEY_NAME, WEB_CHANNEL) : NULL;
		if (k == NULL || k->revoked)
			return (route_error(req, ctx, 503, "reports from the "
			    "web pages are not taken right now"));
		if (web_limit(req, ctx) != ROUTE_NEXT)
			return (ROUTE_ANSWERED);
		key_copy(&ctx->key, k);
	}
	return (route_handover(req, ctx, route_requests_post));
}
