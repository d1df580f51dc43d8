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
 * Unit tests for formats/export.c. fmt_csv_field: a table of values and
 * their CSV form (plain, commas, quotes, CR/LF, empty, formula guards on
 * text columns only). CSV export: the header names every column once,
 * each row has exactly as many fields as the header when read back by an
 * RFC 4180 reader written here, and numbers that are not plain decimals
 * are left empty. GeoJSON: begin + rows written in several calls + end
 * parse (jansson) as a FeatureCollection whose features have string ids,
 * Point geometry [long, lat] or null, numeric duplicate_count, and no
 * lat/long/x/y in the properties.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "formats/export.h"

struct csv_case {
	const char	*in;
	int		text;
	const char	*out;
};

static const struct csv_case	csv_cases[] = {
	{ "plain", 1, "plain" },
	{ "a,b", 1, "\"a,b\"" },
	{ "say \"hi\"", 1, "\"say \"\"hi\"\"\"" },
	{ "two\r\nlines", 1, "\"two\r\nlines\"" },
	{ "line\n", 0, "\"line\n\"" },
	{ "", 1, "" },
	{ "=SUM(A1)", 1, "\"'=SUM(A1)\"" },
	{ "+1", 1, "\"'+1\"" },
	{ "-117.1", 0, "-117.1" },
	{ "-2 cm", 1, "\"'-2 cm\"" },
	{ "@cmd", 1, "\"'@cmd\"" },
	{ "\tx", 1, "\"'\tx\"" },
	{ "a=b", 1, "a=b" },
	{ "caf\xc3\xa9", 1, "caf\xc3\xa9" },
};

static void
row_fill(struct req_row *r, const char *id, const char *lat, const char *lon,
    const char *desc)
{
	memset(r, 0, sizeof(*r));
	r->id = id;
	r->jurisdiction_id = "sandiego.gov";
	r->service_code = "POTHOLE";
	r->service_name = "Pothole";
	r->status = "open";
	r->detailed_status = "open";
	r->requested = "2026-11-20T18:30:00Z";
	r->updated = "2026-11-20T18:30:00Z";
	r->lat = lat;
	r->lon = lon;
	r->description = desc;
	r->channel = "web";
	r->duplicate_count = 3;
	if (lat != NULL) {
		(void)snprintf(r->x, sizeof(r->x), "6281442.95");
		(void)snprintf(r->y, sizeof(r->y), "1839699.36");
		r->crs = "EPSG:2230";
	}
}

/* Splits CSV text into records of fields (RFC 4180); returns records. */
static int
csv_read(const char *s, int *fields, int max)
{
	int	n, f, quoted;

	n = 0;
	f = 1;
	while (*s != '\0') {
		quoted = 0;
		if (*s == '"') {
			quoted = 1;
			for (s++; *s != '\0'; s++) {
				if (*s == '"' && s[1] == '"')
					s++;
				else if (*s == '"')
					break;
			}
			assert_int_equal(*s, '"');
			s++;
		}
		while (!quoted && *s != ',' && *s != '\r' && *s != '\0')
			s++;
		if (*s == ',') {
			f++;
			s++;
			continue;
		}
		assert_int_equal(*s, '\r');
		assert_int_equal(s[1], '\n');
		s += 2;
		assert_true(n < max);
		fields[n++] = f;
		f = 1;
	}
	return (n);
}

