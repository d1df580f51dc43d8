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
 * The gazetteer's input files: CSV lines and GeoJSON features into
 * checked places (see gazetteer.h).
 */

#include <sys/types.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gazetteer.h"
#include "lib/buf.h"
#include "lib/mem.h"
#include "utf8.h"

static int	gaz_split(const char *, struct buf *, const char **, int *,
		    char *, size_t);
static char	*gaz_trim(char *);

/*
 * Splits a CSV line into fields: their text goes to b (each ends with a
 * NUL) and f points into it. Returns 0, or -1 with a message in err.
 */
static int
gaz_split(const char *line, struct buf *b, const char **f, int *n,
    char *err, size_t errlen)
{
	size_t		start[GAZ_COLUMNS_MAX], len;
	const char	*s;
	int		i, quoted;

	buf_reset(b);
	s = line;
	len = strlen(s);
	if (len > 0 && s[len - 1] == '\r')
		len--;
	*n = 0;

	for (;;) {
		if (*n == GAZ_COLUMNS_MAX) {
			(void)snprintf(err, errlen, "more than %d columns",
			    GAZ_COLUMNS_MAX);
			return (-1);
		}
		start[(*n)++] = b->len;
		quoted = s < line + len && *s == '"';
		if (quoted) {
			for (s++;; s++) {
				if (s >= line + len) {
					(void)snprintf(err, errlen, "column "
					    "%d: a quoted field runs past the "
					    "end of the line", *n);
					return (-1);
				}
				if (*s == '"') {
					if (s + 1 < line + len && s[1] == '"') {
						buf_byte(b, '"');
						s++;
						continue;
					}
					s++;
					break;
				}
				buf_byte(b, *s);
			}
			if (s < line + len && *s != ',') {
				(void)snprintf(err, errlen, "column %d: text "
				    "after the closing quote", *n);
				return (-1);
			}
		} else {
			for (; s < line + len && *s != ','; s++) {
				if (*s == '"') {
					(void)snprintf(err, errlen, "column "
					    "%d: a quote inside an unquoted "
					    "field", *n);
					return (-1);
				}
				buf_byte(b, *s);
			}
		}
		buf_byte(b, '\0');
		if (s >= line + len)
			break;
		s++;	/* the comma */
	}

	for (i = 0; i < *n; i++)
		f[i] = b->data + start[i];
	return (0);
}

/* Drops leading and trailing blanks in place. */
static char *
gaz_trim(char *s)
{
	size_t	n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return (s);
}

int
gaz_csv_header(const char *line, struct gaz_columns *c, char *err,
    size_t errlen)
{
	static const struct {
		const char	*name;
		int		col;
	} names[] = {
		{ "label", 0 }, { "address", 0 },
		{ "lat", 1 }, { "latitude", 1 },
		{ "long", 2 }, { "lon", 2 }, { "lng", 2 }, { "longitude", 2 },
		{ NULL, 0 }
	};
	const char	*f[GAZ_COLUMNS_MAX];
	struct buf	b;
	char		*name;
	int		i, k, n, col[3];

	if (!strncmp(line, "\xef\xbb\xbf", 3))
		line += 3;
	buf_init(&b);
	if (gaz_split(line, &b, f, &n, err, errlen) == -1) {
		buf_free(&b);
		return (-1);
	}

	col[0] = col[1] = col[2] = -1;
	for (i = 0; i < n; i++) {
		name = gaz_trim((char *)(uintptr_t)f[i]);
		for (k = 0; names[k].name != NULL; k++) {
			if (strcasecmp(name, names[k].name))
				continue;
			if (col[names[k].col] != -1) {
				(void)snprintf(err, errlen, "the header "
				    "names column '%s' twice", name);
				buf_free(&b);
				return (-1);
			}
			col[names[k].col] = i;
		}
	}
	buf_free(&b);

	if (col[0] == -1 || col[1] == -1 || col[2] == -1) {
		(void)snprintf(err, errlen, "the header must name the columns "
		    "label, lat and long (missing: %s%s%s)",
		    col[0] == -1 ? "label " : "", col[1] == -1 ? "lat " : "",
		    col[2] == -1 ? "long" : "");
		return (-1);
	}
	c->label = col[0];
	c->lat = col[1];
	c->lon = col[2];
	return (0);
}

