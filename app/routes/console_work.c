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
 * The console's work on requests, answering JSON made by SQL; every
 * query takes the staff member's id and sees only the requests of their
 * jurisdictions (a request outside them is 404, as if it did not exist):
 *
 * GET /console/api/queue: the requests matching jurisdiction_id,
 * service_code, agency, status (open by default, closed, any),
 * min_age_hours, sla (breached, due_soon), escalated, min_duplicates;
 * in the order of sort (requested by default, service, agency, status,
 * due, duplicates) and order (asc by default, desc), page_size of them
 * after the request in after (the next of the previous page); counts
 * over every match.
 * GET /console/api/requests/{id}: a request with its whole history and
 * the reporter's contact (audited).
 * POST /console/api/requests/{id}/update: status, description, public,
 * status_notes, expected_datetime, agency_responsible, as the admin
 * API's update, applied by the same o311_update.
 * POST /console/api/requests/{id}/link (parent_service_request_id) and
 * .../unlink: duplicates, by the same o311_link and o311_unlink.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/params.h"
#include "route.h"

#define PAGE_DEFAULT	50
#define PAGE_MAX	500

#define STEP_START	0
#define STEP_ANSWER	1

static enum route_result	console_id(struct http_request *,
				    struct route_ctx *);
static int			small_count(const char *, long long *);
static enum route_result	queue_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	request_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	request_answer(struct http_request *,
				    struct route_ctx *);
static enum route_result	update_start(struct http_request *,
				    struct route_ctx *);
static enum route_result	update_answer(struct http_request *,
				    struct route_ctx *);
static enum route_result	link_start(struct http_request *,
				    struct route_ctx *);
static enum route_result	unlink_start(struct http_request *,
				    struct route_ctx *);
static enum route_result	link_answer(struct http_request *,
				    struct route_ctx *);

static const struct route_step	queue_steps[] = {
	[STEP_START] = { "queue", queue_query },
	[STEP_ANSWER] = { "answer", route_console_answer },
};

static const struct route_step	request_steps[] = {
	[STEP_START] = { "request", request_query },
	[STEP_ANSWER] = { "answer", request_answer },
};

static const struct route_step	update_steps[] = {
	[STEP_START] = { "update", update_start },
	[STEP_ANSWER] = { "answer", update_answer },
};

static const struct route_step	link_steps[] = {
	[STEP_START] = { "link", link_start },
	[STEP_ANSWER] = { "answer", link_answer },
};

static const struct route_step	unlink_steps[] = {
	[STEP_START] = { "unlink", unlink_start },
	[STEP_ANSWER] = { "answer", link_answer },
};

/* The request id of the path: ROUTE_NEXT, or 404. */
static enum route_result
console_id(struct http_request *req, struct route_ctx *ctx)
{
	if (!params_id(ctx->arg[0]))
		return (route_error(req, ctx, 404, "request '%.40s' not found",
		    ctx->arg[0]));
	return (ROUTE_NEXT);
}

static enum route_result
queue_query(struct http_request *req, struct route_ctx *ctx)
{
	static const char	*sorts[] = { "requested", "service", "agency",
				    "status", "due", "duplicates", NULL };
	const char	*v[13], *status, *sla, *age, *after, *size, *sort;
	const char	*order;
	char		agesecs[24], limit[16];
	int		esc, i;
	long long	n;

	status = route_param(ctx, "status");
	if (status == NULL || !strcmp(status, "open"))
		status = "{open}";
	else if (!strcmp(status, "closed"))
		status = "{closed}";
	else if (!strcmp(status, "any"))
		status = "{open,closed}";
	else
		return (route_error(req, ctx, 400, "status must be open, "
		    "closed or any"));

	sla = route_param(ctx, "sla");
	if (sla != NULL && strcmp(sla, "breached") && strcmp(sla, "due_soon"))
		return (route_error(req, ctx, 400, "sla must be breached or "
		    "due_soon"));

	if ((esc = params_bool(route_param(ctx, "escalated"), 0)) == -1)
		return (route_error(req, ctx, 400, "escalated must be true or "
		    "false"));

	v[5] = NULL;
	if ((age = route_param(ctx, "min_age_hours")) != NULL) {
		if (!small_count(age, &n))
			return (route_error(req, ctx, 400, "min_age_hours must "
			    "be a whole number of hours"));
		(void)snprintf(agesecs, sizeof(agesecs), "%lld", n * 3600);
		v[5] = agesecs;
	}

	v[10] = route_param(ctx, "min_duplicates");
	if (v[10] != NULL && !small_count(v[10], &n))
		return (route_error(req, ctx, 400, "min_duplicates must be a "
		    "whole number"));

	if ((sort = route_param(ctx, "sort")) == NULL)
		sort = sorts[0];
	for (i = 0; sorts[i] != NULL && strcmp(sorts[i], sort); i++)
		;
	if (sorts[i] == NULL)
		return (route_error(req, ctx, 400, "sort must be requested, "
		    "service, agency, status, due or duplicates"));

	order = route_param(ctx, "order");
	if (order != NULL && strcmp(order, "asc") && strcmp(order, "desc"))
		return (route_error(req, ctx, 400, "order must be asc or "
		    "desc"));

	after = route_param(ctx, "after");
	if (after != NULL && !params_id(after))
		return (route_error(req, ctx, 400, "after must be a request "
		    "id (the next of the previous page)"));

	n = PAGE_DEFAULT;
	if ((size = route_param(ctx, "page_size")) != NULL) {
		if (!small_count(size, &n) || n < 1 || n > PAGE_MAX)
			return (route_error(req, ctx, 400, "page_size must be "
			    "1 to %d", PAGE_MAX));
	}
	(void)snprintf(limit, sizeof(limit), "%lld", n);

	v[0] = ctx->staff.idtext;
	v[1] = route_param(ctx, "jurisdiction_id");
	v[2] = route_param(ctx, "service_code");
	v[3] = route_param(ctx, "agency");
	v[4] = status;
	v[6] = sla;
	v[7] = esc ? "true" : NULL;
	v[8] = after;
	v[9] = limit;
	v[11] = sort;
	v[12] = order != NULL && !strcmp(order, "desc") ? "true" : "false";
	store_start(&ctx->q, req, SQL_console_queue, 13, v);
	return (ROUTE_NEXT);
}

