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
#include <string.h>

#include "doc.h"
#include "export.h"

#define COLUMNS	24

/* s when it is a number JSON and spreadsheets read as one, else NULL. */
#define EXPORT_NUMBER(s)	((s) != NULL && fmt_json_number(s) ? (s) : NULL)

const char *const	fmt_export_columns[COLUMNS + 1] = {
	"service_request_id", "jurisdiction_id", "service_code",
	"service_name", "status", "detailed_status", "agency_responsible",
	"requested_datetime", "updated_datetime", "expected_datetime",
	"closed_datetime", "address", "zipcode", "lat", "long", "x", "y",
	"crs", "parent_service_request_id", "duplicate_count", "channel",
	"description", "status_notes", "media_url", NULL
};

static void	export_values(const struct req_row *, const char **,
		    char *, size_t);

/* Which columns are free text (guarded against formulas). */
static const unsigned char	export_text[COLUMNS] = {
	0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1,
	1, 1
};

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
	v[13] = EXPORT_NUMBER(r->lat);
	v[14] = EXPORT_NUMBER(r->lon);
	v[15] = EXPORT_NUMBER(r->x);
	v[16] = EXPORT_NUMBER(r->y);
	v[17] = v[15] != NULL ? r->crs : NULL;
	v[18] = r->parent_id;
	v[19] = dups;
	v[20] = r->channel;
	v[21] = r->description;
	v[22] = r->status_notes;
	v[23] = r->media_url;
}

void
fmt_csv_field(struct fmt_buf *out, const char *s, int text)
{
	int	formula;

	if (s == NULL)
		return;
	formula = text && s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;

	if (!formula && strpbrk(s, ",\"\r\n") == NULL) {
		fmt_buf_str(out, s);
		return;
	}

	fmt_buf_byte(out, '"');
	if (formula)
		fmt_buf_byte(out, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fmt_buf_byte(out, '"');
		fmt_buf_byte(out, *s);
	}
	fmt_buf_byte(out, '"');
}

void
fmt_export_begin(int type, struct fmt_buf *out)
{
	size_t	i;

	if (type == FMT_EXPORT_GEOJSON) {
		fmt_buf_str(out, "{\"type\":\"FeatureCollection\","
		    "\"features\":[\n");
		return;
	}
	for (i = 0; fmt_export_columns[i] != NULL; i++) {
		fmt_buf_str(out, i ? "," : "");
		fmt_buf_str(out, fmt_export_columns[i]);
	}
	fmt_buf_str(out, "\r\n");
}

void
fmt_export_rows(int type, const struct req_row *rows, size_t n, int first,
    struct fmt_buf *out)
{
	const char	*v[COLUMNS];
	char		dups[16];
	size_t		i, c;

	for (i = 0; i < n; i++) {
		export_values(&rows[i], v, dups, sizeof(dups));
		if (type == FMT_EXPORT_CSV) {
			for (c = 0; c < COLUMNS; c++) {
				if (c > 0)
					fmt_buf_byte(out, ',');
				fmt_csv_field(out, v[c], export_text[c]);
			}
			fmt_buf_str(out, "\r\n");
			continue;
		}

		if (!first || i > 0)
			fmt_buf_str(out, ",\n");
		fmt_buf_str(out, "{\"type\":\"Feature\",\"id\":");
		fmt_json_quote(out, v[0] ? v[0] : "", v[0] ? strlen(v[0]) : 0);
		if (v[13] != NULL && v[14] != NULL)
			fmt_buf_printf(out, ",\"geometry\":{\"type\":\"Point\","
			    "\"coordinates\":[%s,%s]}", v[14], v[13]);
		else
			fmt_buf_str(out, ",\"geometry\":null");
		fmt_buf_str(out, ",\"properties\":{");
		for (c = 0; c < COLUMNS; c++) {
			/* Position is the geometry; local x/y is in the CSV. */
			if (c >= 13 && c <= 17)
				continue;
			fmt_buf_str(out, c ? "," : "");
			fmt_json_quote(out, fmt_export_columns[c],
			    strlen(fmt_export_columns[c]));
			fmt_buf_byte(out, ':');
			if (v[c] == NULL)
				fmt_buf_str(out, "null");
			else if (c == 19)
				fmt_buf_str(out, v[c]);
			else
				fmt_json_quote(out, v[c], strlen(v[c]));
		}
		fmt_buf_str(out, "}}");
	}
}

void
fmt_export_end(int type, struct fmt_buf *out)
{
	if (type == FMT_EXPORT_GEOJSON)
		fmt_buf_str(out, "\n]}\n");
}
