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
 * Unit tests for formats/path.c: request path splitting, the test
 * prefix, format suffixes, percent-decoding and pattern matching (one
 * segment with ':', the rest with a last '*').
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "formats/path.h"

struct parse_case {
	const char	*path;
	int		rc;
	int		test;
	int		nsegs;
	const char	*seg0;
	const char	*seg1;
	const char	*ext;
};

static const struct parse_case	parse_cases[] = {
	{ "/services.json", 0, 0, 1, "services", NULL, "json" },
	{ "/services.xml", 0, 0, 1, "services", NULL, "xml" },
	{ "//services.xml/", 0, 0, 1, "services", NULL, "xml" },
	{ "/services", 0, 0, 1, "services", NULL, "" },
	{ "/test/services.json", 0, 1, 1, "services", NULL, "json" },
	{ "/test", 0, 0, 1, "test", NULL, "" },
	{ "/services/POTHOLE.json", 0, 0, 2, "services", "POTHOLE", "json" },
	{ "/services/POT%20HOLE.xml", 0, 0, 2, "services", "POT HOLE", "xml" },
	{ "/services/a+b.json", 0, 0, 2, "services", "a+b", "json" },
	{ "/services/foo.bar.json", 0, 0, 2, "services", "foo.bar", "json" },
	{ "/requests/1042.json", 0, 0, 2, "requests", "1042", "json" },
	{ "/services.", 0, 0, 1, "services.", NULL, "" },
	{ "/.json", 0, 0, 1, ".json", NULL, "" },
	{ "/services.js-on", 0, 0, 1, "services.js-on", NULL, "" },
	{ "/services.verylongsuffix", 0, 0, 1, "services.verylongsuffix",
	    NULL, "" },
	{ "/", 0, 0, 0, NULL, NULL, "" },
	{ "", 0, 0, 0, NULL, NULL, "" },
	{ "/services/%zz.json", -1, 0, 0, NULL, NULL, NULL },
	{ "/services/%4.json", -1, 0, 0, NULL, NULL, NULL },
	{ "/services/%00.json", -1, 0, 0, NULL, NULL, NULL },
	{ "/services/abc%", -1, 0, 0, NULL, NULL, NULL },
	{ "/a/b/c/d/e/f/g", -1, 0, 0, NULL, NULL, NULL },
	{ "/a/b/c/d/e/f", 0, 0, 6, "a", "b", "" },
	{ "/test/a/b/c/d/e/f", 0, 1, 6, "a", "b", "" },
};

static void
test_parse_table(void **state)
{
	struct fmt_path	p;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]); i++) {
		const struct parse_case	*c = &parse_cases[i];

		print_message("case %zu: '%s'\n", i, c->path);
		assert_int_equal(fmt_path_parse(c->path, &p), c->rc);
		if (c->rc == -1)
			continue;
		assert_int_equal(p.test, c->test);
		assert_int_equal(p.nsegs, c->nsegs);
		if (c->seg0 != NULL)
			assert_string_equal(p.segs[0], c->seg0);
		if (c->seg1 != NULL)
			assert_string_equal(p.segs[1], c->seg1);
		assert_string_equal(p.ext, c->ext);
	}
}

static void
test_parse_too_long(void **state)
{
	struct fmt_path	p;
	char		path[FMT_PATH_LEN + 10];

	(void)state;
	memset(path, 'a', sizeof(path) - 1);
	path[0] = '/';
	path[sizeof(path) - 1] = '\0';
	assert_int_equal(fmt_path_parse(path, &p), -1);
}

struct match_case {
	const char	*path;
	const char	*pattern;
	int		match;
	const char	*cap0;
	const char	*cap1;
};

static const struct match_case	match_cases[] = {
	{ "/services.json", "services", 1, NULL, NULL },
	{ "/services.json", "services/:", 0, NULL, NULL },
	{ "/services/X.json", "services/:", 1, "X", NULL },
	{ "/services/X.json", "services", 0, NULL, NULL },
	{ "/requests/7/feedback", "requests/:/feedback", 1, "7", NULL },
	{ "/requests/7/notes", "requests/:/feedback", 0, NULL, NULL },
	{ "/a/1/b/2", "a/:/b/:", 1, "1", "2" },
	{ "/", "services", 0, NULL, NULL },
	{ "/servicesx.json", "services", 0, NULL, NULL },
	{ "/service.json", "services", 0, NULL, NULL },
	{ "/", "", 1, NULL, NULL },
	{ "/assets/app.js", "assets/*", 1, "app", NULL },
	{ "/assets/js/map/app.js", "assets/*", 1, "js", NULL },
	{ "/assets", "assets/*", 0, NULL, NULL },
	{ "/x/app.js", "assets/*", 0, NULL, NULL },
	{ "/a/1/b/c", "a/:/*", 1, "1", "b" },
	{ "/a/b/c", "a/*/c", 0, NULL, NULL },
};

