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
 * W3C date-times (the ISO 8601 profile Open311 uses). Parsing is lenient
 * the way real clients need: 'Z', +hh:mm, +hhmm, +hh or no zone (UTC),
 * fractional seconds, a date alone, 'T' or a space between date and time,
 * and a space where an unencoded '+' was decoded. Output is always UTC
 * with a 'Z'. Pure code.
 */

#ifndef __H_FMT_DATE
#define __H_FMT_DATE

#define FMT_DATE_LEN	21	/* "YYYY-MM-DDThh:mm:ssZ" and a NUL */

/*
 * Parses s. Returns 0 and stores the seconds since 1970-01-01T00:00:00Z
 * (and the microseconds, when usec is not NULL), or -1 when s is not a
 * date-time in the accepted forms or names an impossible date or time.
 */
int	fmt_date_parse(const char *, long long *, int *);

/* Writes secs as "YYYY-MM-DDThh:mm:ssZ" (years 1 to 9999). */
void	fmt_date_format(long long, char *);

/* Days from 1970-01-01 to the given civil date (proleptic Gregorian). */
long long	fmt_days_from_civil(int, int, int);

#endif
