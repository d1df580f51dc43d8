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
 * The mySociety "Open311 extended" update resource FixMyStreet speaks:
 *
 * POST /servicerequestupdates.{xml,json}: with a backoffice key, a status
 * change or note from the back office (update_id and status required;
 * the upper-case extended statuses); with a submit key, a reporter's
 * comment (status REOPEN reopens a closed request and marks it
 * escalated). Idempotent on update_id; an update older than the
 * request's state is recorded without changing it. A jurisdiction_id,
 * when given, must be the request's own.
 *
 * GET /servicerequestupdates.{xml,json}: the public updates recorded
 * between start_date and end_date, oldest first, in pages of up to 1000.
 */

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "formats/params.h"
#include "formats/updates.h"
#include "formats/utf8.h"
#include "route.h"
#include "store/requests.h"

#define UPDATE_ID_MAX	200	/* characters of a client's update_id */
#define STATUS_CODE_MAX	100	/* characters of external_status_code */
#define AGENCY_MAX	200

#define STEP_START	0
#define STEP_ANSWER	1

static enum route_result	update_admin_fields(struct http_request *,
				    struct route_ctx *, const char **,
				    char *);
static enum route_result	updates_start(struct http_request *,
				    struct route_ctx *);
static enum route_result	updates_answer(struct http_request *,
				    struct route_ctx *);
static enum route_result	feed_query(struct http_request *,
				    struct route_ctx *);
static enum route_result	feed_answer(struct http_request *,
				    struct route_ctx *);

static const struct route_step	post_steps[] = {
	[STEP_START] = { "start", updates_start },
	[STEP_ANSWER] = { "answer", updates_answer },
};

static const struct route_step	feed_steps[] = {
	[STEP_START] = { "query", feed_query },
	[STEP_ANSWER] = { "answer", feed_answer },
};

/*
 * What only the admin API changes: status_notes, agency_responsible,
 * expected_datetime (into expected, 24 bytes, as seconds) and public.
 * v[11] to v[13] and v[8] of o311_update's parameters.
 */
static enum route_result
update_admin_fields(struct http_request *req, struct route_ctx *ctx,
    const char **v, char *expected)
{
	enum route_result	r;
	const char		*exp;
	char			err[PARAMS_ERRLEN];
	long long		e;
	int			pub;

	if ((r = route_text(req, ctx, "status_notes", FMT_TEXT_MULTILINE,
	    PARAMS_TEXT_MAX)) != ROUTE_NEXT ||
	    (r = route_text(req, ctx, "agency_responsible", FMT_TEXT_LINE,
	    AGENCY_MAX)) != ROUTE_NEXT)
		return (r);
	v[11] = route_param(ctx, "status_notes");
	v[13] = route_param(ctx, "agency_responsible");

	v[12] = NULL;
	if ((exp = route_param(ctx, "expected_datetime")) != NULL) {
		if (params_date("expected_datetime", exp, &e, err,
		    sizeof(err)) == -1)
			return (route_error(req, ctx, 400, "%s", err));
		(void)snprintf(expected, 24, "%lld", e);
		v[12] = expected;
	}

	if ((pub = params_bool(route_param(ctx, "public"), 1)) == -1)
		return (route_error(req, ctx, 400, "public must be true or "
		    "false"));
	v[8] = pub ? "true" : "false";

	if (v[3] == NULL && v[5] == NULL && v[11] == NULL && v[12] == NULL &&
	    v[13] == NULL)
		return (route_error(req, ctx, 400, "nothing to change: send "
		    "status, description, status_notes, expected_datetime or "
		    "agency_responsible"));
	return (ROUTE_NEXT);
}

