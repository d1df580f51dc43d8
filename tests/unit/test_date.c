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
 * Unit tests for formats/date.c. A table of accepted date-times with
 * their epoch seconds and microseconds: 'Z' and 'z', +hh:mm, -hh:mm,
 * +hhmm, +hh, no zone (UTC), a space where a decoded '+' was, fractions
 * of 1 to 9 digits (truncated to microseconds) after '.' or ',', a date
 * alone, 'T', 't' or a space between date and time, leap days, the leap
 * second :60, years 0001 to 9999 and epochs before 1970. A table of
 * rejected ones: empty, junk, missing or short parts, impossible months,
 * days, hours, minutes, seconds and zones, trailing garbage (a trailing
 * space too), a fraction without digits, letters in numbers, 2-digit
 * years. fmt_date_format: exact strings for known epochs, the sentinel
 * outside years 1 to 9999 (even at the limits of long long), and
 * parse(format(x)) == x across the whole range. fmt_days_from_civil
 * against known values and day by day over years 1 to 9999.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <limits.h>
#include <string.h>

#include <cmocka.h>

#include "formats/date.h"

#define FIRST_SEC	-62135596800LL	/* 0001-01-01T00:00:00Z */
#define LAST_SEC	253402300799LL	/* 9999-12-31T23:59:59Z */
#define SENTINEL	"0000-00-00T00:00:00Z"

struct good_case {
	const char	*in;
	long long	secs;
	int		usec;
};

