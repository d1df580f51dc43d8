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
 * Staff sessions for the console's route lines (AUTH_SESSION): the
 * cookie holds a random token; the database holds its SHA-256 with the
 * account, and ends it when idle or old (console_idle,
 * console_lifetime). A state-changing line (ROUTE_CSRF) also needs the
 * session's CSRF token in an X-CSRF-Token header: pages get it from the
 * login answer and GET /console/api/me, and a page of another origin can
 * neither read it nor send the header without a CORS preflight. The
 * cookie is HttpOnly, SameSite=Strict, and Secure as
 * console_cookie_secure says (see docs/console.md).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "formats/cookie.h"
#include "route.h"

#define COOKIE_SECURE	"__Host-open311d_session"
#define COOKIE_PLAIN	"open311d_session"

static enum route_result	session_refuse(struct http_request *,
				    struct route_ctx *);

const char *
route_session_cookie(void)
{
	return (cfg_console_secure(app_config()) ? COOKIE_SECURE :
	    COOKIE_PLAIN);
}

void
route_session_set(struct http_request *req, const char *token)
{
	struct buf	b;

	buf_init(&b);
	fmt_cookie_set(&b, route_session_cookie(), token != NULL ? token : "",
	    "/", cfg_console_secure(app_config()),
	    token != NULL ? app_config()->console_lifetime : 0);
	http_response_header(req, "set-cookie", buf_cstr(&b));
	buf_free(&b);
}

/* No valid session: 401, and the stale cookie cleared. */
static enum route_result
session_refuse(struct http_request *req, struct route_ctx *ctx)
{
	store_reset(&ctx->q);
	route_session_set(req, NULL);
	return (route_error(req, ctx, 401, "sign in to the console"));
}

enum route_result
route_session(struct http_request *req, struct route_ctx *ctx)
{
	struct route_staff	*st;
	enum route_result	r;
	const char		*hdr, *v[3];
	char			idle[16], life[16], want[STAFF_HEX_LEN + 1];

	st = &ctx->staff;
	ctx->cache = "no-store";
	if (st->id == 0) {
		if (!ctx->q.started) {
			route_address(req, 1, st->address,
			    sizeof(st->address));
			if (!http_request_header(req, "cookie", &hdr) ||
			    fmt_cookie_get(hdr, route_session_cookie(),
			    st->token, sizeof(st->token)) == -1 ||
			    !staff_token_valid(st->token))
				return (session_refuse(req, ctx));
			staff_token_hash(st->token, st->hash);
			(void)snprintf(idle, sizeof(idle), "%d",
			    app_config()->console_idle);
			(void)snprintf(life, sizeof(life), "%d",
			    app_config()->console_lifetime);
			v[0] = st->hash;
			v[1] = idle;
			v[2] = life;
			store_start(&ctx->q, req, SQL_console_session, 3, v);
		}
		if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
			return (r);
		if (store_rows(&ctx->q) != 1)
			return (session_refuse(req, ctx));
		st->id = atoll(store_val(&ctx->q, 0, 0));
		(void)snprintf(st->idtext, sizeof(st->idtext), "%lld", st->id);
		st->role = staff_role(store_val(&ctx->q, 0, 1));
		st->account = kore_strdup(store_val(&ctx->q, 0, 2));
		store_reset(&ctx->q);
	}

	if (!(ctx->def->scopes & st->role))
		return (route_error(req, ctx, 403, "your role may not do "
		    "this"));
	if (ctx->def->flags & ROUTE_CSRF) {
		staff_csrf(st->token, want);
		if (!http_request_header(req, "x-csrf-token", &hdr) ||
		    !staff_equal(hdr, want))
			return (route_error(req, ctx, 403, "missing or wrong "
			    "X-CSRF-Token: reload the console"));
	}
	return (ROUTE_NEXT);
}
