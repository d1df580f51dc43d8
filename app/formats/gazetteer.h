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
 * The address gazetteer's input files (open311d addresses import): CSV
 * lines with the columns label, lat and long, and GeoJSON Point features
 * with a label (or address) property, each checked into a place. Pure
 * code.
 */

#ifndef __H_FMT_GAZETTEER
#define __H_FMT_GAZETTEER

#include <stddef.h>

#include <jansson.h>

#include "params.h"

#define GAZ_LABEL_MAX	200	/* characters of a label */
#define GAZ_COLUMNS_MAX	32	/* columns of a CSV line */

/* One address: its label and point, where it came from in the file. */
struct gaz_place {
	char	*label;				/* allocated */
	char	lat[PARAMS_NUMBER_LEN];
	char	lon[PARAMS_NUMBER_LEN];
	long	line;		/* CSV line, or GeoJSON feature index + 1 */
	int	outside;	/* set by the import: in no boundary */
};

/* Where the CSV header put each column (0-based). */
struct gaz_columns {
	int	label;
	int	lat;
	int	lon;
};

/*
 * Reads the CSV header line (a UTF-8 byte order mark and a CR at its end
 * allowed): label, lat and long (also lon, lng, latitude, longitude), in
 * any order and any case, other columns ignored. Returns 0, or -1 with
 * a message in err.
 */
int	gaz_csv_header(const char *, struct gaz_columns *, char *, size_t);

/*
 * Reads one CSV data line (RFC 4180 quoting, "" inside quotes; no line
 * break inside a field; a CR at its end allowed) into p (its label
 * allocated: gaz_place_free()). Returns 1 for a place, 0 for a blank
 * line, or -1 with a message in err.
 */
int	gaz_csv_row(const char *, const struct gaz_columns *,
	    struct gaz_place *, char *, size_t);

/*
 * Reads one GeoJSON Feature whose geometry is a Point [long, lat] and
 * whose properties hold "label" or else "address" into p. Returns 0, or
 * -1 with a message in err.
 */
int	gaz_feature(const json_t *, struct gaz_place *, char *, size_t);

/*
 * Checks a label (one line of valid UTF-8, 1 to GAZ_LABEL_MAX
 * characters once trimmed) and lat/long text into p. Returns 0, or -1
 * with a message in err.
 */
int	gaz_place_set(struct gaz_place *, const char *, const char *,
	    const char *, char *, size_t);

/* Frees what a place holds. */
void	gaz_place_free(struct gaz_place *);

#endif
