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
 * CSV and GeoJSON export rows (see export.h).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "export.h"

#define COLUMNS	24

/* Bounds of a coordinate: degrees, and projected units (metres, feet). */
#define EXPORT_LAT	90.0
#define EXPORT_LON	180.0
#define EXPORT_XY	1e15

const char *const	fmt_export_columns[COLUMNS + 1] = {
	"service_request_id", "jurisdiction_id", "service_code",
	"service_name", "status", "detailed_status", "agency_responsible",
	"requested_datetime", "updated_datetime", "expected_datetime",
	"closed_datetime", "address", "zipcode", "lat", "long", "x", "y",
	"crs", "parent_service_request_id", "duplicate_count", "channel",
	"description", "status_notes", "media_url", NULL
};

static const char	*export_coord(const char *, double);
static void		 export_values(const struct req_row *, const char **,
			    char *, size_t);

/* Which columns are free text (guarded against formulas). */
static const unsigned char	export_text[COLUMNS] = {
	0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1,
	1, 1
};

/*
 * s when it is a number that JSON parsers and spreadsheets read as one
 * and lies within -limit..limit, else NULL.
 */
static const char *
export_coord(const char *s, double limit)
{
	double	v;

	if (s == NULL || !fmt_json_number(s))
		return (NULL);
	v = strtod(s, NULL);
	if (!(v >= -limit && v <= limit))
		return (NULL);
	return (s);
}

static void
export_values(const struct req_row *r, const char **v, char *dups,
    size_t len)
{
	(void)snprintf(dups, len, "%d", r->duplicate_count);
	v[0] = r->id;
	v[1] = r->jurisdiction_id;
	v[2] = r->service_code;
	v[3] = r->service_name;
	v[4] = r->status;
	v[5] = r->detailed_status;
	v[6] = r->agency;
	v[7] = r->requested;
	v[8] = r->updated;
	v[9] = r->expected;
	v[10] = r->closed;
	v[11] = r->address;
	v[12] = r->zipcode;
	v[13] = export_coord(r->lat, EXPORT_LAT);
	v[14] = export_coord(r->lon, EXPORT_LON);
	v[15] = export_coord(r->x, EXPORT_XY);
	v[16] = export_coord(r->y, EXPORT_XY);
	v[17] = v[15] != NULL ? r->crs : NULL;
	v[18] = r->parent_id;
	v[19] = dups;
	v[20] = r->channel;
	v[21] = r->description;
	v[22] = r->status_notes;
	v[23] = r->media_url;
}

void
fmt_csv_field(struct buf *out, const char *s, int text)
{
	int	formula;

	if (s == NULL)
		return;
	formula = text && s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;

	if (!formula && strpbrk(s, ",\"\r\n") == NULL) {
		buf_str(out, s);
		return;
	}

	buf_byte(out, '"');
	if (formula)
		buf_byte(out, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_byte(out, '"');
		buf_byte(out, *s);
	}
	buf_byte(out, '"');
}

void
fmt_export_begin(int type, struct buf *out)
{
	size_t	i;

	if (type == FMT_EXPORT_GEOJSON) {
		buf_str(out, "{\"type\":\"FeatureCollection\","
		    "\"features\":[\n");
		return;
	}
	for (i = 0; fmt_export_columns[i] != NULL; i++) {
		buf_str(out, i ? "," : "");
		buf_str(out, fmt_export_columns[i]);
	}
	buf_str(out, "\r\n");
}

void
fmt_export_rows(int type, const struct req_row *rows, size_t n, int first,
    struct buf *out)
{
	const char	*v[COLUMNS];
	char		dups[16];
	size_t		i, c;

	for (i = 0; i < n; i++) {
		export_values(&rows[i], v, dups, sizeof(dups));
		if (type == FMT_EXPORT_CSV) {
			for (c = 0; c < COLUMNS; c++) {
				if (c > 0)
					buf_byte(out, ',');
				fmt_csv_field(out, v[c], export_text[c]);
			}
			buf_str(out, "\r\n");
			continue;
		}

		if (!first || i > 0)
			buf_str(out, ",\n");
		buf_str(out, "{\"type\":\"Feature\",\"id\":");
		fmt_json_quote(out, v[0] ? v[0] : "", v[0] ? strlen(v[0]) : 0);
		if (v[13] != NULL && v[14] != NULL)
			buf_printf(out, ",\"geometry\":{\"type\":\"Point\","
			    "\"coordinates\":[%s,%s]}", v[14], v[13]);
		else
			buf_str(out, ",\"geometry\":null");
		buf_str(out, ",\"properties\":{");
		for (c = 0; c < COLUMNS; c++) {
			/* Position is the geometry; local x/y is in the CSV. */
			if (c >= 13 && c <= 17)
				continue;
			buf_str(out, c ? "," : "");
			fmt_json_quote(out, fmt_export_columns[c],
			    strlen(fmt_export_columns[c]));
			buf_byte(out, ':');
			if (v[c] == NULL)
				buf_str(out, "null");
			else if (c == 19)
				buf_str(out, v[c]);
			else
				fmt_json_quote(out, v[c], strlen(v[c]));
		}
		buf_str(out, "}}");
	}
}

void
fmt_export_end(int type, struct buf *out)
{
	if (type == FMT_EXPORT_GEOJSON)
		buf_str(out, "\n]}\n");
}
