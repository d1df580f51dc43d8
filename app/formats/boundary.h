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
 * A jurisdiction's boundary file: GeoJSON (a FeatureCollection, a
 * Feature or a geometry) made of Polygons and MultiPolygons, in the CRS
 * its legacy "crs" member names, or one given, or WGS 84. Checked here
 * (structure, positions, closed rings) so that PostGIS is only handed
 * geometries it can read; made valid and transformed there. Pure code,
 * for `open311d jurisdiction import` and the console alike.
 */

#ifndef __H_FMT_BOUNDARY
#define __H_FMT_BOUNDARY

#include <stddef.h>

#include <jansson.h>

/*
 * Appends the geometries of GeoJSON root to the array out. *srid is the
 * source CRS's EPSG code: when 0 on entry it is taken from root's "crs"
 * member, else 4326 (whose positions must then be longitudes and
 * latitudes). Returns 0, or -1 with a message naming the place
 * ("file: features[2]: ring 0: not closed ...") in err.
 */
int	fmt_boundary(json_t *, json_t *, int *, char *, size_t);

#endif
