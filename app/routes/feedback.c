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
 * The links in reporter e-mails, for people in a browser:
 *
 * GET /requests/{id}/feedback?t=TOKEN: a one-question satisfaction
 * survey; POST (rating 1-5, comment, t) stores the answer, which the
 * statistics report. The token from the e-mail proves the reporter.
 * With .json or .xml the POST answers in that format instead of HTML.
 *
 * POST /requests/{id}/reopen (t, comment): "it is not fixed" (the
 * Baltimore rule): a closed report reopens as a reporter's REOPEN does
 * on the API; the survey page and the request page offer it. 409 when
 * the report is not closed.
 *
 * GET /unsubscribe?t=TOKEN: asks to confirm; POST (the page's button, or
 * a mail client's List-Unsubscribe-Post one-click) stops the e-mails.
 * GET never changes anything, since mail scanners fetch links.
 */

#include <stdlib.h>
#include <string.h>

#include "formats/params.h"
#include "formats/utf8.h"
#include "route.h"

#define TOKEN_LEN	32
#define COMMENT_MAX	2000

#define STEP_CHECK	0
#define STEP_ANSWER	1

static enum route_result	feedback_link(struct http_request *,
				    struct route_ctx *);
static enum route_result	feedback_comment(struct http_request *,
				    struct route_ctx *, const char **);
static enum route_result	feedback_check(struct http_request *,
				    struct route_ctx *);
static enum route_result	feedback_ask(struct http_request *,
				    struct route_ctx *);
static enum route_result	feedback_put(struct http_request *,
				    struct route_ctx *);
static enum route_result	feedback_stored(struct http_request *,
				    struct route_ctx *);
static enum route_result	reopen_put(struct http_request *,
				    struct route_ctx *);
static enum route_result	reopen_done(struct http_request *,
				    struct route_ctx *);
static enum route_result	unsubscribe_check(struct http_request *,
				    struct route_ctx *);
static enum route_result	unsubscribe_ask(struct http_request *,
				    struct route_ctx *);
static enum route_result	unsubscribe_done(struct http_request *,
				    struct route_ctx *);
static void	answer_begin(struct fmt_doc *, struct buf *, struct route_ctx *,
		    const char *, const char *);
static enum route_result	answer_end(struct http_request *,
				    struct route_ctx *, struct fmt_doc *, struct buf *);

static const struct route_step	feedback_get_steps[] = {
	[STEP_CHECK] = { "check", feedback_check },
	[STEP_ANSWER] = { "ask", feedback_ask },
};

static const struct route_step	feedback_post_steps[] = {
	[STEP_CHECK] = { "check", feedback_put },
	[STEP_ANSWER] = { "stored", feedback_stored },
};

static const struct route_step	reopen_steps[] = {
	[STEP_CHECK] = { "check", reopen_put },
	[STEP_ANSWER] = { "reopened", reopen_done },
};

static const struct route_step	unsubscribe_get_steps[] = {
	[STEP_CHECK] = { "check", unsubscribe_check },
	[STEP_ANSWER] = { "ask", unsubscribe_ask },
};

static const struct route_step	unsubscribe_post_steps[] = {
	[STEP_CHECK] = { "check", unsubscribe_check },
	[STEP_ANSWER] = { "done", unsubscribe_done },
};

/*
 * Starts the answer of a survey or reopening in ctx->fmt: a list named
 * list of one item with the request's service_request_id; the caller
 * adds its members and calls answer_end().
 */
static void
answer_begin(struct fmt_doc *doc, struct buf *body, struct route_ctx *ctx,
    const char *list, const char *item)
{
	buf_init(body);
	fmt_doc_begin(doc, body, ctx->fmt);
	fmt_doc_list(doc, list, item);
	fmt_doc_object(doc, NULL);
	fmt_doc_str(doc, "service_request_id", ctx->arg[0]);
}

/* Closes what answer_begin() started and sends it with 200. */
static enum route_result
answer_end(struct http_request *req, struct route_ctx *ctx,
    struct fmt_doc *doc, struct buf *body)
{
	enum route_result	r;

	fmt_doc_end(doc);
	fmt_doc_end(doc);
	r = route_reply_doc(req, ctx, 200, body);
	buf_free(body);
	return (r);
}

/* The link's token and request id; refuses a link that cannot be valid. */
static enum route_result
feedback_link(struct http_request *req, struct route_ctx *ctx)
{
	const char	*t;

	t = route_param(ctx, "t");
	if (t == NULL || !params_hex(t, TOKEN_LEN, TOKEN_LEN) ||
	    !params_id(ctx->arg[0]))
		return (route_error(req, ctx, 404, "This feedback link is not "
		    "valid."));
	return (ROUTE_NEXT);
}

/* The optional comment of a survey answer or a reopening. */
static enum route_result
feedback_comment(struct http_request *req, struct route_ctx *ctx,
    const char **comment)
{
	char	err[PARAMS_ERRLEN];

	*comment = route_param(ctx, "comment");
	if (*comment != NULL && (*comment)[0] == '\0')
		*comment = NULL;
	if (*comment != NULL && params_text("comment", *comment,
	    FMT_TEXT_MULTILINE, COMMENT_MAX, err, sizeof(err)) == -1)
		return (route_error(req, ctx, 400, "The comment must be text "
		    "of up to %d characters.", COMMENT_MAX));
	return (ROUTE_NEXT);
}

static enum route_result
feedback_check(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	const char		*v[1];

	if ((r = feedback_link(req, ctx)) != ROUTE_NEXT)
		return (r);
	v[0] = route_param(ctx, "t");
	store_start(&ctx->q, req, SQL_contact_by_token, 1, v);
	return (ROUTE_NEXT);
}

static enum route_result
feedback_ask(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	struct buf		form, text;
	int			i;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	if (store_rows(&ctx->q) != 1 ||
	    strcmp(store_val(&ctx->q, 0, 0), ctx->arg[0]))
		return (route_error(req, ctx, 404, "This feedback link is not "
		    "valid."));

	buf_init(&form);
	buf_printf(&form, "<form method=\"post\" action=\"/requests/%s/"
	    "feedback?t=%s\"><p>", ctx->arg[0], route_param(ctx, "t"));
	for (i = 5; i >= 1; i--)
		buf_printf(&form, "<label><input type=\"radio\" "
		    "name=\"rating\" value=\"%d\" required> %d</label> ", i, i);
	buf_printf(&form, "</p><p><textarea name=\"comment\" rows=\"4\" "
	    "cols=\"40\" maxlength=\"%d\"></textarea></p><p><button>Send"
	    "</button></p></form>", COMMENT_MAX);
	if (!strcmp(store_val(&ctx->q, 0, 3), "closed"))
		buf_printf(&form, "<h2>Not fixed?</h2><form method=\"post\" "
		    "action=\"/requests/%s/reopen?t=%s\"><p><label>What is "
		    "still wrong? <textarea name=\"comment\" rows=\"3\" "
		    "cols=\"40\" maxlength=\"%d\"></textarea></label></p><p>"
		    "<button>It is not fixed: reopen it</button></p></form>",
		    ctx->arg[0], route_param(ctx, "t"), COMMENT_MAX);
	buf_init(&text);
	buf_printf(&text, "How happy are you with how your report %s (",
	    ctx->arg[0]);
	buf_str(&text, store_val(&ctx->q, 0, 1));
	buf_str(&text, ") was handled? 5 is very happy.");
	r = route_reply_page(req, ctx, 200, "How did we do?",
	    buf_cstr(&text), buf_cstr(&form));
	buf_free(&form);
	buf_free(&text);
	return (r);
}

static enum route_result
feedback_put(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	const char		*rating, *comment, *v[4];

	if ((r = feedback_link(req, ctx)) != ROUTE_NEXT)
		return (r);
	rating = route_param(ctx, "rating");
	if (rating == NULL || strlen(rating) != 1 || rating[0] < '1' ||
	    rating[0] > '5')
		return (route_error(req, ctx, 400, "The rating must be a whole "
		    "number from 1 to 5."));
	if ((r = feedback_comment(req, ctx, &comment)) != ROUTE_NEXT)
		return (r);

	v[0] = ctx->arg[0];
	v[1] = route_param(ctx, "t");
	v[2] = rating;
	v[3] = comment;
	store_start(&ctx->q, req, SQL_feedback_put, 4, v);
	return (ROUTE_NEXT);
}

static enum route_result
feedback_stored(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	struct buf		body;
	struct fmt_doc		doc;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	if (store_rows(&ctx->q) != 1)
		return (route_error(req, ctx, 404, "This feedback link is not "
		    "valid."));
	if (ctx->fmt == FMT_PAGE)
		return (route_reply_page(req, ctx, 200, "Thank you",
		    "Your answer was recorded.", NULL));

	answer_begin(&doc, &body, ctx, "feedback", "answer");
	fmt_doc_int(&doc, "rating", atoi(route_param(ctx, "rating")));
	return (answer_end(req, ctx, &doc, &body));
}

enum route_result
route_feedback_get(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(feedback_get_steps)));
}

