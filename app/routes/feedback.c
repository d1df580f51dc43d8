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
 * GET /unsubscribe?t=TOKEN: asks to confirm; POST (the page's button, or
 * a mail client's List-Unsubscribe-Post one-click) stops the e-mails.
 * GET never changes anything, since mail scanners fetch links.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/utf8.h"
#include "route.h"

#define HTML_TYPE	"text/html; charset=utf-8"

static int	page(struct http_request *, struct route_ctx *, int,
		    const char *, const char *, const char *);
static int	token_ok(const char *);
static int	refuse(struct http_request *, struct route_ctx *, int, int,
		    const char *);

static int
token_ok(const char *t)
{
	return (t != NULL && strlen(t) == 32 &&
	    strspn(t, "0123456789abcdef") == 32);
}

/* A refusal as a page for a browser, else as an Open311 error. */
static int
refuse(struct http_request *req, struct route_ctx *ctx, int html,
    int status, const char *text)
{
	if (html)
		return (page(req, ctx, status, status == 404 ?
		    "Link not valid" : "Not sent", text, NULL));
	return (route_error(req, ctx, status, "%s", text));
}

/* A small page: title, text (escaped), and optional form markup. */
static int
page(struct http_request *req, struct route_ctx *ctx, int status,
    const char *title, const char *text, const char *form)
{
	struct buf	b;
	int		r;

	buf_init(&b);
	buf_str(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
	    "charset=\"utf-8\"><meta name=\"viewport\" content=\"width="
	    "device-width\"><title>");
	fmt_xml_escape(&b, title, strlen(title));
	buf_str(&b, "</title></head><body style=\"font-family:sans-serif;"
	    "max-width:36em;margin:2em auto\"><h1>");
	fmt_xml_escape(&b, title, strlen(title));
	buf_str(&b, "</h1><p>");
	fmt_xml_escape(&b, text, strlen(text));
	buf_str(&b, "</p>");
	if (form != NULL)
		buf_str(&b, form);
	buf_str(&b, "</body></html>\n");
	ctx->cache = "no-store";
	r = route_reply(req, ctx, status, b.data, b.len, HTML_TYPE);
	buf_free(&b);
	return (r);
}

int
route_feedback(struct http_request *req, struct route_ctx *ctx)
{
	struct buf	form, body;
	struct fmt_doc	doc;
	const char	*t, *rating, *comment, *v[4];
	int		r, html;

	html = ctx->fmt == 0;
	switch (ctx->step) {
	case 0:
		if (req->method == HTTP_METHOD_POST && (!route_body(req, ctx) ||
		    !route_limit(req, ctx, NULL, 1)))
			return (KORE_RESULT_OK);
		t = route_param(ctx, "t");
		if (!token_ok(t) || strspn(ctx->arg[0], "0123456789") !=
		    strlen(ctx->arg[0]) || strlen(ctx->arg[0]) > 18)
			return (refuse(req, ctx, html, 404,
			    "This feedback link is not valid."));
		if (req->method == HTTP_METHOD_GET) {
			v[0] = t;
			store_start(&ctx->q, req, SQL_contact_by_token, 1, v);
			ctx->step = 1;
		} else {
			rating = route_param(ctx, "rating");
			comment = route_param(ctx, "comment");
			if (rating == NULL || strlen(rating) != 1 ||
			    rating[0] < '1' || rating[0] > '5')
				return (refuse(req, ctx, html, 400, "The rating "
				    "must be a whole number from 1 to 5."));
			if (comment != NULL && (fmt_text_check(comment,
			    strlen(comment), FMT_TEXT_MULTILINE) != NULL ||
			    fmt_utf8_chars(comment, strlen(comment)) > 2000))
				return (refuse(req, ctx, html, 400, "The comment "
				    "must be text of up to 2000 characters."));
			v[0] = ctx->arg[0];
			v[1] = t;
			v[2] = rating;
			v[3] = comment;
			store_start(&ctx->q, req, SQL_feedback_put, 4, v);
			ctx->step = 2;
		}
		return (KORE_RESULT_RETRY);
	case 1:
		if ((r = store_step(&ctx->q)) == STORE_WAIT)
			return (KORE_RESULT_RETRY);
		if (r == STORE_ERROR)
			return (route_db_error(req, ctx, &ctx->q));
		if (store_rows(&ctx->q) != 1 ||
		    strcmp(store_val(&ctx->q, 0, 0), ctx->arg[0]))
			return (page(req, ctx, 404, "Link not valid",
			    "This feedback link is not valid.", NULL));
		buf_init(&form);
		buf_printf(&form, "<form method=\"post\" action=\"/requests/"
		    "%s/feedback?t=%s\"><p>", ctx->arg[0],
		    route_param(ctx, "t"));
		for (r = 5; r >= 1; r--)
			buf_printf(&form, "<label><input type=\"radio\" "
			    "name=\"rating\" value=\"%d\" required> %d</label> ",
			    r, r);
		buf_str(&form, "</p><p><textarea name=\"comment\" rows=\"4\" "
		    "cols=\"40\" maxlength=\"2000\"></textarea></p><p><button>"
		    "Send</button></p></form>");
		buf_init(&body);
		buf_printf(&body, "How happy are you with how your report "
		    "%s (", ctx->arg[0]);
		buf_str(&body, store_val(&ctx->q, 0, 1));
		buf_str(&body, ") was handled? 5 is very happy.");
		r = page(req, ctx, 200, "How did we do?", buf_cstr(&body),
		    buf_cstr(&form));
		buf_free(&form);
		buf_free(&body);
		return (r);
	case 2:
		if ((r = store_step(&ctx->q)) == STORE_WAIT)
			return (KORE_RESULT_RETRY);
		if (r == STORE_ERROR)
			return (route_db_error(req, ctx, &ctx->q));
		if (store_rows(&ctx->q) != 1)
			return (refuse(req, ctx, html, 404,
			    "This feedback link is not valid."));
		if (html)
			return (page(req, ctx, 200, "Thank you",
			    "Your answer was recorded.", NULL));
		buf_init(&body);
		fmt_doc_begin(&doc, &body, ctx->fmt);
		fmt_doc_list(&doc, "feedback", "answer");
		fmt_doc_object(&doc, NULL);
		fmt_doc_str(&doc, "service_request_id", ctx->arg[0]);
		fmt_doc_int(&doc, "rating", atoi(route_param(ctx, "rating")));
		fmt_doc_end(&doc);
		fmt_doc_end(&doc);
		r = route_reply_doc(req, ctx, 200, &body);
		buf_free(&body);
		return (r);
	}

	return (route_error(req, ctx, 500, "internal error"));
}

int
route_unsubscribe(struct http_request *req, struct route_ctx *ctx)
{
	struct buf	form;
	const char	*t, *v[1];
	int		r;

	switch (ctx->step) {
	case 0:
		if (req->method == HTTP_METHOD_POST && (!route_body(req, ctx) ||
		    !route_limit(req, ctx, NULL, 1)))
			return (KORE_RESULT_OK);
		if (!token_ok(t = route_param(ctx, "t")))
			return (page(req, ctx, 404, "Link not valid",
			    "This unsubscribe link is not valid.", NULL));
		v[0] = t;
		store_start(&ctx->q, req, req->method == HTTP_METHOD_POST ?
		    SQL_unsubscribe : SQL_contact_by_token, 1, v);
		ctx->step = 1;
		/* FALLTHROUGH */
	case 1:
		if ((r = store_step(&ctx->q)) == STORE_WAIT)
			return (KORE_RESULT_RETRY);
		if (r == STORE_ERROR)
			return (route_db_error(req, ctx, &ctx->q));
		if (store_rows(&ctx->q) != 1)
			return (page(req, ctx, 404, "Link not valid",
			    "This unsubscribe link is not valid.", NULL));
		if (req->method == HTTP_METHOD_POST)
			return (page(req, ctx, 200, "Unsubscribed", "You will "
			    "get no more e-mails about this report.", NULL));
		buf_init(&form);
		buf_printf(&form, "<form method=\"post\" action=\"/unsubscribe"
		    "?t=%s\"><button>Stop these e-mails</button></form>",
		    route_param(ctx, "t"));
		r = page(req, ctx, 200, "Stop e-mails?", "You get e-mails "
		    "when your report changes. Stop them?",
		    buf_cstr(&form));
		buf_free(&form);
		return (r);
	}

	return (route_error(req, ctx, 500, "internal error"));
}
