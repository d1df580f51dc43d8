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
 * Entity tags, HTTP dates, JSONP names, log-safe query strings and
 * client addresses (see http.h).
 */

#include <sys/socket.h>

#include <arpa/inet.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "http.h"
#include "utf8.h"

static const char	*http_days[7] = {
	"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"
};
static const char	*http_months[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
	"Nov", "Dec"
};
static const char	*http_weekdays[7] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	"Sunday"
};

static int	http_num(const char **, int, int *);
static int	http_month(const char **, int *);
static int	http_clock(const char **, int *, int *, int *);
static int	http_lit(const char **, const char *);
static int	http_addr_entry(const char *, size_t, char *);

/*
 * A word-at-a-time multiply-xorshift hash: the body of a list answer
 * can be a megabyte, and this runs at memory speed where a byte-wise
 * hash would not.
 */
void
fmt_etag(const void *data, size_t len, char *out)
{
	const unsigned char	*p;
	uint64_t		h, w;
	size_t			i;

	p = data;
	h = 0x9e3779b97f4a7c15ULL ^ (uint64_t)len;
	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, p + i, 8);
		h ^= w * 0xff51afd7ed558ccdULL;
		h = (h << 27 | h >> 37) * 0xc4ceb9fe1a85ec53ULL;
	}
	w = 0;
	if (i < len)
		memcpy(&w, p + i, len - i);
	h ^= w * 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 29;
	(void)snprintf(out, FMT_ETAG_LEN, "\"%016llx\"", (unsigned long long)h);
}

int
fmt_etag_match(const char *list, const char *etag)
{
	const char	*p, *q;
	size_t		elen;

	elen = strlen(etag);
	for (p = list;;) {
		p += strspn(p, " \t");
		if (*p == '\0')
			return (0);
		if (*p == '*') {
			p++;
			p += strspn(p, " \t");
			return (*p == '\0' || *p == ',');
		}
		if (p[0] == 'W' && p[1] == '/')
			p += 2;
		if (*p != '"')
			return (0);
		if ((q = strchr(p + 1, '"')) == NULL)
			return (0);
		q++;
		if ((size_t)(q - p) == elen && !memcmp(p, etag, elen))
			return (1);
		p = q + strspn(q, " \t");
		if (*p == '\0')
			return (0);
		if (*p != ',')
			return (0);
		p++;
	}
}

