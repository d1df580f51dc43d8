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
 * Request path splitting and percent-decoding (see path.h).
 */

#include <ctype.h>
#include <string.h>

#include "path.h"

static int	hexval(int);

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

int
fmt_pct_decode(const char *in, size_t len, char *out, int plus)
{
	size_t	i, o;
	int	hi, lo;

	for (i = 0, o = 0; i < len; i++) {
		if (in[i] == '%') {
			if (i + 2 >= len)
				return (-1);
			hi = hexval((unsigned char)in[i + 1]);
			lo = hexval((unsigned char)in[i + 2]);
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				return (-1);
			out[o++] = (char)((hi << 4) | lo);
			i += 2;
		} else if (in[i] == '+' && plus) {
			out[o++] = ' ';
		} else if (in[i] == '\0') {
			return (-1);
		} else {
			out[o++] = in[i];
		}
	}

	out[o] = '\0';
	return ((int)o);
}

int
fmt_path_parse(const char *path, struct fmt_path *p)
{
	const char	*s, *e;
	char		*w, *dot, *last;
	size_t		len, i;
	int		n;

	memset(p, 0, sizeof(*p));
	if (strlen(path) >= sizeof(p->buf) - FMT_PATH_SEGS - 1)
		return (-1);

	w = p->buf;
	for (s = path; *s != '\0'; s = e) {
		while (*s == '/')
			s++;
		if (*s == '\0')
			break;
		for (e = s; *e != '\0' && *e != '/'; e++)
			;
		if (p->nsegs == FMT_PATH_SEGS + 1)
			return (-1);
		if ((n = fmt_pct_decode(s, (size_t)(e - s), w, 0)) == -1)
			return (-1);
		p->segs[p->nsegs++] = w;
		w += n + 1;
	}

	if (p->nsegs > 1 && !strcmp(p->segs[0], "test")) {
		p->test = 1;
		memmove(&p->segs[0], &p->segs[1],
		    (size_t)(p->nsegs - 1) * sizeof(p->segs[0]));
		p->nsegs--;
		p->segs[p->nsegs] = NULL;
	}

	if (p->nsegs > FMT_PATH_SEGS)
		return (-1);
	if (p->nsegs == 0)
		return (0);

	last = p->segs[p->nsegs - 1];
	if ((dot = strrchr(last, '.')) == NULL || dot == last)
		return (0);

	len = strlen(dot + 1);
	if (len == 0 || len >= sizeof(p->ext))
		return (0);
	for (i = 0; i < len; i++) {
		if (!isalnum((unsigned char)dot[1 + i]))
			return (0);
	}

	memcpy(p->ext, dot + 1, len + 1);
	*dot = '\0';
	return (0);
}

char *
fmt_path_shift(struct fmt_path *p)
{
	char	*first;

	if (p->nsegs < 2)
		return (NULL);
	first = p->segs[0];
	memmove(&p->segs[0], &p->segs[1],
	    (size_t)(p->nsegs - 1) * sizeof(p->segs[0]));
	p->nsegs--;
	p->segs[p->nsegs] = NULL;
	return (first);
}

int
fmt_path_match(const struct fmt_path *p, const char *pattern,
    const char **caps, int ncaps)
{
	const char	*s, *e;
	size_t		len;
	int		i, c;

	c = 0;
	s = pattern;
	for (i = 0; i < p->nsegs; i++) {
		if (*s == '\0')
			return (0);
		if ((e = strchr(s, '/')) == NULL)
			e = s + strlen(s);
		len = (size_t)(e - s);

		if (len == 1 && *s == '*' && *e == '\0') {
			if (c < ncaps)
				caps[c++] = p->segs[i];
			return (1);
		} else if (len == 1 && *s == ':') {
			if (c < ncaps)
				caps[c++] = p->segs[i];
		} else if (strlen(p->segs[i]) != len ||
		    memcmp(p->segs[i], s, len)) {
			return (0);
		}

		s = (*e == '/') ? e + 1 : e;
	}

	return (*s == '\0');
}
