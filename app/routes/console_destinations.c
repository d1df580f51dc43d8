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
 * Back-office destinations from the console (admins), as `open311d
 * destinations` manages them:
 *
 * GET /console/api/destinations: those of my jurisdictions, with their
 * pending and dead events (never a secret).
 * POST /console/api/destinations: jurisdiction_id, service_code
 * (optional), kind (webhook, open311 or mailto), url, api_key (open311:
 * the upstream's key), upstream_jurisdiction, dead_after (seconds),
 * checked as the command line checks them (formats/destination.h, then
 * an http(s) URL's outbound checks); a webhook's signing secret is made
 * here and shown once.
 * POST /console/api/destinations/{id}/remove: its undelivered events
 * are skipped.
 * POST /console/api/destinations/{id}/test: a test event is queued for
 * it (a signed test body to a webhook, a GET of an upstream's service
 * list, a test e-mail to a mailbox); its outcome is the destination's last_test in the list.
 * Each change is audited; the outbox reads destinations afresh, so
 * every worker sends accordingly at once.
 */

#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "app.h"
#include "formats/destination.h"
#include "formats/params.h"
#include "formats/utf8.h"
#include "route.h"

#define STEP_START	0
#define STEP_ANSWER	1

#define URL_MAX		2000
#define NAME_MAX_LEN	128
#define SECRET_BYTES	32
#define SECRET_HEX	(SECRET_BYTES * 2)

static enum route_result	list_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	add_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	add_answer(struct http_request *,
				    struct route_ctx *);
static enum route_result	one_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	one_answer(struct http_request *,
				    struct route_ctx *);
static void	add_free(struct route_ctx *);

static const struct route_step	list_steps[] = {
	[STEP_START] = { "destinations", list_query },
	[STEP_ANSWER] = { "answer", route_console_answer },
};

static const struct route_step	add_steps[] = {
	[STEP_START] = { "add", add_query },
	[STEP_ANSWER] = { "answer", add_answer },
};

static const struct route_step	remove_steps[] = {
	[STEP_START] = { "remove", one_query },
	[STEP_ANSWER] = { "answer", one_answer },
};

static const struct route_step	test_steps[] = {
	[STEP_START] = { "test", one_query },
	[STEP_ANSWER] = { "answer", one_answer },
};

static enum route_result
list_query(struct http_request *req, struct route_ctx *ctx)
{
	const char	*v[1];

	v[0] = ctx->staff.idtext;
	store_start(&ctx->q, req, SQL_console_destinations, 1, v);
	return (ROUTE_NEXT);
}

static void
add_free(struct route_ctx *ctx)
{
	if (ctx->priv != NULL)
		OPENSSL_cleanse(ctx->priv, SECRET_HEX + 1);
	kore_free(ctx->priv);
	ctx->priv = NULL;
}

static enum route_result
add_query(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	const char		*v[9], *kind, *url, *dead, *field;
	char			err[512], *secret;
	u_int8_t		raw[SECRET_BYTES];
	size_t			i;

	if ((r = route_text(req, ctx, "jurisdiction_id", FMT_TEXT_LINE,
	    NAME_MAX_LEN)) != ROUTE_NEXT ||
	    (r = route_text(req, ctx, "service_code", FMT_TEXT_LINE,
	    NAME_MAX_LEN)) != ROUTE_NEXT ||
	    (r = route_text(req, ctx, "url", FMT_TEXT_LINE,
	    URL_MAX)) != ROUTE_NEXT ||
	    (r = route_text(req, ctx, "api_key", FMT_TEXT_LINE,
	    URL_MAX)) != ROUTE_NEXT ||
	    (r = route_text(req, ctx, "upstream_jurisdiction", FMT_TEXT_LINE,
	    NAME_MAX_LEN)) != ROUTE_NEXT)
		return (r);
	v[1] = route_param(ctx, "jurisdiction_id");
	v[2] = route_param(ctx, "service_code");
	kind = route_param(ctx, "kind");
	url = route_param(ctx, "url");
	v[6] = route_param(ctx, "upstream_jurisdiction");
	dead = route_param(ctx, "dead_after");
	if (v[1] == NULL || v[1][0] == '\0')
		return (route_error(req, ctx, 400, "jurisdiction_id is "
		    "required: whose back office this is"));
	if (dead != NULL && dead[0] == '\0')
		dead = NULL;
	if (fmt_destination_check(kind, url, "-", dead, &field, err,
	    sizeof(err)) == -1)
		return (route_error(req, ctx, 400, "%s: %s", field, err));
	if (strcmp(kind, "mailto") && cfg_outbound_check(app_config(), url,
	    err, sizeof(err)) == -1)
		return (route_error(req, ctx, 400, "url: %s", err));

	v[5] = "";
	if (!strcmp(kind, "webhook")) {
		if (RAND_bytes(raw, sizeof(raw)) != 1)
			return (route_error(req, ctx, 500, "internal error"));
		secret = kore_calloc(1, SECRET_HEX + 1);
		ctx->priv = secret;
		ctx->cleanup = add_free;
		for (i = 0; i < sizeof(raw); i++)
			(void)snprintf(secret + i * 2, 3, "%02x", raw[i]);
		OPENSSL_cleanse(raw, sizeof(raw));
		v[5] = secret;
	} else if (!strcmp(kind, "open311")) {
		v[5] = route_param(ctx, "api_key");
		if (v[5] == NULL || v[5][0] == '\0')
			return (route_error(req, ctx, 400, "api_key is "
			    "required: the key the upstream Open311 server "
			    "gave this gateway"));
	}
	v[0] = ctx->staff.idtext;
	if (v[2] != NULL && v[2][0] == '\0')
		v[2] = NULL;
	v[3] = kind;
	v[4] = url;
	if (v[6] != NULL && v[6][0] == '\0')
		v[6] = NULL;
	v[7] = dead;
	v[8] = ctx->staff.address;
	store_start(&ctx->q, req, SQL_console_destination_add, 9, v);
	return (ROUTE_NEXT);
}

static enum route_result
add_answer(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	struct buf		b;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	if (store_rows(&ctx->q) != 1)
		return (route_error(req, ctx, 400, "jurisdiction_id and "
		    "service_code: a jurisdiction of yours, and a service it "
		    "offers (or none: all of them)"));
	buf_init(&b);
	buf_printf(&b, "{\"id\":\"%s\"", store_val(&ctx->q, 0, 0));
	if (ctx->priv != NULL)
		buf_printf(&b, ",\"secret\":\"%s\"", (const char *)ctx->priv);
	buf_printf(&b, "}");
	r = route_reply_json(req, ctx, 201, buf_cstr(&b));
	OPENSSL_cleanse(b.data, b.len);
	buf_free(&b);
	return (r);
}

/* A remove or a test of the destination of the path. */
static enum route_result
one_query(struct http_request *req, struct route_ctx *ctx)
{
	const char	*v[3];

	if (!params_id(ctx->arg[0]))
		return (route_error(req, ctx, 404, "no destination '%.40s'",
		    ctx->arg[0]));
	v[0] = ctx->staff.idtext;
	v[1] = ctx->arg[0];
	v[2] = ctx->staff.address;
	store_start(&ctx->q, req, strcmp(ctx->def->name,
	    "console_destination_test") ? SQL_console_destination_remove :
	    SQL_destination_test, 3, v);
	return (ROUTE_NEXT);
}

/*
 * Answers a remove ({id, removed, skipped}) or a test ({id, test_event},
 * 202) of the destination of the path; 404 when there is none of mine.
 */
static enum route_result
one_answer(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	struct buf		b;
	int			test;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	if (store_rows(&ctx->q) != 1)
		return (route_error(req, ctx, 404, "no destination %s of yours "
		    "in use", ctx->arg[0]));
	test = !strcmp(ctx->def->name, "console_destination_test");
	buf_init(&b);
	if (test)
		buf_printf(&b, "{\"id\":\"%s\",\"test_event\":\"%s\"}",
		    ctx->arg[0], store_val(&ctx->q, 0, 0));
	else
		buf_printf(&b, "{\"id\":\"%s\",\"removed\":true,"
		    "\"skipped\":%s}", ctx->arg[0], store_val(&ctx->q, 0, 1));
	r = route_reply_json(req, ctx, test ? 202 : 200, buf_cstr(&b));
	buf_free(&b);
	return (r);
}


enum route_result
route_console_destinations(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(list_steps)));
}

enum route_result
route_console_destination_add(struct http_request *req,
    struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(add_steps)));
}

enum route_result
route_console_destination_remove(struct http_request *req,
    struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(remove_steps)));
}

enum route_result
route_console_destination_test(struct http_request *req,
    struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(test_steps)));
}
