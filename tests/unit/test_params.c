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
 * Unit tests for formats/params.c, each a table of cases: numbers
 * (range, forms refused), ids and tokens, the boolean words, comma lists
 * with and without ids and statuses (the array literal written),
 * pages, single dates, date pairs (order, strictness, which name the
 * message gives), windows (defaults, the cut, strictness), text limits
 * in characters, Bearer keys, client addresses, and PostgreSQL array
 * literals written and read back.
 */

#include <sys/types.h>
#include <sys/socket.h>
#include <arpa/inet.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "formats/params.h"
#include "formats/utf8.h"

#define NCASES(a)	(sizeof(a) / sizeof((a)[0]))

struct number_case {
	const char	*in;
	double		min;
	double		max;
	const char	*out;		/* NULL: refused */
};

static const struct number_case	number_cases[] = {
	{ "32.7157", -90, 90, "32.71570000" },
	{ "-117.1611", -180, 180, "-117.16110000" },
	{ "+1", -5, 5, "1.00000000" },
	{ ".5", 0, 1, "0.50000000" },
	{ "1e2", 0, 1000, "100.00000000" },
	{ "90", -90, 90, "90.00000000" },
	{ "-90", -90, 90, "-90.00000000" },
	{ "90.0000001", -90, 90, NULL },
	{ "", -90, 90, NULL },
	{ " 1", -90, 90, NULL },
	{ "1 ", -90, 90, NULL },
	{ "0x10", -90, 90, NULL },
	{ "inf", -1e300, 1e300, NULL },
	{ "nan", -1e300, 1e300, NULL },
	{ "1e999", -1e300, 1e300, NULL },
	{ "e5", -1e9, 1e9, NULL },
	{ "1,5", -9, 9, NULL },
	{ "1.2.3", -9, 9, NULL },
	{ "--1", -9, 9, NULL },
};

struct token_case {
	const char	*in;
	int		id;
	int		hex32;
};

static const struct token_case	token_cases[] = {
	{ "1", 1, 0 },
	{ "123456789012345678", 1, 0 },
	{ "1234567890123456789", 0, 0 },
	{ "", 0, 0 },
	{ "12a", 0, 0 },
	{ "-1", 0, 0 },
	{ " 1", 0, 0 },
	{ "0123456789abcdef0123456789abcdef", 0, 1 },
	{ "0123456789ABCDEF0123456789abcdef", 0, 0 },
	{ "0123456789abcdef0123456789abcde", 0, 0 },
	{ "0123456789abcdef0123456789abcdefa", 0, 0 },
	{ "0123456789abcdef0123456789abcdeg", 0, 0 },
	{ "01234567890123456789012345678901", 0, 1 },
};

struct bool_case {
	const char	*in;
	int		def;
	int		want;
};

static const struct bool_case	bool_cases[] = {
	{ "yes", 0, 1 }, { "YES", 0, 1 }, { "true", 0, 1 }, { "True", 0, 1 },
	{ "on", 0, 1 }, { "1", 0, 1 },
	{ "no", 1, 0 }, { "No", 1, 0 }, { "false", 1, 0 }, { "FALSE", 1, 0 },
	{ "off", 1, 0 }, { "0", 1, 0 },
	{ NULL, 1, 1 }, { NULL, 0, 0 },
	{ "", 1, -1 }, { "maybe", 0, -1 }, { "y", 0, -1 }, { "2", 0, -1 },
	{ "yes ", 0, -1 }, { "truee", 0, -1 },
};

struct list_case {
	const char	*in;
	int		flags;
	int		n;		/* -1: refused */
	const char	*literal;
};