static const struct good_case	good_cases[] = {
	/* Zones. */
	{ "1970-01-01T00:00:00Z", 0LL, 0 },
	{ "2026-11-20T18:30:00Z", 1795199400LL, 0 },
	{ "2026-11-20T18:30:00z", 1795199400LL, 0 },
	{ "2026-11-20T18:30:00", 1795199400LL, 0 },
	{ "2026-11-20T10:00:00+05:00", 1795150800LL, 0 },
	{ "2026-11-20T10:00:00-05:00", 1795186800LL, 0 },
	{ "2026-11-20T10:00:00+0530", 1795149000LL, 0 },
	{ "2026-11-20T10:00:00-0930", 1795203000LL, 0 },
	{ "2026-11-20T10:00:00+05", 1795150800LL, 0 },
	{ "2026-11-20T10:00:00-08", 1795197600LL, 0 },
	{ "2026-11-20T10:00:00+00:00", 1795168800LL, 0 },
	{ "2026-11-20T10:00:00-00:00", 1795168800LL, 0 },
	{ "2026-11-20T10:00:00+0000", 1795168800LL, 0 },
	{ "2026-11-20T10:00:00+23:59", 1795082460LL, 0 },
	{ "2026-11-20T10:00:00-23:59", 1795255140LL, 0 },
	{ "2026-11-20T00:30:00+01:00", 1795131000LL, 0 },
	{ "2026-12-31T23:30:00-01:00", 1798763400LL, 0 },
	/* A space where an unencoded '+' was decoded. */
	{ "2026-11-20T10:00:00 05:00", 1795150800LL, 0 },
	{ "2026-11-20 10:00:00 05:00", 1795150800LL, 0 },
	{ "2026-11-20T10:00:00 0530", 1795149000LL, 0 },
	{ "2026-11-20T10:00:00 05", 1795150800LL, 0 },
	{ "2026-11-20T10:00 0530", 1795149000LL, 0 },
	/* Separators and missing parts. */
	{ "2026-11-20t18:30:00z", 1795199400LL, 0 },
	{ "2026-11-20 18:30:00Z", 1795199400LL, 0 },
	{ "2026-11-20 18:30:00", 1795199400LL, 0 },
	{ "2026-11-20T18:30Z", 1795199400LL, 0 },
	{ "2026-11-20T18:30", 1795199400LL, 0 },
	{ "2026-11-20T18:30-05:00", 1795217400LL, 0 },
	{ "2026-11-20", 1795132800LL, 0 },
	/* Fractions: 1 to 9 digits, truncated to microseconds. */
	{ "2026-11-20T18:30:00.5Z", 1795199400LL, 500000 },
	{ "2026-11-20T18:30:00.1Z", 1795199400LL, 100000 },
	{ "2026-11-20T18:30:00.12Z", 1795199400LL, 120000 },
	{ "2026-11-20T18:30:00.123Z", 1795199400LL, 123000 },
	{ "2026-11-20T18:30:00.1234Z", 1795199400LL, 123400 },
	{ "2026-11-20T18:30:00.12345Z", 1795199400LL, 123450 },
	{ "2026-11-20T18:30:00.123456Z", 1795199400LL, 123456 },
	{ "2026-11-20T18:30:00.1234567Z", 1795199400LL, 123456 },
	{ "2026-11-20T18:30:00.12345678Z", 1795199400LL, 123456 },
	{ "2026-11-20T18:30:00.123456789Z", 1795199400LL, 123456 },
	{ "2026-11-20T18:30:00.999999999Z", 1795199400LL, 999999 },
	{ "2026-11-20T18:30:00.000001Z", 1795199400LL, 1 },
	{ "2026-11-20T18:30:00.0000009Z", 1795199400LL, 0 },
	{ "2026-11-20T18:30:00.0Z", 1795199400LL, 0 },
	{ "2026-11-20T18:30:00,25Z", 1795199400LL, 250000 },
	{ "2026-11-20T18:30:00.25", 1795199400LL, 250000 },
	{ "2026-11-20T10:00:00.75+05:00", 1795150800LL, 750000 },
	{ "2026-11-20T10:00:00.75 05:00", 1795150800LL, 750000 },
	{ "2026-11-20T10:00:00,5-0530", 1795188600LL, 500000 },
	{ "1969-12-31T23:59:59.5Z", -1LL, 500000 },
	/* Leap days and the leap second. */
	{ "2024-02-29T12:00:00Z", 1709208000LL, 0 },
	{ "2000-02-29", 951782400LL, 0 },
	{ "1600-02-29", -11670998400LL, 0 },
	{ "2016-12-31T23:59:60Z", 1483228800LL, 0 },
	{ "2026-06-30T23:59:60+02:00", 1782856800LL, 0 },
	/* Month ends. */
	{ "2026-01-31T00:00:00Z", 1769817600LL, 0 },
	{ "2026-04-30T00:00:00Z", 1777507200LL, 0 },
	{ "2026-02-28T23:59:59Z", 1772323199LL, 0 },
	/* The range, and epochs before 1970. */
	{ "0001-01-01T00:00:00Z", FIRST_SEC, 0 },
	{ "0001-01-01", FIRST_SEC, 0 },
	{ "9999-12-31T23:59:59Z", LAST_SEC, 0 },
	{ "9999-12-31", 253402214400LL, 0 },
	{ "1969-12-31T23:59:59Z", -1LL, 0 },
	{ "1969-12-31", -86400LL, 0 },
	{ "1900-01-01T00:00:00Z", -2208988800LL, 0 },
	{ "1600-03-01", -11670912000LL, 0 },
	{ "1066-10-14T09:00:00+00:00", -28502722800LL, 0 },
	{ "2038-01-19T03:14:08Z", 2147483648LL, 0 },
	{ "2106-02-07T06:28:16Z", 4294967296LL, 0 },
};

static void
test_parse_good(void **state)
{
	long long	secs;
	size_t		i;
	int		usec;

	(void)state;
	for (i = 0; i < sizeof(good_cases) / sizeof(good_cases[0]); i++) {
		const struct good_case	*c = &good_cases[i];

		print_message("case %zu: '%s'\n", i, c->in);
		secs = 42;
		usec = -1;
		if (fmt_date_parse(c->in, &secs, &usec) != 0)
			fail_msg("'%s' refused", c->in);
		if (secs != c->secs || usec != c->usec)
			fail_msg("'%s': got %lld.%06d, want %lld.%06d", c->in,
			    secs, usec, c->secs, c->usec);

		/* usec may be NULL. */
		secs = 42;
		assert_int_equal(fmt_date_parse(c->in, &secs, NULL), 0);
		assert_true(secs == c->secs);
	}
}

