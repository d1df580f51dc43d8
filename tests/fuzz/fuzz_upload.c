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
 * libFuzzer target: the two files the console takes from an admin, as
 * JSON: fmt_catalog_jurisdiction() then fmt_catalog_import_json() on a
 * catalog it accepts (the result must be a JSON array of one object per
 * service, each with as many attributes as the catalog), and
 * fmt_boundary() (what it accepts must be Polygons and MultiPolygons
 * only, and a message must come with a refusal).
 */

#include <string.h>

#include <jansson.h>

#include "formats/boundary.h"
#include "formats/catalog.h"
#include "formats/catalog_import.h"
#include "lib/buf.h"
#include "model/catalog.h"
#include "fuzz.h"

static void
check_catalog(json_t *root)
{
	struct cat_jurisdiction	jur;
	struct buf		b;
	json_error_t		jerr;
	json_t			*out, *s;
	char			err[512];
	size_t			i;

	memset(&jur, 0, sizeof(jur));
	err[0] = '\0';
	if (fmt_catalog_jurisdiction(root, &jur, err, sizeof(err)) == -1) {
		FUZZ_CHECK(err[0] != '\0');
		cat_jurisdiction_free(&jur);
		return;
	}
	buf_init(&b);
	fmt_catalog_import_json(&jur, &b);
	out = json_loadb(b.data, b.len, 0, &jerr);
	if (out == NULL)
		fprintf(stderr, "%s: %.*s\n", jerr.text, (int)b.len, b.data);
	FUZZ_CHECK(out != NULL && json_is_array(out));
	FUZZ_CHECK(json_array_size(out) == jur.nservices);
	json_array_foreach(out, i, s) {
		FUZZ_CHECK(json_is_object(s));
		FUZZ_CHECK(!strcmp(json_string_value(json_object_get(s,
		    "code")), jur.services[i].code));
		FUZZ_CHECK(json_array_size(json_object_get(s, "attributes")) ==
		    jur.services[i].nattrs);
	}
	json_decref(out);
	buf_free(&b);
	cat_jurisdiction_free(&jur);
}

static void
check_boundary(json_t *root)
{
	json_t		*out, *g;
	const char	*type;
	char		err[256];
	size_t		i;
	int		srid;

	out = json_array();
	err[0] = '\0';
	srid = 0;
	if (fmt_boundary(root, out, &srid, err, sizeof(err)) == -1) {
		FUZZ_CHECK(err[0] != '\0');
	} else {
		FUZZ_CHECK(json_array_size(out) > 0 && srid > 0);
		json_array_foreach(out, i, g) {
			type = json_string_value(json_object_get(g, "type"));
			FUZZ_CHECK(type != NULL && (!strcmp(type, "Polygon") ||
			    !strcmp(type, "MultiPolygon")));
		}
	}
	json_decref(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t	jerr;
	json_t		*root;

	if ((root = json_loadb((const char *)data, size, 0, &jerr)) == NULL)
		return (0);
	check_catalog(root);
	check_boundary(root);
	json_decref(root);
	return (0);
}
