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
 * The console's accounts and sessions, answering JSON:
 *
 * POST /console/api/login (email, password in the body): a new session
 * in a fresh cookie and its CSRF token; one generic refusal for every
 * wrong e-mail address or password (401), 429 once an e-mail address or
 * a client address has failed too often within console_login_window.
 * POST /console/api/password (token, password): a one-time link from
 * `open311d staff add|password` sets the password; the link is looked up
 * before the password is hashed, so an unknown one costs no Argon2id.
 * GET /console/api/me: the account and the session's CSRF token.
 * POST /console/api/logout and /console/api/logout-all: end this
 * session, or every session of the account.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "app.h"
#include "formats/params.h"
#include "route.h"
#include "shm/metrics.h"

#define OUT_OK		1
#define OUT_WRONG	2
#define OUT_THROTTLED	3

#define STEP_START	0
#define STEP_CHECKED	1
#define STEP_ANSWER	2

/* A login in progress. */
struct login {
	char	email[STAFF_EMAIL_MAX + 1];
	char	token[STAFF_HEX_LEN + 1];
	char	hash[STAFF_HEX_LEN + 1];
	char	address[64];
	char	lifetime[16];
	int	outcome;
};

static void	login_free(struct route_ctx *);
static enum route_result	login_start(struct http_request *,
				    struct route_ctx *);
static enum route_result	login_checked(struct http_request *,
				    struct route_ctx *);
static enum route_result	login_answer(struct http_request *,
				    struct route_ctx *);
static enum route_result	password_start(struct http_request *,
				    struct route_ctx *);
static enum route_result	password_set(struct http_request *,
				    struct route_ctx *);
static enum route_result	password_answer(struct http_request *,
				    struct route_ctx *);
static enum route_result	logout_start(struct http_request *,
				    struct route_ctx *, int);
static enum route_result	logout_answer(struct http_request *,
				    struct route_ctx *);
static enum route_result	logout_one(struct http_request *,
				    struct route_ctx *);
static enum route_result	logout_all(struct http_request *,
				    struct route_ctx *);
static enum route_result	password_link_refused(struct http_request *,
				    struct route_ctx *);
static void	session_json(struct buf *, const char *, const char *);

static const struct route_step	login_steps[] = {
	[STEP_START] = { "check", login_start },
	[STEP_CHECKED] = { "verify", login_checked },
	[STEP_ANSWER] = { "answer", login_answer },
};

static const struct route_step	password_steps[] = {
	[STEP_START] = { "token", password_start },
	[STEP_CHECKED] = { "set", password_set },
	[STEP_ANSWER] = { "answer", password_answer },
};

static const struct route_step	logout_steps[] = {
	[STEP_START] = { "logout", logout_one },
	[STEP_CHECKED] = { "answer", logout_answer },
};

static const struct route_step	logout_all_steps[] = {
	[STEP_START] = { "logout", logout_all },
	[STEP_CHECKED] = { "answer", logout_answer },
};

static void
login_free(struct route_ctx *ctx)
{
	if (ctx->priv != NULL)
		OPENSSL_cleanse(ctx->priv, sizeof(struct login));
	kore_free(ctx->priv);
	ctx->priv = NULL;
}

/* {"account": ..., "csrf": "..."} for the session of token. */
static void
session_json(struct buf *b, const char *account, const char *token)
{
	char	csrf[STAFF_HEX_LEN + 1];

	staff_csrf(token, csrf);
	buf_printf(b, "{\"account\":%s,\"csrf\":\"%s\"}", account, csrf);
}

