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
 * Unit tests for formats/crs.c: CRS names to EPSG codes ("EPSG:2230",
 * the OGC URNs with and without a version, CRS84 and WGS84 as 4326),
 * case-insensitivity, and everything else refused with -1.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include "formats/crs.h"

struct crs_case {
	const char	*name;
	int		epsg;
};

static const struct crs_case	crs_cases[] = {
	{ "EPSG:4326", 4326 },
	{ "EPSG:2230", 2230 },
	{ "EPSG:3857", 3857 },
	{ "epsg:2230", 2230 },
	{ "Epsg:27700", 27700 },
	{ "EPSG:1", 1 },
	{ "EPSG:999999", 999999 },
	{ "EPSG:04326", 4326 },
	{ "CRS84", 4326 },
	{ "crs84", 4326 },
	{ "WGS84", 4326 },
	{ "wgs84", 4326 },
	{ "urn:ogc:def:crs:OGC:1.3:CRS84", 4326 },
	{ "URN:OGC:DEF:CRS:OGC:1.3:CRS84", 4326 },
	{ "urn:ogc:def:crs:OGC::CRS84", 4326 },
	{ "urn:ogc:def:crs:EPSG::2230", 2230 },
	{ "urn:ogc:def:crs:EPSG:6.6:4326", 4326 },
	{ "urn:ogc:def:crs:epsg::3857", 3857 },
	/* Refused. */
	{ "", -1 },
	{ "EPSG", -1 },
	{ "EPSG:", -1 },
	{ "EPSG:0", -1 },
	{ "EPSG:000000", -1 },
	{ "EPSG:1000000", -1 },
	{ "EPSG:-4326", -1 },
	{ "EPSG:+4326", -1 },
	{ "EPSG: 4326", -1 },
	{ "EPSG:4326 ", -1 },
	{ "EPSG:4326a", -1 },
	{ "EPSG:43.26", -1 },
	{ "EPSG::4326", -1 },
	{ "EPSG:99999999999999999999", -1 },
	{ "ESRI:102100", -1 },
	{ "4326", -1 },
	{ "CRS84x", -1 },
	{ "CRS 84", -1 },
	{ "urn:ogc:def:crs:EPSG:4326", -1 },
	{ "urn:ogc:def:crs:EPSG:", -1 },
	{ "urn:ogc:def:crs:EPSG::", -1 },
	{ "urn:ogc:def:crs:EPSG::0", -1 },
	{ "urn:ogc:def:crs:EPSG::abc", -1 },
	{ "urn:ogc:def:crs:EPSG:6.6:x:4326", -1 },
	{ "urn:ogc:def:crs:OGC:1.3:CRS83", -1 },
	{ "urn:ogc:def:crs:EPSG", -1 },
	{ "http://www.opengis.net/def/crs/EPSG/0/4326", -1 },
};

static void
test_crs_table(void **state)
{
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(crs_cases) / sizeof(crs_cases[0]); i++) {
		print_message("case %zu: '%s'\n", i, crs_cases[i].name);
		assert_int_equal(fmt_crs_epsg(crs_cases[i].name),
		    crs_cases[i].epsg);
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_crs_table),
	};

	return (cmocka_run_group_tests_name("crs", tests, NULL, NULL));
}
