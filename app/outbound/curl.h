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
 * Every connection the gateway opens to the outside (webhooks, upstream
 * Open311 servers, the SMTP relay) starts here, so the outbound policy
 * of the settings applies to each: the destinations allowed
 * (cfg_outbound_check), the CA file, STARTTLS for SMTP.
 */

#ifndef __H_OUTBOUND_CURL
#define __H_OUTBOUND_CURL

struct kore_curl;

/*
 * Sets up c (asynchronous) for url under the outbound policy. Returns
 * KORE_RESULT_OK, or KORE_RESULT_ERROR with the reason in c->errbuf.
 */
int	outbound_curl_init(struct kore_curl *, const char *);

#endif