static void
test_csv_field(void **state)
{
	struct buf	b;
	size_t		i;

	(void)state;
	buf_init(&b);
	for (i = 0; i < sizeof(csv_cases) / sizeof(csv_cases[0]); i++) {
		buf_reset(&b);
		fmt_csv_field(&b, csv_cases[i].in, csv_cases[i].text);
		if (strcmp(buf_cstr(&b), csv_cases[i].out))
			fail_msg("'%s': got '%s', expected '%s'",
			    csv_cases[i].in, buf_cstr(&b),
			    csv_cases[i].out);
	}
	buf_reset(&b);
	fmt_csv_field(&b, NULL, 1);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

static void
test_csv_rows(void **state)
{
	struct req_row	rows[3];
	struct buf	b;
	int		fields[8], n, i, ncols;

	(void)state;
	for (ncols = 0; fmt_export_columns[ncols] != NULL; ncols++)
		;
	row_fill(&rows[0], "1", "32.711000", "-117.161000", "a, \"b\"\nc");
	row_fill(&rows[1], "2", NULL, NULL, "=1+1");
	row_fill(&rows[2], "3", "01.5", "nan", NULL);

	buf_init(&b);
	fmt_export_begin(FMT_EXPORT_CSV, &b);
	fmt_export_rows(FMT_EXPORT_CSV, rows, 2, 1, &b);
	fmt_export_rows(FMT_EXPORT_CSV, &rows[2], 1, 0, &b);
	fmt_export_end(FMT_EXPORT_CSV, &b);

	n = csv_read(buf_cstr(&b), fields, 8);
	assert_int_equal(n, 4);
	for (i = 0; i < n; i++)
		assert_int_equal(fields[i], ncols);
	assert_int_equal(strncmp(b.data, "service_request_id,jurisdiction_id,",
	    35), 0);
	assert_non_null(strstr(b.data, ",32.711000,-117.161000,6281442.95,"
	    "1839699.36,EPSG:2230,,3,web,\"a, \"\"b\"\"\nc\","));
	assert_non_null(strstr(b.data, "\"'=1+1\""));
	/* Not JSON numbers: empty, and no x/y/crs invented. */
	assert_non_null(strstr(b.data, "\r\n3,sandiego.gov,POTHOLE,Pothole,"
	    "open,open,,2026-11-20T18:30:00Z,2026-11-20T18:30:00Z,,,,,,,"));
	buf_free(&b);
}

static void
test_geojson(void **state)
{
	struct req_row	rows[3];
	struct buf	b;
	json_error_t	err;
	json_t		*doc, *f, *props;
	size_t		i;

	(void)state;
	row_fill(&rows[0], "1", "32.711000", "-117.161000", "quote \" and \\");
	row_fill(&rows[1], "2", NULL, NULL, NULL);
	row_fill(&rows[2], "3", "32.5", "-117.0", "third");

	buf_init(&b);
	fmt_export_begin(FMT_EXPORT_GEOJSON, &b);
	fmt_export_rows(FMT_EXPORT_GEOJSON, rows, 1, 1, &b);
	fmt_export_rows(FMT_EXPORT_GEOJSON, &rows[1], 2, 0, &b);
	fmt_export_end(FMT_EXPORT_GEOJSON, &b);

	doc = json_loadb(b.data, b.len, 0, &err);
	if (doc == NULL)
		fail_msg("invalid JSON: %s\n%s", err.text, buf_cstr(&b));
	assert_string_equal(json_string_value(json_object_get(doc, "type")),
	    "FeatureCollection");
	assert_int_equal(json_array_size(json_object_get(doc, "features")), 3);
	json_array_foreach(json_object_get(doc, "features"), i, f) {
		assert_string_equal(json_string_value(json_object_get(f,
		    "type")), "Feature");
		assert_string_equal(json_string_value(json_object_get(f, "id")),
		    rows[i].id);
		props = json_object_get(f, "properties");
		assert_null(json_object_get(props, "lat"));
		assert_null(json_object_get(props, "x"));
		assert_int_equal(json_integer_value(json_object_get(props,
		    "duplicate_count")), 3);
		if (i == 1) {
			assert_true(json_is_null(json_object_get(f,
			    "geometry")));
			assert_true(json_is_null(json_object_get(props,
			    "description")));
		} else {
			assert_true(json_number_value(json_array_get(
			    json_object_get(json_object_get(f, "geometry"),
			    "coordinates"), 0)) == strtod(rows[i].lon, NULL));
			assert_string_equal(json_string_value(json_object_get(
			    props, "description")), rows[i].description);
		}
	}
	json_decref(doc);
	buf_free(&b);
}

/* Coordinates the geometry takes, and those it leaves out (null). */
static const struct {
	const char	*lat;
	const char	*lon;
	int		 point;
} coords[] = {
	{ "32.711", "-117.161", 1 },
	{ "90", "-180", 1 },
	{ "-90.0", "180.0", 1 },
	{ "1e-05", "2E+1", 1 },
	{ "90.5", "0", 0 },
	{ "0", "-180.001", 0 },
	{ "924444444444444444444444444444444444444444444444444", "0", 0 },
	{ "1e999", "0", 0 },
	{ "NaN", "0", 0 },
	{ "0x10", "0", 0 },
	{ "", "0", 0 },
};

static void
test_geojson_coords(void **state)
{
	struct req_row	row;
	struct buf	b;
	json_t		*doc, *geom;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(coords) / sizeof(coords[0]); i++) {
		row_fill(&row, "1", coords[i].lat, coords[i].lon, "d");
		buf_init(&b);
		fmt_export_begin(FMT_EXPORT_GEOJSON, &b);
		fmt_export_rows(FMT_EXPORT_GEOJSON, &row, 1, 1, &b);
		fmt_export_end(FMT_EXPORT_GEOJSON, &b);
		doc = json_loadb(b.data, b.len, 0, NULL);
		if (doc == NULL)
			fail_msg("case %zu: invalid JSON\n%s", i, buf_cstr(&b));
		geom = json_object_get(json_array_get(json_object_get(doc,
		    "features"), 0), "geometry");
		if (coords[i].point != json_is_object(geom))
			fail_msg("case %zu: geometry %s", i, buf_cstr(&b));
		json_decref(doc);
		buf_free(&b);
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_csv_field),
		cmocka_unit_test(test_csv_rows),
		cmocka_unit_test(test_geojson),
		cmocka_unit_test(test_geojson_coords),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
