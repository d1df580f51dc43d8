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
 * Coordinates between WGS 84 and a jurisdiction's local projected CRS
 * (a state plane zone, say) with PROJ. Each transformation is created
 * once per process and kept (workers create them when the catalog
 * loads, never while answering a request). No Kore here.
 */

#ifndef __H_GEO_PROJ
#define __H_GEO_PROJ

#include <proj.h>

struct geo_crs {
	int		srid;
	PJ		*pj;		/* lon/lat (EPSG:4326) to x/y */
	double		west;		/* area of use, degrees */
	double		south;
	double		east;
	double		north;
	double		unit_m;		/* metres per CRS unit */
	char		name[32];	/* "EPSG:2230" */
};

/*
 * Returns the transformation to EPSG:srid, creating it on first use and
 * keeping it for the life of the process. NULL when PROJ does not know a
 * projected CRS by that code (the reason is logged by the caller).
 */
const struct geo_crs	*geo_crs(int);

/* Projects lat/long to x/y. Returns 0, or -1 when PROJ cannot. */
int	geo_to_local(const struct geo_crs *, double, double, double *,
	    double *);

/* Back from x/y to lat/long. Returns 0, or -1 when PROJ cannot. */
int	geo_to_wgs84(const struct geo_crs *, double, double, double *,
	    double *);

/* 1 when lat/long lies within the CRS's area of use. */
int	geo_in_area(const struct geo_crs *, double, double);

/* Frees every transformation (process exit, tests). */
void	geo_cleanup(void);

#endif
