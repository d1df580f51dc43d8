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
 * Keyset cursors for GET /requests (see cursor.h): "<kind><us>.<id>.<check>"
 * with the check the FNV-1a hash of the kind, position and scope, in hex.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cursor.h"
#include "lib/hash.h"

static uint64_t	cursor_check(char, long long, long long, const char *);
static int	cursor_dropped(const char *, size_t);
static int	cursor_number(const char **, char, long long *);

static uint64_t
cursor_check(char kind, long long us, long long id, const char *scope)
{
	struct buf	b;
	uint64_t	h;

	buf_init(&b);
	buf_printf(&b, "open311d cursor %c %lld %lld ?%s", kind, us, id,
	    scope != NULL ? scope : "");
	h = hash_fnv1a(buf_cstr(&b));
	buf_free(&b);
	return (h);
}

/* Whether the parameter name..len is one the scope leaves out. */
static int
cursor_dropped(const char *name, size_t len)
{
	static const char	*drop[] = {
		"page", "cursor", "api_key", NULL
	};
	int			i;

	for (i = 0; drop[i] != NULL; i++) {
		if (strlen(drop[i]) == len && !strncmp(name, drop[i], len))
			return (1);
	}
	return (0);
}

void
fmt_cursor_scope(struct buf *out, const char *qs)
{
	size_t		len, nlen;
	int		first;

	first = 1;
	while (qs != NULL && *qs != '\0') {
		len = strcspn(qs, "&");
		nlen = strcspn(qs, "=&");
		if (len > 0 && !cursor_dropped(qs, nlen)) {
			if (!first)
				buf_byte(out, '&');
			buf_add(out, qs, len);
			first = 0;
		}
		qs += len;
		if (*qs == '&')
			qs++;
	}
}

void
fmt_cursor_make(struct buf *out, char kind, long long us, long long id,
    const char *scope)
{
	buf_printf(out, "%c%lld.%lld.%016" PRIx64, kind, us, id,
	    cursor_check(kind, us, id, scope));
}

/* A decimal number of at most 18 digits ending at end; moves *s on. */
static int
cursor_number(const char **s, char end, long long *v)
{
	const char	*p;
	size_t		n;

	p = *s;
	n = strspn(p, "0123456789");
	if (n == 0 || n > 18 || p[n] != end || (n > 1 && p[0] == '0'))
		return (-1);
	*v = strtoll(p, NULL, 10);
	*s = p + n + 1;
	return (0);
}

int
fmt_cursor_parse(const char *s, char kind, const char *scope, long long *us,
    long long *id)
{
	const char	*p;
	char		*end;
	uint64_t	check;

	if (s == NULL || strlen(s) > CURSOR_LEN_MAX || s[0] != kind)
		return (-1);
	p = s + 1;
	if (cursor_number(&p, '.', us) == -1 ||
	    cursor_number(&p, '.', id) == -1)
		return (-1);
	if (strlen(p) != 16 || strspn(p, "0123456789abcdef") != 16)
		return (-1);
	errno = 0;
	check = strtoull(p, &end, 16);
	if (errno != 0 || *end != '\0' ||
	    check != cursor_check(kind, *us, *id, scope))
		return (-1);
	return (0);
}
