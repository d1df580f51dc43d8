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
 * Staff accounts from the console (admins), as `open311d staff` keeps
 * them:
 *
 * GET /console/api/staff: the accounts the admin may manage (never a
 * password or a token).
 * POST /console/api/staff: email, name, role, jurisdiction (comma list;
 * required of an admin scoped to jurisdictions): a new account without
 * a password, audited; 409 when the address has one already.
 * POST /console/api/staff/{id}/disable: the account can no longer sign
 * in, its sessions and links end; audited; never the admin's own.
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
#include "formats/utf8.h"
#include "route.h"

#define STEP_START	0
#define STEP_ANSWER	1

static enum route_result	link_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	staff_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	add_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	add_answer(struct http_request *,
				    struct route_ctx *);
static enum route_result	disable_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	account_answer(struct http_request *,
				    struct route_ctx *);
static void	account_json(struct buf *, struct route_ctx *, const char *,
		    const char *);

static const struct route_step	staff_steps[] = {
	[STEP_START] = { "staff", staff_query },
	[STEP_ANSWER] = { "answer", route_console_answer },
};

static const struct route_step	add_steps[] = {
	[STEP_START] = { "add", add_query },
	[STEP_ANSWER] = { "answer", add_answer },
};

static const struct route_step	disable_steps[] = {
	[STEP_START] = { "disable", disable_query },
	[STEP_ANSWER] = { "answer", account_answer },
};

static const struct route_step	link_steps[] = {
	[STEP_START] = { "link", link_query },
	[STEP_ANSWER] = { "answer", account_answer },
};

static enum route_result
staff_query(struct http_request *req, struct route_ctx *ctx)
{
	const char	*v[1];

	v[0] = ctx->staff.idtext;
	store_start(&ctx->q, req, SQL_console_staff, 1, v);
	return (ROUTE_NEXT);
}

static enum route_result
add_query(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	const char		*v[6], *email, *role;
	char			lower[STAFF_EMAIL_MAX + 1];

	if ((r = route_text(req, ctx, "name", FMT_TEXT_LINE,
	    STAFF_NAME_MAX)) != ROUTE_NEXT)
		return (r);
	email = route_param(ctx, "email");
	if (email == NULL || staff_email(email, lower) == -1)
		return (route_error(req, ctx, 400, "email: one e-mail "
		    "address is required"));
	if ((v[2] = route_param(ctx, "name")) == NULL)
		return (route_error(req, ctx, 400, "name is required"));
	role = route_param(ctx, "role");
	if (role == NULL || !staff_role(role))
		return (route_error(req, ctx, 400, "role: agent, supervisor "
		    "or admin"));
	v[0] = ctx->staff.idtext;
	v[1] = lower;
	v[3] = role;
	v[4] = route_param(ctx, "jurisdiction");
	v[5] = ctx->staff.address;
	/* libpq copies the parameters into its output buffer. */
	store_start(&ctx->q, req, SQL_console_staff_add, 6, v);
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
		return (route_error(req, ctx, 403, "admins only"));
	if (store_isnull(&ctx->q, 0, 0)) {
		if (!strcmp(store_val(&ctx->q, 0, 2), "t"))
			return (route_error(req, ctx, 409, "email: a staff "
			    "account with this address exists already"));
		return (route_error(req, ctx, 400, "jurisdiction: name "
		    "existing jurisdictions, all of them yours"));
	}
	account_json(&b, ctx, "email", "");
	r = route_reply_json(req, ctx, 201, buf_cstr(&b));
	buf_free(&b);
	return (r);
}

static enum route_result
disable_query(struct http_request *req, struct route_ctx *ctx)
{
	const char	*v[3];

	if (!params_id(ctx->arg[0]))
		return (route_error(req, ctx, 404, "no staff account '%.40s'",
		    ctx->arg[0]));
	v[0] = ctx->staff.idtext;
	v[1] = ctx->arg[0];
	v[2] = ctx->staff.address;
	store_start(&ctx->q, req, SQL_console_staff_disable, 3, v);
	return (ROUTE_NEXT);
}

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

/*
 * Makes b {"id": column 0, key: column 1 of ctx->q's first row, then
 * tail (",name":value... or "")}.
 */
static void
account_json(struct buf *b, struct route_ctx *ctx, const char *key,
    const char *tail)
{
	const char	*email;

	email = store_val(&ctx->q, 0, 1);
	buf_init(b);
	buf_printf(b, "{\"id\":\"%s\",\"%s\":", store_val(&ctx->q, 0, 0),
	    key);
	fmt_json_quote(b, email, strlen(email));
	buf_str(b, tail);
	buf_str(b, "}");
}

/*
 * Answers the one account a link or a disable reached: {id, emailed_to}
 * for a link, {id, email, disabled} for a disable.
 */
static enum route_result
account_answer(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	struct buf		b;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	if (store_rows(&ctx->q) != 1)
		return (route_error(req, ctx, 404, "no other active staff "
		    "account %s you may reach", ctx->arg[0]));
	if (!strcmp(ctx->def->name, "console_staff_link"))
		account_json(&b, ctx, "emailed_to", "");
	else
		account_json(&b, ctx, "email", ",\"disabled\":true");
	r = route_reply_json(req, ctx, 200, buf_cstr(&b));
	buf_free(&b);
	return (r);
}

enum route_result
route_console_staff_link(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(link_steps)));
}

enum route_result
route_console_staff(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(staff_steps)));
}

enum route_result
route_console_staff_add(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(add_steps)));
}

enum route_result
route_console_staff_disable(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(disable_steps)));
}
