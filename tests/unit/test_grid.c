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
 * Unit tests for geo/grid.c. The locking property of geo_grid_locks,
 * randomized with a fixed seed: points closer than a cell in each axis
 * share at least one of their four keys, points more than two cells
 * apart in some axis share none, the keys are sorted, distinct and
 * non-negative, and different scopes never share a key; a table of
 * pairs at rounding boundaries. geo_grid_address_lock is stable and
 * depends on scope and address. A table for geo_address_normalize:
 * case, punctuation, runs of spaces, every abbreviation it knows, words
 * that only contain one, UTF-8 kept (and never cut inside a character
 * when a long word is shortened), empty input; and truncation to every
 * output length, which keeps whole words and always terminates.
 * geo_point_locks in San Diego's state plane grid, in the equirectangular
 * approximation (EPSG:4326) and for a CRS PROJ does not know: reports 10
 * m apart share a key at a 50 m radius, reports 2 km apart share none.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "formats/utf8.h"
#include "geo/grid.h"
#include "geo/locks.h"
#include "geo/proj.h"

#define SEED		0x0311d0311d0311dULL
#define ROUNDS		100000

/* splitmix64: the same sequence on every platform. */
static uint64_t
rnd_next(uint64_t *s)
{
	uint64_t	z;

	z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (z ^ (z >> 31));
}

/* Uniform in [0, 1). */
static double
rnd_unit(uint64_t *s)
{
	return ((double)(rnd_next(s) >> 11) / 9007199254740992.0);
}

/* Uniform in [lo, hi). */
static double
rnd_range(uint64_t *s, double lo, double hi)
{
	return (lo + (hi - lo) * rnd_unit(s));
}

/* The locks of a point, checked sorted, distinct and non-negative. */
static void
locks(const char *scope, double x, double y, double cell, int64_t *k)
{
	int	i;

	geo_grid_locks(scope, x, y, cell, k);
	for (i = 0; i < GEO_LOCKS; i++) {
		if (k[i] < 0)
			fail_msg("%s %.3f %.3f: key %d is negative", scope, x,
			    y, i);
		if (i > 0 && k[i - 1] >= k[i])
			fail_msg("%s %.3f %.3f: keys not sorted and distinct",
			    scope, x, y);
	}
}

/* How many keys two sorted sets have in common. */
static int
common(const int64_t *a, const int64_t *b)
{
	int	i, j, n;

	i = j = n = 0;
	while (i < GEO_LOCKS && j < GEO_LOCKS) {
		if (a[i] < b[j])
			i++;
		else if (a[i] > b[j])
			j++;
		else {
			n++;
			i++;
			j++;
		}
	}
	return (n);
}

static void
test_locks_near(void **state)
{
	int64_t		a[GEO_LOCKS], b[GEO_LOCKS], again[GEO_LOCKS];
	uint64_t	s;
	double		x, y, dx, dy, cell, far;
	int		i;

	(void)state;
	s = SEED;
	for (i = 0; i < ROUNDS; i++) {
		/* Up to 5000 m in feet, 1.5x; coordinates up to 2e7. */
		cell = rnd_range(&s, 1.5, 25000.0);
		far = i % 4 == 0 ? 2e7 : 1e6;
		x = rnd_range(&s, -far, far);
		y = rnd_range(&s, -far, far);
		/* Strictly closer than a cell, with room for rounding. */
		dx = cell * rnd_range(&s, -1.0, 1.0) * (1.0 - 1e-9);
		dy = cell * rnd_range(&s, -1.0, 1.0) * (1.0 - 1e-9);

		locks("sd|POTHOLE", x, y, cell, a);
		locks("sd|POTHOLE", x + dx, y + dy, cell, b);
		if (common(a, b) < 1)
			fail_msg("round %d: (%.6f, %.6f) and (%.6f, %.6f), "
			    "cell %.6f, share no key", i, x, y, x + dx, y + dy,
			    cell);

		/* The same point always gives the same keys. */
		locks("sd|POTHOLE", x, y, cell, again);
		assert_memory_equal(a, again, sizeof(a));
	}
}

