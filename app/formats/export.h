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
 * The bulk exports of service requests, written a page of rows at a
 * time so an export of any size is never held in memory: CSV (RFC 4180,
 * one header line, the columns of export_columns) and GeoJSON (RFC 7946,
 * a FeatureCollection of Points in WGS 84). Only public fields are ever
 * written. Pure code.
 */

#ifndef __H_FMT_EXPORT
#define __H_FMT_EXPORT

#include <stddef.h>

#include "lib/buf.h"
#include "model/request.h"

#define FMT_EXPORT_CSV		1
#define FMT_EXPORT_GEOJSON	2

/* The CSV columns, in order (documented in README). */
extern const char *const	fmt_export_columns[];

/* Writes what comes before the first row (CSV header, GeoJSON opening). */
void	fmt_export_begin(int, struct buf *);

/*
 * Writes n rows; first says whether any row was written before (GeoJSON
 * separates features with commas). CSV text fields that a spreadsheet
 * would run as a formula (starting with = + - @ or a tab or CR) get a
 * leading apostrophe; numbers and dates are written as they are.
 */
void	fmt_export_rows(int, const struct req_row *, size_t, int,
	    struct buf *);

/* Writes what comes after the last row. */
void	fmt_export_end(int, struct buf *);

/* Writes one CSV field (quoted when it must be). */
void	fmt_csv_field(struct buf *, const char *, int);

#endif
