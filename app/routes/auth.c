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
 * Who is calling: API keys from the Authorization header or an api_key
 * parameter, checked against the worker's key cache, and the scope and
 * jurisdiction checks every write makes. Also the body parser every
 * POST uses, with the configured limits.
 */

#include <string.h>
#include <strings.h>

#include "app.h"
#include "route.h"
#include "store/keys.h"

#define BEARER		"Bearer "

int
route_auth(struct http_request *req, struct route_ctx *ctx, int mode)
{
	const struct store_key	*k;
	const char		*hdr, *key;
	u_int8_t		hash[KEY_HASH_LEN];
	struct buf		b;
	size_t			i;
	int			r;

	key = NULL;
	if (http_request_header(req, "authorization", &hdr) &&
	    !strncasecmp(hdr, BEARER, strlen(BEARER)))
		key = hdr + strlen(BEARER);
	if (key == NULL || *key == '\0')
		key = route_param(ctx, "api_key");

	if (key == NULL) {
		if (!route_limit(req, ctx, NULL, 1))
			return (KORE_RESULT_ERROR);
		if (mode == AUTH_OPTIONAL)
			return (KORE_RESULT_OK);
		(void)route_error(req, ctx, 403, "api_key is required: send "
		    "it as api_key or as Authorization: Bearer KEY");
		return (KORE_RESULT_ERROR);
	}

	if ((r = store_keys_ready(req, &ctx->wait)) == STORE_WAIT)
		return (KORE_RESULT_RETRY);
	if (r == STORE_ERROR) {
		if (mode == AUTH_OPTIONAL)
			return (KORE_RESULT_OK);
		(void)route_error(req, ctx, 503, "API keys cannot be checked "
		    "right now; try again shortly");
		return (KORE_RESULT_ERROR);
	}

	store_key_hash(key, strlen(key), hash);
	k = store_keys_find(hash);
	if (!route_limit(req, ctx, k, req->method == HTTP_METHOD_POST))
		return (KORE_RESULT_ERROR);
	if (mode == AUTH_OPTIONAL && (k == NULL || k->revoked))
		return (KORE_RESULT_OK);
	if (k == NULL) {
		(void)route_error(req, ctx, 403, "Invalid api_key");
		return (KORE_RESULT_ERROR);
	}
	if (k->revoked) {
		(void)route_error(req, ctx, 403, "This api_key was revoked%s%s",
		    k->revoked_message[0] ? ": " : "", k->revoked_message);
		return (KORE_RESULT_ERROR);
	}

	ctx->key_id = k->id;
	ctx->key_scopes = k->scopes;
	(void)snprintf(ctx->key_channel, sizeof(ctx->key_channel), "%s",
	    k->channel);
	if (k->jurisdictions != NULL) {
		buf_init(&b);
		buf_byte(&b, '{');
		for (i = 0; i < k->njurisdictions; i++)
			buf_printf(&b, "%s\"%s\"", i ? "," : "",
			    k->jurisdictions[i]);
		buf_byte(&b, '}');
		ctx->key_jurisdictions = kore_strdup(buf_cstr(&b));
		buf_free(&b);
	}

	return (KORE_RESULT_OK);
}

int
route_allow(struct http_request *req, struct route_ctx *ctx, int scope,
    const char *jurisdiction)
{
	char	quoted[160];

	if (!(ctx->key_scopes & scope)) {
		(void)route_error(req, ctx, 403, "this api_key may not %s",
		    scope == KEY_SUBMIT ? "submit requests" :
		    scope == KEY_BACKOFFICE ? "act for the back office" :
		    "administer the gateway");
		return (0);
	}

	(void)snprintf(quoted, sizeof(quoted), "\"%s\"", jurisdiction);
	if (ctx->key_jurisdictions != NULL &&
	    strstr(ctx->key_jurisdictions, quoted) == NULL) {
		(void)route_error(req, ctx, 403, "this api_key is not valid "
		    "for jurisdiction %s", jurisdiction);
		return (0);
	}

	return (1);
}

int
route_body(struct http_request *req, struct route_ctx *ctx)
{
	struct fmt_form_limits	lim;
	const struct cfg	*cfg;
	const char		*ctype;
	const char		*data;
	size_t			len;

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

	if (fmt_form_body(&ctx->body, data, len, ctype, &lim) == -1) {
		(void)route_error(req, ctx, ctx->body.toolarge ? 413 : 400,
		    "%s", ctx->body.err);
		return (0);
	}

	return (1);
}
