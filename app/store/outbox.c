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
 * The outbox deliverer and the upstream status poll (see outbox.h).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>
#include <openssl/hmac.h>

#include <kore/kore.h>
#include <kore/http.h>
#include <kore/curl.h>

#include "app.h"
#include "db.h"
#include "formats/form.h"
#include "formats/mail.h"
#include "outbox.h"
#include "pq.h"
#include "shm/metrics.h"

/*
 * An event is leased for as long as its delivery may take and this
 * margin (for the claim, the start and the report), so it is never sent
 * twice at once.
 */
#define LEASE_MARGIN_S	30

struct delivery {
	struct store_q		q;
	struct kore_curl	curl;
	int			curl_live;
	struct curl_slist	*rcpt;
	char			id[24];
	char			*kind;
	char			*url;
	char			*secret;
	char			*upjur;
	char			*event;
	char			*idem;
	char			*body;
	char			*seq;
	char			*upstream_id;
	char			outcome[16];
	char			error[256];
	TAILQ_ENTRY(delivery)	link;
};

static void	outbox_tick(void *, u_int64_t);
static void	outbox_claim(void);
static void	outbox_claimed(struct store_q *, void *);
static void	delivery_start(struct delivery *);
static void	delivery_webhook(struct delivery *);
static void	delivery_upstream(struct delivery *);
static void	delivery_mail(struct delivery *);
static void	delivery_sent(struct kore_curl *, void *);
static void	delivery_finish(struct delivery *, const char *,
		    const char *);
static void	delivery_reported(struct store_q *, void *);
static void	delivery_free(struct delivery *);
static char	*delivery_upstream_id(const char *);

static struct store_q			claimq;
static char				owner[128];
static int				claiming = 0;
static int				inflight = 0;
static int				full = 0;
static TAILQ_HEAD(, delivery)		deliveries =
					    TAILQ_HEAD_INITIALIZER(deliveries);

void
store_outbox_start(int lead)
{
	char	host[64];

	if (gethostname(host, sizeof(host)) == -1)
		(void)snprintf(host, sizeof(host), "unknown");
	host[sizeof(host) - 1] = '\0';
	(void)snprintf(owner, sizeof(owner), "%s:%d:%lld", host,
	    (int)getpid(), (long long)time(NULL));
	kore_curl_timeout = (u_int16_t)app_config()->delivery_timeout;
	(void)kore_timer_add(outbox_tick,
	    (u_int64_t)app_config()->outbox_poll_ms, NULL, 0);
	if (lead)
		store_upstream_start();
}

void
store_outbox_stop(void)
{
	const char	*keys[] = { "dbname", "connect_timeout", NULL };
	const char	*vals[] = { app_config()->database_url, "2", NULL };
	const char	*v[1];
	char		err[256];
	PGconn		*conn;
	PGresult	*res;

	if (!claiming && TAILQ_EMPTY(&deliveries))
		return;

	conn = PQconnectdbParams(keys, vals, 1);
	if (PQstatus(conn) != CONNECTION_OK) {
		kore_log(LOG_WARNING, "outbox: cannot give back %d leases: %s",
		    inflight, PQerrorMessage(conn));
		goto out;
	}
	v[0] = owner;
	if ((res = store_pq_run(conn, SQL_outbox_release, 1, v, err,
	    sizeof(err))) == NULL)
		kore_log(LOG_WARNING, "outbox: cannot give back %d leases: %s",
		    inflight, err);
	PQclear(res);
out:
	PQfinish(conn);
}

static void
outbox_tick(void *arg, u_int64_t now)
{
	(void)arg;
	(void)now;
	outbox_claim();
}

static void
outbox_claim(void)
{
	const char	*v[4];
	char		limit[16], lease[16];

	if (claiming || inflight > 0)
		return;

	(void)snprintf(limit, sizeof(limit), "%d", app_config()->outbox_batch);
	(void)snprintf(lease, sizeof(lease), "%d",
	    app_config()->delivery_timeout + LEASE_MARGIN_S);
	v[0] = limit;
	v[1] = lease;
	/* E-mails wait for a node that can send them. */
	v[2] = app_config()->smtp_url[0] != '\0' ? "true" : "false";
	v[3] = owner;
	claiming = 1;
	store_start_cb(&claimq, SQL_outbox_claim, 4, v, outbox_claimed, NULL);
}