static const struct list_case	list_cases[] = {
	{ "POTHOLE", 0, 1, "{\"POTHOLE\"}" },
	{ "a, b ,c", 0, 3, "{\"a\",\"b\",\"c\"}" },
	{ ",, a,,", 0, 1, "{\"a\"}" },
	{ "", 0, 0, "{}" },
	{ " , ", 0, 0, "{}" },
	{ "a\"b,c\\d", 0, 2, "{\"a\\\"b\",\"c\\\\d\"}" },
	{ "1,2, 3", PARAMS_LIST_IDS, 3, "{\"1\",\"2\",\"3\"}" },
	{ "1,x", PARAMS_LIST_IDS, -1, NULL },
	{ "1 2", PARAMS_LIST_IDS, -1, NULL },
	{ "1234567890123456789", PARAMS_LIST_IDS, -1, NULL },
	{ " ,", PARAMS_LIST_IDS, 0, "{}" },
	{ "Open, CLOSED", PARAMS_LIST_STATUS, 2, "{\"open\",\"closed\"}" },
	{ "open,pending", PARAMS_LIST_STATUS, -1, NULL },
};

struct page_case {
	const char	*page;
	const char	*size;
	long long	limit;		/* -1: refused */
	long long	offset;
	const char	*err;
};

static const struct page_case	page_cases[] = {
	{ NULL, NULL, 1000, 0, NULL },
	{ "1", "10", 10, 0, NULL },
	{ "3", "10", 10, 20, NULL },
	{ "0", "10", 10, 0, NULL },
	{ "2", NULL, 1000, 1000, NULL },
	{ NULL, "5000", 1000, 0, NULL },
	{ "1000000", "1", 1, 999999, NULL },
	{ "1000001", "1", -1, 0, "page must be a number from 1 to 1000000" },
	{ "-1", NULL, -1, 0, "page must be" },
	{ "1.5", NULL, -1, 0, "page must be" },
	{ "", NULL, -1, 0, "page must be" },
	{ NULL, "0", -1, 0, "page_size must be a number from 1 to 1000" },
	{ NULL, "ten", -1, 0, "not 'ten'" },
	{ NULL, "+5", -1, 0, "page_size" },
	{ NULL, "5 ", -1, 0, "page_size" },
};

struct dates_case {
	const char	*from;
	const char	*to;
	int		strict;
	int		ok;
	const char	*err;
};

static const struct dates_case	dates_cases[] = {
	{ NULL, NULL, 0, 1, NULL },
	{ "2026-01-01T00:00:00Z", NULL, 0, 1, NULL },
	{ NULL, "2026-01-01", 0, 1, NULL },
	{ "2026-01-01", "2026-01-01", 0, 1, NULL },
	{ "2026-01-01", "2026-01-01", 1, 0, "updated_after must be before "
	    "updated_before" },
	{ "2026-01-02", "2026-01-01", 0, 0, "updated_after is after "
	    "updated_before" },
	{ "soon", NULL, 0, 0, "updated_after must be a W3C date-time such as "
	    "2026-11-01T00:00:00Z, not 'soon'" },
	{ NULL, "2026-13-01", 0, 0, "updated_before must be a W3C" },
	{ "2026-01-01", "later", 0, 0, "updated_before" },
};

#define NOW	1800000000LL
#define DAY	86400LL

struct window_case {
	const char	*start;
	const char	*end;
	long long	span;
	int		flags;
	long long	from;		/* -1: refused */
	long long	to;
	int		has_to;
	const char	*err;
};

static const struct window_case	window_cases[] = {
	{ NULL, NULL, 90 * DAY, PARAMS_WINDOW_CUT, NOW - 90 * DAY, NOW, 0,
	    NULL },
	{ NULL, "1970-01-11T00:00:00Z", 2 * DAY, 0, 8 * DAY, 10 * DAY, 1,
	    NULL },
	{ "1970-01-02", NULL, 30 * DAY, 0, DAY, NOW, 0, NULL },
	{ "1970-01-02", NULL, 30 * DAY, PARAMS_WINDOW_CUT, NOW - 30 * DAY,
	    NOW, 0, NULL },
	{ "1970-01-02", "1970-01-05", 30 * DAY, PARAMS_WINDOW_CUT, DAY,
	    4 * DAY, 1, NULL },
	{ "1970-01-02", "1970-01-02", 30 * DAY, 0, DAY, DAY, 1, NULL },
	{ "1970-01-02", "1970-01-02", 30 * DAY, PARAMS_WINDOW_STRICT, -1, 0,
	    0, "start_date must be before end_date" },
	{ "1970-01-03", "1970-01-02", 30 * DAY, 0, -1, 0, 0,
	    "start_date is after end_date" },
	{ "yesterday", NULL, DAY, 0, -1, 0, 0, "start_date must be a W3C" },
	{ NULL, "2026-02-30", DAY, 0, -1, 0, 0, "end_date must be a W3C" },
	{ "bad", "worse", DAY, 0, -1, 0, 0, "end_date" },
};

