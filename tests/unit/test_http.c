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
 * Unit tests for formats/http.c. fmt_etag: quoted 16 hex digits, equal
 * for equal bytes, different for bodies differing in one byte at any
 * position (word-aligned or in the tail) and for lengths differing only
 * by trailing zero bytes. fmt_etag_match: a table of If-None-Match
 * values (single, lists, weak tags, '*', blanks, and malformed ones that
 * must match nothing). HTTP dates: known epochs formatted exactly with
 * the right weekday, a table of the three accepted forms and of rejected
 * ones, and parse(format(x)) == x over a range of days. Callback names:
 * a table of valid and invalid identifiers. fmt_url_check: a table of
 * links with and without scheme and host, with forbidden characters,
 * and the 2048-byte bound. fmt_query_redact: a table of query strings
 * and their log form (values of secret and personal fields as "-").
 * fmt_forwarded_for: the entry N hops from the end, ports and brackets,
 * and entries that are not addresses; fmt_rate_client: IPv6 by /64.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "formats/http.h"

struct match_case {
	const char	*header;
	const char	*etag;
	int		match;
};

static const struct match_case	match_cases[] = {
	{ "\"abc\"", "\"abc\"", 1 },
	{ "W/\"abc\"", "\"abc\"", 1 },
	{ "  \"abc\"  ", "\"abc\"", 1 },
	{ "\"x\", \"abc\"", "\"abc\"", 1 },
	{ "\"x\",\"y\" ,W/\"abc\"", "\"abc\"", 1 },
	{ "*", "\"abc\"", 1 },
	{ " * ", "\"abc\"", 1 },
	{ "\"abcd\"", "\"abc\"", 0 },
	{ "\"ab\"", "\"abc\"", 0 },
	{ "\"x\", \"y\"", "\"abc\"", 0 },
	{ "", "\"abc\"", 0 },
	{ "abc", "\"abc\"", 0 },
	{ "\"abc", "\"abc\"", 0 },
	{ "w/\"abc\"", "\"abc\"", 0 },
	{ "\"x\" \"abc\"", "\"abc\"", 0 },
	{ "\"x\",, \"abc\"", "\"abc\"", 0 },
	{ "**", "\"abc\"", 0 },
	{ "\"x\";\"abc\"", "\"abc\"", 0 },
	{ ",", "\"abc\"", 0 },
};

struct date_case {
	const char	*in;
	long long	secs;		/* -1: rejected */
};

static const struct date_case	date_cases[] = {
	{ "Sun, 06 Nov 1994 08:49:37 GMT", 784111777LL },
	{ "Sunday, 06-Nov-94 08:49:37 GMT", 784111777LL },
	{ "Sun Nov  6 08:49:37 1994", 784111777LL },
	{ "Sun Nov 6 08:49:37 1994", 784111777LL },
	{ "Thu, 01 Jan 1970 00:00:00 GMT", 0LL },
	{ "Fri, 20 Nov 2026 18:30:00 GMT", 1795199400LL },
	{ "Thursday, 01-Jan-70 00:00:00 GMT", 0LL },
	{ "Sunday, 01-Jan-68 00:00:00 GMT", 3092601600LL },
	{ "Thu, 29 Feb 2024 12:00:00 GMT", 1709208000LL },
	{ "Wed, 31 Dec 2025 23:59:60 GMT", 1767225599LL },
	{ "", -1 },
	{ "yesterday", -1 },
	{ "Sun, 06 Nov 1994 08:49:37", -1 },
	{ "Sun, 06 Nov 1994 08:49:37 UTC", -1 },
	{ "Sun, 06 Nov 1994 08:49:37 GMT ", -1 },
	{ "Sun, 6 Nov 1994 08:49:37 GMT", -1 },
	{ "Sun, 06 Foo 1994 08:49:37 GMT", -1 },
	{ "Sun, 06 Nov 94 08:49:37 GMT", -1 },
	{ "Sun, 31 Nov 1994 08:49:37 GMT", -1 },
	{ "Sun, 29 Feb 2023 08:49:37 GMT", -1 },
	{ "Sun, 06 Nov 1994 24:00:00 GMT", -1 },
	{ "Sun, 06 Nov 1994 08:60:00 GMT", -1 },
	{ "Sun, 06 Nov 1994 08:49 GMT", -1 },
	{ "Sun, 00 Nov 1994 08:49:37 GMT", -1 },
	{ "Xyz, 06 Nov 1994 08:49:37 GMT", -1 },
	{ "Sunday, 06-Nov-1994 08:49:37 GMT", -1 },
	{ "Sun Nov  6 08:49:37 94", -1 },
	{ "Sun Nov 123 08:49:37 1994", -1 },
	{ "2026-11-20T18:30:00Z", -1 },
	{ "Mon, 01 Jan 0001 00:00:00 GMT", -1 },
	{ "Wed, 31 Dec 1969 23:59:59 GMT", -1 },
};

