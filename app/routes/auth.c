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
 * What dispatch checks before a handler runs, as the route line says:
 * the body (parsed with the configured limits), the caller's API key
 * ("Authorization: Bearer KEY" or an api_key parameter, looked up in the
 * worker's key cache), the rate limit, and whether the key may call the
 * route; or, on the console's lines, the staff session (session.c). Also the scope and jurisdiction check handlers make once they
 * know a request's jurisdiction.
 */

#include <sys/types.h>
#include <netinet/in.h>

#include <stdio.h>
#include <string.h>

#include "app.h"
#include "formats/params.h"
#include "route.h"
#include "store/keys.h"

static enum route_result	auth_body(struct http_request *,
				    struct route_ctx *);
static int			auth_loopback(const struct connection *);
static const char		*auth_key_text(struct http_request *,
				    struct route_ctx *);
static void			auth_key_literal(struct route_ctx *);
static const char		*auth_refusal(int, int);

/* What a key without a line's scopes is told, by scopes and flags. */
static const struct {
	int		scopes;
	int		flags;
	const char	*text;
} refusals[] = {
	{ KEY_SUBMIT, 0, "this api_key may not submit requests" },
	{ KEY_BACKOFFICE, 0, "this api_key may not act for the back office" },
	{ KEY_BACKOFFICE | KEY_ADMIN, 0,
	    "this api_key may not act for the back office" },
	{ KEY_BACKOFFICE | KEY_SUBMIT, 0,
	    "this api_key may neither update requests nor comment on them" },
	{ KEY_ADMIN, ROUTE_GLOBAL,
	    "this needs an admin api_key for every jurisdiction" },
	{ KEY_ADMIN, ROUTE_LOOPBACK,
	    "metrics are for the loopback interface or an admin api_key" },
	{ KEY_ADMIN, 0, "this api_key may not administer the gateway" },
};

static const char *
auth_refusal(int scopes, int flags)
{
	size_t	i;

	for (i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++) {
		if (refusals[i].scopes == scopes &&
		    (refusals[i].flags == 0 || (refusals[i].flags & flags)))
			return (refusals[i].text);
	}
	return ("this api_key may not do this");
}

static enum route_result
auth_body(struct http_request *req, struct route_ctx *ctx)
{
	struct fmt_form_limits	lim;
	const struct cfg	*cfg;
	const char		*ctype;
	const char		*data;
	size_t			len;

	if (ctx->parsed)
		return (ROUTE_NEXT);
	ctx->parsed = 1;

	cfg = app_config();
	lim.fields = (size_t)cfg->form_fields_max;
	lim.name = 256;
	lim.value = (size_t)cfg->form_field_max;
	lim.file = (size_t)cfg->media_max;
	lim.files = 10;

	data = "";
	len = 0;
	/* Kore rewinds the buffer once the body is in; the length stays. */
	if (req->http_body != NULL) {
		data = (const char *)req->http_body->data;
		len = req->http_body_length;
	}
	if (!http_request_header(req, "content-type", &ctype))
		ctype = NULL;

	if (fmt_form_body(&ctx->body, data, len, ctype, &lim) == -1)
		return (route_error(req, ctx, ctx->body.toolarge ? 413 : 400,
		    "%s", ctx->body.err));
	return (ROUTE_NEXT);
}

static int
auth_loopback(const struct connection *c)
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

/* The key the caller sent: its Bearer header, else api_key; or NULL. */
static const char *
auth_key_text(struct http_request *req, struct route_ctx *ctx)
{
	const char	*hdr, *key;

	key = NULL;
	if (http_request_header(req, "authorization", &hdr))
		key = params_bearer(hdr);
	if (key == NULL)
		key = route_param(ctx, "api_key");
	return (key);
}

/* ctx->key_jurisdictions: the key's jurisdictions as SQL takes them. */
static void
auth_key_literal(struct route_ctx *ctx)
{
	struct buf	b;

	kore_free(ctx->key_jurisdictions);
	ctx->key_jurisdictions = NULL;
	if (ctx->key.jurisdictions == NULL)
		return;
	buf_init(&b);
	params_pg_array(&b, (const char *const *)ctx->key.jurisdictions,
	    ctx->key.njurisdictions);
	ctx->key_jurisdictions = kore_strdup(buf_cstr(&b));
	buf_free(&b);
}

enum route_result
route_auth(struct http_request *req, struct route_ctx *ctx)
{
	const struct route_def	*def;
	const struct key	*k;
	enum route_result	r;
	const char		*text;
	u_int8_t		hash[KEY_HASH_LEN];
	int			ready;

	def = ctx->def;
	if (def->body == BODY_FORM && (r = auth_body(req, ctx)) != ROUTE_NEXT)
		return (r);
	if ((def->flags & ROUTE_LOOPBACK) && auth_loopback(req->owner))
		return (ROUTE_NEXT);
	if (def->auth == AUTH_SESSION) {
		if (!route_limit(req, ctx, NULL))
			return (ROUTE_ANSWERED);
		return (route_session(req, ctx));
	}

	/*
	 * The key first: a valid one is counted by its own rate. Where
	 * no key is needed, one the cache does not hold yet is not waited
	 * for.
	 */
	k = NULL;
	if ((text = auth_key_text(req, ctx)) != NULL) {
		ready = STORE_DONE;
		if (def->auth != AUTH_NONE &&
		    (ready = store_keys_ready(req, &ctx->wait)) == STORE_WAIT)
			return (ROUTE_WAIT);
		if (ready == STORE_ERROR && def->auth == AUTH_KEY)
			return (route_error(req, ctx, 503, "API keys cannot be "
			    "checked right now; try again shortly"));
		if (ready == STORE_DONE) {
			key_hash(text, strlen(text), hash);
			k = store_keys_find(hash);
		}
	}

	if (!route_limit(req, ctx, k))
		return (ROUTE_ANSWERED);
	if (def->auth == AUTH_NONE)
		return (ROUTE_NEXT);

	if (k != NULL && !k->revoked && ctx->key.id == 0) {
		key_copy(&ctx->key, k);
		auth_key_literal(ctx);
	}
	if (def->auth == AUTH_OPTIONAL)
		return (ROUTE_NEXT);

	if (text == NULL)
		return (route_error(req, ctx, 403, "api_key is required: send "
		    "it as api_key or as Authorization: Bearer KEY"));
	if (k == NULL)
		return (route_error(req, ctx, 403, "Invalid api_key"));
	if (k->revoked)
		return (route_error(req, ctx, 403, "This api_key was "
		    "revoked%s%s", k->revoked_message[0] ? ": " : "",
		    k->revoked_message));
	if (!(k->scopes & def->scopes) ||
	    ((def->flags & ROUTE_GLOBAL) && k->jurisdictions != NULL))
		return (route_error(req, ctx, 403, "%s",
		    auth_refusal(def->scopes, def->flags)));
	return (ROUTE_NEXT);
}

const struct key *
route_key_early(struct http_request *req, struct route_ctx *ctx)
{
	const char	*text;
	u_int8_t	hash[KEY_HASH_LEN];

	if ((text = auth_key_text(req, ctx)) == NULL)
		return (NULL);
	key_hash(text, strlen(text), hash);
	return (store_keys_find(hash));
}

enum route_result
route_allow(struct http_request *req, struct route_ctx *ctx, int scope,
    const char *jurisdiction)
{
	if (!(ctx->key.scopes & scope))
		return (route_error(req, ctx, 403, "%s",
		    auth_refusal(scope, 0)));
	if (!key_covers(&ctx->key, jurisdiction))
		return (route_error(req, ctx, 403, "this api_key is not valid "
		    "for jurisdiction %s", jurisdiction));
	return (ROUTE_NEXT);
}

void
route_key_restrict(struct route_ctx *ctx, const char *jurisdiction)
{
	key_restrict(&ctx->key, jurisdiction);
	auth_key_literal(ctx);
}
