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
 * UTF-8 decoding and validation (RFC 3629): rejects overlong forms,
 * surrogates and code points above U+10FFFF.
 */

#include <sys/types.h>

#include <stddef.h>

#include "utf8.h"

size_t
fmt_utf8_decode(const u_int8_t *s, size_t len, u_int32_t *cp)
{
	u_int32_t	c, min;
	size_t		n, i;

	if (len == 0)
		return (0);

	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return (1);
	} else if ((c & 0xe0) == 0xc0) {
		n = 2;
		c &= 0x1f;
		min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 3;
		c &= 0x0f;
		min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		return (0);
	}

	if (len < n)
		return (0);

	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return (0);
		c = (c << 6) | (s[i] & 0x3f);
	}

	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return (0);

	*cp = c;
	return (n);
}

int
fmt_utf8_valid(const char *s, size_t len)
{
	const u_int8_t	*p;
	u_int32_t	cp;
	size_t		n;

	p = (const u_int8_t *)s;
	while (len > 0) {
		if (*p < 0x80) {
			p++;
			len--;
			continue;
		}
		if ((n = fmt_utf8_decode(p, len, &cp)) == 0)
			return (0);
		p += n;
		len -= n;
	}

	return (1);
}

size_t
fmt_utf8_chars(const char *s, size_t len)
{
	const u_int8_t	*p;
	u_int32_t	cp;
	size_t		n, count;

	count = 0;
	p = (const u_int8_t *)s;
	while (len > 0) {
		if ((n = fmt_utf8_decode(p, len, &cp)) == 0)
			n = 1;
		p += n;
		len -= n;
		count++;
	}

	return (count);
}

const char *
fmt_text_check(const char *s, size_t len, int class)
{
	const u_int8_t	*p;
	u_int32_t	cp;
	size_t		n;

	p = (const u_int8_t *)s;
	while (len > 0) {
		if ((n = fmt_utf8_decode(p, len, &cp)) == 0)
			return ("is not valid UTF-8");

		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
			if (class != FMT_TEXT_MULTILINE ||
			    (cp != '\t' && cp != '\n' && cp != '\r'))
				return ("contains a control character");
		}

		if (cp == 0xfffe || cp == 0xffff)
			return ("contains a non-character");

		p += n;
		len -= n;
	}

	return (NULL);
}

size_t
fmt_utf8_encode(u_int32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return (1);
	} else if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return (2);
	} else if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return (3);
	}

	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return (4);
}
