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
 * Unit tests for formats/boundary.c: boundary files as GeoJSON, a table
 * of documents with the geometries kept, the source CRS found and the
 * refusal's message.
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "formats/boundary.h"

#define SQ	"[[[0,0],[1,0],[1,1],[0,1],[0,0]]]"

struct bnd_case {
	const char	*doc;
	int		srid_in;
	int		srid;		/* after; -1: refused */
	size_t		ngeoms;
	const char	*err;		/* a part of the message */
};

static const struct bnd_case	bnd_cases[] = {
	{ "{\"type\":\"Polygon\",\"coordinates\":" SQ "}", 0, 4326, 1, NULL },
	{ "{\"type\":\"MultiPolygon\",\"coordinates\":[" SQ "," SQ "]}", 0,
	    4326, 1, NULL },
	{ "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\","
	    "\"coordinates\":" SQ "}}", 0, 4326, 1, NULL },
	{ "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":"
	    "\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
	    SQ "}},{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\","
	    "\"coordinates\":" SQ "}}]}", 0, 4326, 2, NULL },
	/* The legacy crs member, or the caller's CRS over it. */
	{ "{\"type\":\"Polygon\",\"crs\":{\"properties\":{\"name\":"
	    "\"EPSG:2230\"}},\"coordinates\":[[[6e6,1e6],[6.1e6,1e6],"
	    "[6.1e6,2e6],[6e6,1e6]]]}", 0, 2230, 1, NULL },
	{ "{\"type\":\"Polygon\",\"coordinates\":[[[6e6,1e6],[6.1e6,1e6],"
	    "[6.1e6,2e6],[6e6,1e6]]]}", 3857, 3857, 1, NULL },
	/* WGS 84 positions only in WGS 84. */
	{ "{\"type\":\"Polygon\",\"coordinates\":[[[6e6,1e6],[6.1e6,1e6],"
	    "[6.1e6,2e6],[6e6,1e6]]]}", 0, -1, 0,
	    "file: ring 0, position 0: not a WGS 84 position" },
	{ "{\"type\":\"Polygon\",\"crs\":{\"properties\":{\"name\":"
	    "\"urn:nowhere\"}},\"coordinates\":" SQ "}", 0, -1, 0,
	    "crs: the file names a CRS" },
	{ "{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]}", 0, -1,
	    0, "not LineString" },
	{ "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":"
	    "\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":"
	    "[0,0]}}]}", 0, -1, 0, "features[0]: a boundary must be made" },
	{ "{\"type\":\"Feature\"}", 0, -1, 0, "feature without a geometry" },
	{ "{\"coordinates\":" SQ "}", 0, -1, 0, "without a \"type\"" },
	{ "{\"type\":\"FeatureCollection\",\"features\":{}}", 0, -1, 0,
	    "\"features\" must be an array" },
	{ "{\"type\":\"FeatureCollection\",\"features\":[]}", 0, -1, 0,
	    "no Polygon or MultiPolygon" },
	{ "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],"
	    "[0,1]]]}", 0, -1, 0, "ring 0: not closed" },
	{ "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[0,0]]]}", 0,
	    -1, 0, "ring 0: at least 4 positions" },
	{ "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,\"x\"],[1,1],"
	    "[0,0]]]}", 0, -1, 0, "ring 0, position 1: not [x, y]" },
	{ "{\"type\":\"Polygon\",\"coordinates\":[]}", 0, -1, 0,
	    "a polygon is an array of rings" },
	{ "{\"type\":\"MultiPolygon\",\"coordinates\":[" SQ ",[[[0,0],[1,0],"
	    "[1,1],[0,1]]]]}", 0, -1, 0, "polygon 1: ring 0: not closed" },
	/* A collection inside a collection is not GeoJSON. */
	{ "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":"
	    "\"FeatureCollection\",\"features\":[]}]}", 0, -1, 0,
	    "features[0]: a boundary must be made" },
};

static void
test_boundary_table(void **state)
{
	json_error_t	jerr;
	json_t		*root, *out;
	char		err[256];
	size_t		i;
	int		srid, rc;

	(void)state;
	for (i = 0; i < sizeof(bnd_cases) / sizeof(bnd_cases[0]); i++) {
		print_message("case %zu: %s\n", i, bnd_cases[i].doc);
		root = json_loads(bnd_cases[i].doc, 0, &jerr);
		assert_non_null(root);
		out = json_array();
		srid = bnd_cases[i].srid_in;
		err[0] = '\0';
		rc = fmt_boundary(root, out, &srid, err, sizeof(err));
		if (bnd_cases[i].srid == -1) {
			assert_int_equal(rc, -1);
			if (strstr(err, bnd_cases[i].err) == NULL)
				fail_msg("case %zu: '%s'", i, err);
		} else {
			assert_int_equal(rc, 0);
			assert_int_equal(srid, bnd_cases[i].srid);
			assert_int_equal(json_array_size(out),
			    bnd_cases[i].ngeoms);
		}
		json_decref(out);
		json_decref(root);
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_boundary_table),
	};

	return (cmocka_run_group_tests_name("boundary", tests, NULL, NULL));
}
