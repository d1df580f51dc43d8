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
 * Staff accounts from the console (admins):
 *
 * POST /console/api/staff/{id}/link: e-mails the staff member a new
 * one-time password link (earlier links stop working), through the
 * outbox as `open311d staff link` does; audited. The token is never in
 * the answer: without smtp_url the answer is 409 (the command line
 * prints links). An admin scoped to jurisdictions reaches only the
 * accounts scoped within them.
 */

#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

#include "app.h"
#include "formats/params.h"
#include "route.h"

#define STEP_START	0
#define STEP_ANSWER	1

static enum route_result	link_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	link_answer(struct http_request *,
				    struct route_ctx *);

static const struct route_step	link_steps[] = {
	[STEP_START] = { "link", link_query },
	[STEP_ANSWER] = { "answer", link_answer },
};

static enum route_result
link_query(struct http_request *req, struct route_ctx *ctx)
{
	const struct cfg	*cfg;
	const char		*v[7];
	char			token[STAFF_HEX_LEN + 1];
	char			hash[STAFF_HEX_LEN + 1];
	char			secs[16], hours[16];

	cfg = app_config();
	if (!params_id(ctx->arg[0]))
		return (route_error(req, ctx, 404, "no staff account '%.40s'",
		    ctx->arg[0]));
	if (cfg->smtp_url[0] == '\0')
		return (route_error(req, ctx, 409, "smtp_url is not set, so "
		    "the link cannot be e-mailed: run `open311d staff link "
		    "EMAIL`, which prints it"));
	if (staff_token_new(token) == -1)
		return (route_error(req, ctx, 500, "internal error"));
	staff_token_hash(token, hash);
	(void)snprintf(secs, sizeof(secs), "%d",
	    cfg->console_link_hours * 3600);
	(void)snprintf(hours, sizeof(hours), "%d", cfg->console_link_hours);
	v[0] = ctx->staff.idtext;
	v[1] = ctx->arg[0];
	v[2] = hash;
	v[3] = secs;
	v[4] = token;
	v[5] = hours;
	v[6] = ctx->staff.address;
	/* libpq copies the parameters into its output buffer. */
	store_start(&ctx->q, req, SQL_console_staff_link, 7, v);
	OPENSSL_cleanse(token, sizeof(token));
	return (ROUTE_NEXT);
}

static enum route_result
link_answer(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	struct buf		b;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	if (store_rows(&ctx->q) != 1)
		return (route_error(req, ctx, 404, "no active staff account "
		    "%s you may reach", ctx->arg[0]));
	buf_init(&b);
	buf_str(&b, "{\"id\":\"");
	buf_str(&b, store_val(&ctx->q, 0, 0));
	buf_str(&b, "\",\"emailed_to\":");
	fmt_json_quote(&b, store_val(&ctx->q, 0, 1),
	    strlen(store_val(&ctx->q, 0, 1)));
	buf_str(&b, "}");
	r = route_reply_json(req, ctx, 200, buf_cstr(&b));
	buf_free(&b);
	return (r);
}

enum route_result
route_console_staff_link(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(link_steps)));
}
