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
 * The web pages' security policy (see csp.h).
 */

#include <string.h>

#include "csp.h"

int
fmt_tile_origin(const char *url, char *out, size_t len)
{
	const char	*host, *end, *p;
	size_t		n, scheme;

	out[0] = '\0';
	if (!strncmp(url, "https://", 8))
		scheme = 8;
	else if (!strncmp(url, "http://", 7))
		scheme = 7;
	else
		return (-1);

	host = url + scheme;
	end = host + strcspn(host, "/");
	p = host;
	if (!strncmp(p, "{s}.", 4))
		p += 4;
	if (p == end)
		return (-1);
	for (; p < end; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' ||
		    *p == ':'))
			return (-1);
	}

	n = (size_t)(end - url);
	if (n + 1 > len)
		return (-1);
	if (!strncmp(host, "{s}.", 4)) {
		if (n + 1 - 2 > len)
			return (-1);
		memcpy(out, url, scheme);
		memcpy(out + scheme, "*.", 2);
		memcpy(out + scheme + 2, host + 4, (size_t)(end - host) - 4);
		out[n - 2] = '\0';
		return (0);
	}
	memcpy(out, url, n);
	out[n] = '\0';
	return (0);
}

void
fmt_csp(struct buf *out, const char *tiles)
{
	buf_str(out, "default-src 'self'; script-src 'self'; "
	    "style-src 'self'; img-src 'self' data: blob:");
	if (tiles[0] != '\0') {
		buf_byte(out, ' ');
		buf_str(out, tiles);
	}
	buf_str(out, "; connect-src 'self'; font-src 'self'; "
	    "object-src 'none'; base-uri 'none'; form-action 'self'; "
	    "frame-ancestors 'none'");
}
