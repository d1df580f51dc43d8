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
 * The senders of the outbox deliverer, one per kind of destination:
 * webhooks, submissions to upstream Open311 servers and reporters'
 * e-mails (see delivery.h). What goes on the wire is built by the pure
 * formats (formats/sign.c, formats/upstream.c, formats/mail.c); this
 * file drives libcurl.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>
#include <jansson.h>
#include <openssl/crypto.h>

#include "app.h"
#include "curl.h"
#include "delivery.h"
#include "formats/form.h"
#include "formats/mail.h"
#include "formats/sign.h"
#include "formats/upstream.h"

static void	send_webhook(struct delivery *);
static void	send_upstream(struct delivery *);
static void	send_lookup(struct delivery *);
static void	send_looked(struct kore_curl *, void *);
static void	send_post(struct delivery *);
static void	send_mail(struct delivery *);
static void	send_case(struct delivery *);
static void	send_smtp(struct delivery *, struct buf *, const char *);
static void	send_probe(struct delivery *);
static void	send_get(struct delivery *, struct buf *,
		    void (*)(struct kore_curl *, void *));
static int	send_failed(struct delivery *, struct kore_curl *,
		    const char *);
static void	send_done(struct kore_curl *, void *);

void
outbound_send(struct delivery *d)
{
	if (!strcmp(d->event, "destination.test") &&
	    !strcmp(d->kind, "open311")) {
		send_probe(d);
		return;
	}
	if (!strcmp(d->kind, "webhook")) {
		send_webhook(d);
	} else if (!strcmp(d->kind, "open311")) {
		if (!strcmp(d->event, "request.created"))
			send_upstream(d);
		else
			outbound_finish(d, "skipped", "updates come from the "
			    "upstream server's own feed");
	} else if (!strcmp(d->kind, "mailto")) {
		send_case(d);
	} else {
		send_mail(d);
	}
}

/*
 * A JSON webhook: the event as the body, signed (formats/sign.h), with
 * the idempotency key and the per-request sequence number as headers
 * too.
 */
static void
send_webhook(struct delivery *d)
{
	struct buf	sig;
	char		ts[24];

	if (!outbound_curl_init(&d->curl, d->url)) {
		outbound_finish(d, "failed", d->curl.errbuf);
		return;
	}
	d->curl_live = 1;

	(void)snprintf(ts, sizeof(ts), "%lld", (long long)time(NULL));
	buf_init(&sig);
	fmt_sign_webhook(d->secret, ts, d->body, &sig);

	kore_curl_http_setup(&d->curl, HTTP_METHOD_POST, d->body,
	    strlen(d->body));
	kore_curl_http_set_header(&d->curl, "content-type", "application/json");
	kore_curl_http_set_header(&d->curl, "idempotency-key", d->idem);
	kore_curl_http_set_header(&d->curl, "x-open311-event", d->event);
	kore_curl_http_set_header(&d->curl, "x-open311-sequence", d->seq);
	kore_curl_http_set_header(&d->curl, "x-open311-delivery", d->id);
	kore_curl_http_set_header(&d->curl, "x-open311-signature",
	    buf_cstr(&sig));
	buf_free(&sig);

	kore_curl_bind_callback(&d->curl, send_done, d);
	kore_curl_run(&d->curl);
}

/*
 * How far the search for an earlier attempt's submission reaches before
 * the event was made and after now (clocks differ), in seconds.
 */
#define LOOKUP_SKEW_S	600

/*
 * Gateway mode: the request is posted to the upstream Open311 server as
 * a standard submission (formats/upstream.h); its answer's id (or
 * token) is kept. Upstream servers ignore Idempotency-Key, and an
 * earlier attempt may have been stored upstream although its answer was
 * lost (a timeout, an empty body): a retry first looks for it there.
 */
static void
send_upstream(struct delivery *d)
{
	if (d->attempt > 1)
		send_lookup(d);
	else
		send_post(d);
}