static void
test_match_table(void **state)
{
	struct fmt_path	p;
	const char	*caps[2];
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(match_cases) / sizeof(match_cases[0]); i++) {
		const struct match_case	*c = &match_cases[i];

		print_message("case %zu: '%s' ~ '%s'\n", i, c->path,
		    c->pattern);
		caps[0] = caps[1] = NULL;
		assert_int_equal(fmt_path_parse(c->path, &p), 0);
		assert_int_equal(fmt_path_match(&p, c->pattern, caps, 2),
		    c->match);
		if (c->cap0 != NULL)
			assert_string_equal(caps[0], c->cap0);
		if (c->cap1 != NULL)
			assert_string_equal(caps[1], c->cap1);
	}
}

struct pct_case {
	const char	*in;
	int		plus;
	int		rc;
	const char	*out;
};

static const struct pct_case	pct_cases[] = {
	{ "a%5Bb%5D", 0, 6, "a[b]" },
	{ "a%5bb%5d", 0, 4, "a[b]" },
	{ "a+b", 1, 3, "a b" },
	{ "a+b", 0, 3, "a+b" },
	{ "%e2%82%ac", 0, 3, "\xe2\x82\xac" },
	{ "%", 0, -1, NULL },
	{ "%2", 0, -1, NULL },
	{ "%g0", 0, -1, NULL },
	{ "%00", 0, -1, NULL },
	{ "", 0, 0, "" },
};

static void
test_pct_table(void **state)
{
	char		out[64];
	size_t		i;
	int		rc;

	(void)state;
	for (i = 0; i < sizeof(pct_cases) / sizeof(pct_cases[0]); i++) {
		const struct pct_case	*c = &pct_cases[i];

		print_message("case %zu: '%s'\n", i, c->in);
		rc = fmt_pct_decode(c->in, strlen(c->in), out, c->plus);
		if (c->rc == -1) {
			assert_int_equal(rc, -1);
			continue;
		}
		assert_int_equal(rc, (int)strlen(c->out));
		assert_string_equal(out, c->out);
	}
}

struct shift_case {
	const char	*path;
	const char	*first;		/* NULL: nothing taken */
	int		nsegs;		/* after */
	const char	*seg0;
	const char	*seg1;
	int		test;
	const char	*ext;
};

static const struct shift_case	shift_cases[] = {
	{ "/sandiego.gov/services.json", "sandiego.gov", 1, "services", NULL,
	    0, "json" },
	{ "/sandiego.gov/services/POT%20HOLE.xml", "sandiego.gov", 2,
	    "services", "POT HOLE", 0, "xml" },
	{ "/test/sandiego.gov/requests/12.json", "sandiego.gov", 2,
	    "requests", "12", 1, "json" },
	{ "/a%2Fb/discovery.xml", "a/b", 1, "discovery", NULL, 0, "xml" },
	{ "/services.json", NULL, 1, "services", NULL, 0, "json" },
	{ "/sandiego.gov", NULL, 1, "sandiego", NULL, 0, "gov" },
	{ "/", NULL, 0, NULL, NULL, 0, "" },
};

static void
test_shift_table(void **state)
{
	struct fmt_path	p;
	const char	*first;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(shift_cases) / sizeof(shift_cases[0]); i++) {
		const struct shift_case	*c = &shift_cases[i];

		print_message("case %zu: '%s'\n", i, c->path);
		assert_int_equal(fmt_path_parse(c->path, &p), 0);
		first = fmt_path_shift(&p);
		if (c->first == NULL)
			assert_null(first);
		else
			assert_string_equal(first, c->first);
		assert_int_equal(p.nsegs, c->nsegs);
		assert_null(p.segs[p.nsegs]);
		if (c->seg0 != NULL)
			assert_string_equal(p.segs[0], c->seg0);
		if (c->seg1 != NULL)
			assert_string_equal(p.segs[1], c->seg1);
		assert_int_equal(p.test, c->test);
		assert_string_equal(p.ext, c->ext);
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_parse_table),
		cmocka_unit_test(test_parse_too_long),
		cmocka_unit_test(test_match_table),
		cmocka_unit_test(test_pct_table),
		cmocka_unit_test(test_shift_table),
	};

	return (cmocka_run_group_tests_name("path", tests, NULL, NULL));
}