static void
outbox_claimed(struct store_q *q, void *arg)
{
	struct delivery	*d, *next;
	int		i, n;

	(void)arg;
	n = store_rows(q);
	full = n >= app_config()->outbox_batch;

	for (i = 0; i < n; i++) {
		d = kore_calloc(1, sizeof(*d));
		(void)snprintf(d->id, sizeof(d->id), "%s", store_val(q, i,
		    COL_OUTBOX_CLAIM_ID));
		d->seq = kore_strdup(store_val(q, i, COL_OUTBOX_CLAIM_SEQ));
		d->event = kore_strdup(store_val(q, i, COL_OUTBOX_CLAIM_EVENT));
		d->idem = kore_strdup(store_val(q, i, COL_OUTBOX_CLAIM_IDEM));
		d->body = kore_strdup(store_val(q, i, COL_OUTBOX_CLAIM_BODY));
		d->kind = kore_strdup(store_val(q, i, COL_OUTBOX_CLAIM_KIND));
		d->url = kore_strdup(store_val(q, i, COL_OUTBOX_CLAIM_URL));
		d->secret = kore_strdup(store_val(q, i,
		    COL_OUTBOX_CLAIM_SECRET));
		d->upjur = store_isnull(q, i, COL_OUTBOX_CLAIM_UPJUR) ? NULL :
		    kore_strdup(store_val(q, i, COL_OUTBOX_CLAIM_UPJUR));
		TAILQ_INSERT_TAIL(&deliveries, d, link);
		inflight++;
	}

	if (n == 0 && q->res == NULL && q->error[0] != '\0')
		kore_log(LOG_WARNING, "outbox claim failed: %s", q->error);

	store_reset(q);
	claiming = 0;

	/*
	 * Start after the claim's connection is back in the pool. A
	 * delivery may finish (and be freed) inside delivery_start().
	 */
	for (d = TAILQ_FIRST(&deliveries); d != NULL; d = next) {
		next = TAILQ_NEXT(d, link);
		if (!d->curl_live && d->outcome[0] == '\0')
			delivery_start(d);
	}
}

static void
delivery_start(struct delivery *d)
{
	if (!strcmp(d->kind, "webhook")) {
		delivery_webhook(d);
	} else if (!strcmp(d->kind, "open311")) {
		if (!strcmp(d->event, "request.created"))
			delivery_upstream(d);
		else
			delivery_finish(d, "skipped", "updates come from the "
			    "upstream server's own feed");
	} else {
		delivery_mail(d);
	}
}

int
store_outbound_init(struct kore_curl *c, const char *url)
{
	const struct cfg	*cfg;

	cfg = app_config();
	if (cfg_outbound_check(cfg, url, c->errbuf, sizeof(c->errbuf)) == -1)
		return (KORE_RESULT_ERROR);
	if (!kore_curl_init(c, url, KORE_CURL_ASYNC))
		return (KORE_RESULT_ERROR);
	if (cfg->outbound_ca_file[0] != '\0') {
		curl_easy_setopt(c->handle, CURLOPT_CAINFO,
		    cfg->outbound_ca_file);
		curl_easy_setopt(c->handle, CURLOPT_CAPATH, NULL);
	}
	if (!strncmp(url, "smtp://", 7) &&
	    cfg->smtp_starttls != CFG_STARTTLS_NO) {
		curl_easy_setopt(c->handle, CURLOPT_USE_SSL,
		    cfg->smtp_starttls == CFG_STARTTLS_YES ?
		    CURLUSESSL_ALL : CURLUSESSL_TRY);
	}
	return (KORE_RESULT_OK);
}

/*
 * A JSON webhook: the event as the body, signed with HMAC-SHA256 over
 * "timestamp.body" with the destination's secret, with the idempotency
 * key and the per-request sequence number as headers too.
 */
static void
delivery_webhook(struct delivery *d)
{
	static const char	hex[] = "0123456789abcdef";
	unsigned char		mac[EVP_MAX_MD_SIZE];
	unsigned int		maclen, i;
	struct buf		signed_text, sig;
	char			ts[24];

	if (!store_outbound_init(&d->curl, d->url)) {
		delivery_finish(d, "failed", d->curl.errbuf);
		return;
	}
	d->curl_live = 1;

	(void)snprintf(ts, sizeof(ts), "%lld", (long long)time(NULL));
	buf_init(&signed_text);
	buf_printf(&signed_text, "%s.%s", ts, d->body);
	(void)HMAC(EVP_sha256(), d->secret, (int)strlen(d->secret),
	    (const unsigned char *)signed_text.data, signed_text.len, mac,
	    &maclen);
	buf_free(&signed_text);
	buf_init(&sig);
	buf_printf(&sig, "t=%s,v1=", ts);
	for (i = 0; i < maclen; i++) {
		buf_byte(&sig, hex[mac[i] >> 4]);
		buf_byte(&sig, hex[mac[i] & 0xf]);
	}

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

	kore_curl_bind_callback(&d->curl, delivery_sent, d);
	kore_curl_run(&d->curl);
}