static const char	*bad_cases[] = {
	/* Empty, junk, missing parts. */
	"",
	"junk",
	"now",
	"T",
	"2026",
	"2026-",
	"2026-11",
	"2026-11-",
	"2026-11-2",
	"2026-1-20",
	"2026-11-2T10:00:00Z",
	"2026-11-20T",
	"2026-11-20t",
	"2026-11-20T1",
	"2026-11-20T10",
	"2026-11-20T10Z",
	"2026-11-20T10:",
	"2026-11-20T10:0",
	"2026-11-20T10:00:",
	"2026-11-20T10:00:0",
	"2026-11-20T10:00:0Z",
	"2026-11-20T1:00:00Z",
	"T10:00:00Z",
	"10:00:00",
	/* Years: two digits, five digits, zero, signs. */
	"26-11-20",
	"202-11-20",
	"20261-11-20",
	"0000-01-01",
	"0000-12-31T23:59:59Z",
	"+2026-11-20",
	"-2026-11-20",
	" 2026-11-20",
	/* Impossible dates. */
	"2026-13-01",
	"2026-00-01",
	"2026-99-01",
	"2026-11-00",
	"2026-11-32",
	"2026-01-32",
	"2026-04-31",
	"2026-06-31",
	"2026-09-31",
	"2026-11-31",
	"2026-02-29",
	"2023-02-29",
	"1900-02-29",
	"2100-02-29",
	"2026-02-30",
	/* Impossible times. */
	"2026-11-20T24:00:00Z",
	"2026-11-20T24:00Z",
	"2026-11-20T99:00:00Z",
	"2026-11-20T10:60:00Z",
	"2026-11-20T10:99Z",
	"2026-11-20T10:00:61Z",
	"2026-11-20T10:00:99Z",
	/* Impossible or malformed zones. */
	"2026-11-20T10:00:00+24:00",
	"2026-11-20T10:00:00-24:00",
	"2026-11-20T10:00:00+99",
	"2026-11-20T10:00:00+05:60",
	"2026-11-20T10:00:00+0560",
	"2026-11-20T10:00:00+5",
	"2026-11-20T10:00:00+5:00",
	"2026-11-20T10:00:00+05:0",
	"2026-11-20T10:00:00+05:",
	"2026-11-20T10:00:00 05:",
	"2026-11-20T10:00:00+053",
	"2026-11-20T10:00:00+05:000",
	"2026-11-20T10:00:00+05:30:00",
	"2026-11-20T10:00:00+05:30Z",
	"2026-11-20T10:00:00+",
	"2026-11-20T10:00:00-",
	"2026-11-20T10:00:00+:",
	"2026-11-20T10:00:00+-05:00",
	"2026-11-20T10:00:00 +05:00",
	"2026-11-20T10:00:00z05:00",
	"2026-11-20T10:00:00UTC",
	"2026-11-20T10:00:00 Z",
	"2026-11-20Z",
	"2026-11-20+05:00",
	/* Trailing garbage. */
	"2026-11-20T10:00:00Z ",
	"2026-11-20T10:00:00 ",
	"2026-11-20T10:00 ",
	"2026-11-20 ",
	"2026-11-20T10:00:00Z\n",
	"2026-11-20T10:00:00\t",
	"2026-11-20T10:00:00Zjunk",
	"2026-11-20T10:00:00ZZ",
	"2026-11-20T10:00:00+05:00Z",
	"2026-11-20T10:00:00.5 ",
	"2026-11-20x",
	"2026-11-20.",
	"2026-11-200",
	"2026-11-20T10:00:000",
	/* Fractions without digits, or where they cannot go. */
	"2026-11-20T10:00:00.",
	"2026-11-20T10:00:00.Z",
	"2026-11-20T10:00:00,",
	"2026-11-20T10:00:00,Z",
	"2026-11-20T10:00:00.+05:00",
	"2026-11-20T10:00:00..5Z",
	"2026-11-20T10:00:00.5.5Z",
	"2026-11-20T10:00:00.-5Z",
	"2026-11-20T10:00.5Z",
	"2026-11-20.5",
	".",
	/* Other separators. */
	"2026/11/20",
	"2026.11.20",
	"20261120",
	"20261120T100000Z",
	"2026-11-20X10:00:00",
	"2026-11-20_10:00:00",
	"2026-11-20  10:00:00",
	"2026-11-20 1:00:00",
	"2026-11-20\t10:00:00",
	"2026-11-20T10-00-00",
	"2026-11-20T10.00.00",
	/* Letters (and non-ASCII digits) in numbers. */
	"2O26-11-20",
	"2026-1a-20",
	"2026-11-2O",
	"2026-11-20T1O:00:00Z",
	"2026-11-20T10:0O:00Z",
	"2026-11-20T10:00:0OZ",
	"2026-11-20T10:00:00+O5:00",
	"2026-11-20T10:00:00+05:3O",
	"2026-11-20T10:00:00.5OZ",
	"\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x96-11-20",
	"2026-11-20T10:00:00\xc2\xa0" "05:00",
	"2026\xe2\x80\x90" "11-20",
};