static void
test_locks_far(void **state)
{
	int64_t		a[GEO_LOCKS], b[GEO_LOCKS];
	uint64_t	s;
	double		x, y, dx, dy, cell, d;
	int		i;

	(void)state;
	s = SEED ^ 0xfa7;
	for (i = 0; i < ROUNDS; i++) {
		cell = rnd_range(&s, 1.5, 25000.0);
		x = rnd_range(&s, -1e6, 1e6);
		y = rnd_range(&s, -1e6, 1e6);
		/* Over two cells apart in one axis, anything in the other. */
		d = cell * (2.0 + 1e-6 + rnd_range(&s, 0.0, 10.0));
		if (rnd_next(&s) & 1)
			d = -d;
		if (i % 2 == 0) {
			dx = d;
			dy = cell * rnd_range(&s, -3.0, 3.0);
		} else {
			dx = cell * rnd_range(&s, -3.0, 3.0);
			dy = d;
		}

		locks("sd|POTHOLE", x, y, cell, a);
		locks("sd|POTHOLE", x + dx, y + dy, cell, b);
		if (common(a, b) != 0)
			fail_msg("round %d: (%.6f, %.6f) and (%.6f, %.6f), "
			    "cell %.6f, share a key", i, x, y, x + dx, y + dy,
			    cell);
	}
}

struct pair_case {
	double		x1, y1;
	double		x2, y2;
	int		share;		/* 1: some key, 0: none */
};

/* In units of one cell; run at several cell sizes. */
static const struct pair_case	pair_cases[] = {
	{ 0.0, 0.0, 0.0, 0.0, 1 },
	{ 0.49, 0.0, 1.48, 0.0, 1 },
	{ 0.51, 0.0, -0.48, 0.0, 1 },
	{ -0.51, 0.0, 0.48, 0.0, 1 },
	{ -0.5, 0.0, 0.4999, 0.0, 1 },
	{ 0.5, 0.0, -0.4999, 0.0, 1 },
	{ 0.0, -0.5, 0.0, 0.4999, 1 },
	{ 0.5, 0.5, -0.4999, -0.4999, 1 },
	{ -0.5, 0.5, 0.4999, -0.4999, 1 },
	{ 1000.49, -1000.49, 1001.48, -999.5, 1 },
	{ -7.5, -7.5, -6.5001, -8.4999, 1 },
	/* Exactly one cell apart is not "closer than a cell". */
	{ -0.5, 0.0, 0.5, 0.0, 0 },
	{ 0.49, 0.0, 2.51, 0.0, 0 },
	{ 0.0, 0.49, 0.0, 2.51, 0 },
	{ -0.49, 0.0, -2.51, 0.0, 0 },
	{ 0.0, 0.0, 2.5, 0.0, 0 },
	{ 0.0, 0.0, 0.0, -2.5, 0 },
	{ 0.0, 0.0, 100.0, 100.0, 0 },
};

static void
test_locks_table(void **state)
{
	static const double	cells[] = {
		1.0, 1.5, 75.0, 246.063, 7500.0
	};
	int64_t			a[GEO_LOCKS], b[GEO_LOCKS];
	size_t			i, j;
	int			n;

	(void)state;
	for (i = 0; i < sizeof(pair_cases) / sizeof(pair_cases[0]); i++) {
		const struct pair_case	*p = &pair_cases[i];

		print_message("case %zu: (%g, %g) (%g, %g)\n", i, p->x1, p->y1,
		    p->x2, p->y2);
		for (j = 0; j < sizeof(cells) / sizeof(cells[0]); j++) {
			locks("j|k", p->x1 * cells[j], p->y1 * cells[j],
			    cells[j], a);
			locks("j|k", p->x2 * cells[j], p->y2 * cells[j],
			    cells[j], b);
			n = common(a, b);
			if ((n > 0) != p->share)
				fail_msg("cell %g: %d keys in common", cells[j],
				    n);
			if (p->x1 == p->x2 && p->y1 == p->y2)
				assert_int_equal(n, GEO_LOCKS);
		}
	}
}

static const char	*scopes[] = {
	"sd|POTHOLE", "sd|GRAFFITI", "la|POTHOLE", "sd|pothole", "sd|POTHOLE ",
	"", "|", "sd", "sd|POTHOLE|1",
};

#define NSCOPES	(sizeof(scopes) / sizeof(scopes[0]))