/*
 * GET /requests.json for the event's service over its time: the
 * request an earlier attempt stored is adopted, else it is posted.
 */
static void
send_lookup(struct delivery *d)
{
	struct buf	url;

	buf_init(&url);
	buf_printf(&url, "%s/requests.json?", d->url);
	if (fmt_upstream_search(d->body, d->created - LOOKUP_SKEW_S,
	    (long long)time(NULL) + LOOKUP_SKEW_S, d->upjur, &url) == -1) {
		buf_free(&url);
		send_post(d);
		return;
	}
	send_get(d, &url, send_looked);
}

static void
send_looked(struct kore_curl *c, void *arg)
{
	struct delivery	*d;
	char		*id;

	d = arg;
	if (send_failed(d, c, "searching the upstream before a retry: "))
		return;

	id = fmt_upstream_find(d->body, kore_curl_response_as_string(c));
	kore_curl_cleanup(c);
	d->curl_live = 0;
	if (id == NULL) {
		send_post(d);
		return;
	}
	kore_log(LOG_NOTICE, "outbox event %s: an earlier attempt reached "
	    "the upstream as %s; not posted again", d->id, id);
	d->upstream_id = kore_strdup(id);
	free(id);
	outbound_finish(d, "delivered", NULL);
}

static void
send_post(struct delivery *d)
{
	struct buf	form, url;

	buf_init(&form);
	buf_init(&url);
	fmt_upstream_form(d->body, d->secret, d->upjur, &form);

	buf_printf(&url, "%s/requests.json", d->url);
	if (!outbound_curl_init(&d->curl, buf_cstr(&url))) {
		buf_free(&form);
		buf_free(&url);
		outbound_finish(d, "failed", d->curl.errbuf);
		return;
	}
	d->curl_live = 1;
	kore_curl_http_setup(&d->curl, HTTP_METHOD_POST, form.data, form.len);
	kore_curl_http_set_header(&d->curl, "content-type",
	    "application/x-www-form-urlencoded");
	kore_curl_http_set_header(&d->curl, "idempotency-key", d->idem);
	buf_free(&form);
	buf_free(&url);

	kore_curl_bind_callback(&d->curl, send_done, d);
	kore_curl_run(&d->curl);
}

/*
 * A test of an upstream Open311 server: its service list (GET
 * services.json, for its jurisdiction_id when it needs one) must answer
 * 2xx; nothing is posted there.
 */
static void
send_probe(struct delivery *d)
{
	struct buf	url, q;

	buf_init(&url);
	buf_init(&q);
	if (d->upjur != NULL && d->upjur[0] != '\0')
		fmt_form_encode(&q, "jurisdiction_id", d->upjur);
	buf_printf(&url, "%s/services.json%s%s", d->url, q.len ? "?" : "",
	    buf_cstr(&q));
	buf_free(&q);
	send_get(d, &url, send_done);
}

/* GETs url (then freed) for d; done gets the answer. */
static void
send_get(struct delivery *d, struct buf *url,
    void (*done)(struct kore_curl *, void *))
{
	if (!outbound_curl_init(&d->curl, buf_cstr(url))) {
		buf_free(url);
		outbound_finish(d, "failed", d->curl.errbuf);
		return;
	}
	buf_free(url);
	d->curl_live = 1;
	kore_curl_http_setup(&d->curl, HTTP_METHOD_GET, NULL, 0);
	kore_curl_bind_callback(&d->curl, done, d);
	kore_curl_run(&d->curl);
}

/*
 * An e-mail over SMTP: to a reporter, or a staff member's password link
 * (event staff.password; its token never reaches a log).
 */