enum route_result
route_feedback_post(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(feedback_post_steps)));
}

static enum route_result
reopen_put(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	const char		*comment, *v[3];

	if ((r = feedback_link(req, ctx)) != ROUTE_NEXT)
		return (r);
	if ((r = feedback_comment(req, ctx, &comment)) != ROUTE_NEXT)
		return (r);
	v[0] = ctx->arg[0];
	v[1] = route_param(ctx, "t");
	v[2] = comment;
	store_start(&ctx->q, req, SQL_reopen_by_token, 3, v);
	return (ROUTE_NEXT);
}

static enum route_result
reopen_done(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	struct buf		body;
	struct fmt_doc		doc;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	if (store_rows(&ctx->q) != 1)
		return (route_error(req, ctx, 404, "This link is not valid."));
	if (strcmp(store_val(&ctx->q, 0, 0), "ok"))
		return (route_error(req, ctx, 409, "This report is not closed: "
		    "there is nothing to reopen."));
	if (ctx->fmt == FMT_PAGE)
		return (route_reply_page(req, ctx, 200, "Reopened",
		    "Thank you. Your report is open again and the team was "
		    "told it is not fixed.", NULL));

	answer_begin(&doc, &body, ctx, "service_requests", "request");
	fmt_doc_str(&doc, "status", "open");
	return (answer_end(req, ctx, &doc, &body));
}

