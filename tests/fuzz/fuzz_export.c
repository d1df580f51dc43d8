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
 * libFuzzer target: the CSV and GeoJSON export rows, with every field of
 * two requests taken from the input (NUL-separated, valid UTF-8 as the
 * database gives; an empty field is NULL). The GeoJSON must parse
 * (jansson) with one feature per request holding its id and
 * description; the CSV must read back (RFC 4180) as one record per
 * request of 24 fields, the free-text ones equal to the input with an
 * apostrophe before a would-be spreadsheet formula.
 */

#include <string.h>

#include <jansson.h>

#include "formats/export.h"
#include "formats/utf8.h"
#include "fuzz.h"

#define PER_ROW		25
#define ROWS		2
#define COLUMNS		24

/* The CSV columns of free text, and the input field each comes from. */
static const struct {
	int	column;
	int	field;
} texts[] = {
	{ 3, 3 }, { 6, 6 }, { 11, 12 }, { 12, 14 }, { 21, 5 }, { 22, 2 },
	{ 23, 17 }, { -1, -1 }
};

static const char *
nul(const char *s)
{
	return (s[0] != '\0' ? s : NULL);
}

static void
fill(struct req_row *r, const char **f)
{
	memset(r, 0, sizeof(*r));
	r->id = nul(f[0]);
	r->status = nul(f[1]);
	r->status_notes = nul(f[2]);
	r->service_name = nul(f[3]);
	r->service_code = nul(f[4]);
	r->description = nul(f[5]);
	r->agency = nul(f[6]);
	r->requested = nul(f[7]);
	r->updated = nul(f[8]);
	r->expected = nul(f[9]);
	r->closed = nul(f[10]);
	r->detailed_status = nul(f[11]);
	r->address = nul(f[12]);
	r->address_id = nul(f[13]);
	r->zipcode = nul(f[14]);
	r->lat = nul(f[15]);
	r->lon = nul(f[16]);
	r->media_url = nul(f[17]);
	r->parent_id = nul(f[18]);
	r->jurisdiction_id = nul(f[19]);
	r->channel = nul(f[20]);
	r->duplicate_count = (int)strlen(f[21]) - 3;
	(void)snprintf(r->x, sizeof(r->x), "%s", f[22]);
	(void)snprintf(r->y, sizeof(r->y), "%s", f[23]);
	r->crs = nul(f[24]);
}

/* The next RFC 4180 field at *p into out; returns its terminator. */
static char
csv_read(const char **p, const char *end, struct fmt_buf *out)
{
	const char	*s;

	fmt_buf_reset(out);
	s = *p;
	if (s < end && *s == '"') {
		for (s++;; s++) {
			FUZZ_CHECK(s < end);
			if (*s == '"' && s + 1 < end && s[1] == '"') {
				fmt_buf_byte(out, '"');
				s++;
			} else if (*s == '"') {
				s++;
				break;
			} else {
				fmt_buf_byte(out, *s);
			}
		}
	} else {
		for (; s < end && *s != ',' && *s != '\r'; s++) {
			FUZZ_CHECK(*s != '"' && *s != '\n');
			fmt_buf_byte(out, *s);
		}
	}
	FUZZ_CHECK(s < end && (*s == ',' || (*s == '\r' && s + 1 < end &&
	    s[1] == '\n')));
	*p = s + (*s == ',' ? 1 : 2);
	return (*s);
}

static void
check_csv(const struct req_row *rows, const char **f)
{
	struct fmt_buf	out, field;
	const char	*p, *end, *want;
	size_t		r, c, t;
	char		term;

	fmt_buf_init(&out);
	fmt_buf_init(&field);
	fmt_export_begin(FMT_EXPORT_CSV, &out);
	fmt_export_rows(FMT_EXPORT_CSV, rows, ROWS, 1, &out);
	fmt_export_end(FMT_EXPORT_CSV, &out);
	p = out.data;
	end = out.data + out.len;
	for (r = 0; r <= ROWS; r++) {
		for (c = 0; c < COLUMNS; c++) {
			term = csv_read(&p, end, &field);
			FUZZ_CHECK(term == (c + 1 < COLUMNS ? ',' : '\r'));
			if (r == 0) {
				FUZZ_CHECK(!strcmp(fmt_buf_cstr(&field),
				    fmt_export_columns[c]));
				continue;
			}
			for (t = 0; texts[t].column != -1; t++) {
				if (texts[t].column != (int)c)
					continue;
				want = f[(r - 1) * PER_ROW + texts[t].field];
				if (want[0] != '\0' &&
				    strchr("=+-@\t\r", want[0]) != NULL) {
					FUZZ_CHECK(field.len == strlen(want) + 1);
					FUZZ_CHECK(field.data[0] == '\'');
					FUZZ_CHECK(!memcmp(field.data + 1, want,
					    field.len - 1));
				} else {
					FUZZ_CHECK(!strcmp(fmt_buf_cstr(&field),
					    want));
				}
			}
		}
	}
	FUZZ_CHECK(p == end);
	(void)rows;
	fmt_buf_free(&out);
	fmt_buf_free(&field);
}

static void
check_geojson(const struct req_row *rows)
{
	struct fmt_buf	out;
	json_t		*root, *feat, *props;
	size_t		r;

	fmt_buf_init(&out);
	fmt_export_begin(FMT_EXPORT_GEOJSON, &out);
	fmt_export_rows(FMT_EXPORT_GEOJSON, rows, 1, 1, &out);
	fmt_export_rows(FMT_EXPORT_GEOJSON, rows + 1, 1, 0, &out);
	fmt_export_end(FMT_EXPORT_GEOJSON, &out);
	root = json_loadb(out.data, out.len, 0, NULL);
	FUZZ_CHECK(root != NULL);
	FUZZ_CHECK(json_array_size(json_object_get(root, "features")) ==
	    ROWS);
	for (r = 0; r < ROWS; r++) {
		feat = json_array_get(json_object_get(root, "features"), r);
		FUZZ_CHECK(!strcmp(json_string_value(json_object_get(feat,
		    "id")), rows[r].id != NULL ? rows[r].id : ""));
		props = json_object_get(feat, "properties");
		FUZZ_CHECK(json_object_size(props) == COLUMNS - 5);
		if (rows[r].description == NULL)
			FUZZ_CHECK(json_is_null(json_object_get(props,
			    "description")));
		else
			FUZZ_CHECK(!strcmp(json_string_value(json_object_get(
			    props, "description")), rows[r].description));
	}
	json_decref(root);
	fmt_buf_free(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct req_row	rows[ROWS];
	const char	*f[PER_ROW * ROWS];
	char		*mem;
	size_t		i;

	(void)fuzz_split(data, size, f, PER_ROW * ROWS, &mem);
	for (i = 0; i < PER_ROW * ROWS; i++) {
		if (!fmt_utf8_valid(f[i], strlen(f[i]))) {
			free(mem);
			return (0);
		}
	}
	fill(&rows[0], f);
	fill(&rows[1], f + PER_ROW);
	check_csv(rows, f);
	check_geojson(rows);
	free(mem);
	return (0);
}