static void
send_mail(struct delivery *d)
{
	const struct cfg	*cfg;
	struct fmt_mail		m;
	struct buf		msg;
	json_t			*p;
	char			rcpt[300];
	int			staff;

	cfg = app_config();
	p = json_loads(d->body, 0, NULL);
	memset(&m, 0, sizeof(m));
	m.from = cfg->smtp_from;
	m.to = json_string_value(json_object_get(p, "to"));
	m.kind = json_string_value(json_object_get(p, "kind"));
	m.first_name = json_string_value(json_object_get(p, "first_name"));
	m.locale = json_string_value(json_object_get(p, "locale"));
	m.request_id = json_string_value(json_object_get(p,
	    "service_request_id"));
	m.parent_id = json_string_value(json_object_get(p,
	    "parent_service_request_id"));
	m.service_name = json_string_value(json_object_get(p,
	    "service_name"));
	m.jurisdiction = json_string_value(json_object_get(p, "jurisdiction"));
	m.status = json_string_value(json_object_get(p, "status"));
	m.detailed_status = json_string_value(json_object_get(p,
	    "detailed_status"));
	m.agency = json_string_value(json_object_get(p, "agency"));
	m.note = json_string_value(json_object_get(p, "note"));
	m.token = json_string_value(json_object_get(p, "token"));
	m.base_url = cfg->public_url;
	m.message_id = d->idem;
	m.date = (long long)time(NULL);
	staff = !strcmp(d->event, "staff.password");
	if (staff) {
		m.kind = d->event;
		m.first_name = json_string_value(json_object_get(p, "name"));
		m.hours = (int)json_integer_value(json_object_get(p, "hours"));
	}

	if (m.to == NULL || m.token == NULL || (!staff && (m.kind == NULL ||
	    m.request_id == NULL || m.service_name == NULL ||
	    m.jurisdiction == NULL))) {
		json_decref(p);
		outbound_finish(d, "failed", "malformed e-mail event");
		return;
	}

	buf_init(&msg);
	fmt_mail_message(&m, &msg);
	(void)snprintf(rcpt, sizeof(rcpt), "%s", m.to);
	json_decref(p);
	/* The message (with the token) now lives only in msg. */
	if (staff)
		OPENSSL_cleanse(d->body, strlen(d->body));
	send_smtp(d, &msg, rcpt);
}

/*
 * A back office's mailbox (kind mailto): a new request, with the
 * reporter's contact, or a test; updates are skipped.
 */
static void
send_case(struct delivery *d)
{
	const struct cfg	*cfg;
	struct fmt_mail_case	c;
	struct buf		msg;
	json_t			*p, *r, *ct;
	char			lat[32], lon[32];

	c.test = !strcmp(d->event, "destination.test");
	if (!c.test && strcmp(d->event, "request.created")) {
		outbound_finish(d, "skipped", "a mailbox gets new requests "
		    "only");
		return;
	}
	cfg = app_config();
	p = json_loads(d->body, 0, NULL);
	r = json_object_get(p, "request");
	ct = json_object_get(r, "contact");
	c.from = cfg->smtp_from;
	c.to = d->url + strlen("mailto:");
	c.request_id = json_string_value(json_object_get(r,
	    "service_request_id"));
	c.console_id = d->reqid;
	c.jurisdiction = json_string_value(json_object_get(r,
	    "jurisdiction_id"));
	c.service_name = json_string_value(json_object_get(r,
	    "service_name"));
	c.description = json_string_value(json_object_get(r, "description"));
	c.address = json_string_value(json_object_get(r, "address"));
	c.lat = c.lon = NULL;
	if (json_is_number(json_object_get(r, "lat")) &&
	    json_is_number(json_object_get(r, "long"))) {
		(void)snprintf(lat, sizeof(lat), "%.6f",
		    json_number_value(json_object_get(r, "lat")));
		(void)snprintf(lon, sizeof(lon), "%.6f",
		    json_number_value(json_object_get(r, "long")));
		c.lat = lat;
		c.lon = lon;
	}
	c.first_name = json_string_value(json_object_get(ct, "first_name"));
	c.last_name = json_string_value(json_object_get(ct, "last_name"));
	c.email = json_string_value(json_object_get(ct, "email"));
	c.phone = json_string_value(json_object_get(ct, "phone"));
	c.base_url = cfg->public_url;
	c.message_id = d->idem;
	c.date = (long long)time(NULL);
	if (!c.test && (r == NULL || c.request_id == NULL)) {
		json_decref(p);
		outbound_finish(d, "failed", "malformed request event");
		return;
	}
	buf_init(&msg);
	fmt_mail_case_message(&c, &msg);
	json_decref(p);
	/* The reporter's contact now lives only in msg. */
	OPENSSL_cleanse(d->body, strlen(d->body));
	send_smtp(d, &msg, c.to);
}