enum route_result
route_reopen_post(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(reopen_steps)));
}

/* GET shows the contact's request; POST unsubscribes it. */
static enum route_result
unsubscribe_check(struct http_request *req, struct route_ctx *ctx)
{
	const char	*v[1];

	v[0] = route_param(ctx, "t");
	if (v[0] == NULL || !params_hex(v[0], TOKEN_LEN, TOKEN_LEN))
		return (route_error(req, ctx, 404, "This unsubscribe link is "
		    "not valid."));
	store_start(&ctx->q, req, ctx->def->method == ROUTE_POST ?
	    SQL_unsubscribe : SQL_contact_by_token, 1, v);
	return (ROUTE_NEXT);
}

static enum route_result
unsubscribe_ask(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;
	struct buf		form;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	if (store_rows(&ctx->q) != 1)
		return (route_error(req, ctx, 404, "This unsubscribe link is "
		    "not valid."));

	buf_init(&form);
	buf_printf(&form, "<form method=\"post\" action=\"/unsubscribe?t=%s\">"
	    "<button>Stop these e-mails</button></form>",
	    route_param(ctx, "t"));
	r = route_reply_page(req, ctx, 200, "Stop e-mails?", "You get e-mails "
	    "when your report changes. Stop them?", buf_cstr(&form));
	buf_free(&form);
	return (r);
}

static enum route_result
unsubscribe_done(struct http_request *req, struct route_ctx *ctx)
{
	enum route_result	r;

	if ((r = route_query(req, ctx, &ctx->q)) != ROUTE_NEXT)
		return (r);
	if (store_rows(&ctx->q) != 1)
		return (route_error(req, ctx, 404, "This unsubscribe link is "
		    "not valid."));
	return (route_reply_page(req, ctx, 200, "Unsubscribed", "You will get "
	    "no more e-mails about this report.", NULL));
}

enum route_result
route_unsubscribe_get(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(unsubscribe_get_steps)));
}

enum route_result
route_unsubscribe_post(struct http_request *req, struct route_ctx *ctx)
{
	return (route_run(req, ctx, ROUTE_STEPS(unsubscribe_post_steps)));
}