struct text_case {
	const char	*in;
	int		class;
	size_t		max;
	const char	*err;		/* NULL: accepted */
};

static const struct text_case	text_cases[] = {
	{ "pothole", FMT_TEXT_LINE, 7, NULL },
	{ "potholes", FMT_TEXT_LINE, 7, "note is longer than 7 characters" },
	{ "\xc3\xa9\xc3\xa9\xc3\xa9", FMT_TEXT_LINE, 3, NULL },
	{ "\xf0\x9f\x98\x80\xf0\x9f\x98\x80", FMT_TEXT_LINE, 1,
	    "longer than 1 characters" },
	{ "a\nb", FMT_TEXT_LINE, 9, "note contains a control character" },
	{ "a\r\nb\tc", FMT_TEXT_MULTILINE, 9, NULL },
	{ "a\x01", FMT_TEXT_MULTILINE, 9, "control character" },
	{ "caf\xe9", FMT_TEXT_LINE, 9, "note is not valid UTF-8" },
	{ "", FMT_TEXT_LINE, 0, NULL },
};

struct bearer_case {
	const char	*hdr;
	const char	*key;
};

static const struct bearer_case	bearer_cases[] = {
	{ "Bearer o311_abc", "o311_abc" },
	{ "bearer o311_abc", "o311_abc" },
	{ "BEARER x", "x" },
	{ "Bearer ", NULL },
	{ "Bearer", NULL },
	{ "Basic dXNlcjpwdw==", NULL },
	{ "Bearero311", NULL },
	{ "", NULL },
};

struct address_case {
	int		family;
	const char	*addr;		/* as text, parsed for the case */
	const char	*forwarded;
	const char	*want;
};

static const struct address_case	address_cases[] = {
	{ AF_INET, "192.0.2.7", NULL, "192.0.2.7" },
	{ AF_INET6, "2001:db8::1", NULL, "2001:db8::1" },
	{ AF_INET, "192.0.2.7", "203.0.113.9", "203.0.113.9" },
	/* The entry the trusted proxy added (the last), not the first. */
	{ AF_INET, "192.0.2.7", "203.0.113.9, 10.0.0.1", "10.0.0.1" },
	{ AF_INET, "192.0.2.7", " 203.0.113.9", "203.0.113.9" },
	{ AF_INET, "192.0.2.7", "203.0.113.9, junk", "192.0.2.7" },
	{ AF_INET, "192.0.2.7", "", "192.0.2.7" },
	{ AF_UNIX, NULL, NULL, "-" },
};

struct array_case {
	const char	*literal;
	int		n;		/* -1: malformed */
	const char	*items[3];
};

static const struct array_case	array_cases[] = {
	{ "{}", 0, { NULL } },
	{ "{a}", 1, { "a" } },
	{ "{a,\"b c\",\"d\\\"e\"}", 3, { "a", "b c", "d\"e" } },
	{ "{\"\"}", 1, { "" } },
	{ "{\"a\\\\b\"}", 1, { "a\\b" } },
	{ "{http://x/1,http://x/2}", 2, { "http://x/1", "http://x/2" } },
	{ "a,b", -1, { NULL } },
	{ "{\"a\"b}", -1, { "a" } },
};

static void
test_number(void **state)
{
	char	out[PARAMS_NUMBER_LEN];
	size_t	i;
	int	r;

	(void)state;
	for (i = 0; i < NCASES(number_cases); i++) {
		r = params_number(number_cases[i].in, number_cases[i].min,
		    number_cases[i].max, out);
		if (number_cases[i].out == NULL) {
			if (r != -1)
				fail_msg("'%s' accepted", number_cases[i].in);
		} else if (r != 0 || strcmp(out, number_cases[i].out)) {
			fail_msg("'%s': %d '%s'", number_cases[i].in, r, out);
		}
	}
}