/* 1 when s is a whole number of at most six digits, in *n. */
static int
small_count(const char *s, long long *n)
{
	if (!params_id(s) || strlen(s) > 6)
		return (0);
	*n = strtoll(s, NULL, 10);
	return (1);
}

enum route_result
route_console_answer(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	if (store_rows(&ctx->q) != 1)
		return (route_error(req, ctx, 403, "your account may not see "
		    "this"));
	return (route_reply_json(req, ctx, 200, store_val(&ctx->q, 0, 0)));
}

static enum route_result
request_query(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	const char		*v[3];

	if ((r = console_id(req, ctx)) != ROUTE_NEXT)
		return (r);
	v[0] = ctx->staff.idtext;
	v[1] = ctx->arg[0];
	v[2] = ctx->staff.address;
	store_start(&ctx->q, req, SQL_console_request, 3, v);
	return (ROUTE_NEXT);
}

static enum route_result
request_answer(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	if (store_rows(&ctx->q) != 1)
		return (route_error(req, ctx, 404, "request %s not found",
		    ctx->arg[0]));
	return (route_reply_json(req, ctx, 200, store_val(&ctx->q, 0, 0)));
}

static enum route_result
update_start(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;

	if ((r = console_id(req, ctx)) != ROUTE_NEXT)
		return (r);
	return (route_update_start(req, ctx, ctx->arg[0], UPDATE_CONSOLE));
}

static enum route_result
update_answer(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	struct buf		b;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT ||
	    (r = route_update_outcome(req, ctx, ctx->arg[0])) != ROUTE_NEXT)
		return (r);
	buf_init(&b);
	buf_printf(&b, "{\"id\":\"%s\",\"update_id\":\"%s\",\"applied\":%s}",
	    ctx->arg[0], store_val(&ctx->q, 0, 1),
	    store_val(&ctx->q, 0, 3)[0] == 't' ? "true" : "false");
	r = route_reply_json(req, ctx, 200, buf_cstr(&b));
	buf_free(&b);
	return (r);
}

static enum route_result
link_start(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	const char		*v[4], *parent;

	if ((r = console_id(req, ctx)) != ROUTE_NEXT)
		return (r);
	parent = route_param(ctx, "parent_service_request_id");
	if (parent == NULL || !params_id(parent))
		return (route_error(req, ctx, 400, "parent_service_request_id "
		    "is required: the request to link %s under", ctx->arg[0]));
	v[0] = ctx->staff.idtext;
	v[1] = ctx->arg[0];
	v[2] = parent;
	v[3] = ctx->staff.address;
	store_start(&ctx->q, req, SQL_console_link, 4, v);
	return (ROUTE_NEXT);
}

static enum route_result
unlink_start(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	const char		*v[4];

	if ((r = console_id(req, ctx)) != ROUTE_NEXT)
		return (r);
	v[0] = ctx->staff.idtext;
	v[1] = ctx->arg[0];
	v[2] = NULL;
	v[3] = ctx->staff.address;
	store_start(&ctx->q, req, SQL_console_link, 4, v);
	return (ROUTE_NEXT);
}

static enum route_result
link_answer(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	const char		*outcome;
	struct buf		b;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	outcome = store_val(&ctx->q, 0, 0);
	if (!strcmp(outcome, "not_found"))
		return (route_error(req, ctx, 404, "request %s or its new "
		    "parent not found", ctx->arg[0]));
	if (!strcmp(outcome, "self"))
		return (route_error(req, ctx, 400, "a request cannot be a "
		    "duplicate of itself or of its own duplicate"));
	if (!strcmp(outcome, "not_linked"))
		return (route_error(req, ctx, 400, "request %s is not linked "
		    "to a parent", ctx->arg[0]));
	buf_init(&b);
	buf_printf(&b, "{\"id\":\"%s\",\"parent_id\":\"%s\"}", ctx->arg[0],
	    store_val(&ctx->q, 0, 1));
	r = route_reply_json(req, ctx, 200, buf_cstr(&b));
	buf_free(&b);
	return (r);
}

enum route_result
route_console_queue(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(queue_steps)));
}

enum route_result
route_console_request(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(request_steps)));
}

enum route_result
route_console_update(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(update_steps)));
}

enum route_result
route_console_link(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(link_steps)));
}

enum route_result
route_console_unlink(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(unlink_steps)));
}
