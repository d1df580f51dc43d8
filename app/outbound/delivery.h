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
 * The outbox deliverer: every worker claims due events of the outbox
 * (leased to it, so no other worker or node sends them meanwhile) and
 * sends each, a webhook, a submission to an upstream Open311 server or
 * a reporter's e-mail, then records the attempt. Order per request and
 * destination is kept by the claim (sql/outbox_claim.sql).
 *
 * The senders (send.c) share struct delivery with the loop (outbox.c).
 */

#ifndef __H_OUTBOUND_DELIVERY
#define __H_OUTBOUND_DELIVERY

#include <sys/queue.h>

#include <kore/kore.h>
#include <kore/http.h>
#include <kore/curl.h>

#include "store/db.h"

struct delivery {
	struct store_q		q;
	struct kore_curl	curl;
	int			curl_live;
	struct curl_slist	*rcpt;
	char			id[24];
	char			reqid[24];	/* the request's; or "" */
	char			*kind;
	char			*url;
	char			*secret;
	char			*upjur;
	char			*event;
	char			*idem;
	char			*body;
	char			*seq;
	int			attempt;	/* 1 for the first */
	long long		created;	/* the event, epoch seconds */
	char			*upstream_id;
	char			outcome[16];
	char			error[256];
	TAILQ_ENTRY(delivery)	link;
};

/*
 * Starts claiming and delivering events every outbox_poll_ms in this
 * worker; lead also starts the upstream status poll (see poll.h).
 */
void	outbound_delivery_start(int);

/*
 * Gives back the leases of this worker's unfinished events (a stopping
 * worker), so another sends them at once rather than after the lease.
 */
void	outbound_delivery_stop(void);

/*
 * Starts sending d by its kind; the outcome always reaches
 * outbound_finish(), perhaps before this returns.
 */
void	outbound_send(struct delivery *);

/*
 * Records d's attempt: outcome is "delivered", "skipped" or "failed"
 * (with error), and d is freed once recorded.
 */
void	outbound_finish(struct delivery *, const char *, const char *);

#endif