static enum route_result
login_start(struct http_request *req, struct route_ctx *ctx)
{
	struct login		*l;
	const struct cfg	*cfg;
	const char		*email, *pw, *v[5];
	char			win[16], amax[16], pmax[16];

	ctx->cache = "no-store";
	/* The body only: a password never travels in a logged URL. */
	email = fmt_form_get(&ctx->body, "email");
	pw = fmt_form_get(&ctx->body, "password");
	if (email == NULL || pw == NULL || email[0] == '\0' || pw[0] == '\0')
		return (route_error(req, ctx, 400, "email and password are "
		    "required in the body"));

	l = kore_calloc(1, sizeof(*l));
	ctx->priv = l;
	ctx->cleanup = login_free;
	route_address(req, 1, l->address, sizeof(l->address));
	if (staff_email(email, l->email) == -1)
		(void)snprintf(l->email, sizeof(l->email), "%s", "-");

	cfg = app_config();
	(void)snprintf(win, sizeof(win), "%d", cfg->console_login_window);
	(void)snprintf(amax, sizeof(amax), "%d",
	    cfg->console_login_account_max);
	(void)snprintf(pmax, sizeof(pmax), "%d",
	    cfg->console_login_address_max);
	v[0] = l->email;
	v[1] = l->address;
	v[2] = win;
	v[3] = amax;
	v[4] = pmax;
	store_start(&ctx->q, req, SQL_console_login_check, 5, v);
	return (ROUTE_NEXT);
}

/*
 * Throttled, right or wrong: the password is checked (against a dummy
 * when there is no account, so both take as long), then the session or
 * the failure is recorded.
 */
static enum route_result
login_checked(struct http_request *req, struct route_ctx *ctx)
{
	struct login	*l;
	enum route_result	r;
	const char	*v[4], *pw, *stored;
	char		id[24];
	int		throttled, ok;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	l = ctx->priv;
	throttled = store_val(&ctx->q, 0, 0)[0] == 't';
	(void)snprintf(id, sizeof(id), "%s", store_val(&ctx->q, 0, 1));
	stored = store_isnull(&ctx->q, 0, 2) ? NULL : store_val(&ctx->q, 0, 2);
	pw = fmt_form_get(&ctx->body, "password");

	ok = 0;
	if (!throttled && strlen(pw) <= STAFF_PASSWORD_MAX)
		ok = staff_password_verify(stored, pw) && id[0] != '\0';
	store_reset(&ctx->q);

	if (ok) {
		if (staff_token_new(l->token) == -1)
			return (route_error(req, ctx, 500, "internal error"));
		staff_token_hash(l->token, l->hash);
		v[0] = id;
		v[1] = l->hash;
		v[2] = l->address;
		(void)snprintf(l->lifetime, sizeof(l->lifetime), "%d",
		    app_config()->console_lifetime);
		v[3] = l->lifetime;
		l->outcome = OUT_OK;
		store_start(&ctx->q, req, SQL_console_login_ok, 4, v);
		return (ROUTE_NEXT);
	}

	l->outcome = throttled ? OUT_THROTTLED : OUT_WRONG;
	v[0] = l->email;
	v[1] = l->address;
	v[2] = id[0] != '\0' ? id : NULL;
	v[3] = throttled ? "true" : "false";
	store_start(&ctx->q, req, SQL_console_login_fail, 4, v);
	return (ROUTE_NEXT);
}

static enum route_result
login_answer(struct http_request *req, struct route_ctx *ctx)
{
	struct login		*l;
	enum route_result	r;
	struct buf		b;
	char			secs[16];

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	l = ctx->priv;
	if (l->outcome == OUT_THROTTLED) {
		(void)snprintf(secs, sizeof(secs), "%d",
		    app_config()->console_login_window);
		http_response_header(req, "retry-after", secs);
		return (route_error(req, ctx, 429, "too many failed sign-ins; "
		    "try again later"));
	}
	if (l->outcome != OUT_OK || store_rows(&ctx->q) != 1)
		return (route_error(req, ctx, 401, "wrong e-mail address or "
		    "password"));

	route_session_set(req, l->token);
	buf_init(&b);
	session_json(&b, store_val(&ctx->q, 0, 0), l->token);
	r = route_reply_json(req, ctx, 200, buf_cstr(&b));
	buf_free(&b);
	return (r);
}

