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
 * A strict well-formedness check for the XML the document writer emits,
 * shared by the unit tests and the fuzz targets so neither needs libxml2:
 * the exact prolog, then one root element; elements without attributes;
 * text of XML 1.0 characters in valid UTF-8 where '<' only opens a tag,
 * '&' only starts one of the five named references or a character
 * reference, and no control character other than tab and LF appears raw
 * (the writer sends CR as &#13;).
 */

#ifndef __H_TEST_XMLCHECK
#define __H_TEST_XMLCHECK

#include <sys/types.h>

#include <ctype.h>
#include <stddef.h>
#include <string.h>

#include "formats/utf8.h"

#define XMLCHECK_DEPTH		64

static int	xmlcheck_char(u_int32_t);
static int	xmlcheck_name(const char **, const char *, const char **,
		    size_t *);
static int	xmlcheck_ref(const char **, const char *);
static int	xml_wellformed(const char *, size_t);

/* The Char production of XML 1.0, less CR (never raw in our output). */
static int
xmlcheck_char(u_int32_t cp)
{
	return (cp == 0x9 || cp == 0xa || (cp >= 0x20 && cp <= 0xd7ff) ||
	    (cp >= 0xe000 && cp <= 0xfffd) ||
	    (cp >= 0x10000 && cp <= 0x10ffff));
}

static int
xmlcheck_name(const char **pp, const char *end, const char **name,
    size_t *nlen)
{
	const char	*p;

	p = *pp;
	if (p >= end || !(isalpha((unsigned char)*p) || *p == '_'))
		return (0);
	*name = p;
	while (p < end && (isalnum((unsigned char)*p) || *p == '_' ||
	    *p == '-' || *p == '.'))
		p++;
	*nlen = (size_t)(p - *name);
	*pp = p;
	return (1);
}

/* A reference at *pp ('&' included). */
static int
xmlcheck_ref(const char **pp, const char *end)
{
	static const char	*named[] = {
		"&amp;", "&lt;", "&gt;", "&quot;", "&apos;", NULL
	};
	const char		*p;
	u_int32_t		cp;
	size_t			i, n;
	int			hex;

	p = *pp;
	for (i = 0; named[i] != NULL; i++) {
		n = strlen(named[i]);
		if ((size_t)(end - p) >= n && !memcmp(p, named[i], n)) {
			*pp = p + n;
			return (1);
		}
	}

	if (end - p < 4 || p[1] != '#')
		return (0);
	p += 2;
	hex = 0;
	if (*p == 'x') {
		hex = 1;
		p++;
	}
	cp = 0;
	for (n = 0; p < end && *p != ';'; p++, n++) {
		if (n >= 7)
			return (0);
		if (isdigit((unsigned char)*p))
			cp = cp * (hex ? 16 : 10) + (u_int32_t)(*p - '0');
		else if (hex && isxdigit((unsigned char)*p))
			cp = cp * 16 + (u_int32_t)(tolower((unsigned char)*p) -
			    'a' + 10);
		else
			return (0);
	}
	if (p >= end || n == 0 || !(xmlcheck_char(cp) || cp == 0xd))
		return (0);
	*pp = p + 1;
	return (1);
}

/* Returns 1 when the len bytes at s are a well-formed document. */
static int
xml_wellformed(const char *s, size_t len)
{
	static const char	prolog[] =
	    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
	const char		*p, *end, *name;
	const char		*stack[XMLCHECK_DEPTH];
	size_t			slen[XMLCHECK_DEPTH], nlen, n;
	u_int32_t		cp;
	int			depth, roots;

	if (len < sizeof(prolog) - 1 || memcmp(s, prolog, sizeof(prolog) - 1))
		return (0);

	p = s + sizeof(prolog) - 1;
	end = s + len;
	depth = 0;
	roots = 0;

	while (p < end) {
		if (*p == '<') {
			p++;
			if (p < end && *p == '/') {
				p++;
				if (!xmlcheck_name(&p, end, &name, &nlen) ||
				    p >= end || *p != '>' || depth == 0 ||
				    slen[depth - 1] != nlen ||
				    memcmp(stack[depth - 1], name, nlen))
					return (0);
				p++;
				depth--;
				continue;
			}
			if (!xmlcheck_name(&p, end, &name, &nlen))
				return (0);
			if (depth == 0)
				roots++;
			if (end - p >= 2 && p[0] == '/' && p[1] == '>') {
				p += 2;
				continue;
			}
			if (p >= end || *p != '>' || depth == XMLCHECK_DEPTH)
				return (0);
			p++;
			stack[depth] = name;
			slen[depth] = nlen;
			depth++;
			continue;
		}

		if (depth == 0)
			return (0);

		if (*p == '&') {
			if (!xmlcheck_ref(&p, end))
				return (0);
			continue;
		}

		if (end - p >= 3 && !memcmp(p, "]]>", 3))
			return (0);
		if ((n = fmt_utf8_decode((const u_int8_t *)p,
		    (size_t)(end - p), &cp)) == 0 || !xmlcheck_char(cp))
			return (0);
		p += n;
	}

	return (depth == 0 && roots == 1);
}

#endif
