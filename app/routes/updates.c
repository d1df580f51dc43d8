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
#include <strings.h>
#include <time.h>

#include "app.h"
#include "formats/date.h"
#include "formats/updates.h"
#include "formats/utf8.h"
#include "route.h"
#include "store/keys.h"
#include "store/requests.h"

static int	updates_post(struct http_request *, struct route_ctx *);
static int	updates_get(struct http_request *, struct route_ctx *);

int
route_update_start(struct http_request *req, struct route_ctx *ctx,
    const char *id, int mode)
{
	struct fmt_buf	links;
	const char	*uid, *st, *when, *desc, *ext, *notes, *agency;
	const char	*pub, *exp, *v[14];
	char		status[FMT_STATUS_LEN], secs[24], key[24], expected[24];
	long long	t, e, now;
	int		comment;

	comment = mode == UPDATE_COMMENT;
	if (id == NULL || strspn(id, "0123456789") != strlen(id) ||
	    strlen(id) > 18)
		return (route_error(req, ctx, 400, "service_request_id is "
		    "required: the id of the request to update"));

	uid = route_param(ctx, "update_id");
	if (uid == NULL && mode == UPDATE_BACKOFFICE)
		return (route_error(req, ctx, 400, "update_id is required: "
		    "your own id of this update"));
	if (uid != NULL && (strlen(uid) > 200 ||
	    fmt_text_check(uid, strlen(uid), FMT_TEXT_LINE) != NULL))
		return (route_error(req, ctx, 400, "update_id takes up to 200 "
		    "printable characters"));

	st = route_param(ctx, "status");
	if (st == NULL && mode == UPDATE_BACKOFFICE)
		return (route_error(req, ctx, 400, "status is required: one "
		    "of %s", fmt_update_statuses));
	if (st != NULL && fmt_update_status(st, status) == -1)
		return (route_error(req, ctx, 400, "status must be one of %s, "
		    "not '%.40s'", fmt_update_statuses, st));

	t = now = (long long)time(NULL);
	when = route_param(ctx, "updated_datetime");
	if (when != NULL && fmt_date_parse(when, &t, NULL) == -1)
		return (route_error(req, ctx, 400, "updated_datetime must be a "
		    "W3C date-time such as 2026-11-20T10:00:00Z, not '%.40s'",
		    when));
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
	if (comment && t > now)
		t = now;

	desc = route_param(ctx, "description");
	if (desc != NULL && (fmt_text_check(desc, strlen(desc),
	    FMT_TEXT_MULTILINE) != NULL || fmt_utf8_chars(desc,
	    strlen(desc)) > 4000))
		return (route_error(req, ctx, 400, "description must be text "
		    "of up to 4000 characters"));
	if (comment && desc == NULL && (st == NULL || strcmp(status,
	    "reopen")))
		return (route_error(req, ctx, 400, "description is required: "
		    "the comment"));

	ext = route_param(ctx, "external_status_code");
	if (ext != NULL && (strlen(ext) > 100 ||
	    fmt_text_check(ext, strlen(ext), FMT_TEXT_LINE) != NULL))
		return (route_error(req, ctx, 400, "external_status_code takes "
		    "up to 100 printable characters"));

	/* The admin API also sets notes, the expected time, the agency. */
	notes = agency = exp = NULL;
	pub = "true";
	e = 0;
	if (mode == UPDATE_ADMIN) {
		notes = route_param(ctx, "status_notes");
		agency = route_param(ctx, "agency_responsible");
		if ((notes != NULL && (fmt_text_check(notes, strlen(notes),
		    FMT_TEXT_MULTILINE) != NULL || strlen(notes) > 4000)) ||
		    (agency != NULL && (fmt_text_check(agency, strlen(agency),
		    FMT_TEXT_LINE) != NULL || strlen(agency) > 200)))
			return (route_error(req, ctx, 400, "status_notes and "
			    "agency_responsible must be text"));
		if ((exp = route_param(ctx, "expected_datetime")) != NULL) {
			if (fmt_date_parse(exp, &e, NULL) == -1)
				return (route_error(req, ctx, 400,
				    "expected_datetime must be a W3C "
				    "date-time, not '%.40s'", exp));
			(void)snprintf(expected, sizeof(expected), "%lld", e);
			exp = expected;
		}
		if ((pub = route_param(ctx, "public")) == NULL ||
		    !strcasecmp(pub, "true") || !strcmp(pub, "1"))
			pub = "true";
		else if (!strcasecmp(pub, "false") || !strcmp(pub, "0"))
			pub = "false";
		else
			return (route_error(req, ctx, 400, "public must be true "
			    "or false"));
		if (st == NULL && desc == NULL && notes == NULL &&
		    agency == NULL && exp == NULL)
			return (route_error(req, ctx, 400, "nothing to change: "
			    "send status, description, status_notes, "
			    "expected_datetime or agency_responsible"));
	}

	fmt_buf_init(&links);
	if (!route_links(req, ctx, &links)) {
		fmt_buf_free(&links);
		return (KORE_RESULT_OK);
	}

	(void)snprintf(secs, sizeof(secs), "%lld", t);
	(void)snprintf(key, sizeof(key), "%lld", ctx->key_id);
	v[0] = id;
	v[1] = key;
	v[2] = uid;
	v[3] = st != NULL ? status : NULL;
	v[4] = ext;
	v[5] = desc;
	v[6] = fmt_buf_cstr(&links);
	v[7] = secs;
	v[8] = pub;
	v[9] = comment ? "true" : "false";
	v[10] = ctx->key_jurisdictions;
	v[11] = notes;
	v[12] = exp;
	v[13] = agency;
	store_start(&ctx->q, req, SQL_update_apply, 14, v);
	fmt_buf_free(&links);
	return (KORE_RESULT_RETRY);
}

