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
 * The outbox deliverer's loop: claim, send, record (see delivery.h).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "app.h"
#include "delivery.h"
#include "poll.h"
#include "shm/metrics.h"
#include "store/pq.h"

/*
 * An event is leased for as long as its delivery may take and this
 * margin (for the claim, the start and the report), so it is never sent
 * twice at once.
 */
#define LEASE_MARGIN_S	30

static void	outbox_tick(void *, u_int64_t);
static void	outbox_claim(void);
static void	outbox_claimed(struct store_q *, void *);
static void	outbox_reported(struct store_q *, void *);
static void	outbox_free(struct delivery *);

static struct store_q			claimq;
static char				owner[128];
static int				claiming = 0;
static int				inflight = 0;
static int				full = 0;
static TAILQ_HEAD(, delivery)		deliveries =
					    TAILQ_HEAD_INITIALIZER(deliveries);

void
outbound_delivery_start(int lead)
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
		outbound_poll_start();
}

void
outbound_delivery_stop(void)
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
		(void)snprintf(d->reqid, sizeof(d->reqid), "%s", store_val(q,
		    i, COL_OUTBOX_CLAIM_REQUEST_ID));
		d->seq = kore_strdup(store_val(q, i, COL_OUTBOX_CLAIM_SEQ));
		d->event = kore_strdup(store_val(q, i, COL_OUTBOX_CLAIM_EVENT));
		d->idem = kore_strdup(store_val(q, i, COL_OUTBOX_CLAIM_IDEM));
		d->body = kore_strdup(store_val(q, i, COL_OUTBOX_CLAIM_BODY));
		d->attempt = atoi(store_val(q, i, COL_OUTBOX_CLAIM_ATTEMPT));
		d->kind = kore_strdup(store_val(q, i, COL_OUTBOX_CLAIM_KIND));
		d->url = kore_strdup(store_val(q, i, COL_OUTBOX_CLAIM_URL));
		d->secret = kore_strdup(store_val(q, i,
		    COL_OUTBOX_CLAIM_SECRET));
		d->upjur = store_isnull(q, i, COL_OUTBOX_CLAIM_UPJUR) ? NULL :
		    kore_strdup(store_val(q, i, COL_OUTBOX_CLAIM_UPJUR));
		d->created = strtoll(store_val(q, i, COL_OUTBOX_CLAIM_CREATED),
		    NULL, 10);
		TAILQ_INSERT_TAIL(&deliveries, d, link);
		inflight++;
	}

	if (n == 0 && q->res == NULL && q->error[0] != '\0')
		kore_log(LOG_WARNING, "outbox claim failed: %s", q->error);

	store_reset(q);
	claiming = 0;

	/*
	 * Start after the claim's connection is back in the pool. A
	 * delivery may finish (and be freed) inside outbound_send().
	 */
	for (d = TAILQ_FIRST(&deliveries); d != NULL; d = next) {
		next = TAILQ_NEXT(d, link);
		if (!d->curl_live && d->outcome[0] == '\0')
			outbound_send(d);
	}
}

void
outbound_finish(struct delivery *d, const char *outcome, const char *error)
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
	store_start_cb(&d->q, SQL_outbox_done, 7, v, outbox_reported, d);
}

static void
outbox_reported(struct store_q *q, void *arg)
{
	struct delivery	*d;

	d = arg;
	if (q->res == NULL)
		kore_log(LOG_WARNING, "outbox event %s: cannot record the "
		    "attempt (%s); its lease expires and it is sent again",
		    d->id, q->error);
	store_reset(q);
	outbox_free(d);

	if (--inflight == 0 && full)
		outbox_claim();
}

static void
outbox_free(struct delivery *d)
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