struct cb_case {
	const char	*name;
	int		valid;
};

static const struct cb_case	cb_cases[] = {
	{ "cb", 1 },
	{ "jQuery123_456", 1 },
	{ "$", 1 },
	{ "_", 1 },
	{ "window.app.render", 1 },
	{ "a.$b._c9", 1 },
	{ "", 0 },
	{ "1cb", 0 },
	{ "a.1", 0 },
	{ "cb()", 0 },
	{ "alert(1)//", 0 },
	{ "a..b", 0 },
	{ ".a", 0 },
	{ "a.", 0 },
	{ "a b", 0 },
	{ "a-b", 0 },
	{ "a[0]", 0 },
	{ "caf\xc3\xa9", 0 },
	{ "a;b", 0 },
	{ "<script>", 0 },
};

static void
test_etag_shape(void **state)
{
	char	a[FMT_ETAG_LEN], b[FMT_ETAG_LEN];
	size_t	i;

	(void)state;
	fmt_etag("hello", 5, a);
	assert_int_equal(strlen(a), 18);
	assert_int_equal(a[0], '"');
	assert_int_equal(a[17], '"');
	for (i = 1; i < 17; i++)
		assert_non_null(strchr("0123456789abcdef", a[i]));
	fmt_etag("hello", 5, b);
	assert_string_equal(a, b);
	fmt_etag("", 0, b);
	assert_string_not_equal(a, b);
}

static void
test_etag_differs(void **state)
{
	unsigned char	buf[61];
	char		base[FMT_ETAG_LEN], other[FMT_ETAG_LEN];
	size_t		i, len;

	(void)state;
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)('a' + i % 26);
	fmt_etag(buf, sizeof(buf), base);
	for (i = 0; i < sizeof(buf); i++) {
		buf[i] ^= 1;
		fmt_etag(buf, sizeof(buf), other);
		assert_string_not_equal(base, other);
		buf[i] ^= 1;
	}

	/* Trailing zero bytes change the length, so the tag. */
	memset(buf, 0, sizeof(buf));
	fmt_etag(buf, 8, base);
	for (len = 9; len < 17; len++) {
		fmt_etag(buf, len, other);
		assert_string_not_equal(base, other);
	}
}

static void
test_etag_match(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(match_cases) / sizeof(match_cases[0]); i++) {
		if (fmt_etag_match(match_cases[i].header, match_cases[i].etag) !=
		    match_cases[i].match)
			fail_msg("If-None-Match '%s' vs %s: expected %d",
			    match_cases[i].header, match_cases[i].etag,
			    match_cases[i].match);
	}
}

static void
test_date_format(void **state)
{
	char	out[FMT_HTTP_DATE_LEN];

	(void)state;
	fmt_http_date(784111777LL, out);
	assert_string_equal(out, "Sun, 06 Nov 1994 08:49:37 GMT");
	fmt_http_date(0, out);
	assert_string_equal(out, "Thu, 01 Jan 1970 00:00:00 GMT");
	fmt_http_date(1795199400LL, out);
	assert_string_equal(out, "Fri, 20 Nov 2026 18:30:00 GMT");
	fmt_http_date(951782400LL, out);
	assert_string_equal(out, "Tue, 29 Feb 2000 00:00:00 GMT");
	fmt_http_date(-1, out);
	assert_string_equal(out, "Wed, 31 Dec 1969 23:59:59 GMT");
}