static void
test_tokens(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < NCASES(token_cases); i++) {
		if (params_id(token_cases[i].in) != token_cases[i].id)
			fail_msg("id '%s'", token_cases[i].in);
		if (params_hex(token_cases[i].in, 32, 32) !=
		    token_cases[i].hex32)
			fail_msg("hex '%s'", token_cases[i].in);
	}
	assert_int_equal(params_hex("abc", 1, 64), 1);
	assert_int_equal(params_hex("", 1, 64), 0);
}

static void
test_bool(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < NCASES(bool_cases); i++) {
		if (params_bool(bool_cases[i].in, bool_cases[i].def) !=
		    bool_cases[i].want)
			fail_msg("bool '%s'", bool_cases[i].in ?
			    bool_cases[i].in : "(null)");
	}
}

static void
test_list(void **state)
{
	struct buf	b;
	size_t		i;
	int		n;

	(void)state;
	for (i = 0; i < NCASES(list_cases); i++) {
		buf_init(&b);
		n = params_list(list_cases[i].in, list_cases[i].flags, &b);
		if (n != list_cases[i].n)
			fail_msg("list '%s': %d items", list_cases[i].in, n);
		if (n >= 0 && strcmp(buf_cstr(&b), list_cases[i].literal))
			fail_msg("list '%s': %s", list_cases[i].in,
			    buf_cstr(&b));
		if (n < 0 && b.len != 0)
			fail_msg("list '%s' refused, written",
			    list_cases[i].in);
		buf_free(&b);
	}
}

static void
test_list_max(void **state)
{
	struct buf	b, in;
	int		i;

	(void)state;
	buf_init(&in);
	for (i = 0; i < PARAMS_LIST_MAX + 5; i++)
		buf_printf(&in, "%s%d", i ? "," : "", i);
	buf_init(&b);
	assert_int_equal(params_list(buf_cstr(&in), PARAMS_LIST_IDS, &b),
	    PARAMS_LIST_MAX);
	buf_free(&b);
	buf_free(&in);
}

static void
test_page(void **state)
{
	char		err[PARAMS_ERRLEN];
	long long	limit, offset;
	size_t		i;
	int		r;

	(void)state;
	for (i = 0; i < NCASES(page_cases); i++) {
		err[0] = '\0';
		r = params_page(page_cases[i].page, page_cases[i].size, &limit,
		    &offset, err, sizeof(err));
		if (page_cases[i].limit == -1) {
			if (r != -1 || strstr(err, page_cases[i].err) == NULL)
				fail_msg("page case %zu: %d '%s'", i, r, err);
		} else if (r != 0 || limit != page_cases[i].limit ||
		    offset != page_cases[i].offset) {
			fail_msg("page case %zu: %d %lld %lld", i, r, limit,
			    offset);
		}
	}
}

static void
test_dates(void **state)
{
	struct params_dates	d;
	char			err[PARAMS_ERRLEN];
	size_t			i;
	int			r;

	(void)state;
	for (i = 0; i < NCASES(dates_cases); i++) {
		err[0] = '\0';
		r = params_dates("updated_after", dates_cases[i].from,
		    "updated_before", dates_cases[i].to,
		    dates_cases[i].strict, &d, err, sizeof(err));
		if (dates_cases[i].ok) {
			if (r != 0 || d.has_from != (dates_cases[i].from !=
			    NULL) || d.has_to != (dates_cases[i].to != NULL))
				fail_msg("dates case %zu: %d '%s'", i, r, err);
		} else if (r != -1 || strstr(err, dates_cases[i].err) == NULL) {
			fail_msg("dates case %zu: %d '%s'", i, r, err);
		}
	}
	assert_int_equal(params_dates("a", "1970-01-02", "b", NULL, 0, &d,
	    err, sizeof(err)), 0);
	assert_true(d.from == DAY);
}