/*
 * Gateway mode: the request is posted to the upstream Open311 server as
 * a standard submission; its answer's id (or token) is kept.
 */
static void
delivery_upstream(struct delivery *d)
{
	struct buf	form, url;
	json_t		*root, *r, *v, *item;
	const char	*key;
	char		name[160], num[64];
	size_t		i;

	buf_init(&form);
	buf_init(&url);
	root = json_loads(d->body, 0, NULL);
	r = json_object_get(root, "request");

	fmt_form_encode(&form, "api_key", d->secret);
	if (d->upjur != NULL)
		fmt_form_encode(&form, "jurisdiction_id", d->upjur);
	json_object_foreach(r, key, v) {
		if (!strcmp(key, "service_code") ||
		    !strcmp(key, "description") || !strcmp(key, "address_id") ||
		    !strcmp(key, "zipcode")) {
			if (json_is_string(v))
				fmt_form_encode(&form, key,
				    json_string_value(v));
		} else if (!strcmp(key, "address") && json_is_string(v)) {
			fmt_form_encode(&form, "address_string",
			    json_string_value(v));
		} else if ((!strcmp(key, "lat") || !strcmp(key, "long")) &&
		    json_is_number(v)) {
			(void)snprintf(num, sizeof(num), "%.8f",
			    json_number_value(v));
			fmt_form_encode(&form, key, num);
		} else if (!strcmp(key, "media_urls") && json_is_array(v)) {
			json_array_foreach(v, i, item) {
				if (json_is_string(item))
					fmt_form_encode(&form, "media_url",
					    json_string_value(item));
			}
		}
	}
	json_object_foreach(json_object_get(r, "attributes"), key, v) {
		if (json_is_array(v)) {
			(void)snprintf(name, sizeof(name), "attribute[%s][]",
			    key);
			json_array_foreach(v, i, item) {
				if (json_is_string(item))
					fmt_form_encode(&form, name,
					    json_string_value(item));
			}
			continue;
		}
		(void)snprintf(name, sizeof(name), "attribute[%s]", key);
		if (json_is_string(v)) {
			fmt_form_encode(&form, name, json_string_value(v));
		} else if (json_is_number(v)) {
			(void)snprintf(num, sizeof(num), "%.15g",
			    json_number_value(v));
			fmt_form_encode(&form, name, num);
		}
	}
	json_object_foreach(json_object_get(r, "contact"), key, v) {
		if (json_is_string(v) && strcmp(key, "device_id"))
			fmt_form_encode(&form, key, json_string_value(v));
	}
	json_decref(root);

	buf_printf(&url, "%s/requests.json", d->url);
	if (!store_outbound_init(&d->curl, buf_cstr(&url))) {
		buf_free(&form);
		buf_free(&url);
		delivery_finish(d, "failed", d->curl.errbuf);
		return;
	}
	d->curl_live = 1;
	kore_curl_http_setup(&d->curl, HTTP_METHOD_POST, form.data, form.len);
	kore_curl_http_set_header(&d->curl, "content-type",
	    "application/x-www-form-urlencoded");
	kore_curl_http_set_header(&d->curl, "idempotency-key", d->idem);
	buf_free(&form);
	buf_free(&url);

	kore_curl_bind_callback(&d->curl, delivery_sent, d);
	kore_curl_run(&d->curl);
}

/* A reporter e-mail over SMTP. */
static void
delivery_mail(struct delivery *d)
{
	const struct cfg	*cfg;
	struct fmt_mail		m;
	struct buf		msg;
	json_t			*p;
	char			from[256], rcpt[300];

	cfg = app_config();
	p = json_loads(d->body, 0, NULL);
	memset(&m, 0, sizeof(m));
	m.from = cfg->smtp_from;
	m.to = json_string_value(json_object_get(p, "to"));
	m.kind = json_string_value(json_object_get(p, "kind"));
	m.first_name = json_string_value(json_object_get(p, "first_name"));
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

	if (m.to == NULL || m.kind == NULL || m.request_id == NULL ||
	    m.service_name == NULL || m.jurisdiction == NULL ||
	    m.token == NULL) {
		json_decref(p);
		delivery_finish(d, "failed", "malformed e-mail event");
		return;
	}

	buf_init(&msg);
	fmt_mail_message(&m, &msg);
	fmt_mail_address(cfg->smtp_from, from, sizeof(from));
	(void)snprintf(rcpt, sizeof(rcpt), "<%s>", m.to);
	json_decref(p);

	if (!store_outbound_init(&d->curl, cfg->smtp_url)) {
		buf_free(&msg);
		delivery_finish(d, "failed", d->curl.errbuf);
		return;
	}
	d->curl_live = 1;

	d->curl.http.tosend = kore_buf_alloc(msg.len);
	kore_buf_append(d->curl.http.tosend, msg.data, msg.len);
	kore_buf_reset(d->curl.http.tosend);
	buf_free(&msg);

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

	kore_curl_bind_callback(&d->curl, delivery_sent, d);
	kore_curl_run(&d->curl);
}