/* The link is looked up before its password costs an Argon2id hash. */
static enum route_result
password_start(struct http_request *req, struct route_ctx *ctx)
{
	const char	*token, *pw, *v[1];
	char		hash[STAFF_HEX_LEN + 1], err[128];

	ctx->cache = "no-store";
	token = fmt_form_get(&ctx->body, "token");
	pw = fmt_form_get(&ctx->body, "password");
	if (token == NULL || pw == NULL)
		return (route_error(req, ctx, 400, "token and password are "
		    "required in the body"));
	if (!staff_token_valid(token))
		return (password_link_refused(req, ctx));
	if (staff_password_check(pw, err, sizeof(err)) == -1)
		return (route_error(req, ctx, 400, "%s", err));

	staff_token_hash(token, hash);
	v[0] = hash;
	store_start(&ctx->q, req, SQL_console_password_token, 1, v);
	return (ROUTE_NEXT);
}

static enum route_result
password_set(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	const char		*v[3];
	char			hash[STAFF_HEX_LEN + 1], enc[STAFF_HASH_MAX];

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	if (store_rows(&ctx->q) != 1)
		return (password_link_refused(req, ctx));
	store_reset(&ctx->q);

	met_add(app_metrics(), MET_PASSWORD_HASHES, 1);
	if (staff_password_hash(fmt_form_get(&ctx->body, "password"), enc,
	    sizeof(enc)) == -1)
		return (route_error(req, ctx, 500, "internal error"));
	route_address(req, 1, ctx->staff.address, sizeof(ctx->staff.address));
	staff_token_hash(fmt_form_get(&ctx->body, "token"), hash);
	v[0] = hash;
	v[1] = enc;
	v[2] = ctx->staff.address;
	store_start(&ctx->q, req, SQL_console_password_set, 3, v);
	OPENSSL_cleanse(enc, sizeof(enc));
	return (ROUTE_NEXT);
}

static enum route_result
password_link_refused(struct http_request *req, struct route_ctx *ctx)
{
	return (route_error(req, ctx, 400, "this link is not valid, used or "
	    "expired; ask an admin for a new one"));
}

static enum route_result
password_answer(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	if (store_rows(&ctx->q) != 1)
		return (password_link_refused(req, ctx));
	return (route_reply_json(req, ctx, 200, "{\"password\":\"set\"}"));
}

static enum route_result
logout_start(struct http_request *req, struct route_ctx *ctx, int all)
{
	const char	*v[4];

	v[0] = ctx->staff.hash;
	v[1] = ctx->staff.idtext;
	v[2] = all ? "true" : "false";
	v[3] = ctx->staff.address;
	store_start(&ctx->q, req, SQL_console_logout, 4, v);
	return (ROUTE_NEXT);
}

static enum route_result
logout_one(struct http_request *req, struct route_ctx *ctx)
{
	return (logout_start(req, ctx, 0));
}

static enum route_result
logout_all(struct http_request *req, struct route_ctx *ctx)
{
	return (logout_start(req, ctx, 1));
}

static enum route_result
logout_answer(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	struct buf		b;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	route_session_set(req, NULL);
	buf_init(&b);
	buf_printf(&b, "{\"sessions_ended\":%s}", store_val(&ctx->q, 0, 0));
	r = route_reply_json(req, ctx, 200, buf_cstr(&b));
	buf_free(&b);
	return (r);
}

enum route_result
route_console_login(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(login_steps)));
}

enum route_result
route_console_password(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(password_steps)));
}

enum route_result
route_console_me(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	struct buf		b;

	buf_init(&b);
	session_json(&b, ctx->staff.account, ctx->staff.token);
	r = route_reply_json(req, ctx, 200, buf_cstr(&b));
	buf_free(&b);
	return (r);
}

enum route_result
route_console_logout(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(logout_steps)));
}

enum route_result
route_console_logout_all(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(logout_all_steps)));
}
