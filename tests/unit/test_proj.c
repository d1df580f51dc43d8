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
 * Unit tests for geo/proj.c. Known coordinate pairs whose expectations
 * do not come from PROJ: the origin of EPSG:2230 (NAD83 / California
 * zone 6, US survey feet) at its false easting and northing, the UTM
 * zone 11 central meridian on the equator (north and south), and Web
 * Mercator from its closed formula. Round trips lat/long -> x/y ->
 * lat/long over each CRS's area of use within 1e-7 degrees. Units
 * (the US survey foot is 1200/3937 m), areas of use and geo_in_area
 * inside, outside and at the edges (one area crossing the
 * antimeridian), failures on NaN input, and geo_crs: created once,
 * NULL for a geographic CRS and an unknown code, again after
 * geo_cleanup. geo_cleanup runs last, under LeakSanitizer.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <string.h>

#include <cmocka.h>

#include "geo/proj.h"

#define FTUS	(1200.0 / 3937.0)	/* metres per US survey foot */
#define WGS84_A	6378137.0		/* Web Mercator's sphere */

static const struct geo_crs *
crs_or_fail(int srid)
{
	const struct geo_crs	*c;

	if ((c = geo_crs(srid)) == NULL)
		fail_msg("EPSG:%d: no transformation", srid);
	return (c);
}

struct point_case {
	int		srid;
	double		lat;
	double		lon;
	double		x;
	double		y;
	double		tol;		/* CRS units */
};

static const struct point_case	point_cases[] = {
	/*
	 * The origin of California zone 6 (32°10'N, 116°15'W) sits at the
	 * false easting and northing, 2,000,000 m and 500,000 m (plus the
	 * 0.0001016 m that makes them round numbers of US survey feet).
	 */
	{ 2230, 32.0 + 10.0 / 60.0, -116.25, 6561666.667, 1640416.667,
	    1e-4 },
	/* UTM: the central meridian on the equator. */
	{ 32611, 0.0, -117.0, 500000.0, 0.0, 1e-6 },
	{ 32711, 0.0, -117.0, 500000.0, 10000000.0, 1e-6 },
	/* 3857's origin. */
	{ 3857, 0.0, 0.0, 0.0, 0.0, 1e-6 },
};

static void
test_known_points(void **state)
{
	const struct geo_crs	*c;
	double			x, y;
	size_t			i;

	(void)state;
	for (i = 0; i < sizeof(point_cases) / sizeof(point_cases[0]); i++) {
		const struct point_case	*p = &point_cases[i];

		print_message("case %zu: EPSG:%d %.10f, %.10f\n", i, p->srid,
		    p->lat, p->lon);
		c = crs_or_fail(p->srid);
		assert_int_equal(c->srid, p->srid);
		assert_int_equal(geo_to_local(c, p->lat, p->lon, &x, &y), 0);
		if (fabs(x - p->x) > p->tol || fabs(y - p->y) > p->tol)
			fail_msg("EPSG:%d: got %.6f, %.6f, want %.6f, %.6f",
			    p->srid, x, y, p->x, p->y);
	}
}

/* Web Mercator: x = R·λ, y = R·ln(tan(π/4 + φ/2)) on a sphere of R. */
static const double	merc_cases[][2] = {
	{ 0.0, 0.0 },
	{ 32.7157, -117.1611 },		/* San Diego */
	{ 51.5072, -0.1276 },		/* London */
	{ -33.8688, 151.2093 },		/* Sydney */
	{ 60.1699, 24.9384 },		/* Helsinki */
	{ -54.8019, -68.3030 },		/* Ushuaia */
	{ 85.0, 179.9 },
	{ -85.0, -179.9 },
	{ 1e-9, -1e-9 },
};

static void
test_web_mercator(void **state)
{
	const struct geo_crs	*c;
	double			lat, lon, x, y, wx, wy;
	size_t			i;

	(void)state;
	c = crs_or_fail(3857);
	for (i = 0; i < sizeof(merc_cases) / sizeof(merc_cases[0]); i++) {
		lat = merc_cases[i][0];
		lon = merc_cases[i][1];
		print_message("case %zu: %.4f, %.4f\n", i, lat, lon);
		wx = WGS84_A * lon * M_PI / 180.0;
		wy = WGS84_A * log(tan(M_PI / 4.0 + lat * M_PI / 360.0));
		assert_int_equal(geo_to_local(c, lat, lon, &x, &y), 0);
		if (fabs(x - wx) > 1e-6 || fabs(y - wy) > 1e-6)
			fail_msg("%.4f, %.4f: got %.9f, %.9f, want %.9f, %.9f",
			    lat, lon, x, y, wx, wy);
	}
}

