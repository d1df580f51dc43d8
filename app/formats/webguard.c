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
 * Web submission checks (see webguard.h).
 */

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "webguard.h"

#define WEBGUARD_MAC_HEX	32
#define WEBGUARD_SKEW		60

static void	webguard_mac(const char *, const char *, size_t, char *);

/* The first WEBGUARD_MAC_HEX hex digits of HMAC-SHA256(secret, ts). */
static void
webguard_mac(const char *secret, const char *ts, size_t len, char *out)
{
	unsigned char	mac[EVP_MAX_MD_SIZE];
	unsigned int	maclen;
	char		msg[64];
	int		i, n;

	n = snprintf(msg, sizeof(msg), "open311d-web:%.*s", (int)len, ts);
	(void)HMAC(EVP_sha256(), secret, (int)strlen(secret),
	    (const unsigned char *)msg, (size_t)n, mac, &maclen);
	for (i = 0; i < WEBGUARD_MAC_HEX / 2; i++)
		(void)snprintf(out + i * 2, 3, "%02x", mac[i]);
	out[WEBGUARD_MAC_HEX] = '\0';
}

void
webguard_token(const char *secret, long long now, char *out)
{
	char	ts[24];
	int	n;

	n = snprintf(ts, sizeof(ts), "%lld", now);
	(void)snprintf(out, WEBGUARD_TOKEN_LEN, "%s.", ts);
	webguard_mac(secret, ts, (size_t)n, out + n + 1);
}

int
webguard_check(const char *secret, const char *token, long long now,
    int min, int max, int *wait)
{
	char		mac[WEBGUARD_MAC_HEX + 1];
	const char	*dot;
	char		*end;
	long long	ts;
	size_t		len;

	*wait = 0;
	if (token == NULL || (dot = strchr(token, '.')) == NULL ||
	    (len = (size_t)(dot - token)) == 0 || len > 19 ||
	    strspn(token, "0123456789") != len ||
	    strlen(dot + 1) != WEBGUARD_MAC_HEX)
		return (WEBGUARD_BAD);
	webguard_mac(secret, token, len, mac);
	if (CRYPTO_memcmp(mac, dot + 1, WEBGUARD_MAC_HEX) != 0)
		return (WEBGUARD_BAD);

	ts = strtoll(token, &end, 10);
	if (ts > now + WEBGUARD_SKEW)
		return (WEBGUARD_BAD);
	if (now - ts > max)
		return (WEBGUARD_OLD);
	if (now - ts < min) {
		*wait = (int)(min - (now - ts));
		return (WEBGUARD_EARLY);
	}
	return (WEBGUARD_OK);
}

int
webguard_same_origin(const char *origin, const char *host, int tls)
{
	const char	*scheme;
	size_t		n;

	if (origin == NULL || host == NULL || host[0] == '\0')
		return (0);
	scheme = tls ? "https://" : "http://";
	n = strlen(scheme);
	if (strncmp(origin, scheme, n))
		return (0);
	return (strcasecmp(origin + n, host) == 0);
}