enum route_result
route_update_start(struct http_request *req, struct route_ctx *ctx,
    const char *id, int mode)
{
	enum route_result	r;
	struct buf		links;
	const char		*uid, *st, *when, *v[14];
	char			status[FMT_STATUS_LEN], secs[24], key[24];
	char			expected[24], err[PARAMS_ERRLEN];
	long long		t, now;

	if (id == NULL || !params_id(id))
		return (route_error(req, ctx, 400, "service_request_id is "
		    "required: the id of the request to update"));

	uid = route_param(ctx, "update_id");
	if (uid == NULL && mode == UPDATE_BACKOFFICE)
		return (route_error(req, ctx, 400, "update_id is required: "
		    "your own id of this update"));
	if ((r = route_text(req, ctx, "update_id", FMT_TEXT_LINE,
	    UPDATE_ID_MAX)) != ROUTE_NEXT)
		return (r);

	st = route_param(ctx, "status");
	if (st == NULL && mode == UPDATE_BACKOFFICE)
		return (route_error(req, ctx, 400, "status is required: one "
		    "of %s", fmt_update_statuses));
	if (st != NULL && fmt_update_status(st, status) == -1)
		return (route_error(req, ctx, 400, "status must be one of %s, "
		    "not '%.40s'", fmt_update_statuses, st));

	t = now = (long long)time(NULL);
	if ((when = route_param(ctx, "updated_datetime")) != NULL &&
	    params_date("updated_datetime", when, &t, err, sizeof(err)) == -1)
		return (route_error(req, ctx, 400, "%s", err));
	/*
	 * An update dated ahead would hold back every later one (only a
	 * newer update changes the state): a clock may be ahead by
	 * clock_skew at most, and a reporter's update counts as made when
	 * it arrives at the latest.
	 */
	if (t > now + app_config()->clock_skew)
		return (route_error(req, ctx, 400, "updated_datetime is ahead "
		    "of this server's clock by more than %d s: '%.40s'",
		    app_config()->clock_skew, when));
	if (mode == UPDATE_COMMENT && t > now)
		t = now;

	if ((r = route_text(req, ctx, "description", FMT_TEXT_MULTILINE,
	    PARAMS_TEXT_MAX)) != ROUTE_NEXT)
		return (r);
	v[5] = route_param(ctx, "description");
	if (mode == UPDATE_COMMENT && v[5] == NULL &&
	    (st == NULL || strcmp(status, "reopen")))
		return (route_error(req, ctx, 400, "description is required: "
		    "the comment"));

	if ((r = route_text(req, ctx, "external_status_code", FMT_TEXT_LINE,
	    STATUS_CODE_MAX)) != ROUTE_NEXT)
		return (r);

	(void)snprintf(secs, sizeof(secs), "%lld", t);
	(void)snprintf(key, sizeof(key), "%lld", ctx->key.id);
	v[0] = id;
	v[1] = key;
	v[2] = uid;
	v[3] = st != NULL ? status : NULL;
	v[4] = route_param(ctx, "external_status_code");
	v[7] = secs;
	v[8] = "true";
	v[9] = mode == UPDATE_COMMENT ? "true" : "false";
	v[10] = ctx->key_jurisdictions;
	v[11] = v[12] = v[13] = NULL;
	if ((mode == UPDATE_ADMIN || mode == UPDATE_CONSOLE) &&
	    (r = update_admin_fields(req, ctx, v, expected)) != ROUTE_NEXT)
		return (r);
	/* console_update: the staff member, not a key; their address. */
	if (mode == UPDATE_CONSOLE) {
		v[1] = ctx->staff.idtext;
		v[2] = NULL;
		v[9] = ctx->staff.address;
		v[10] = NULL;
	}

	buf_init(&links);
	if ((r = route_links(req, ctx, &links)) == ROUTE_NEXT) {
		v[6] = buf_cstr(&links);
		store_start(&ctx->q, req, mode == UPDATE_CONSOLE ?
		    SQL_console_update : SQL_update_apply, 14, v);
	}
	buf_free(&links);
	return (r);
}

enum route_result
route_update_outcome(struct http_request *req, struct route_ctx *ctx,
    const char *id)
{
	const char	*outcome;

	outcome = store_val(&ctx->q, 0, 0);
	if (!strcmp(outcome, "not_found"))
		return (route_error(req, ctx, 404, "request %s not found", id));
	if (!strcmp(outcome, "forbidden"))
		return (route_error(req, ctx, 403, "this api_key is not valid "
		    "for the jurisdiction of request %s", id));
	if (!strcmp(outcome, "empty"))
		return (route_error(req, ctx, 400, "a comment needs a "
		    "description (or media_url)"));
	if (!strcmp(outcome, "conflict"))
		return (route_error(req, ctx, 400, "update_id '%s' was already "
		    "used for another request", route_param(ctx, "update_id")));
	if (store_val(&ctx->q, 0, 2)[0] == 't')
		http_response_header(req, "idempotent-replayed", "true");
	return (ROUTE_NEXT);
}

