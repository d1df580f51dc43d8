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
 * libFuzzer target: the address gazetteer's input (formats/gazetteer.c)
 * on arbitrary bytes. The input's lines are a CSV file: the first its
 * header (when refused, the columns label,lat,long are used), the others
 * data lines; and the whole input is parsed as JSON and read as a
 * GeoJSON feature. Whatever is accepted holds: a label of valid UTF-8
 * without control characters, 1 to GAZ_LABEL_MAX characters, no blank
 * at either end; lat and long numbers within range. A refusal always
 * says why and allocates nothing.
 */

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "formats/gazetteer.h"
#include "formats/utf8.h"
#include "fuzz.h"

static void
check(int rc, struct gaz_place *p, const char *err)
{
	size_t	n;
	double	lat, lon;

	if (rc != 1) {
		FUZZ_CHECK(p->label == NULL);
		if (rc == -1)
			FUZZ_CHECK(err[0] != '\0');
		return;
	}
	FUZZ_CHECK(p->label != NULL);
	n = strlen(p->label);
	FUZZ_CHECK(n > 0);
	FUZZ_CHECK(fmt_text_check(p->label, n, FMT_TEXT_LINE) == NULL);
	FUZZ_CHECK(fmt_utf8_chars(p->label, n) <= GAZ_LABEL_MAX);
	FUZZ_CHECK(p->label[0] != ' ' && p->label[n - 1] != ' ');
	lat = strtod(p->lat, NULL);
	lon = strtod(p->lon, NULL);
	FUZZ_CHECK(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180);
	gaz_place_free(p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gaz_columns	c = { 0, 1, 2 };
	struct gaz_place	p;
	json_t			*j;
	char			*in, *line, *next, err[256];
	int			first, rc;

	if ((in = malloc(size + 1)) == NULL)
		abort();
	memcpy(in, data, size);
	in[size] = '\0';

	first = 1;
	for (line = in; line != NULL; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		err[0] = '\0';
		if (first) {
			first = 0;
			if (gaz_csv_header(line, &c, err, sizeof(err)) == -1) {
				FUZZ_CHECK(err[0] != '\0');
				c.label = 0;
				c.lat = 1;
				c.lon = 2;
			} else {
				FUZZ_CHECK(c.label >= 0 && c.lat >= 0 &&
				    c.lon >= 0 && c.label != c.lat &&
				    c.lat != c.lon && c.label != c.lon);
			}
			continue;
		}
		memset(&p, 0, sizeof(p));
		rc = gaz_csv_row(line, &c, &p, err, sizeof(err));
		check(rc, &p, err);
	}

	if ((j = json_loadb((const char *)data, size, 0, NULL)) != NULL) {
		memset(&p, 0, sizeof(p));
		err[0] = '\0';
		rc = gaz_feature(j, &p, err, sizeof(err));
		check(rc == 0 ? 1 : rc, &p, err);
		json_decref(j);
	}

	free(in);
	return (0);
}