/* The upstream's answer: [{"service_request_id": ...}] or a token. */
static char *
delivery_upstream_id(const char *body)
{
	json_t		*root, *first;
	const char	*v;
	char		*out;
	size_t		len;

	out = NULL;
	if ((root = json_loads(body, 0, NULL)) == NULL)
		return (NULL);
	first = json_is_array(root) ? json_array_get(root, 0) : root;
	if ((v = json_string_value(json_object_get(first,
	    "service_request_id"))) != NULL && v[0] != '\0') {
		out = kore_strdup(v);
	} else if ((v = json_string_value(json_object_get(first,
	    "token"))) != NULL && v[0] != '\0') {
		len = strlen(v) + 7;
		out = kore_malloc(len);
		(void)snprintf(out, len, "token:%s", v);
	}
	json_decref(root);
	return (out);
}

static void
delivery_sent(struct kore_curl *c, void *arg)
{
	struct delivery	*d;
	char		*body, err[256];

	d = arg;
	if (!kore_curl_success(c)) {
		(void)snprintf(err, sizeof(err), "%s", kore_curl_strerror(c));
		delivery_finish(d, "failed", err);
		return;
	}

	if (!strcmp(d->kind, "email")) {
		delivery_finish(d, "delivered", NULL);
		return;
	}

	if (c->http.status < 200 || c->http.status > 299) {
		(void)snprintf(err, sizeof(err), "HTTP %ld from %s",
		    c->http.status, d->url);
		delivery_finish(d, "failed", err);
		return;
	}

	if (!strcmp(d->kind, "open311")) {
		body = kore_curl_response_as_string(c);
		d->upstream_id = delivery_upstream_id(body);
		if (d->upstream_id == NULL) {
			delivery_finish(d, "failed", "the upstream answered "
			    "without a service_request_id or token");
			return;
		}
	}

	delivery_finish(d, "delivered", NULL);
}

static void
delivery_finish(struct delivery *d, const char *outcome, const char *error)
{
	const char	*v[7];
	char		retry[16], dead[16];

	(void)snprintf(d->outcome, sizeof(d->outcome), "%s", outcome);
	(void)snprintf(d->error, sizeof(d->error), "%s",
	    error != NULL ? error : "");
	if (!strcmp(outcome, "delivered"))
		met_add(app_metrics(), MET_OUTBOX_SENT, 1);
	else if (!strcmp(outcome, "failed"))
		met_add(app_metrics(), MET_OUTBOX_FAILED, 1);
	if (!strcmp(outcome, "failed"))
		kore_log(LOG_NOTICE, "outbox event %s (%s to %s): %s: %s",
		    d->id, d->event, d->kind, outcome, d->error);

	(void)snprintf(retry, sizeof(retry), "%d",
	    app_config()->outbox_retry_ms);
	(void)snprintf(dead, sizeof(dead), "%d",
	    app_config()->email_dead_after);
	v[0] = d->id;
	v[1] = d->outcome;
	v[2] = d->error[0] != '\0' ? d->error : NULL;
	v[3] = d->upstream_id;
	v[4] = retry;
	v[5] = dead;
	v[6] = owner;
	store_start_cb(&d->q, SQL_outbox_done, 7, v, delivery_reported, d);
}

static void
delivery_reported(struct store_q *q, void *arg)
{
	struct delivery	*d;

	d = arg;
	if (q->res == NULL)
		kore_log(LOG_WARNING, "outbox event %s: cannot record the "
		    "attempt (%s); its lease expires and it is sent again",
		    d->id, q->error);
	store_reset(q);
	delivery_free(d);

	if (--inflight == 0 && full)
		outbox_claim();
}

static void
delivery_free(struct delivery *d)
{
	TAILQ_REMOVE(&deliveries, d, link);
	if (d->curl_live)
		kore_curl_cleanup(&d->curl);
	if (d->rcpt != NULL)
		curl_slist_free_all(d->rcpt);
	kore_free(d->kind);
	kore_free(d->url);
	kore_free(d->secret);
	kore_free(d->upjur);
	kore_free(d->event);
	kore_free(d->idem);
	kore_free(d->body);
	kore_free(d->seq);
	kore_free(d->upstream_id);
	kore_free(d);
}