/* lat/long -> x/y -> lat/long over a grid of the area of use. */
static const int	roundtrip_srids[] = { 2230, 32611, 32711, 3857, 3832 };

static void
test_roundtrip(void **state)
{
	const struct geo_crs	*c;
	double			lat, lon, x, y, lat2, lon2, w, span;
	size_t			i;
	int			a, b, n;

	(void)state;
	n = 12;
	for (i = 0; i < sizeof(roundtrip_srids) / sizeof(roundtrip_srids[0]);
	    i++) {
		c = crs_or_fail(roundtrip_srids[i]);
		print_message("case %zu: %s\n", i, c->name);
		w = c->west;
		span = c->east - c->west;
		if (span < 0)		/* across the antimeridian */
			span += 360.0;
		for (a = 0; a <= n; a++) {
			for (b = 0; b <= n; b++) {
				lat = c->south + (c->north - c->south) *
				    (0.001 + 0.998 * a / n);
				lon = w + span * (0.001 + 0.998 * b / n);
				if (lon > 180.0)
					lon -= 360.0;
				assert_true(geo_in_area(c, lat, lon));
				if (geo_to_local(c, lat, lon, &x, &y) != 0)
					fail_msg("%s: %.6f, %.6f not projected",
					    c->name, lat, lon);
				if (geo_to_wgs84(c, x, y, &lat2, &lon2) != 0)
					fail_msg("%s: %.3f, %.3f not inverted",
					    c->name, x, y);
				if (fabs(lat2 - lat) > 1e-7 ||
				    fabs(lon2 - lon) > 1e-7)
					fail_msg("%s: %.9f, %.9f came back as "
					    "%.9f, %.9f", c->name, lat, lon,
					    lat2, lon2);
			}
		}
	}
}

struct unit_case {
	int		srid;
	double		unit_m;
	const char	*name;
};

static const struct unit_case	unit_cases[] = {
	{ 2230, FTUS, "EPSG:2230" },
	{ 2229, FTUS, "EPSG:2229" },	/* California zone 5, ftUS too */
	{ 32611, 1.0, "EPSG:32611" },
	{ 3857, 1.0, "EPSG:3857" },
};

static void
test_units(void **state)
{
	const struct geo_crs	*c;
	size_t			i;

	(void)state;
	for (i = 0; i < sizeof(unit_cases) / sizeof(unit_cases[0]); i++) {
		const struct unit_case	*u = &unit_cases[i];

		print_message("case %zu: EPSG:%d\n", i, u->srid);
		c = crs_or_fail(u->srid);
		if (fabs(c->unit_m - u->unit_m) > 1e-15)
			fail_msg("EPSG:%d: unit %.17g m, want %.17g m",
			    u->srid, c->unit_m, u->unit_m);
		assert_string_equal(c->name, u->name);
	}
}

/* The area of use of EPSG:2230, roughly, as the EPSG registry gives it. */
static void
test_area_2230(void **state)
{
	const struct geo_crs	*c;

	(void)state;
	c = crs_or_fail(2230);
	assert_true(fabs(c->south - 32.53) < 0.01);
	assert_true(fabs(c->north - 34.08) < 0.01);
	assert_true(fabs(c->west - -118.15) < 0.01);
	assert_true(fabs(c->east - -114.42) < 0.01);
}

struct area_case {
	int		srid;
	double		lat;
	double		lon;
	int		in;
	const char	*what;
};