void
fmt_http_date(long long secs, char *out)
{
	long long	days, rem, y, doy, mp, d, m;

	days = secs / 86400;
	rem = secs % 86400;
	if (rem < 0) {
		rem += 86400;
		days--;
	}

	/* Civil date from days (Howard Hinnant's algorithm). */
	d = days + 719468;
	y = (d >= 0 ? d : d - 146096) / 146097;
	doy = d - y * 146097;
	d = (doy - doy / 1460 + doy / 36524 - doy / 146096) / 365;
	y = d + y * 400;
	doy = doy - (365 * d + d / 4 - d / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	if (m <= 2)
		y++;

	(void)snprintf(out, FMT_HTTP_DATE_LEN,
	    "%s, %02lld %s %04lld %02lld:%02lld:%02lld GMT",
	    http_days[((days % 7) + 7) % 7], d, http_months[m - 1], y,
	    rem / 3600, rem / 60 % 60, rem % 60);
}

/* Exactly n digits (n 0: one or more, up to 4). */
static int
http_num(const char **s, int n, int *out)
{
	int	i, v, max;

	max = n ? n : 4;
	for (i = 0, v = 0; i < max && (*s)[i] >= '0' && (*s)[i] <= '9'; i++)
		v = v * 10 + ((*s)[i] - '0');
	if (i == 0 || (n && i != n))
		return (-1);
	*s += i;
	*out = v;
	return (0);
}

static int
http_month(const char **s, int *out)
{
	int	i;

	for (i = 0; i < 12; i++) {
		if (!strncmp(*s, http_months[i], 3)) {
			*s += 3;
			*out = i + 1;
			return (0);
		}
	}
	return (-1);
}

static int
http_clock(const char **s, int *h, int *mi, int *se)
{
	if (http_num(s, 2, h) == -1 || http_lit(s, ":") == -1 ||
	    http_num(s, 2, mi) == -1 || http_lit(s, ":") == -1 ||
	    http_num(s, 2, se) == -1)
		return (-1);
	return (*h > 23 || *mi > 59 || *se > 60 ? -1 : 0);
}

static int
http_lit(const char **s, const char *lit)
{
	size_t	n;

	n = strlen(lit);
	if (strncmp(*s, lit, n))
		return (-1);
	*s += n;
	return (0);
}

int
fmt_http_date_parse(const char *s, long long *out)
{
	static const int	mdays[12] = {
		31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int			i, y, mo, d, h, mi, se, leap;

	y = mo = d = h = mi = se = 0;
	for (i = 0; i < 7; i++) {
		if (!strncmp(s, http_weekdays[i], strlen(http_weekdays[i])))
			break;
	}

	if (i < 7) {
		/* RFC 850: Sunday, 06-Nov-94 08:49:37 GMT */
		s += strlen(http_weekdays[i]);
		if (http_lit(&s, ", ") == -1 || http_num(&s, 2, &d) == -1 ||
		    http_lit(&s, "-") == -1 || http_month(&s, &mo) == -1 ||
		    http_lit(&s, "-") == -1 || http_num(&s, 2, &y) == -1 ||
		    http_lit(&s, " ") == -1 || http_clock(&s, &h, &mi, &se) ||
		    http_lit(&s, " GMT") == -1)
			return (-1);
		y += y < 70 ? 2000 : 1900;
	} else {
		for (i = 0; i < 7; i++) {
			if (!strncmp(s, http_days[i], 3))
				break;
		}
		if (i == 7)
			return (-1);
		s += 3;
		if (*s == ',') {
			/* IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT */
			if (http_lit(&s, ", ") == -1 ||
			    http_num(&s, 2, &d) == -1 ||
			    http_lit(&s, " ") == -1 ||
			    http_month(&s, &mo) == -1 ||
			    http_lit(&s, " ") == -1 ||
			    http_num(&s, 4, &y) == -1 ||
			    http_lit(&s, " ") == -1 ||
			    http_clock(&s, &h, &mi, &se) == -1 ||
			    http_lit(&s, " GMT") == -1)
				return (-1);
		} else {
			/* asctime: Sun Nov  6 08:49:37 1994 */
			if (http_lit(&s, " ") == -1 ||
			    http_month(&s, &mo) == -1 ||
			    http_lit(&s, " ") == -1)
				return (-1);
			if (*s == ' ')
				s++;
			if (http_num(&s, 0, &d) == -1 || d > 99 ||
			    http_lit(&s, " ") == -1 ||
			    http_clock(&s, &h, &mi, &se) == -1 ||
			    http_lit(&s, " ") == -1 ||
			    http_num(&s, 4, &y) == -1)
				return (-1);
		}
	}
	if (*s != '\0')
		return (-1);

	if (y < 1970)
		return (-1);
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d < 1 || d > mdays[mo - 1] || (mo == 2 && d == 29 && !leap))
		return (-1);
	if (se == 60)
		se = 59;
	*out = fmt_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 +
	    se;
	return (0);
}

int
fmt_callback_valid(const char *name)
{
	size_t	i, len;
	int	seg;

	len = strlen(name);
	if (len == 0 || len > FMT_CALLBACK_MAX)
		return (0);
	for (i = 0, seg = 0; i < len; i++) {
		if (name[i] == '.') {
			if (seg == 0)
				return (0);
			seg = 0;
			continue;
		}
		if ((name[i] >= 'A' && name[i] <= 'Z') ||
		    (name[i] >= 'a' && name[i] <= 'z') || name[i] == '_' ||
		    name[i] == '$' || (seg > 0 && name[i] >= '0' &&
		    name[i] <= '9')) {
			seg++;
			continue;
		}
		return (0);
	}
	return (seg > 0);
}

int
fmt_url_check(const char *s, size_t len)
{
	if ((strncasecmp(s, "http://", 7) || strchr("/?#", s[7]) != NULL) &&
	    (strncasecmp(s, "https://", 8) || strchr("/?#", s[8]) != NULL))
		return (FMT_URL_NOHOST);
	if (len > 2048 || fmt_text_check(s, len, FMT_TEXT_LINE) != NULL ||
	    strpbrk(s, " \"<>\\") != NULL)
		return (FMT_URL_BAD);
	return (FMT_URL_OK);
}

void
fmt_query_redact(struct fmt_buf *out, const char *qs)
{
	static const char	*open[] = {
		"jurisdiction_id", "service_code", "service_request_id",
		"status", "detailed_status", "agency_responsible",
		"start_date", "end_date", "updated_after", "updated_before",
		"page", "page_size", "max_requests", "after", "lat", "long",
		"radius", "bbox", "extensions", "callback", "locale", NULL
	};
	const char	*amp, *eq;
	size_t		n, i;

	while (*qs != '\0') {
		amp = qs + strcspn(qs, "&");
		eq = memchr(qs, '=', (size_t)(amp - qs));
		n = (size_t)((eq != NULL ? eq : amp) - qs);
		fmt_buf_add(out, qs, n);
		if (eq != NULL) {
			for (i = 0; open[i] != NULL; i++) {
				if (strlen(open[i]) == n &&
				    !memcmp(open[i], qs, n))
					break;
			}
			if (open[i] != NULL)
				fmt_buf_add(out, eq, (size_t)(amp - eq));
			else
				fmt_buf_str(out, "=-");
		}
		if (*amp == '\0')
			break;
		fmt_buf_byte(out, '&');
		qs = amp + 1;
	}
}

/* addr (len bytes) as an IP address in out, without a port. */
static int
http_addr_entry(const char *addr, size_t len, char *out)
{
	unsigned char	bin[16];
	char		buf[FMT_ADDR_LEN];
	const char	*p;

	while (len > 0 && (*addr == ' ' || *addr == '\t')) {
		addr++;
		len--;
	}
	while (len > 0 && (addr[len - 1] == ' ' || addr[len - 1] == '\t'))
		len--;
	if (len == 0 || len >= sizeof(buf))
		return (-1);

	if (addr[0] == '[') {
		if ((p = memchr(addr, ']', len)) == NULL)
			return (-1);
		len = (size_t)(p - addr - 1);
		addr++;
	} else if ((p = memchr(addr, ':', len)) != NULL &&
	    memchr(p + 1, ':', len - (size_t)(p + 1 - addr)) == NULL) {
		len = (size_t)(p - addr);
	}
	memcpy(buf, addr, len);
	buf[len] = '\0';
	if (inet_pton(AF_INET, buf, bin) != 1 &&
	    inet_pton(AF_INET6, buf, bin) != 1)
		return (-1);
	memcpy(out, buf, len + 1);
	return (0);
}

int
fmt_forwarded_for(const char *xff, int hops, char *out)
{
	const char	*end, *start;
	int		n;

	if (hops < 1)
		hops = 1;
	end = xff + strlen(xff);
	for (n = 1;; n++) {
		start = end;
		while (start > xff && start[-1] != ',')
			start--;
		if (n == hops || start == xff)
			break;
		end = start - 1;
	}
	return (http_addr_entry(start, (size_t)(end - start), out));
}

void
fmt_rate_client(const char *addr, char *out)
{
	unsigned char	bin[16];
	char		buf[INET6_ADDRSTRLEN];

	if (inet_pton(AF_INET6, addr, bin) == 1) {
		if (!memcmp(bin, "\0\0\0\0\0\0\0\0\0\0\xff\xff", 12)) {
			(void)inet_ntop(AF_INET, bin + 12, out, FMT_ADDR_LEN);
			return;
		}
		memset(bin + 8, 0, 8);
		(void)inet_ntop(AF_INET6, bin, buf, sizeof(buf));
		(void)snprintf(out, FMT_ADDR_LEN, "%s/64", buf);
		return;
	}
	(void)snprintf(out, FMT_ADDR_LEN, "%s", addr);
}
