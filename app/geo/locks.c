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
 * Lock keys of a reported point (see locks.h).
 */

#include <math.h>

#include "locks.h"
#include "proj.h"

#define METRES_PER_DEG_LON	111320.0	/* at the equator */
#define METRES_PER_DEG_LAT	110540.0

void
geo_point_locks(const char *scope, double lat, double lon, int srid,
    double radius_m, int64_t *locks)
{
	const struct geo_crs	*crs;
	double			x, y, cell;

	/* Cells 1.5 radii wide: points within a radius share a lock. */
	cell = radius_m * 1.5;
	crs = srid != 4326 ? geo_crs(srid) : NULL;
	if (crs == NULL || geo_to_local(crs, lat, lon, &x, &y) == -1) {
		x = lon * METRES_PER_DEG_LON * cos(lat * M_PI / 180.0);
		y = lat * METRES_PER_DEG_LAT;
		/* The approximation errs; wider cells cover for it. */
		cell *= 2;
	} else {
		cell /= crs->unit_m;
	}
	geo_grid_locks(scope, x, y, cell, locks);
}
