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
 * The HTTP details of the response path that are pure text work:
 * entity tags and If-None-Match, HTTP dates for Last-Modified and
 * If-Modified-Since, and JSONP callback names. Tested and fuzzed without
 * a server. And what of a query string may go into a log line, and
 * which address a request counts against (X-Forwarded-For, IPv6 /64).
 */

#ifndef __H_FMT_HTTP
#define __H_FMT_HTTP

#include <stddef.h>

#include "buf.h"

#define FMT_ETAG_LEN	19	/* "\"" 16 hex digits "\"" and a NUL */
#define FMT_HTTP_DATE_LEN	64	/* an IMF-fixdate (29 bytes) fits */
#define FMT_CALLBACK_MAX	128

/*
 * Writes a strong entity tag for body (len bytes) to out: a quoted
 * 64-bit hash of the bytes, the same for the same bytes.
 */
void	fmt_etag(const void *, size_t, char *);

/*
 * Whether an If-None-Match value (a comma list of entity tags, weak or
 * strong, or "*") matches etag by the weak comparison. A malformed
 * value matches nothing.
 */
int	fmt_etag_match(const char *, const char *);

/* Writes secs as an IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT". */
void	fmt_http_date(long long, char *);

/*
 * Parses an HTTP date in any of the three forms recipients must accept
 * (IMF-fixdate, RFC 850, asctime), from 1970 to 9999. Returns 0 with
 * the seconds since the epoch, or -1.
 */
int	fmt_http_date_parse(const char *, long long *);

/*
 * Whether name may be used as a JSONP callback: a JavaScript identifier
 * path, [A-Za-z_$][A-Za-z0-9_$.]*, at most FMT_CALLBACK_MAX bytes, no
 * empty path segment.
 */
int	fmt_callback_valid(const char *);

/* What fmt_url_check() finds. */
#define FMT_URL_OK	0
#define FMT_URL_NOHOST	1
#define FMT_URL_BAD	2

/*
 * Checks a link a client gives (media_url): http:// or https:// (any
 * case) followed by a host, at most 2048 bytes, one line of valid UTF-8,
 * none of the characters space, ", <, > and \. Returns FMT_URL_OK,
 * FMT_URL_NOHOST (not http or https, or no host) or FMT_URL_BAD.
 */
int	fmt_url_check(const char *, size_t);

/*
 * Appends query string qs to out for the access log: the pairs in their
 * order, each value kept only for the filter and paging parameters that
 * carry no secret or personal data (jurisdiction_id, service_code,
 * status, dates, pages, lat/long/radius/bbox, ...), every other value
 * (api_key, tokens, e-mail addresses, names, descriptions) written as
 * "-". Names are written as sent.
 */
void	fmt_query_redact(struct fmt_buf *, const char *);

#define FMT_ADDR_LEN	64	/* an IPv6 address with /64, and a NUL */

/*
 * The client address an X-Forwarded-For value gives when the last hops
 * proxies before the gateway are trusted: each proxy appends the address
 * it was connected from, so the client is the hops-th entry from the end
 * (the first entry when there are fewer). An entry may carry a port
 * (192.0.2.1:5678, [2001:db8::1]:443). Writes the address to out
 * (FMT_ADDR_LEN bytes). Returns 0, or -1 when that entry is not an IP
 * address (the caller uses the peer's).
 */
int	fmt_forwarded_for(const char *, int, char *);

/*
 * The rate-limit client of an address (text, IPv4 or IPv6): an IPv4
 * address stays as it is, an IPv6 one counts for its /64 (one
 * subscriber's usual allocation: "2001:db8:1:2::/64"), an IPv4-mapped
 * IPv6 address as its IPv4 one. Writes FMT_ADDR_LEN bytes to out;
 * anything else is copied as it is (truncated).
 */
void	fmt_rate_client(const char *, char *);

#endif
