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
 * A jurisdiction's boundary file (see boundary.h).
 */

#include <stdio.h>
#include <string.h>

#include "boundary.h"
#include "crs.h"

#define BND_RINGS_MAX	100000

static int	bnd_position(json_t *, int);
static int	bnd_polygon(json_t *, int, char *, size_t);
static int	bnd_geometry(json_t *, const char *, int, char *, size_t);
static int	bnd_collect(json_t *, json_t *, const char *, int, int,
		    char *, size_t);

/*
 * 1 when p is [x, y] or [x, y, z]: numbers, and with wgs84 a longitude
 * and a latitude; 0 when not a position; -1 when out of WGS 84's range.
 */
static int
bnd_position(json_t *p, int wgs84)
{
	double	x, y;

	if (!json_is_array(p) || json_array_size(p) < 2 ||
	    json_array_size(p) > 3 || !json_is_number(json_array_get(p, 0)) ||
	    !json_is_number(json_array_get(p, 1)) ||
	    (json_array_size(p) == 3 && !json_is_number(json_array_get(p, 2))))
		return (0);
	x = json_number_value(json_array_get(p, 0));
	y = json_number_value(json_array_get(p, 1));
	if (wgs84 && (x < -180.0 || x > 180.0 || y < -90.0 || y > 90.0))
		return (-1);
	return (1);
}

/* Polygon coordinates: rings of at least 4 positions, first == last. */
static int
bnd_polygon(json_t *rings, int wgs84, char *err, size_t errlen)
{
	json_t	*ring, *p;
	size_t	i, j, n;

	if (!json_is_array(rings) || json_array_size(rings) == 0 ||
	    json_array_size(rings) > BND_RINGS_MAX) {
		(void)snprintf(err, errlen, "a polygon is an array of rings");
		return (-1);
	}
	json_array_foreach(rings, i, ring) {
		n = json_is_array(ring) ? json_array_size(ring) : 0;
		if (n < 4) {
			(void)snprintf(err, errlen, "ring %zu: at least 4 "
			    "positions", i);
			return (-1);
		}
		json_array_foreach(ring, j, p) {
			switch (bnd_position(p, wgs84)) {
			case 0:
				(void)snprintf(err, errlen, "ring %zu, position "
				    "%zu: not [x, y]", i, j);
				return (-1);
			case -1:
				(void)snprintf(err, errlen, "ring %zu, position "
				    "%zu: not a WGS 84 position (longitude, "
				    "latitude); name the file's CRS", i, j);
				return (-1);
			}
		}
		if (!json_equal(json_array_get(ring, 0),
		    json_array_get(ring, n - 1))) {
			(void)snprintf(err, errlen, "ring %zu: not closed (its "
			    "last position must be its first)", i);
			return (-1);
		}
	}
	return (0);
}

static int
bnd_geometry(json_t *g, const char *type, int wgs84, char *err,
    size_t errlen)
{
	json_t	*coords, *poly;
	size_t	i;
	char	msg[128];

	coords = json_object_get(g, "coordinates");
	if (!strcmp(type, "Polygon"))
		return (bnd_polygon(coords, wgs84, err, errlen));
	if (!json_is_array(coords) || json_array_size(coords) == 0) {
		(void)snprintf(err, errlen, "a MultiPolygon is an array of "
		    "polygons");
		return (-1);
	}
	json_array_foreach(coords, i, poly) {
		if (bnd_polygon(poly, wgs84, msg, sizeof(msg)) == -1) {
			(void)snprintf(err, errlen, "polygon %zu: %s", i, msg);
			return (-1);
		}
	}
	return (0);
}

static int
bnd_collect(json_t *obj, json_t *out, const char *where, int depth,
    int wgs84, char *err, size_t errlen)
{
	json_t		*features, *f, *geom;
	const char	*type;
	size_t		i;
	char		sub[64], msg[192];

	if (depth > 2 || !json_is_object(obj) || (type = json_string_value(
	    json_object_get(obj, "type"))) == NULL) {
		(void)snprintf(err, errlen, "%s: GeoJSON object without a "
		    "\"type\"", where);
		return (-1);
	}
	if (!strcmp(type, "FeatureCollection") && depth == 0) {
		features = json_object_get(obj, "features");
		if (!json_is_array(features)) {
			(void)snprintf(err, errlen, "%s: \"features\" must be "
			    "an array", where);
			return (-1);
		}
		json_array_foreach(features, i, f) {
			(void)snprintf(sub, sizeof(sub), "features[%zu]", i);
			if (bnd_collect(f, out, sub, depth + 1, wgs84, err,
			    errlen) == -1)
				return (-1);
		}
		return (0);
	}
	if (!strcmp(type, "Feature")) {
		geom = json_object_get(obj, "geometry");
		if (!json_is_object(geom)) {
			(void)snprintf(err, errlen, "%s: feature without a "
			    "geometry", where);
			return (-1);
		}
		return (bnd_collect(geom, out, where, 2, wgs84, err,
		    errlen));
	}
	if (!strcmp(type, "Polygon") || !strcmp(type, "MultiPolygon")) {
		if (bnd_geometry(obj, type, wgs84, msg, sizeof(msg)) == -1) {
			(void)snprintf(err, errlen, "%s: %s", where, msg);
			return (-1);
		}
		json_array_append(out, obj);
		return (0);
	}
	(void)snprintf(err, errlen, "%s: a boundary must be made of Polygon "
	    "or MultiPolygon geometries, not %.40s", where, type);
	return (-1);
}

int
fmt_boundary(json_t *root, json_t *out, int *srid, char *err, size_t errlen)
{
	const char	*name;

	name = json_string_value(json_object_get(json_object_get(
	    json_object_get(root, "crs"), "properties"), "name"));
	if (*srid == 0 && name != NULL && (*srid = fmt_crs_epsg(name)) == -1) {
		(void)snprintf(err, errlen, "crs: the file names a CRS this "
		    "gateway does not know; give its EPSG code");
		return (-1);
	}
	if (*srid == 0)
		*srid = 4326;
	if (bnd_collect(root, out, "file", 0, *srid == 4326, err,
	    errlen) == -1)
		return (-1);
	if (json_array_size(out) == 0) {
		(void)snprintf(err, errlen, "file: no Polygon or MultiPolygon "
		    "in it");
		return (-1);
	}
	return (0);
}
