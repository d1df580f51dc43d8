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
 * Parameters of requests (see params.h).
 */

#include <sys/types.h>
#include <sys/socket.h>
#include <arpa/inet.h>

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "http.h"
#include "params.h"
#include "utf8.h"
#include "lib/mem.h"

#define PARAMS_DATE_EXAMPLE	"2026-11-01T00:00:00Z"

static int	params_digits(const char *, size_t, size_t);
static int	params_count(const char *, long long *);

static const char *const	bool_words[2][4] = {
	{ "no", "false", "off", "0" },
	{ "yes", "true", "on", "1" },
};

/* 1 when s is min to max decimal digits. */
static int
params_digits(const char *s, size_t min, size_t max)
{
	size_t	len;

	len = strlen(s);
	return (len >= min && len <= max &&
	    strspn(s, "0123456789") == len);
}

/* A count: decimal digits only, into *n (huge values saturate). */
static int
params_count(const char *s, long long *n)
{
	char	*end;

	if (!isdigit((unsigned char)*s))
		return (-1);
	*n = strtoll(s, &end, 10);
	return (*end == '\0' ? 0 : -1);
}

int
params_number(const char *v, double min, double max, char *out)
{
	char	*end;
	double	d;

	if (*v == '\0' || strspn(v, "+-0123456789.eE") != strlen(v) ||
	    strchr("+-.0123456789", *v) == NULL)
		return (-1);
	d = strtod(v, &end);
	if (*end != '\0' || !isfinite(d) || d < min || d > max)
		return (-1);
	(void)snprintf(out, PARAMS_NUMBER_LEN, "%.8f", d);
	return (0);
}

int
params_id(const char *s)
{
	return (params_digits(s, 1, PARAMS_ID_DIGITS));
}

int
params_hex(const char *s, size_t min, size_t max)
{
	size_t	len;

	len = strlen(s);
	return (len >= min && len <= max &&
	    strspn(s, "0123456789abcdef") == len);
}

int
params_bool(const char *v, int def)
{
	int	b, i;

	if (v == NULL)
		return (def);
	for (b = 0; b < 2; b++) {
		for (i = 0; i < 4; i++) {
			if (!strcasecmp(v, bool_words[b][i]))
				return (b);
		}
	}
	return (-1);
}

int
params_list(const char *v, int flags, struct buf *out)
{
	const char	*items[PARAMS_LIST_MAX];
	char		*copy, *p, *next, *e;
	int		n, i, rc;

	copy = mem_strdup(v);
	n = 0;
	rc = 0;
	for (p = copy; p != NULL && n < PARAMS_LIST_MAX; p = next) {
		if ((next = strchr(p, ',')) != NULL)
			*next++ = '\0';
		while (*p == ' ')
			p++;
		e = p + strlen(p);
		while (e > p && e[-1] == ' ')
			*--e = '\0';
		if (*p == '\0')
			continue;
		if (flags & PARAMS_LIST_STATUS) {
			for (i = 0; p[i] != '\0'; i++)
				p[i] = (char)tolower((unsigned char)p[i]);
			if (strcmp(p, "open") && strcmp(p, "closed"))
				rc = -1;
		}
		if ((flags & PARAMS_LIST_IDS) && !params_id(p))
			rc = -1;
		if (rc == -1)
			break;
		items[n++] = p;
	}

	if (rc == 0) {
		params_pg_array(out, items, (size_t)n);
		rc = n;
	}
	free(copy);
	return (rc);
}

int
params_page(const char *page, const char *size, long long *limit,
    long long *offset, char *err, size_t errlen)
{
	long long	n, p;

	n = PARAMS_PAGE_SIZE_MAX;
	if (size != NULL) {
		if (params_count(size, &n) == -1 || n < 1) {
			(void)snprintf(err, errlen, "page_size must be a "
			    "number from 1 to %d, not '%.40s'",
			    PARAMS_PAGE_SIZE_MAX, size);
			return (-1);
		}
		if (n > PARAMS_PAGE_SIZE_MAX)
			n = PARAMS_PAGE_SIZE_MAX;
	}

	p = 1;
	if (page != NULL) {
		if (params_count(page, &p) == -1 || p > PARAMS_PAGE_MAX) {
			(void)snprintf(err, errlen, "page must be a number "
			    "from 1 to %d (0 is the first page too), not "
			    "'%.40s'", PARAMS_PAGE_MAX, page);
			return (-1);
		}
		if (p == 0)
			p = 1;
	}

	*limit = n;
	*offset = (p - 1) * n;
	return (0);
}

