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
 * The signature of a webhook delivery: HMAC-SHA256 over "timestamp.body"
 * with the destination's secret, as the receiver checks it. Pure code.
 */

#ifndef __H_FMT_SIGN
#define __H_FMT_SIGN

#include "lib/buf.h"

/*
 * Appends the X-Open311-Signature header value for body sent at ts
 * (seconds since the epoch, as text) with secret to out:
 * "t=<ts>,v1=<hex of HMAC-SHA256(secret, ts "." body)>".
 */
void	fmt_sign_webhook(const char *, const char *, const char *,
	    struct buf *);

#endif