static void
test_locks_scopes(void **state)
{
	int64_t		k[NSCOPES][GEO_LOCKS];
	uint64_t	s;
	double		x, y, cell;
	size_t		i, j;
	int		r;

	(void)state;
	s = SEED ^ 0x5c0;
	for (r = 0; r < ROUNDS / 10; r++) {
		cell = rnd_range(&s, 1.5, 25000.0);
		x = rnd_range(&s, -1e6, 1e6);
		y = rnd_range(&s, -1e6, 1e6);
		for (i = 0; i < NSCOPES; i++) {
			/* Nearby points, so only the scope tells them apart. */
			locks(scopes[i], x + cell * 0.1 * (double)i, y, cell,
			    k[i]);
			for (j = 0; j < i; j++) {
				if (common(k[i], k[j]) != 0)
					fail_msg("round %d: scopes '%s' and "
					    "'%s' share a key", r, scopes[i],
					    scopes[j]);
			}
		}
	}
}

static void
test_address_lock(void **state)
{
	int64_t		k[NSCOPES], l, g[GEO_LOCKS];
	char		scope[32], addr[32];
	size_t		i, j;

	(void)state;
	for (i = 0; i < NSCOPES; i++) {
		k[i] = geo_grid_address_lock(scopes[i], "123 main st");
		assert_true(k[i] >= 0);
		for (j = 0; j < i; j++) {
			if (k[i] == k[j])
				fail_msg("scopes '%s' and '%s' share a key",
				    scopes[i], scopes[j]);
		}
	}

	/* Stable: the same text in other buffers gives the same key. */
	(void)snprintf(scope, sizeof(scope), "%s", "sd|POTHOLE");
	(void)snprintf(addr, sizeof(addr), "%s", "123 main st");
	assert_true(geo_grid_address_lock(scope, addr) == k[0]);
	assert_true(geo_grid_address_lock("sd|POTHOLE", "123 main st") ==
	    k[0]);

	/* Other addresses, or an empty one, give other keys. */
	l = geo_grid_address_lock("sd|POTHOLE", "125 main st");
	assert_true(l != k[0]);
	assert_true(geo_grid_address_lock("sd|POTHOLE", "123 main") != k[0]);
	assert_true(geo_grid_address_lock("sd|POTHOLE", "") != k[0]);
	assert_true(geo_grid_address_lock("sd|POTHOLE", "") != l);

	/* Never a key of the point grid of the same scope. */
	geo_grid_locks("sd|POTHOLE", 0.0, 0.0, 75.0, g);
	for (i = 0; i < GEO_LOCKS; i++)
		assert_true(g[i] != k[0] &&
		    g[i] != geo_grid_address_lock("sd|POTHOLE", ""));
}

struct norm_case {
	const char	*in;
	const char	*out;
};

#define E_ACUTE	"\xc3\xa9"			/* é */
#define E4	E_ACUTE E_ACUTE E_ACUTE E_ACUTE
#define E8	E4 E4
#define A16	"aaaaaaaaaaaaaaaa"
#define A64	A16 A16 A16 A16

