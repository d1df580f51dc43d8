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
 * POST /console/api/requests/{id}/transfer (jurisdiction_id, optional
 * service_code, status_notes): a request filed with the wrong partner
 * jurisdiction moves to the right one with its duplicates, through
 * console_transfer (migrations/0011_transfer.sql): a public transfer in
 * its history, the old back offices told it left, the new ones given it,
 * its reporters told, the move audited. The staff member must see the
 * request; the new jurisdiction may be any partner's.
 */

#include <stdio.h>
#include <string.h>

#include "formats/params.h"
#include "formats/utf8.h"
#include "route.h"

#define STEP_START	0
#define STEP_ANSWER	1

#define NOTE_MAX	2000
#define NAME_MAX_LEN	128

static enum route_result	transfer_start(struct http_request *,
				    struct route_ctx *);
static enum route_result	transfer_answer(struct http_request *,
				    struct route_ctx *);

static const struct route_step	transfer_steps[] = {
	[STEP_START] = { "transfer", transfer_start },
	[STEP_ANSWER] = { "answer", transfer_answer },
};

static enum route_result
transfer_start(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	const char		*v[6];

	if (!params_id(ctx->arg[0]))
		return (route_error(req, ctx, 404, "request '%.40s' not found",
		    ctx->arg[0]));
	if ((r = route_text(req, ctx, "jurisdiction_id", FMT_TEXT_LINE,
	    NAME_MAX_LEN)) != ROUTE_NEXT ||
	    (r = route_text(req, ctx, "service_code", FMT_TEXT_LINE,
	    NAME_MAX_LEN)) != ROUTE_NEXT ||
	    (r = route_text(req, ctx, "status_notes", FMT_TEXT_MULTILINE,
	    NOTE_MAX)) != ROUTE_NEXT)
		return (r);
	v[2] = route_param(ctx, "jurisdiction_id");
	v[3] = route_param(ctx, "service_code");
	v[4] = route_param(ctx, "status_notes");
	if (v[2] == NULL || v[2][0] == '\0')
		return (route_error(req, ctx, 400, "jurisdiction_id is "
		    "required: the partner jurisdiction to move request %s to",
		    ctx->arg[0]));
	if (v[4] == NULL || v[4][0] == '\0')
		return (route_error(req, ctx, 400, "status_notes is required: "
		    "the public note telling the reporter why it moved"));
	if (v[3] != NULL && v[3][0] == '\0')
		v[3] = NULL;
	v[0] = ctx->staff.idtext;
	v[1] = ctx->arg[0];
	v[5] = ctx->staff.address;
	store_start(&ctx->q, req, SQL_console_transfer, 6, v);
	return (ROUTE_NEXT);
}

static enum route_result
transfer_answer(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	const char		*outcome, *jur;
	struct buf		b;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	outcome = store_val(&ctx->q, 0, 0);
	jur = route_param(ctx, "jurisdiction_id");
	if (!strcmp(outcome, "not_found"))
		return (route_error(req, ctx, 404, "request %s not found",
		    ctx->arg[0]));
	if (!strcmp(outcome, "duplicate"))
		return (route_error(req, ctx, 409, "request %s is a duplicate: "
		    "transfer the request it duplicates, and it follows",
		    ctx->arg[0]));
	if (!strcmp(outcome, "same"))
		return (route_error(req, ctx, 400, "jurisdiction_id: request "
		    "%s is in %s already", ctx->arg[0], jur));
	if (!strcmp(outcome, "no_jurisdiction"))
		return (route_error(req, ctx, 400, "jurisdiction_id: '%.128s' "
		    "is not a jurisdiction of this gateway", jur));
	if (!strcmp(outcome, "no_service"))
		return (route_error(req, ctx, 400, "service_code: %s offers no "
		    "service '%.128s'; choose one it offers", jur,
		    route_param(ctx, "service_code") != NULL &&
		    route_param(ctx, "service_code")[0] != '\0' ?
		    route_param(ctx, "service_code") : "of the same code"));
	buf_init(&b);
	buf_printf(&b, "{\"id\":\"%s\",\"update_id\":\"%s\"}", ctx->arg[0],
	    store_val(&ctx->q, 0, 1));
	r = route_reply_json(req, ctx, 200, buf_cstr(&b));
	buf_free(&b);
	return (r);
}

enum route_result
route_console_transfer(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(transfer_steps)));
}
