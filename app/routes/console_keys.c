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
 * API keys from the console (admins), as `open311d keys` makes them:
 *
 * GET /console/api/keys: the keys (prefix, scopes, ...; never a key).
 * POST /console/api/keys: name, scopes (comma list of submit,
 * backoffice, admin), jurisdiction (comma list; required of an admin
 * scoped to jurisdictions), channel, rate: the key, shown once.
 * POST /console/api/keys/{id}/revoke: message, which its clients get.
 * Each change is audited and reaches every worker's key cache.
 */

#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

#include "formats/params.h"
#include "formats/utf8.h"
#include "route.h"

#define STEP_START	0
#define STEP_ANSWER	1

#define CHANNEL_CHARS	"abcdefghijklmnopqrstuvwxyz0123456789_"
#define KEYNAME_MAX	200
#define MESSAGE_MAX	500

static enum route_result	keys_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	create_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	create_answer(struct http_request *,
				    struct route_ctx *);
static enum route_result	revoke_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	revoke_answer(struct http_request *,
				    struct route_ctx *);
static void	create_free(struct route_ctx *);

static const struct route_step	keys_steps[] = {
	[STEP_START] = { "keys", keys_query },
	[STEP_ANSWER] = { "answer", route_console_answer },
};

static const struct route_step	create_steps[] = {
	[STEP_START] = { "create", create_query },
	[STEP_ANSWER] = { "answer", create_answer },
};

static const struct route_step	revoke_steps[] = {
	[STEP_START] = { "revoke", revoke_query },
	[STEP_ANSWER] = { "answer", revoke_answer },
};

static enum route_result
keys_query(struct http_request *req, struct route_ctx *ctx)
{
	const char	*v[1];

	v[0] = ctx->staff.idtext;
	store_start(&ctx->q, req, SQL_console_keys, 1, v);
	return (ROUTE_NEXT);
}

static void
create_free(struct route_ctx *ctx)
{
	if (ctx->priv != NULL)
		OPENSSL_cleanse(ctx->priv, KEY_TEXT_LEN + 1);
	kore_free(ctx->priv);
	ctx->priv = NULL;
}

static enum route_result
create_query(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	const char		*v[9], *name, *scopes, *channel, *rate;
	char			hashhex[KEY_HASH_LEN * 2 + 1];
	char			prefix[KEY_PREFIX_LEN + 1];
	char			*key;

	if ((r = route_text(req, ctx, "name", FMT_TEXT_LINE,
	    KEYNAME_MAX)) !=
	    ROUTE_NEXT)
		return (r);
	name = route_param(ctx, "name");
	scopes = route_param(ctx, "scopes");
	if (name == NULL || scopes == NULL || key_scopes(scopes) == -1)
		return (route_error(req, ctx, 400, "name and scopes (a comma "
		    "list of submit, backoffice, admin) are required"));
	if ((channel = route_param(ctx, "channel")) == NULL)
		channel = "partner_app";
	if (strlen(channel) > 32 || channel[0] < 'a' || channel[0] > 'z' ||
	    strspn(channel, CHANNEL_CHARS) != strlen(channel))
		return (route_error(req, ctx, 400, "channel: lower-case "
		    "letters, digits and _ (mobile_app, web, phone, ...)"));
	rate = route_param(ctx, "rate");
	if (rate != NULL && (!params_id(rate) || strlen(rate) > 7))
		return (route_error(req, ctx, 400, "rate: requests per minute, "
		    "a positive number"));

	key = kore_calloc(1, KEY_TEXT_LEN + 1);
	ctx->priv = key;
	ctx->cleanup = create_free;
	if (key_generate(key, hashhex, prefix) == -1)
		return (route_error(req, ctx, 500, "internal error"));
	v[0] = ctx->staff.idtext;
	v[1] = name;
	v[2] = hashhex;
	v[3] = prefix;
	v[4] = scopes;
	v[5] = route_param(ctx, "jurisdiction");
	v[6] = channel;
	v[7] = rate;
	v[8] = ctx->staff.address;
	store_start(&ctx->q, req, SQL_console_key_create, 9, v);
	return (ROUTE_NEXT);
}

static enum route_result
create_answer(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	struct buf		b;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	if (store_rows(&ctx->q) != 1)
		return (route_error(req, ctx, 400, "jurisdiction: name "
		    "existing jurisdictions, all of them yours"));
	buf_init(&b);
	buf_printf(&b, "{\"id\":\"%s\",\"key\":\"%s\"}",
	    store_val(&ctx->q, 0, 0), (const char *)ctx->priv);
	r = route_reply_json(req, ctx, 201, buf_cstr(&b));
	OPENSSL_cleanse(b.data, b.len);
	buf_free(&b);
	return (r);
}

static enum route_result
revoke_query(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	const char		*v[4];

	if (!params_id(ctx->arg[0]))
		return (route_error(req, ctx, 404, "no key '%.40s'",
		    ctx->arg[0]));
	if ((r = route_text(req, ctx, "message", FMT_TEXT_LINE,
	    MESSAGE_MAX)) != ROUTE_NEXT)
		return (r);
	if ((v[2] = route_param(ctx, "message")) == NULL)
		return (route_error(req, ctx, 400, "message is required: what "
		    "the key's clients are told"));
	v[0] = ctx->staff.idtext;
	v[1] = ctx->arg[0];
	v[3] = ctx->staff.address;
	store_start(&ctx->q, req, SQL_console_key_revoke, 4, v);
	return (ROUTE_NEXT);
}

static enum route_result
revoke_answer(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	struct buf		b;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	if (store_rows(&ctx->q) != 1)
		return (route_error(req, ctx, 404, "no key %s you may revoke",
		    ctx->arg[0]));
	buf_init(&b);
	buf_printf(&b, "{\"id\":\"%s\",\"revoked\":true}", ctx->arg[0]);
	r = route_reply_json(req, ctx, 200, buf_cstr(&b));
	buf_free(&b);
	return (r);
}

enum route_result
route_console_keys(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(keys_steps)));
}

enum route_result
route_console_key_create(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(create_steps)));
}

enum route_result
route_console_key_revoke(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(revoke_steps)));
}