static const struct norm_case	norm_cases[] = {
	{ "123 Main Street, Apt. 4", "123 main st apt 4" },
	{ "", "" },
	{ " ", "" },
	{ ",.;:!?-/#'\"()", "" },
	{ "\t\r\n", "" },
	/* Case, punctuation and spaces. */
	{ "123 MAIN ST", "123 main st" },
	{ "  123   main\t\tst  ", "123 main st" },
	{ "123\tMain\r\nStreet", "123 main st" },
	{ "12-14 O'Brien St.#5", "12 14 o brien st 5" },
	{ "(123) Main/Elm", "123 main elm" },
	{ "1st Street", "1st st" },
	{ "PO Box 1234", "po box 1234" },
	/* Every abbreviation, in any case. */
	{ "1 Foo Street", "1 foo st" },
	{ "1 Foo STREET", "1 foo st" },
	{ "1 Foo Avenue", "1 foo ave" },
	{ "1 Foo Av", "1 foo ave" },
	{ "1 Foo Boulevard", "1 foo blvd" },
	{ "1 Foo Road", "1 foo rd" },
	{ "1 Foo Drive", "1 foo dr" },
	{ "1 Foo Lane", "1 foo ln" },
	{ "1 Foo Court", "1 foo ct" },
	{ "1 Foo Place", "1 foo pl" },
	{ "1 Foo Terrace", "1 foo ter" },
	{ "1 Foo Highway", "1 foo hwy" },
	{ "1 Foo Parkway", "1 foo pkwy" },
	{ "1 Foo Circle", "1 foo cir" },
	{ "1 Foo Square", "1 foo sq" },
	{ "1 North Foo", "1 n foo" },
	{ "1 South Foo", "1 s foo" },
	{ "1 East Foo", "1 e foo" },
	{ "1 West Foo", "1 w foo" },
	{ "1 Foo Rd Apartment 2", "1 foo rd apt 2" },
	{ "1 Foo Rd Suite 2", "1 foo rd ste 2" },
	{ "North South East West", "n s e w" },
	/* Already short, or only containing a word of the list. */
	{ "1 Foo St", "1 foo st" },
	{ "1 Foo Ave", "1 foo ave" },
	{ "1 Streetview Ln", "1 streetview ln" },
	{ "1 Westwood Boulevards", "1 westwood boulevards" },
	{ "1 Avenida Sur", "1 avenida sur" },
	{ "1 Foo Street2", "1 foo street2" },
	{ "Street-Street", "st st" },
	/* Bytes of UTF-8 are word characters, kept as they are. */
	{ "Calle Pe\xc3\xb1" "asco", "calle pe\xc3\xb1" "asco" },
	{ "CALLE PE\xc3\x91" "ASCO", "calle pe\xc3\x91" "asco" },
	{ "Stra\xc3\x9f" "e 1", "stra\xc3\x9f" "e 1" },
	{ "\xe6\x9d\xb1\xe4\xba\xac 1-2", "\xe6\x9d\xb1\xe4\xba\xac 1 2" },
	{ "O\xe2\x80\x99" "Brien", "o\xe2\x80\x99" "brien" },
	/* A word is cut at 63 bytes, never inside a character. */
	{ A64 " St", A16 A16 A16 "aaaaaaaaaaaaaaa st" },
	{ E8 E8 E8 E8 " St", E8 E8 E8 E4 E_ACUTE E_ACUTE E_ACUTE " st" },
	{ "a" E8 E8 E8 E8, "a" E8 E8 E8 E4 E_ACUTE E_ACUTE E_ACUTE },
	{ "aa" E8 E8 E8 E8, "aa" E8 E8 E8 E4 E_ACUTE E_ACUTE },
	{ A16 A16 A16 "aaaaaaaaaaaaa\xe2\x82\xac", A16 A16 A16
	    "aaaaaaaaaaaaa" },
	{ A16 A16 A16 "aaaaaaaaaaaa\xe2\x82\xac", A16 A16 A16
	    "aaaaaaaaaaaa\xe2\x82\xac" },
	{ A16 A16 A16 "aaaaaaaaaaaaaa\xf0\x9f\x8f\xa0",
	    A16 A16 A16 "aaaaaaaaaaaaaa" },
	{ A16 A16 A16 "aaaaaaaaaaa\xf0\x9f\x8f\xa0",
	    A16 A16 A16 "aaaaaaaaaaa\xf0\x9f\x8f\xa0" },
};

static void
test_normalize_table(void **state)
{
	char		out[256];
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(norm_cases) / sizeof(norm_cases[0]); i++) {
		const struct norm_case	*c = &norm_cases[i];

		print_message("case %zu: '%s'\n", i, c->in);
		memset(out, 'X', sizeof(out));
		geo_address_normalize(c->in, out, sizeof(out));
		assert_string_equal(out, c->out);
		assert_true(fmt_utf8_valid(out, strlen(out)));
	}
}

/*
 * At every output length the result is the longest run of whole words
 * of the full result that fits with its NUL; nothing past len is
 * written. A length of 0 writes nothing at all.
 */
static const char	*trunc_inputs[] = {
	"123 Main Street, Apartment 4",
	"1 North Foo Boulevard",
	"Calle Pe\xc3\xb1" "asco 9 \xe6\x9d\xb1\xe4\xba\xac",
	"a bb ccc dddd eeeee",
	"Supercalifragilisticexpialidocious Road",
	E8 E8 E8 E8 " " E8,
	"",
};

