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
 * Delivery of the transactional outbox, inside the server: every worker
 * polls for due events (leased, so no two workers or nodes send the same
 * one at once, and in sequence per request and destination) and sends
 * them with Kore's asynchronous libcurl: signed JSON webhooks, requests
 * forwarded to an upstream Open311 server, and reporter e-mails over
 * SMTP. Failures are retried with exponential backoff until the
 * destination's dead_after, then kept as dead letters. In gateway mode,
 * one worker also polls the upstream servers for status changes.
 */

#ifndef __H_STORE_OUTBOX
#define __H_STORE_OUTBOX

struct kore_curl;

/* Starts this worker's deliverer (and, if lead, the upstream poll). */
void	store_outbox_start(int);

/*
 * Called as the worker stops: gives back every lease this worker holds
 * (deliveries under way, and events claimed but not started; one short
 * synchronous connection), so they are sent again at once by another
 * worker or node, not when the lease ends.
 */
void	store_outbox_stop(void);

/* Starts the upstream status poll (called for the lead worker). */
void	store_upstream_start(void);

/*
 * kore_curl_init() (async) for every outgoing connection: refuses
 * http:// unless allow_plain_http_destinations (cfg_outbound_check()),
 * trusts only the CAs of outbound_ca_file when it is set, and on smtp://
 * URLs asks for STARTTLS as smtp_starttls says. Returns KORE_RESULT_OK,
 * or KORE_RESULT_ERROR with the reason in c->errbuf.
 */
int	store_outbound_init(struct kore_curl *, const char *);

#endif