static void
test_parse_bad(void **state)
{
	long long	secs;
	size_t		i;
	int		usec;

	(void)state;
	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		print_message("case %zu: '%s'\n", i, bad_cases[i]);
		secs = 42;
		usec = 7;
		if (fmt_date_parse(bad_cases[i], &secs, &usec) != -1)
			fail_msg("'%s' accepted as %lld.%06d", bad_cases[i],
			    secs, usec);
		/* Nothing is stored on failure. */
		assert_true(secs == 42);
		assert_int_equal(usec, 7);
	}
}

struct format_case {
	long long	secs;
	const char	*out;
};

static const struct format_case	format_cases[] = {
	{ 0LL, "1970-01-01T00:00:00Z" },
	{ 1LL, "1970-01-01T00:00:01Z" },
	{ 59LL, "1970-01-01T00:00:59Z" },
	{ 3599LL, "1970-01-01T00:59:59Z" },
	{ 86399LL, "1970-01-01T23:59:59Z" },
	{ 86400LL, "1970-01-02T00:00:00Z" },
	{ -1LL, "1969-12-31T23:59:59Z" },
	{ -86399LL, "1969-12-31T00:00:01Z" },
	{ -86400LL, "1969-12-31T00:00:00Z" },
	{ -86401LL, "1969-12-30T23:59:59Z" },
	{ 951782400LL, "2000-02-29T00:00:00Z" },
	{ 951868800LL, "2000-03-01T00:00:00Z" },
	{ 1709208000LL, "2024-02-29T12:00:00Z" },
	{ 1795199400LL, "2026-11-20T18:30:00Z" },
	{ 1483228800LL, "2017-01-01T00:00:00Z" },
	{ 2147483647LL, "2038-01-19T03:14:07Z" },
	{ 2147483648LL, "2038-01-19T03:14:08Z" },
	{ 4294967296LL, "2106-02-07T06:28:16Z" },
	{ -2208988800LL, "1900-01-01T00:00:00Z" },
	{ -2203891200LL, "1900-03-01T00:00:00Z" },
	{ -11670998400LL, "1600-02-29T00:00:00Z" },
	{ -28502722800LL, "1066-10-14T09:00:00Z" },
	{ FIRST_SEC, "0001-01-01T00:00:00Z" },
	{ FIRST_SEC + 86399, "0001-01-01T23:59:59Z" },
	{ LAST_SEC, "9999-12-31T23:59:59Z" },
	{ LAST_SEC - 86399, "9999-12-31T00:00:00Z" },
	/* Outside years 1 to 9999. */
	{ FIRST_SEC - 1, SENTINEL },
	{ LAST_SEC + 1, SENTINEL },
	{ -100000000000LL, SENTINEL },
	{ 1000000000000LL, SENTINEL },
	{ 1LL << 40, SENTINEL },
	{ 1LL << 62, SENTINEL },
	{ -(1LL << 62), SENTINEL },
	{ LLONG_MAX, SENTINEL },
	{ LLONG_MAX - 86399, SENTINEL },
	{ LLONG_MIN, SENTINEL },
	{ LLONG_MIN + 1, SENTINEL },
	{ LLONG_MIN + 86400, SENTINEL },
};

