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
 * Unit tests for formats/utf8.c: decoding of single sequences (overlong
 * forms, surrogates, code points above U+10FFFF, truncated and broken
 * sequences), validation of whole strings, counting characters of
 * multibyte text, encoding round trips, and the text classes of
 * fmt_text_check (C0 and C1 controls, DEL, U+FFFE/U+FFFF, and tab, CR
 * and LF allowed only in FMT_TEXT_MULTILINE).
 */

#include <sys/types.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "formats/utf8.h"

struct decode_case {
	const char	*in;
	size_t		len;
	size_t		rc;
	u_int32_t	cp;
};

#define D(s, rc, cp)	{ s, sizeof(s) - 1, rc, cp }

static const struct decode_case	decode_cases[] = {
	/* Valid, at each length boundary. */
	D("A", 1, 0x41),
	D("\x00", 1, 0x0),
	D("\x7f", 1, 0x7f),
	D("\xc2\x80", 2, 0x80),
	D("\xc3\xa9", 2, 0xe9),
	D("\xdf\xbf", 2, 0x7ff),
	D("\xe0\xa0\x80", 3, 0x800),
	D("\xe2\x82\xac", 3, 0x20ac),
	D("\xed\x9f\xbf", 3, 0xd7ff),
	D("\xee\x80\x80", 3, 0xe000),
	D("\xef\xbf\xbd", 3, 0xfffd),
	D("\xef\xbf\xbf", 3, 0xffff),
	D("\xf0\x90\x80\x80", 4, 0x10000),
	D("\xf0\x9f\x92\xa9", 4, 0x1f4a9),
	D("\xf4\x8f\xbf\xbf", 4, 0x10ffff),
	/* Only the first sequence is decoded. */
	D("\xc3\xa9xyz", 2, 0xe9),
	/* Overlong forms. */
	D("\xc0\x80", 0, 0),
	D("\xc0\xaf", 0, 0),
	D("\xc1\xbf", 0, 0),
	D("\xe0\x80\x80", 0, 0),
	D("\xe0\x9f\xbf", 0, 0),
	D("\xf0\x80\x80\x80", 0, 0),
	D("\xf0\x8f\xbf\xbf", 0, 0),
	/* Surrogates. */
	D("\xed\xa0\x80", 0, 0),
	D("\xed\xad\xbf", 0, 0),
	D("\xed\xb0\x80", 0, 0),
	D("\xed\xbf\xbf", 0, 0),
	/* Above U+10FFFF, and lead bytes that cannot start anything. */
	D("\xf4\x90\x80\x80", 0, 0),
	D("\xf5\x80\x80\x80", 0, 0),
	D("\xf7\xbf\xbf\xbf", 0, 0),
	D("\xf8\x88\x80\x80\x80", 0, 0),
	D("\xfc\x84\x80\x80\x80\x80", 0, 0),
	D("\xfe", 0, 0),
	D("\xff", 0, 0),
	/* Lone continuation bytes. */
	D("\x80", 0, 0),
	D("\xbf", 0, 0),
	/* Truncated sequences. */
	D("\xc3", 0, 0),
	D("\xe2\x82", 0, 0),
	D("\xe2", 0, 0),
	D("\xf0\x9f\x92", 0, 0),
	D("\xf0\x9f", 0, 0),
	/* A continuation byte replaced by something else. */
	D("\xc3\x41", 0, 0),
	D("\xe2\x28\xa1", 0, 0),
	D("\xe2\x82\x28", 0, 0),
	D("\xf0\x9f\x92\x41", 0, 0),
	D("\xf0\x9f\xc3\xa9", 0, 0),
	{ "", 0, 0, 0 },
};

static void
test_decode_table(void **state)
{
	u_int32_t	cp;
	size_t		i, rc;

	(void)state;
	for (i = 0; i < sizeof(decode_cases) / sizeof(decode_cases[0]); i++) {
		const struct decode_case	*c = &decode_cases[i];

		print_message("case %zu\n", i);
		cp = 0xdeadbeef;
		rc = fmt_utf8_decode((const u_int8_t *)c->in, c->len, &cp);
		assert_int_equal(rc, c->rc);
		if (c->rc != 0)
			assert_int_equal(cp, c->cp);
	}
}