/* A back-office update with a backoffice key, else a comment. */
static enum route_result
updates_start(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	const char		*id, *jur;
	int			mode;

	if ((r = route_catalog(req, ctx)) != ROUTE_NEXT)
		return (r);
	jur = route_param(ctx, "jurisdiction_id");
	if (jur != NULL && cat_jurisdiction_find(ctx->cat, jur) == NULL)
		return (route_error(req, ctx, 404, "jurisdiction_id '%s' not "
		    "found", jur));
	if ((id = route_param(ctx, "service_request_id")) == NULL ||
	    !params_id(id))
		return (route_error(req, ctx, 400, "service_request_id is "
		    "required: the id of the request to update"));

	mode = (ctx->key.scopes & KEY_BACKOFFICE) ? UPDATE_BACKOFFICE :
	    UPDATE_COMMENT;
	/* A jurisdiction named narrows the key to it. */
	if (jur != NULL) {
		if ((r = route_allow(req, ctx, mode == UPDATE_BACKOFFICE ?
		    KEY_BACKOFFICE : KEY_SUBMIT, jur)) != ROUTE_NEXT)
			return (r);
		route_key_restrict(ctx, jur);
	}
	return (route_update_start(req, ctx, id, mode));
}

static enum route_result
updates_answer(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	struct buf		body;
	struct fmt_doc		doc;
	const char		*id, *jur;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	id = route_param(ctx, "service_request_id");
	jur = route_param(ctx, "jurisdiction_id");
	if (jur != NULL && !strcmp(store_val(&ctx->q, 0, 0), "forbidden"))
		return (route_error(req, ctx, 404, "request %s is not a "
		    "request of jurisdiction %s", id, jur));
	if ((r = route_update_outcome(req, ctx, id)) != ROUTE_NEXT)
		return (r);

	buf_init(&body);
	fmt_doc_begin(&doc, &body, ctx->fmt);
	fmt_update_receipt(&doc, store_val(&ctx->q, 0, 1));
	r = route_reply_doc(req, ctx, 200, &body);
	buf_free(&body);
	return (r);
}

static enum route_result
feed_query(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	const char		*v[6];
	char			from[24], to[24], limit[16], offset[24];

	if ((r = route_catalog(req, ctx)) != ROUTE_NEXT ||
	    (r = route_jurisdiction(req, ctx, 0)) != ROUTE_NEXT ||
	    (r = route_window(req, ctx, from, to)) != ROUTE_NEXT ||
	    (r = route_page(req, ctx, limit, offset, "narrow start_date and "
	    "end_date instead")) != ROUTE_NEXT)
		return (r);
	v[0] = ctx->jur->id;
	v[1] = ctx->path.test ? "true" : "false";
	v[2] = from;
	v[3] = to[0] != '\0' ? to : NULL;
	v[4] = limit;
	v[5] = offset;
	store_start(&ctx->q, req, SQL_updates_feed, 6, v);
	return (ROUTE_NEXT);
}

static enum route_result
feed_answer(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	struct upd_row		*rows;
	struct buf		body;
	struct fmt_doc		doc;
	int			i, n;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);

	n = store_rows(&ctx->q);
	rows = n > 0 ? kore_calloc((size_t)n, sizeof(*rows)) : NULL;
	for (i = 0; i < n; i++) {
		rows[i].update_id = store_val(&ctx->q, i, 0);
		rows[i].request_id = store_val(&ctx->q, i, 1);
		rows[i].status = store_val(&ctx->q, i, 2);
		rows[i].updated = store_val(&ctx->q, i, 3);
		rows[i].description = store_val(&ctx->q, i, 4);
		rows[i].media_url = store_isnull(&ctx->q, i, 5) ? NULL :
		    store_val(&ctx->q, i, 5);
		rows[i].external_status_code = store_isnull(&ctx->q, i, 6) ?
		    NULL : store_val(&ctx->q, i, 6);
	}

	buf_init(&body);
	fmt_doc_begin(&doc, &body, ctx->fmt);
	fmt_update_list(&doc, rows, (size_t)n);
	r = route_reply_doc(req, ctx, 200, &body);
	buf_free(&body);
	kore_free(rows);
	return (r);
}

enum route_result
route_updates_post(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(post_steps)));
}

enum route_result
route_updates_get(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(feed_steps)));
}