static void
test_format_table(void **state)
{
	char		out[FMT_DATE_LEN];
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(format_cases) / sizeof(format_cases[0]); i++) {
		const struct format_case	*c = &format_cases[i];

		print_message("case %zu: %lld\n", i, c->secs);
		memset(out, 'x', sizeof(out));
		fmt_date_format(c->secs, out);
		assert_string_equal(out, c->out);
		assert_int_equal(strlen(out), FMT_DATE_LEN - 1);
	}
}

/* parse(format(x)) == x, with no microseconds. */
static void
roundtrip(long long x)
{
	char		out[FMT_DATE_LEN];
	long long	secs;
	int		usec;

	fmt_date_format(x, out);
	if (fmt_date_parse(out, &secs, &usec) != 0)
		fail_msg("%lld: '%s' does not parse", x, out);
	if (secs != x || usec != 0)
		fail_msg("%lld: '%s' parses to %lld.%06d", x, out, secs, usec);
}

static void
test_roundtrip(void **state)
{
	long long	x, day;
	int		k;

	(void)state;

	/* A stride through the whole range that varies the time of day. */
	for (x = FIRST_SEC; x <= LAST_SEC; x += 86400LL * 97 + 3607)
		roundtrip(x);

	/* Either side of midnight, every few days across the range. */
	for (day = FIRST_SEC; day <= LAST_SEC; day += 86400LL * 13) {
		roundtrip(day);
		if (day > FIRST_SEC)
			roundtrip(day - 1);
	}

	/* Around 1970 and the ends of the range, second by second. */
	for (k = -100000; k <= 100000; k++)
		roundtrip(k);
	for (k = 0; k < 100000; k++) {
		roundtrip(FIRST_SEC + k);
		roundtrip(LAST_SEC - k);
	}
}

struct civil_case {
	int		y, m, d;
	long long	days;
};

static const struct civil_case	civil_cases[] = {
	{ 1970, 1, 1, 0 },
	{ 1970, 1, 2, 1 },
	{ 1969, 12, 31, -1 },
	{ 2000, 1, 1, 10957 },
	{ 2000, 2, 29, 11016 },
	{ 2000, 3, 1, 11017 },
	{ 2024, 2, 29, 19782 },
	{ 2026, 11, 20, 20777 },
	{ 2038, 1, 19, 24855 },
	{ 1900, 2, 28, -25509 },
	{ 1900, 3, 1, -25508 },
	{ 1600, 1, 1, -135140 },
	{ 1600, 2, 29, -135081 },
	{ 1582, 10, 15, -141427 },
	{ 400, 3, 1, -573371 },
	{ 1, 1, 1, -719162 },
	{ 9999, 12, 31, 2932896 },
};

static int
leap(int y)
{
	return ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
}

static void
test_days_from_civil(void **state)
{
	static const int	mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	long long		want;
	size_t			i;
	int			y, m, d, n;

	(void)state;
	for (i = 0; i < sizeof(civil_cases) / sizeof(civil_cases[0]); i++) {
		const struct civil_case	*c = &civil_cases[i];

		print_message("case %zu: %04d-%02d-%02d\n", i, c->y, c->m,
		    c->d);
		assert_true(fmt_days_from_civil(c->y, c->m, c->d) == c->days);
	}

	/* Day by day from 0001-01-01 to 9999-12-31. */
	want = fmt_days_from_civil(1, 1, 1);
	for (y = 1; y <= 9999; y++) {
		for (m = 1; m <= 12; m++) {
			n = mdays[m - 1] + (m == 2 && leap(y));
			for (d = 1; d <= n; d++) {
				if (fmt_days_from_civil(y, m, d) != want)
					fail_msg("%04d-%02d-%02d: %lld, want "
					    "%lld", y, m, d,
					    fmt_days_from_civil(y, m, d), want);
				want++;
			}
		}
	}
	assert_true(want - 1 == 2932896);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_parse_good),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test(test_format_table),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_days_from_civil),
	};

	return (cmocka_run_group_tests_name("date", tests, NULL, NULL));
}