static void
test_normalize_truncate(void **state)
{
	char		full[512], out[512];
	size_t		i, len, n, k;

	(void)state;
	for (i = 0; i < sizeof(trunc_inputs) / sizeof(trunc_inputs[0]); i++) {
		print_message("case %zu: '%s'\n", i, trunc_inputs[i]);
		geo_address_normalize(trunc_inputs[i], full, sizeof(full));

		memset(out, 'X', sizeof(out));
		geo_address_normalize(trunc_inputs[i], out, 0);
		assert_int_equal(out[0], 'X');

		for (len = 1; len <= strlen(full) + 2; len++) {
			memset(out, 'X', sizeof(out));
			geo_address_normalize(trunc_inputs[i], out, len);
			if (memchr(out, '\0', len) == NULL)
				fail_msg("len %zu: not terminated", len);
			for (k = len; k < sizeof(out); k++)
				assert_int_equal(out[k], 'X');
			n = strlen(out);
			if (n == 0) {
				/* Only when the first word does not fit. */
				if (full[0] != '\0' &&
				    strcspn(full, " ") + 1 <= len)
					fail_msg("len %zu: empty, '%s' has a "
					    "word that fits", len, full);
				continue;
			}
			/* A prefix of whole words of the full result. */
			assert_memory_equal(out, full, n);
			if (full[n] != '\0' && full[n] != ' ')
				fail_msg("len %zu: '%s' cuts a word of '%s'",
				    len, out, full);
			/* And the longest: the next word would not fit. */
			if (full[n] != '\0') {
				k = strcspn(full + n + 1, " ");
				if (n + 1 + k + 1 <= len)
					fail_msg("len %zu: '%s' could hold one "
					    "more word of '%s'", len, out,
					    full);
			}
		}
	}
}

/* Spellings of one address normalise, and so lock, alike. */
static void
test_normalize_same_lock(void **state)
{
	static const char	*same[] = {
		"123 Main Street, Apt. 4",
		"123 MAIN ST APT 4",
		"  123 main   st.  apartment #4 ",
		"123-Main-Street-Apartment-4",
	};
	char			a[128], b[128];
	size_t			i;

	(void)state;
	geo_address_normalize(same[0], a, sizeof(a));
	for (i = 1; i < sizeof(same) / sizeof(same[0]); i++) {
		print_message("case %zu: '%s'\n", i, same[i]);
		geo_address_normalize(same[i], b, sizeof(b));
		assert_string_equal(a, b);
		assert_true(geo_grid_address_lock("sd|POTHOLE", a) ==
		    geo_grid_address_lock("sd|POTHOLE", b));
	}

	/* Normalising twice changes nothing. */
	geo_address_normalize(a, b, sizeof(b));
	assert_string_equal(a, b);
}

static void
test_point_locks(void **state)
{
	static const int	srids[] = { 2230, 4326, 999999 };
	int64_t			a[GEO_LOCKS], b[GEO_LOCKS], c[GEO_LOCKS];
	size_t			i;

	(void)state;
	for (i = 0; i < sizeof(srids) / sizeof(srids[0]); i++) {
		geo_point_locks("sd|POTHOLE", 32.7157, -117.1611, srids[i],
		    50.0, a);
		geo_point_locks("sd|POTHOLE", 32.71579, -117.16104, srids[i],
		    50.0, b);
		geo_point_locks("sd|POTHOLE", 32.7337, -117.1611, srids[i],
		    50.0, c);
		if (common(a, b) < 1)
			fail_msg("EPSG:%d: 10 m apart, no common key",
			    srids[i]);
		if (common(a, c) != 0)
			fail_msg("EPSG:%d: 2 km apart, a common key", srids[i]);
	}
	geo_cleanup();
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_locks_near),
		cmocka_unit_test(test_locks_far),
		cmocka_unit_test(test_locks_table),
		cmocka_unit_test(test_locks_scopes),
		cmocka_unit_test(test_address_lock),
		cmocka_unit_test(test_normalize_table),
		cmocka_unit_test(test_normalize_truncate),
		cmocka_unit_test(test_normalize_same_lock),
		cmocka_unit_test(test_point_locks),
	};

	return (cmocka_run_group_tests_name("grid", tests, NULL, NULL));
}