/* Sends msg (then wiped and freed) to address to over smtp_url. */
static void
send_smtp(struct delivery *d, struct buf *msg, const char *to)
{
	const struct cfg	*cfg;
	char			from[256], rcpt[300];

	cfg = app_config();
	fmt_mail_address(cfg->smtp_from, from, sizeof(from));
	(void)snprintf(rcpt, sizeof(rcpt), "<%s>", to);
	if (!outbound_curl_init(&d->curl, cfg->smtp_url)) {
		OPENSSL_cleanse(msg->data, msg->len);
		buf_free(msg);
		outbound_finish(d, "failed", d->curl.errbuf);
		return;
	}
	d->curl_live = 1;

	d->curl.http.tosend = kore_buf_alloc(msg->len);
	kore_buf_append(d->curl.http.tosend, msg->data, msg->len);
	kore_buf_reset(d->curl.http.tosend);
	OPENSSL_cleanse(msg->data, msg->len);
	buf_free(msg);

	d->rcpt = curl_slist_append(NULL, rcpt);
	curl_easy_setopt(d->curl.handle, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(d->curl.handle, CURLOPT_MAIL_RCPT, d->rcpt);
	curl_easy_setopt(d->curl.handle, CURLOPT_READFUNCTION,
	    kore_curl_frombuf);
	curl_easy_setopt(d->curl.handle, CURLOPT_READDATA,
	    d->curl.http.tosend);
	curl_easy_setopt(d->curl.handle, CURLOPT_UPLOAD, 1L);
	if (cfg->smtp_user[0] != '\0') {
		curl_easy_setopt(d->curl.handle, CURLOPT_USERNAME,
		    cfg->smtp_user);
		curl_easy_setopt(d->curl.handle, CURLOPT_PASSWORD,
		    cfg->smtp_password);
	}

	kore_curl_bind_callback(&d->curl, send_done, d);
	kore_curl_run(&d->curl);
}

/*
 * When c failed, or answered other than 2xx over HTTP, finishes d as
 * failed with the reason (after what) and returns 1; else returns 0.
 */
static int
send_failed(struct delivery *d, struct kore_curl *c, const char *what)
{
	char	err[256];

	if (!kore_curl_success(c)) {
		(void)snprintf(err, sizeof(err), "%s%s", what,
		    kore_curl_strerror(c));
	} else if (strcmp(d->kind, "email") && strcmp(d->kind, "mailto") &&
	    (c->http.status < 200 || c->http.status > 299)) {
		(void)snprintf(err, sizeof(err), "%sHTTP %ld from %s", what,
		    c->http.status, d->url);
	} else {
		return (0);
	}
	outbound_finish(d, "failed", err);
	return (1);
}

static void
send_done(struct kore_curl *c, void *arg)
{
	struct delivery	*d;
	char		*id;

	d = arg;
	if (send_failed(d, c, ""))
		return;

	if (!strcmp(d->kind, "open311") &&
	    strcmp(d->event, "destination.test")) {
		id = fmt_upstream_id(kore_curl_response_as_string(c));
		if (id == NULL) {
			outbound_finish(d, "failed", "the upstream answered "
			    "without a service_request_id or token");
			return;
		}
		d->upstream_id = kore_strdup(id);
		free(id);
	}

	outbound_finish(d, "delivered", NULL);
}
