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
 * Cookies: one value out of a Cookie header, and a Set-Cookie value (see
 * cookie.h).
 */

#include <string.h>

#include "cookie.h"

int
fmt_cookie_get(const char *hdr, const char *name, char *out, size_t outlen)
{
	const char	*p, *eq, *end;
	size_t		nlen, vlen;
	int		found;

	found = -1;
	nlen = strlen(name);
	for (p = hdr; p != NULL && *p != '\0'; p = end) {
		p += strspn(p, " \t;");
		if (*p == '\0')
			break;
		if ((end = strchr(p, ';')) == NULL)
			end = p + strlen(p);
		if ((eq = memchr(p, '=', (size_t)(end - p))) == NULL ||
		    (size_t)(eq - p) != nlen || strncmp(p, name, nlen))
			continue;
		if (found != -1)
			return (-1);
		eq++;
		vlen = (size_t)(end - eq);
		while (vlen > 0 && (eq[vlen - 1] == ' ' || eq[vlen - 1] == '\t'))
			vlen--;
		if (vlen >= 2 && eq[0] == '"' && eq[vlen - 1] == '"') {
			eq++;
			vlen -= 2;
		}
		if (vlen >= outlen)
			return (-1);
		memcpy(out, eq, vlen);
		out[vlen] = '\0';
		found = (int)vlen;
	}
	return (found);
}

void
fmt_cookie_set(struct buf *b, const char *name, const char *value,
    const char *path, int secure, long long maxage)
{
	buf_printf(b, "%s=%s; Path=%s; Max-Age=%lld; HttpOnly; "
	    "SameSite=Strict%s", name, value, path, maxage,
	    secure ? "; Secure" : "");
}