int
gaz_csv_row(const char *line, const struct gaz_columns *c,
    struct gaz_place *p, char *err, size_t errlen)
{
	const char	*f[GAZ_COLUMNS_MAX];
	struct buf	b;
	int		n, need, rc;

	if (line[strspn(line, " \t\r")] == '\0')
		return (0);

	buf_init(&b);
	if (gaz_split(line, &b, f, &n, err, errlen) == -1) {
		buf_free(&b);
		return (-1);
	}
	need = c->label;
	if (c->lat > need)
		need = c->lat;
	if (c->lon > need)
		need = c->lon;
	if (n <= need) {
		(void)snprintf(err, errlen, "%d columns, the header has more",
		    n);
		buf_free(&b);
		return (-1);
	}

	rc = gaz_place_set(p, f[c->label],
	    gaz_trim((char *)(uintptr_t)f[c->lat]),
	    gaz_trim((char *)(uintptr_t)f[c->lon]), err, errlen);
	buf_free(&b);
	return (rc == -1 ? -1 : 1);
}

int
gaz_feature(const json_t *f, struct gaz_place *p, char *err, size_t errlen)
{
	const json_t	*geom, *coords, *props, *label;
	const char	*type;
	char		lat[64], lon[64];

	type = json_string_value(json_object_get(f, "type"));
	if (type == NULL || strcmp(type, "Feature")) {
		(void)snprintf(err, errlen, "not a Feature");
		return (-1);
	}
	geom = json_object_get(f, "geometry");
	type = json_string_value(json_object_get(geom, "type"));
	coords = json_object_get(geom, "coordinates");
	if (type == NULL || strcmp(type, "Point") || !json_is_array(coords) ||
	    json_array_size(coords) < 2 ||
	    !json_is_number(json_array_get(coords, 0)) ||
	    !json_is_number(json_array_get(coords, 1))) {
		(void)snprintf(err, errlen, "the geometry must be a Point "
		    "[long, lat]");
		return (-1);
	}
	props = json_object_get(f, "properties");
	if ((label = json_object_get(props, "label")) == NULL)
		label = json_object_get(props, "address");
	if (!json_is_string(label)) {
		(void)snprintf(err, errlen, "no \"label\" or \"address\" text "
		    "in its properties");
		return (-1);
	}

	(void)snprintf(lon, sizeof(lon), "%.8f",
	    json_number_value(json_array_get(coords, 0)));
	(void)snprintf(lat, sizeof(lat), "%.8f",
	    json_number_value(json_array_get(coords, 1)));
	return (gaz_place_set(p, json_string_value(label), lat, lon, err,
	    errlen));
}

int
gaz_place_set(struct gaz_place *p, const char *label, const char *lat,
    const char *lon, char *err, size_t errlen)
{
	const char	*why;
	char		*l, *t;
	size_t		n;

	l = mem_strdup(label);
	t = gaz_trim(l);
	n = strlen(t);
	if (n == 0) {
		(void)snprintf(err, errlen, "the label is empty");
		goto fail;
	}
	if ((why = fmt_text_check(t, n, FMT_TEXT_LINE)) != NULL) {
		(void)snprintf(err, errlen, "the label %s", why);
		goto fail;
	}
	if (fmt_utf8_chars(t, n) > GAZ_LABEL_MAX) {
		(void)snprintf(err, errlen, "the label is longer than %d "
		    "characters", GAZ_LABEL_MAX);
		goto fail;
	}
	if (params_number(lat, -90, 90, p->lat) == -1) {
		(void)snprintf(err, errlen, "lat '%.32s' is not a number from "
		    "-90 to 90", lat);
		goto fail;
	}
	if (params_number(lon, -180, 180, p->lon) == -1) {
		(void)snprintf(err, errlen, "long '%.32s' is not a number from "
		    "-180 to 180", lon);
		goto fail;
	}

	p->label = mem_strdup(t);
	free(l);
	return (0);

fail:
	free(l);
	return (-1);
}

void
gaz_place_free(struct gaz_place *p)
{
	free(p->label);
	p->label = NULL;
}