/* The length limit is honoured even when more bytes follow in memory. */
static void
test_decode_short_len(void **state)
{
	const u_int8_t	euro[] = { 0xe2, 0x82, 0xac };
	u_int32_t	cp;

	(void)state;
	assert_int_equal(fmt_utf8_decode(euro, 0, &cp), 0);
	assert_int_equal(fmt_utf8_decode(euro, 1, &cp), 0);
	assert_int_equal(fmt_utf8_decode(euro, 2, &cp), 0);
	assert_int_equal(fmt_utf8_decode(euro, 3, &cp), 3);
	assert_int_equal(cp, 0x20ac);
}

struct text_case {
	const char	*in;
	size_t		len;
	int		valid;		/* fmt_utf8_valid */
	size_t		chars;		/* fmt_utf8_chars */
	const char	*line;		/* fmt_text_check, FMT_TEXT_LINE */
	const char	*multi;		/* fmt_text_check, FMT_TEXT_MULTILINE */
};

#define OK	NULL
#define BAD	"is not valid UTF-8"
#define CTL	"contains a control character"
#define NCH	"contains a non-character"
#define T(s, v, n, l, m)	{ s, sizeof(s) - 1, v, n, l, m }

static const struct text_case	text_cases[] = {
	T("", 1, 0, OK, OK),
	T("Pothole on 5th Ave", 1, 18, OK, OK),
	T("caf\xc3\xa9", 1, 4, OK, OK),
	T("\xe2\x82\xac" "5", 1, 2, OK, OK),
	T("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 1, 3, OK, OK),
	T("\xf0\x9f\x92\xa9\xf0\x9f\x92\xa9", 1, 2, OK, OK),
	T("a\xc2\xa0" "b", 1, 3, OK, OK),		/* NBSP: allowed */
	T("\xef\xbf\xbd", 1, 1, OK, OK),		/* U+FFFD */
	T("\xef\xb7\x90", 1, 1, OK, OK),		/* U+FDD0 */
	T("\xe2\x80\xa8", 1, 1, OK, OK),		/* U+2028 */
	T("\xf4\x8f\xbf\xbf", 1, 1, OK, OK),		/* U+10FFFF */
	/* Tab, CR and LF: multi-line text only. */
	T("a\tb", 1, 3, CTL, OK),
	T("line 1\nline 2", 1, 13, CTL, OK),
	T("line 1\r\nline 2", 1, 14, CTL, OK),
	T("\r", 1, 1, CTL, OK),
	/* Other C0 controls, DEL and C1 controls: never. */
	T("a\x00" "b", 1, 3, CTL, CTL),
	T("\x01", 1, 1, CTL, CTL),
	T("\x08", 1, 1, CTL, CTL),
	T("\x0b", 1, 1, CTL, CTL),
	T("\x0c", 1, 1, CTL, CTL),
	T("\x1b[31m", 1, 5, CTL, CTL),
	T("\x1f", 1, 1, CTL, CTL),
	T("\x7f", 1, 1, CTL, CTL),
	T("\xc2\x80", 1, 1, CTL, CTL),
	T("\xc2\x85", 1, 1, CTL, CTL),		/* NEL */
	T("\xc2\x9f", 1, 1, CTL, CTL),
	/* Non-characters U+FFFE and U+FFFF. */
	T("\xef\xbf\xbe", 1, 1, NCH, NCH),
	T("x\xef\xbf\xbf", 1, 2, NCH, NCH),
	/* Invalid UTF-8: each bad byte counts as one character. */
	T("\xc0\x80", 0, 2, BAD, BAD),
	T("\xed\xa0\x80", 0, 3, BAD, BAD),
	T("\xed\xa0\xbd\xed\xb2\xa9", 0, 6, BAD, BAD),	/* CESU-8 */
	T("\xf4\x90\x80\x80", 0, 4, BAD, BAD),
	T("caf\xe9", 0, 4, BAD, BAD),			/* Latin-1 */
	T("ab\xe2\x82", 0, 4, BAD, BAD),
	T("\xff\xfe", 0, 2, BAD, BAD),
	T("ok\x80", 0, 3, BAD, BAD),
	/* The first problem found is reported. */
	T("\x01\xff", 0, 2, CTL, CTL),
	T("\xff\x01", 0, 2, BAD, BAD),
};

static void
test_text_table(void **state)
{
	size_t		i;
	const char	*why;

	(void)state;
	for (i = 0; i < sizeof(text_cases) / sizeof(text_cases[0]); i++) {
		const struct text_case	*c = &text_cases[i];

		print_message("case %zu\n", i);
		assert_int_equal(fmt_utf8_valid(c->in, c->len), c->valid);
		assert_int_equal(fmt_utf8_chars(c->in, c->len), c->chars);

		why = fmt_text_check(c->in, c->len, FMT_TEXT_LINE);
		if (c->line == NULL)
			assert_null(why);
		else
			assert_string_equal(why, c->line);

		why = fmt_text_check(c->in, c->len, FMT_TEXT_MULTILINE);
		if (c->multi == NULL)
			assert_null(why);
		else
			assert_string_equal(why, c->multi);
	}
}

struct encode_case {
	u_int32_t	cp;
	const char	*out;
};

static const struct encode_case	encode_cases[] = {
	{ 0x0, "\x00" },
	{ 0x41, "A" },
	{ 0x7f, "\x7f" },
	{ 0x80, "\xc2\x80" },
	{ 0xe9, "\xc3\xa9" },
	{ 0x7ff, "\xdf\xbf" },
	{ 0x800, "\xe0\xa0\x80" },
	{ 0x20ac, "\xe2\x82\xac" },
	{ 0xfffd, "\xef\xbf\xbd" },
	{ 0xffff, "\xef\xbf\xbf" },
	{ 0x10000, "\xf0\x90\x80\x80" },
	{ 0x1f4a9, "\xf0\x9f\x92\xa9" },
	{ 0x10ffff, "\xf4\x8f\xbf\xbf" },
};

static void
test_encode_table(void **state)
{
	char		out[4];
	u_int32_t	cp;
	size_t		i, n, want;

	(void)state;
	for (i = 0; i < sizeof(encode_cases) / sizeof(encode_cases[0]); i++) {
		const struct encode_case	*c = &encode_cases[i];

		print_message("case %zu: U+%04X\n", i, (unsigned)c->cp);
		want = c->cp == 0 ? 1 : strlen(c->out);
		n = fmt_utf8_encode(c->cp, out);
		assert_int_equal(n, want);
		assert_memory_equal(out, c->out, n);
		assert_int_equal(fmt_utf8_decode((const u_int8_t *)out, n,
		    &cp), n);
		assert_int_equal(cp, c->cp);
	}
}

/* Every scalar value survives encode then decode; surrogates do not. */
static void
test_encode_roundtrip(void **state)
{
	char		out[4];
	u_int32_t	cp, back;
	size_t		n;

	(void)state;
	for (cp = 0; cp <= 0x10ffff; cp++) {
		n = fmt_utf8_encode(cp, out);
		if (cp >= 0xd800 && cp <= 0xdfff) {
			assert_int_equal(fmt_utf8_decode((const u_int8_t *)out,
			    n, &back), 0);
			continue;
		}
		if (fmt_utf8_decode((const u_int8_t *)out, n, &back) != n ||
		    back != cp)
			fail_msg("U+%04X does not round-trip", (unsigned)cp);
		if (!fmt_utf8_valid(out, n) || fmt_utf8_chars(out, n) != 1)
			fail_msg("U+%04X is not one valid character",
			    (unsigned)cp);
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_decode_table),
		cmocka_unit_test(test_decode_short_len),
		cmocka_unit_test(test_text_table),
		cmocka_unit_test(test_encode_table),
		cmocka_unit_test(test_encode_roundtrip),
	};

	return (cmocka_run_group_tests_name("utf8", tests, NULL, NULL));
}