static void
test_window(void **state)
{
	const struct window_case	*c;
	struct params_dates		d;
	char				err[PARAMS_ERRLEN];
	size_t				i;
	int				r;

	(void)state;
	for (i = 0; i < NCASES(window_cases); i++) {
		c = &window_cases[i];
		err[0] = '\0';
		r = params_window(c->start, c->end, NOW, c->span, c->flags,
		    &d, err, sizeof(err));
		if (c->from == -1) {
			if (r != -1 || strstr(err, c->err) == NULL)
				fail_msg("window case %zu: %d '%s'", i, r, err);
		} else if (r != 0 || d.from != c->from || d.to != c->to ||
		    d.has_to != c->has_to) {
			fail_msg("window case %zu: %d %lld %lld %d", i, r,
			    d.from, d.to, d.has_to);
		}
	}
}

static void
test_text(void **state)
{
	char	err[PARAMS_ERRLEN];
	size_t	i;
	int	r;

	(void)state;
	for (i = 0; i < NCASES(text_cases); i++) {
		err[0] = '\0';
		r = params_text("note", text_cases[i].in, text_cases[i].class,
		    text_cases[i].max, err, sizeof(err));
		if (text_cases[i].err == NULL ? r != 0 :
		    r != -1 || strstr(err, text_cases[i].err) == NULL)
			fail_msg("text case %zu: %d '%s'", i, r, err);
	}
}

static void
test_bearer(void **state)
{
	const char	*k;
	size_t		i;

	(void)state;
	for (i = 0; i < NCASES(bearer_cases); i++) {
		k = params_bearer(bearer_cases[i].hdr);
		if (bearer_cases[i].key == NULL ? k != NULL :
		    k == NULL || strcmp(k, bearer_cases[i].key))
			fail_msg("bearer '%s'", bearer_cases[i].hdr);
	}
}

static void
test_address(void **state)
{
	const struct address_case	*c;
	unsigned char			raw[16];
	char				out[64];
	size_t				i;

	(void)state;
	for (i = 0; i < NCASES(address_cases); i++) {
		c = &address_cases[i];
		if (c->addr != NULL)
			assert_int_equal(inet_pton(c->family, c->addr, raw), 1);
		params_address(c->family, c->addr != NULL ? raw : NULL,
		    c->forwarded, 1, out, sizeof(out));
		if (strcmp(out, c->want))
			fail_msg("address case %zu: '%s'", i, out);
	}
	/* A forwarded address that does not fit is not taken. */
	params_address(AF_INET, NULL, "203.0.113.9", 1, out, 8);
	assert_string_equal(out, "-");
}

static void
test_pg_array(void **state)
{
	const struct array_case	*c;
	struct buf		lit, item;
	const char		*s;
	size_t			i;
	int			n, r;

	(void)state;
	buf_init(&item);
	for (i = 0; i < NCASES(array_cases); i++) {
		c = &array_cases[i];
		s = c->literal;
		n = 0;
		while ((r = params_pg_array_next(&s, &item)) == 1) {
			if (n >= 3 || c->items[n] == NULL ||
			    strcmp(buf_cstr(&item), c->items[n]))
				fail_msg("array case %zu: item %d '%s'", i, n,
				    buf_cstr(&item));
			n++;
		}
		if (c->n == -1 ? r != -1 : r != 0 || n != c->n)
			fail_msg("array case %zu: %d after %d items", i, r, n);

		/* What the writer writes, the reader reads back. */
		if (c->n <= 0)
			continue;
		buf_init(&lit);
		params_pg_array(&lit, c->items, (size_t)c->n);
		s = buf_cstr(&lit);
		for (n = 0; params_pg_array_next(&s, &item) == 1; n++)
			assert_string_equal(buf_cstr(&item), c->items[n]);
		assert_int_equal(n, c->n);
		buf_free(&lit);
	}
	buf_free(&item);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_number),
		cmocka_unit_test(test_tokens),
		cmocka_unit_test(test_bool),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_list_max),
		cmocka_unit_test(test_page),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_bearer),
		cmocka_unit_test(test_address),
		cmocka_unit_test(test_pg_array),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