int
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
	return (KORE_RESULT_RETRY);
}

static int
updates_post(struct http_request *req, struct route_ctx *ctx)
{
	struct fmt_buf	body, jurs;
	struct fmt_doc	doc;
	const char	*id, *jur;
	int		r, mode;

	switch (ctx->step) {
	case 0:
		if (!route_body(req, ctx))
			return (KORE_RESULT_OK);
		ctx->step = 1;
		/* FALLTHROUGH */
	case 1:
		if ((r = route_auth(req, ctx, AUTH_REQUIRED)) != KORE_RESULT_OK)
			return (r == KORE_RESULT_RETRY ? r : KORE_RESULT_OK);
		if ((r = route_catalog(req, ctx)) != KORE_RESULT_OK)
			return (r == KORE_RESULT_RETRY ? r : KORE_RESULT_OK);
		jur = route_param(ctx, "jurisdiction_id");
		if (jur != NULL && cat_jurisdiction_find(ctx->cat, jur) == NULL)
			return (route_error(req, ctx, 404, "jurisdiction_id "
			    "'%s' not found", jur));
		id = route_param(ctx, "service_request_id");
		if (id == NULL || strspn(id, "0123456789") != strlen(id) ||
		    strlen(id) > 18)
			return (route_error(req, ctx, 400, "service_request_id "
			    "is required: the id of the request to update"));
		if (ctx->key_scopes & KEY_BACKOFFICE)
			mode = UPDATE_BACKOFFICE;
		else if (ctx->key_scopes & KEY_SUBMIT)
			mode = UPDATE_COMMENT;
		else
			return (route_error(req, ctx, 403, "this api_key may "
			    "neither update requests nor comment on them"));
		/* A jurisdiction named narrows the key to it. */
		if (jur != NULL) {
			if (!route_allow(req, ctx, mode == UPDATE_BACKOFFICE ?
			    KEY_BACKOFFICE : KEY_SUBMIT, jur))
				return (KORE_RESULT_OK);
			fmt_buf_init(&jurs);
			store_array_literal(&jurs, &jur, 1);
			kore_free(ctx->key_jurisdictions);
			ctx->key_jurisdictions = kore_strdup(fmt_buf_cstr(&jurs));
			fmt_buf_free(&jurs);
		}
		r = route_update_start(req, ctx, id, mode);
		if (r != KORE_RESULT_RETRY)
			return (r);
		ctx->step = 2;
		/* FALLTHROUGH */
	case 2:
		if ((r = store_step(&ctx->q)) == STORE_WAIT)
			return (KORE_RESULT_RETRY);
		if (r == STORE_ERROR)
			return (route_db_error(req, ctx, &ctx->q));
		id = route_param(ctx, "service_request_id");
		jur = route_param(ctx, "jurisdiction_id");
		if (jur != NULL && !strcmp(store_val(&ctx->q, 0, 0),
		    "forbidden"))
			return (route_error(req, ctx, 404, "request %s is not a "
			    "request of jurisdiction %s", id, jur));
		if ((r = route_update_outcome(req, ctx, id)) !=
		    KORE_RESULT_RETRY)
			return (r);
		fmt_buf_init(&body);
		fmt_doc_begin(&doc, &body, ctx->fmt);
		fmt_update_receipt(&doc, store_val(&ctx->q, 0, 1));
		r = route_reply_doc(req, ctx, 200, &body);
		fmt_buf_free(&body);
		return (r);
	}

	return (route_error(req, ctx, 500, "internal error"));
}

static int
updates_get(struct http_request *req, struct route_ctx *ctx)
{
	struct cat_jurisdiction	*jur;
	struct upd_row		*rows;
	struct fmt_buf		body;
	struct fmt_doc		doc;
	const char		*v[6];
	char			from[24], to[24], limit[16], offset[24];
	int			r, i, n;

	if (ctx->step == 0) {
		if ((r = route_catalog(req, ctx)) != KORE_RESULT_OK)
			return (r == KORE_RESULT_RETRY ? r : KORE_RESULT_OK);
		if ((jur = route_jurisdiction(req, ctx)) == NULL ||
		    !route_window(req, ctx, from, to) ||
		    !route_page(req, ctx, limit, offset))
			return (KORE_RESULT_OK);
		v[0] = jur->id;
		v[1] = ctx->path.test ? "true" : "false";
		v[2] = from;
		v[3] = to[0] != '\0' ? to : NULL;
		v[4] = limit;
		v[5] = offset;
		store_start(&ctx->q, req, SQL_updates_feed, 6, v);
		ctx->step = 1;
	}

	if ((r = store_step(&ctx->q)) == STORE_WAIT)
		return (KORE_RESULT_RETRY);
	if (r == STORE_ERROR)
		return (route_db_error(req, ctx, &ctx->q));

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

	fmt_buf_init(&body);
	fmt_doc_begin(&doc, &body, ctx->fmt);
	fmt_update_list(&doc, rows, (size_t)n);
	r = route_reply_doc(req, ctx, 200, &body);
	fmt_buf_free(&body);
	kore_free(rows);
	return (r);
}

int
route_updates(struct http_request *req, struct route_ctx *ctx)
{
	if (req->method == HTTP_METHOD_POST)
		return (updates_post(req, ctx));
	return (updates_get(req, ctx));
}
