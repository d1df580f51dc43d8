/*
 * Unit tests for formats/gazetteer.c, the address gazetteer's input
 * files: a table of CSV headers (columns in any order and case, the
 * other names, a byte order mark, missing and doubled columns), a table
 * of CSV data lines (quoting, "" inside quotes, commas inside a quoted
 * label, a CR at the end, blank lines, blanks around numbers, every
 * refusal: an unterminated quote, text after a quote, a bare quote, too
 * few columns, an empty or too long or multi-line label, numbers out of
 * range or not numbers), and a table of GeoJSON features.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "formats/gazetteer.h"

static void
test_header_table(void **state)
{
	static const struct {
		const char	*line;
		int		ok, label, lat, lon;
	} t[] = {
		{ "label,lat,long", 1, 0, 1, 2 },
		{ "long,LAT,Label\r", 1, 2, 1, 0 },
		{ "\xef\xbb\xbfid,address,latitude,longitude,zip", 1, 1, 2, 3 },
		{ " label , lat , lng ", 1, 0, 1, 2 },
		{ "\"label\",\"lat\",\"lon\"", 1, 0, 1, 2 },
		{ "label,lat", 0, 0, 0, 0 },
		{ "name,lat,long", 0, 0, 0, 0 },
		{ "label,lat,long,lon", 0, 0, 0, 0 },
		{ "", 0, 0, 0, 0 },
		{ "\"label,lat,long", 0, 0, 0, 0 },
	};
	struct gaz_columns	c;
	char			err[256];
	size_t			i;
	int			rc;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		err[0] = '\0';
		rc = gaz_csv_header(t[i].line, &c, err, sizeof(err));
		if (rc != (t[i].ok ? 0 : -1))
			fail_msg("header %zu '%s': %d (%s)", i, t[i].line, rc,
			    err);
		if (!t[i].ok) {
			assert_true(err[0] != '\0');
			continue;
		}
		assert_int_equal(c.label, t[i].label);
		assert_int_equal(c.lat, t[i].lat);
		assert_int_equal(c.lon, t[i].lon);
	}
}

static void
test_row_table(void **state)
{
	static const struct {
		const char	*line;
		int		rc;
		const char	*label, *lat, *lon, *err;
	} t[] = {
		{ "1 Main St,32.7,-117.1", 1, "1 Main St", "32.70000000",
		    "-117.10000000", NULL },
		{ "\"1010 Second Avenue, San Diego, CA 92101\",32.715,-117.16",
		    1, "1010 Second Avenue, San Diego, CA 92101",
		    "32.71500000", "-117.16000000", NULL },
		{ "\"the \"\"Big\"\" House\",1,2\r", 1, "the \"Big\" House",
		    "1.00000000", "2.00000000", NULL },
		{ "  padded label  , 10 , 20 ", 1, "padded label",
		    "10.00000000", "20.00000000", NULL },
		{ "Calle Año Nuevo 5,-90,180", 1, "Calle Año Nuevo 5",
		    "-90.00000000", "180.00000000", NULL },
		{ "", 0, NULL, NULL, NULL, NULL },
		{ "  \r", 0, NULL, NULL, NULL, NULL },
		{ "\"open,1,2", -1, NULL, NULL, NULL, "past the end" },
		{ "\"a\"b,1,2", -1, NULL, NULL, NULL, "after the closing" },
		{ "a\"b,1,2", -1, NULL, NULL, NULL, "quote inside" },
		{ "a,1", -1, NULL, NULL, NULL, "2 columns" },
		{ ",1,2", -1, NULL, NULL, NULL, "label is empty" },
		{ "\"   \",1,2", -1, NULL, NULL, NULL, "label is empty" },
		{ "a\x01" "b,1,2", -1, NULL, NULL, NULL, "control" },
		{ "a\xff,1,2", -1, NULL, NULL, NULL, "UTF-8" },
		{ "a,91,2", -1, NULL, NULL, NULL, "lat '91'" },
		{ "a,1,-180.5", -1, NULL, NULL, NULL, "long '-180.5'" },
		{ "a,north,2", -1, NULL, NULL, NULL, "lat 'north'" },
		{ "a,1,", -1, NULL, NULL, NULL, "long ''" },
		{ "a,nan,2", -1, NULL, NULL, NULL, "lat 'nan'" },
		{ "a,0x10,2", -1, NULL, NULL, NULL, "lat '0x10'" },
	};
	struct gaz_columns	c = { 0, 1, 2 };
	struct gaz_place	p;
	char			err[256];
	size_t			i;
	int			rc;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		memset(&p, 0, sizeof(p));
		err[0] = '\0';
		rc = gaz_csv_row(t[i].line, &c, &p, err, sizeof(err));
		if (rc != t[i].rc)
			fail_msg("row %zu '%s': %d, not %d (%s)", i, t[i].line,
			    rc, t[i].rc, err);
		if (rc == -1) {
			if (strstr(err, t[i].err) == NULL)
				fail_msg("row %zu: '%s' lacks '%s'", i, err,
				    t[i].err);
			assert_null(p.label);
			continue;
		}
		if (rc == 0)
			continue;
		assert_string_equal(p.label, t[i].label);
		assert_string_equal(p.lat, t[i].lat);
		assert_string_equal(p.lon, t[i].lon);
		gaz_place_free(&p);
	}
}

static void
test_row_long_label(void **state)
{
	struct gaz_columns	c = { 0, 1, 2 };
	struct gaz_place	p;
	char			line[512], err[256];

	(void)state;
	memset(line, 'x', GAZ_LABEL_MAX);
	(void)snprintf(line + GAZ_LABEL_MAX, sizeof(line) - GAZ_LABEL_MAX,
	    ",1,2");
	memset(&p, 0, sizeof(p));
	assert_int_equal(gaz_csv_row(line, &c, &p, err, sizeof(err)), 1);
	gaz_place_free(&p);

	memset(line, 'x', GAZ_LABEL_MAX + 1);
	(void)snprintf(line + GAZ_LABEL_MAX + 1,
	    sizeof(line) - GAZ_LABEL_MAX - 1, ",1,2");
	assert_int_equal(gaz_csv_row(line, &c, &p, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "longer than"));
}

static void
test_feature_table(void **state)
{
	static const struct {
		const char	*json;
		int		ok;
		const char	*label, *lat, *lon;
	} t[] = {
		{ "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
		    "\"coordinates\":[-117.16,32.715]},\"properties\":"
		    "{\"label\":\"1010 Second Ave\"}}", 1, "1010 Second Ave",
		    "32.71500000", "-117.16000000" },
		{ "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
		    "\"coordinates\":[1,2,30]},\"properties\":"
		    "{\"address\":\"A St\"}}", 1, "A St", "2.00000000",
		    "1.00000000" },
		{ "{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\","
		    "\"coordinates\":[[1,2],[3,4]]},\"properties\":"
		    "{\"label\":\"x\"}}", 0, NULL, NULL, NULL },
		{ "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
		    "\"coordinates\":[1]},\"properties\":{\"label\":\"x\"}}",
		    0, NULL, NULL, NULL },
		{ "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
		    "\"coordinates\":[\"1\",\"2\"]},\"properties\":"
		    "{\"label\":\"x\"}}", 0, NULL, NULL, NULL },
		{ "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
		    "\"coordinates\":[1,2]},\"properties\":{\"name\":\"x\"}}",
		    0, NULL, NULL, NULL },
		{ "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
		    "\"coordinates\":[1,2]},\"properties\":null}",
		    0, NULL, NULL, NULL },
		{ "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\","
		    "\"coordinates\":[200,2]},\"properties\":{\"label\":\"x\"}}",
		    0, NULL, NULL, NULL },
		{ "{\"type\":\"Point\",\"coordinates\":[1,2]}", 0, NULL, NULL,
		    NULL },
	};
	struct gaz_place	p;
	json_t			*j;
	char			err[256];
	size_t			i;
	int			rc;

	(void)state;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		j = json_loads(t[i].json, 0, NULL);
		assert_non_null(j);
		memset(&p, 0, sizeof(p));
		err[0] = '\0';
		rc = gaz_feature(j, &p, err, sizeof(err));
		json_decref(j);
		if (rc != (t[i].ok ? 0 : -1))
			fail_msg("feature %zu: %d (%s)", i, rc, err);
		if (!t[i].ok) {
			assert_true(err[0] != '\0');
			continue;
		}
		assert_string_equal(p.label, t[i].label);
		assert_string_equal(p.lat, t[i].lat);
		assert_string_equal(p.lon, t[i].lon);
		gaz_place_free(&p);
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_header_table),
		cmocka_unit_test(test_row_table),
		cmocka_unit_test(test_row_long_label),
		cmocka_unit_test(test_feature_table),
	};

	return (cmocka_run_group_tests_name("gazetteer", tests, NULL, NULL));
}