int
params_date(const char *name, const char *v, long long *t, char *err,
    size_t errlen)
{
	if (fmt_date_parse(v, t, NULL) == 0)
		return (0);
	(void)snprintf(err, errlen, "%s must be a W3C date-time such as "
	    PARAMS_DATE_EXAMPLE ", not '%.40s'", name, v);
	return (-1);
}

int
params_dates(const char *fname, const char *from, const char *tname,
    const char *to, int strict, struct params_dates *d, char *err,
    size_t errlen)
{
	memset(d, 0, sizeof(*d));
	if (from != NULL) {
		if (params_date(fname, from, &d->from, err, errlen) == -1)
			return (-1);
		d->has_from = 1;
	}
	if (to != NULL) {
		if (params_date(tname, to, &d->to, err, errlen) == -1)
			return (-1);
		d->has_to = 1;
	}
	if (d->has_from && d->has_to &&
	    (d->from > d->to || (strict && d->from == d->to))) {
		(void)snprintf(err, errlen, strict ? "%s must be before %s" :
		    "%s is after %s", fname, tname);
		return (-1);
	}
	return (0);
}

int
params_window(const char *start, const char *end, long long now,
    long long span, int flags, struct params_dates *d, char *err,
    size_t errlen)
{
	memset(d, 0, sizeof(*d));
	d->to = now;
	if (end != NULL) {
		if (params_date("end_date", end, &d->to, err, errlen) == -1)
			return (-1);
		d->has_to = 1;
	}
	d->from = d->to - span;
	if (start != NULL) {
		if (params_date("start_date", start, &d->from, err,
		    errlen) == -1)
			return (-1);
		d->has_from = 1;
	}

	/* A start_date ahead of our clock alone finds nothing yet. */
	if ((d->from > d->to && (d->has_to || (flags & PARAMS_WINDOW_STRICT)))
	    || ((flags & PARAMS_WINDOW_STRICT) && d->from == d->to)) {
		(void)snprintf(err, errlen, (flags & PARAMS_WINDOW_STRICT) ?
		    "start_date must be before end_date" :
		    "start_date is after end_date");
		return (-1);
	}
	if ((flags & PARAMS_WINDOW_CUT) && d->to - d->from > span)
		d->from = d->to - span;
	return (0);
}

int
params_text(const char *name, const char *v, int class, size_t maxchars,
    char *err, size_t errlen)
{
	const char	*why;
	size_t		len;

	len = strlen(v);
	if ((why = fmt_text_check(v, len, class)) != NULL) {
		(void)snprintf(err, errlen, "%s %s", name, why);
		return (-1);
	}
	if (fmt_utf8_chars(v, len) > maxchars) {
		(void)snprintf(err, errlen, "%s is longer than %zu characters",
		    name, maxchars);
		return (-1);
	}
	return (0);
}

const char *
params_bearer(const char *hdr)
{
	if (strncasecmp(hdr, "Bearer ", 7) || hdr[7] == '\0')
		return (NULL);
	return (hdr + 7);
}

void
params_address(int family, const void *addr, const char *forwarded,
    int hops, char *out, size_t len)
{
	char	fwd[FMT_ADDR_LEN];

	if (forwarded != NULL && fmt_forwarded_for(forwarded, hops, fwd) == 0 &&
	    strlen(fwd) < len) {
		memcpy(out, fwd, strlen(fwd) + 1);
		return;
	}

	(void)snprintf(out, len, "-");
	if (addr != NULL && (family == AF_INET || family == AF_INET6) &&
	    inet_ntop(family, addr, out, (socklen_t)len) == NULL)
		(void)snprintf(out, len, "-");
}

void
params_pg_array(struct buf *b, const char *const *items, size_t n)
{
	const char	*s;
	size_t		i;

	buf_byte(b, '{');
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_byte(b, ',');
		buf_byte(b, '"');
		for (s = items[i]; *s != '\0'; s++) {
			if (*s == '"' || *s == '\\')
				buf_byte(b, '\\');
			buf_byte(b, *s);
		}
		buf_byte(b, '"');
	}
	buf_byte(b, '}');
}

int
params_pg_array_next(const char **s, struct buf *item)
{
	const char	*p;

	p = *s;
	if (*p != '{' && *p != ',' && *p != '}' && *p != '\0')
		return (-1);
	if (*p == '{' || *p == ',')
		p++;
	if (*p == '}' || *p == '\0') {
		*s = p;
		return (0);
	}

	buf_reset(item);
	if (*p == '"') {
		for (p++; *p != '\0' && *p != '"'; p++) {
			if (*p == '\\' && p[1] != '\0')
				p++;
			buf_byte(item, *p);
		}
		if (*p == '"')
			p++;
	} else {
		while (*p != '\0' && *p != ',' && *p != '}')
			buf_byte(item, *p++);
	}
	(void)buf_cstr(item);
	*s = p;
	return (1);
}