static void
test_date_parse(void **state)
{
	long long	v;
	size_t		i;
	int		r;

	(void)state;
	for (i = 0; i < sizeof(date_cases) / sizeof(date_cases[0]); i++) {
		v = -2;
		r = fmt_http_date_parse(date_cases[i].in, &v);
		if (date_cases[i].secs == -1) {
			if (r != -1)
				fail_msg("'%s' accepted as %lld",
				    date_cases[i].in, v);
		} else if (r != 0 || v != date_cases[i].secs) {
			fail_msg("'%s': %d, %lld, expected %lld",
			    date_cases[i].in, r, v, date_cases[i].secs);
		}
	}
}

static void
test_date_roundtrip(void **state)
{
	char		out[FMT_HTTP_DATE_LEN];
	long long	t, v;

	(void)state;
	/* Every 7 hours 13 minutes from 1970 to 2100. */
	for (t = 0; t < 4102444800LL; t += 25980) {
		fmt_http_date(t, out);
		if (fmt_http_date_parse(out, &v) != 0 || v != t)
			fail_msg("%lld -> '%s' -> %lld", t, out, v);
	}
}

static void
test_callback(void **state)
{
	char	longname[FMT_CALLBACK_MAX + 2];
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(cb_cases) / sizeof(cb_cases[0]); i++) {
		if (fmt_callback_valid(cb_cases[i].name) != cb_cases[i].valid)
			fail_msg("callback '%s': expected %d",
			    cb_cases[i].name, cb_cases[i].valid);
	}
	memset(longname, 'a', sizeof(longname));
	longname[FMT_CALLBACK_MAX] = '\0';
	assert_true(fmt_callback_valid(longname));
	longname[FMT_CALLBACK_MAX] = 'a';
	longname[FMT_CALLBACK_MAX + 1] = '\0';
	assert_false(fmt_callback_valid(longname));
}

/* Links a client gives: scheme and host, size, characters. */
static const struct {
	const char	*url;
	int		want;
} url_cases[] = {
	{ "http://example.org/p.jpg", FMT_URL_OK },
	{ "HTTPS://example.org/p.jpg?a=1&b=2#x", FMT_URL_OK },
	{ "https://h", FMT_URL_OK },
	{ "http://", FMT_URL_NOHOST },
	{ "https://", FMT_URL_NOHOST },
	{ "http:///p.jpg", FMT_URL_NOHOST },
	{ "https://?q", FMT_URL_NOHOST },
	{ "http://#f", FMT_URL_NOHOST },
	{ "ftp://example.org/p.jpg", FMT_URL_NOHOST },
	{ "javascript:alert(1)", FMT_URL_NOHOST },
	{ "http:", FMT_URL_NOHOST },
	{ "", FMT_URL_NOHOST },
	{ "http://example.org/a b", FMT_URL_BAD },
	{ "http://example.org/\"x", FMT_URL_BAD },
	{ "http://example.org/<x>", FMT_URL_BAD },
	{ "http://example.org/a\\b", FMT_URL_BAD },
	{ "http://example.org/a\nb", FMT_URL_BAD },
	{ "http://example.org/\xff", FMT_URL_BAD },
};

static void
test_url_check(void **state)
{
	char	big[2100];
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(url_cases) / sizeof(url_cases[0]); i++) {
		if (fmt_url_check(url_cases[i].url,
		    strlen(url_cases[i].url)) != url_cases[i].want)
			fail_msg("url case %zu (%s)", i, url_cases[i].url);
	}
	/* 2048 bytes pass, 2049 do not. */
	memcpy(big, "http://h/", 9);
	memset(big + 9, 'a', sizeof(big) - 9);
	big[2048] = '\0';
	assert_int_equal(fmt_url_check(big, 2048), FMT_URL_OK);
	big[2048] = 'a';
	big[2049] = '\0';
	assert_int_equal(fmt_url_check(big, 2049), FMT_URL_BAD);
}

struct redact_case {
	const char	*in;
	const char	*out;
};

