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
 * W3C date-time parsing and formatting (see date.h), with the civil
 * calendar arithmetic of Howard Hinnant's days_from_civil.
 */

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "date.h"

static int	date_digits(const char **, int, int *);
static int	date_days_in_month(int, int);

/* Reads exactly n digits. */
static int
date_digits(const char **s, int n, int *out)
{
	int	v, i;

	v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*s)[i]))
			return (-1);
		v = v * 10 + ((*s)[i] - '0');
	}
	*s += n;
	*out = v;
	return (0);
}

static int
date_days_in_month(int y, int m)
{
	static const int	days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return (29);
	return (days[m - 1]);
}

long long
fmt_days_from_civil(int y, int m, int d)
{
	long long	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

int
fmt_date_parse(const char *s, long long *secs, int *usec)
{
	int		y, mo, d, h, mi, sec, us, digits, tzh, tzm, sign;
	long long	t;

	h = mi = sec = us = 0;
	tzh = tzm = 0;
	sign = 1;

	if (date_digits(&s, 4, &y) == -1 || *s++ != '-' ||
	    date_digits(&s, 2, &mo) == -1 || *s++ != '-' ||
	    date_digits(&s, 2, &d) == -1)
		return (-1);
	if (y < 1 || mo < 1 || mo > 12 || d < 1 ||
	    d > date_days_in_month(y, mo))
		return (-1);

	if (*s == 'T' || *s == 't' || (*s == ' ' &&
	    isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2]) &&
	    s[3] == ':')) {
		s++;
		if (date_digits(&s, 2, &h) == -1 || *s++ != ':' ||
		    date_digits(&s, 2, &mi) == -1)
			return (-1);
		if (*s == ':') {
			s++;
			if (date_digits(&s, 2, &sec) == -1)
				return (-1);
			if (*s == '.' || *s == ',') {
				s++;
				for (digits = 0; isdigit((unsigned char)*s);
				    digits++, s++) {
					if (digits < 6)
						us = us * 10 + (*s - '0');
				}
				if (digits == 0)
					return (-1);
				for (; digits < 6; digits++)
					us *= 10;
			}
		}
		if (h > 23 || mi > 59 || sec > 60)
			return (-1);

		/* Zone: Z, +/-hh[[:]mm], or a space that was a '+'. */
		if (*s == 'Z' || *s == 'z') {
			s++;
		} else if (*s == '+' || *s == '-' || *s == ' ') {
			sign = *s == '-' ? -1 : 1;
			s++;
			if (date_digits(&s, 2, &tzh) == -1)
				return (-1);
			if (*s == ':') {
				s++;
				if (date_digits(&s, 2, &tzm) == -1)
					return (-1);
			} else if (*s != '\0' &&
			    date_digits(&s, 2, &tzm) == -1)
				return (-1);
			if (tzh > 23 || tzm > 59)
				return (-1);
		}
	}

	if (*s != '\0')
		return (-1);

	t = fmt_days_from_civil(y, mo, d) * 86400LL + h * 3600LL +
	    mi * 60LL + sec;
	t -= sign * (tzh * 3600LL + tzm * 60LL);

	/* The zone may push it out of years 1 to 9999, which we can write. */
	if (t < fmt_days_from_civil(1, 1, 1) * 86400LL ||
	    t > fmt_days_from_civil(9999, 12, 31) * 86400LL + 86399)
		return (-1);

	*secs = t;
	if (usec != NULL)
		*usec = us;
	return (0);
}

void
fmt_date_format(long long secs, char *out)
{
	long long	days, z, era, doe, yoe, doy, mp, rem;
	int		y, m, d;

	/*
	 * 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z; checked first, as
	 * the arithmetic below overflows near the limits of long long.
	 */
	if (secs < -62135596800LL || secs > 253402300799LL) {
		(void)strcpy(out, "0000-00-00T00:00:00Z");
		return;
	}

	days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
	rem = secs - days * 86400;

	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = (int)(doy - (153 * mp + 2) / 5 + 1);
	m = (int)(mp < 10 ? mp + 3 : mp - 9);
	y = (int)(yoe + era * 400 + (m <= 2));

	(void)snprintf(out, FMT_DATE_LEN, "%04u-%02u-%02uT%02u:%02u:%02uZ",
	    (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u,
	    (unsigned)(rem / 3600) % 100u, (unsigned)(rem % 3600 / 60) % 100u,
	    (unsigned)(rem % 60) % 100u);
}
