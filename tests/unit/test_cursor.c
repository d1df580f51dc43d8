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
 * Unit tests for formats/cursor.c: the scope a cursor is bound to (the
 * query without page, cursor and api_key), cursors that round-trip, and
 * a table of cursors refused: edited, of another order or query, out of
 * range, malformed.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "formats/cursor.h"

struct scope_case {
	const char	*qs;
	const char	*scope;
};

static const struct scope_case	scope_cases[] = {
	{ NULL, "" },
	{ "", "" },
	{ "page=2", "" },
	{ "jurisdiction_id=a.gov&page=2&page_size=5",
	    "jurisdiction_id=a.gov&page_size=5" },
	{ "cursor=r1.2.00&status=open", "status=open" },
	{ "api_key=s3cret&x=1&page&y=%20", "x=1&y=%20" },
	{ "pages=1&page_size=2&cursors=3", "pages=1&page_size=2&cursors=3" },
	{ "&&a=1&&", "a=1" },
	{ "a=1&page=3&b=2&cursor=z&c", "a=1&b=2&c" },
};

#define SCOPE	"jurisdiction_id=a.gov&status=open"

static void
test_scope_table(void **state)
{
	struct buf	b;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(scope_cases) / sizeof(scope_cases[0]); i++) {
		buf_init(&b);
		fmt_cursor_scope(&b, scope_cases[i].qs);
		if (strcmp(buf_cstr(&b), scope_cases[i].scope))
			fail_msg("scope of '%s': '%s', not '%s'",
			    scope_cases[i].qs ? scope_cases[i].qs : "(null)",
			    buf_cstr(&b), scope_cases[i].scope);
		buf_free(&b);
	}
}

static void
test_roundtrip(void **state)
{
	static const long long	pos[][2] = {
		{ 0, 1 }, { 1733150000123456LL, 42 },
		{ 999999999999999999LL, 999999999999999999LL },
	};
	struct buf	b;
	long long	us, id;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(pos) / sizeof(pos[0]); i++) {
		buf_init(&b);
		fmt_cursor_make(&b, CURSOR_REQUESTED, pos[i][0], pos[i][1],
		    SCOPE);
		assert_true(b.len <= CURSOR_LEN_MAX);
		assert_int_equal(fmt_cursor_parse(buf_cstr(&b),
		    CURSOR_REQUESTED, SCOPE, &us, &id), 0);
		assert_true(us == pos[i][0] && id == pos[i][1]);
		/* Another order or another query: refused. */
		assert_int_equal(fmt_cursor_parse(buf_cstr(&b),
		    CURSOR_UPDATED, SCOPE, &us, &id), -1);
		assert_int_equal(fmt_cursor_parse(buf_cstr(&b),
		    CURSOR_REQUESTED, SCOPE "&x=1", &us, &id), -1);
		assert_int_equal(fmt_cursor_parse(buf_cstr(&b),
		    CURSOR_REQUESTED, "", &us, &id), -1);
		buf_free(&b);
	}
}

static void
test_refused(void **state)
{
	static const char	*bad[] = {
		"", "r", "r1", "r1.", "r1.2", "r1.2.", "r1.2.0", "u1.2.C",
		"r01.2.C", "r1.02.C", "r-1.2.C", "r1.-2.C", "r+1.2.C",
		"r 1.2.C", "r1.2.C0", "r1.2..C", "r1.2.Cx",
		"r1234567890123456789.2.C", "r1.1234567890123456789.C",
		"R1.2.C", "r1.3.C", "r2.2.C",
	};
	struct buf	good, b;
	const char	*check, *p;
	char		cur[256];
	long long	us, id;
	size_t		i;

	(void)state;
	buf_init(&good);
	fmt_cursor_make(&good, CURSOR_REQUESTED, 1, 2, SCOPE);
	check = strrchr(buf_cstr(&good), '.') + 1;
	assert_int_equal(fmt_cursor_parse(buf_cstr(&good), CURSOR_REQUESTED,
	    SCOPE, &us, &id), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		/* 'C' in the table stands for the right check. */
		buf_init(&b);
		for (p = bad[i]; *p != '\0'; p++) {
			if (*p == 'C')
				buf_str(&b, check);
			else
				buf_byte(&b, *p);
		}
		if (fmt_cursor_parse(buf_cstr(&b), CURSOR_REQUESTED, SCOPE,
		    &us, &id) != -1)
			fail_msg("cursor '%s' accepted", buf_cstr(&b));
		buf_free(&b);
	}
	/* One hex digit of the check off. */
	(void)snprintf(cur, sizeof(cur), "%s", buf_cstr(&good));
	cur[strlen(cur) - 1] = cur[strlen(cur) - 1] == '0' ? '1' : '0';
	assert_int_equal(fmt_cursor_parse(cur, CURSOR_REQUESTED, SCOPE, &us,
	    &id), -1);
	assert_int_equal(fmt_cursor_parse(NULL, CURSOR_REQUESTED, SCOPE, &us,
	    &id), -1);
	buf_free(&good);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_scope_table),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_refused),
	};

	return (cmocka_run_group_tests_name("cursor", tests, NULL, NULL));
}