static const struct redact_case	redact_cases[] = {
	{ "", "" },
	{ "jurisdiction_id=sandiego.gov&status=open",
	    "jurisdiction_id=sandiego.gov&status=open" },
	{ "api_key=s3cret", "api_key=-" },
	{ "t=abc123&rating=4", "t=-&rating=-" },
	{ "service_code=POTHOLE&email=a%40example.org&first_name=Ann",
	    "service_code=POTHOLE&email=-&first_name=-" },
	{ "lat=32.7&long=-117.1&radius=50&description=my+house",
	    "lat=32.7&long=-117.1&radius=50&description=-" },
	{ "page=2&page_size=10&callback=show", "page=2&page_size=10&callback=show" },
	{ "flag&api_key=&x=", "flag&api_key=-&x=-" },
	{ "&&status=open&", "&&status=open&" },
	{ "status_x=1&xstatus=2&STATUS=3", "status_x=-&xstatus=-&STATUS=-" },
	{ "api%5Fkey=k&service%5Fcode=P", "api%5Fkey=-&service%5Fcode=-" },
	{ "status=open=closed", "status=open=closed" },
	{ "key==v", "key=-" },
};

static void
test_query_redact(void **state)
{
	struct fmt_buf	b;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(redact_cases) / sizeof(redact_cases[0]); i++) {
		print_message("case %zu: %s\n", i, redact_cases[i].in);
		fmt_buf_init(&b);
		fmt_query_redact(&b, redact_cases[i].in);
		assert_string_equal(fmt_buf_cstr(&b), redact_cases[i].out);
		fmt_buf_free(&b);
	}
}

struct fwd_case {
	const char	*xff;
	int		hops;
	const char	*out;	/* NULL: not an address */
};

static const struct fwd_case	fwd_cases[] = {
	{ "192.0.2.1", 1, "192.0.2.1" },
	{ "10.0.0.9, 192.0.2.1", 1, "192.0.2.1" },
	{ "10.0.0.9,192.0.2.1", 1, "192.0.2.1" },
	/* A client naming any address before the proxy's entry. */
	{ "6.6.6.6, 192.0.2.1", 1, "192.0.2.1" },
	{ "6.6.6.6, 192.0.2.1, 10.1.1.1", 2, "192.0.2.1" },
	{ "192.0.2.1, 10.1.1.1", 3, "192.0.2.1" },
	{ "192.0.2.1:5678", 1, "192.0.2.1" },
	{ "[2001:db8::1]:443", 1, "2001:db8::1" },
	{ "2001:db8::1", 1, "2001:db8::1" },
	{ " 192.0.2.7 ", 1, "192.0.2.7" },
	{ "192.0.2.1, unknown", 1, NULL },
	{ "", 1, NULL },
	{ "192.0.2.1,", 1, NULL },
	{ "not an address", 1, NULL },
	{ "192.0.2.300", 1, NULL },
	{ "[2001:db8::1", 1, NULL },
	{ "192.0.2.1, 10.0.0.1", 0, "10.0.0.1" },
};

static void
test_forwarded_for(void **state)
{
	char	out[FMT_ADDR_LEN];
	size_t	i;
	int	rc;

	(void)state;
	for (i = 0; i < sizeof(fwd_cases) / sizeof(fwd_cases[0]); i++) {
		print_message("case %zu: '%s' %d\n", i, fwd_cases[i].xff,
		    fwd_cases[i].hops);
		rc = fmt_forwarded_for(fwd_cases[i].xff, fwd_cases[i].hops,
		    out);
		if (fwd_cases[i].out == NULL) {
			assert_int_equal(rc, -1);
			continue;
		}
		assert_int_equal(rc, 0);
		assert_string_equal(out, fwd_cases[i].out);
	}
}

static void
test_rate_client(void **state)
{
	static const char	*cases[][2] = {
		{ "192.0.2.1", "192.0.2.1" },
		{ "2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64" },
		{ "2001:db8:1:2::ffff", "2001:db8:1:2::/64" },
		{ "2001:db8:1:3::1", "2001:db8:1:3::/64" },
		{ "::1", "::/64" },
		{ "::ffff:192.0.2.9", "192.0.2.9" },
		{ "-", "-" },
	};
	char	out[FMT_ADDR_LEN];
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		fmt_rate_client(cases[i][0], out);
		assert_string_equal(out, cases[i][1]);
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_etag_shape),
		cmocka_unit_test(test_etag_differs),
		cmocka_unit_test(test_etag_match),
		cmocka_unit_test(test_date_format),
		cmocka_unit_test(test_date_parse),
		cmocka_unit_test(test_date_roundtrip),
		cmocka_unit_test(test_callback),
		cmocka_unit_test(test_url_check),
		cmocka_unit_test(test_query_redact),
		cmocka_unit_test(test_forwarded_for),
		cmocka_unit_test(test_rate_client),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
