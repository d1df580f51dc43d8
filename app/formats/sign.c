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
 * Webhook signatures (see sign.h).
 */

#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "sign.h"

void
fmt_sign_webhook(const char *secret, const char *ts, const char *body,
    struct buf *out)
{
	static const char	hex[] = "0123456789abcdef";
	unsigned char		mac[EVP_MAX_MD_SIZE];
	unsigned int		maclen, i;
	struct buf		text;

	buf_init(&text);
	buf_printf(&text, "%s.%s", ts, body);
	maclen = 0;
	(void)HMAC(EVP_sha256(), secret, (int)strlen(secret),
	    (const unsigned char *)text.data, text.len, mac, &maclen);
	buf_free(&text);

	buf_printf(out, "t=%s,v1=", ts);
	for (i = 0; i < maclen; i++) {
		buf_byte(out, hex[mac[i] >> 4]);
		buf_byte(out, hex[mac[i] & 0xf]);
	}
}