static const struct area_case	area_cases[] = {
	{ 2230, 32.7157, -117.1611, 1, "San Diego City Hall" },
	{ 2230, 33.8303, -116.5453, 1, "Palm Springs" },
	{ 2230, 32.7922, -115.5631, 1, "El Centro" },
	{ 2230, 40.7128, -74.0060, 0, "New York" },
	{ 2230, 34.0522, -118.2437, 0, "Los Angeles (west of the area)" },
	{ 2230, 32.5149, -117.0382, 0, "Tijuana (south of the area)" },
	{ 2230, 0.0, 0.0, 0, "null island" },
	{ 2230, -32.7157, 117.1611, 0, "San Diego's antipode, roughly" },
	{ 2230, 33.0, -118.149, 1, "just inside the west edge" },
	{ 2230, 33.0, -118.151, 0, "just outside the west edge" },
	{ 2230, 33.0, -114.421, 1, "just inside the east edge" },
	{ 2230, 33.0, -114.419, 0, "just outside the east edge" },
	{ 2230, 32.531, -116.0, 1, "just inside the south edge" },
	{ 2230, 32.529, -116.0, 0, "just outside the south edge" },
	{ 2230, 34.079, -116.0, 1, "just inside the north edge" },
	{ 2230, 34.081, -116.0, 0, "just outside the north edge" },
	/* UTM 11N: 120°W to 114°W, the equator to 84°N. */
	{ 32611, 0.0, -117.0, 1, "equator, central meridian" },
	{ 32611, -0.001, -117.0, 0, "just south of the equator" },
	{ 32611, 45.0, -121.0, 0, "zone 10" },
	/* PDC Mercator: 98.69°E eastwards across 180° to 68°W. */
	{ 3832, -17.5350, -149.5696, 1, "Tahiti" },
	{ 3832, 21.3069, -157.8583, 1, "Honolulu" },
	{ 3832, -36.8485, 174.7633, 1, "Auckland" },
	{ 3832, 0.0, 180.0, 1, "the antimeridian" },
	{ 3832, 0.0, -180.0, 1, "the antimeridian, from the west" },
	{ 3832, 51.5072, -0.1276, 0, "London" },
	{ 3832, 0.0, 90.0, 0, "west of the area" },
	{ 3832, 0.0, -60.0, 0, "east of the area" },
	{ 3832, 70.0, -170.0, 0, "north of the area" },
};

static void
test_in_area(void **state)
{
	const struct geo_crs	*c;
	size_t			i;

	(void)state;
	c = crs_or_fail(3832);
	assert_true(c->west > c->east);	/* it does cross 180° */

	for (i = 0; i < sizeof(area_cases) / sizeof(area_cases[0]); i++) {
		const struct area_case	*a = &area_cases[i];

		print_message("case %zu: EPSG:%d %s\n", i, a->srid, a->what);
		c = crs_or_fail(a->srid);
		if (geo_in_area(c, a->lat, a->lon) != a->in)
			fail_msg("EPSG:%d: %s (%.4f, %.4f) should be %s",
			    a->srid, a->what, a->lat, a->lon,
			    a->in ? "inside" : "outside");
	}
}

/* Input PROJ cannot project is refused, not turned into numbers. */
static void
test_failures(void **state)
{
	const struct geo_crs	*c;
	double			x, y, lat, lon;

	(void)state;
	c = crs_or_fail(2230);
	x = y = lat = lon = 42.0;
	assert_int_equal(geo_to_local(c, NAN, NAN, &x, &y), -1);
	assert_int_equal(geo_to_local(c, NAN, -117.0, &x, &y), -1);
	assert_int_equal(geo_to_local(c, HUGE_VAL, -117.0, &x, &y), -1);
	assert_int_equal(geo_to_local(c, 91.0, -117.0, &x, &y), -1);
	assert_true(x == 42.0 && y == 42.0);
	assert_int_equal(geo_to_wgs84(c, NAN, 0.0, &lat, &lon), -1);
	assert_int_equal(geo_to_wgs84(c, 0.0, HUGE_VAL, &lat, &lon), -1);
	assert_true(lat == 42.0 && lon == 42.0);
}

static void
test_cache(void **state)
{
	const struct geo_crs	*a, *b;

	(void)state;

	/* Created once, the same pointer after. */
	a = crs_or_fail(2230);
	b = crs_or_fail(2230);
	assert_ptr_equal(a, b);
	assert_int_equal(a->srid, 2230);
	assert_non_null(a->pj);
	assert_ptr_not_equal(crs_or_fail(32611), a);
	assert_ptr_equal(crs_or_fail(2230), a);

	/* Geographic, not projected; unknown; both remembered. */
	assert_null(geo_crs(4326));
	assert_null(geo_crs(4326));
	assert_null(geo_crs(4269));	/* NAD83, geographic too */
	assert_null(geo_crs(999999));
	assert_null(geo_crs(999999));
	assert_null(geo_crs(0));
	assert_null(geo_crs(-1));
	assert_ptr_equal(crs_or_fail(2230), a);

	/* After geo_cleanup everything is created again and works. */
	geo_cleanup();
	a = crs_or_fail(2230);
	assert_ptr_equal(crs_or_fail(2230), a);
	assert_null(geo_crs(4326));
	assert_true(fabs(a->unit_m - FTUS) < 1e-15);
	test_known_points(state);
}

static int
teardown(void **state)
{
	(void)state;
	geo_cleanup();
	geo_cleanup();		/* twice is harmless */
	return (0);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_known_points),
		cmocka_unit_test(test_web_mercator),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_area_2230),
		cmocka_unit_test(test_in_area),
		cmocka_unit_test(test_failures),
		cmocka_unit_test(test_cache),
	};

	return (cmocka_run_group_tests_name("proj", tests, NULL, teardown));
}
