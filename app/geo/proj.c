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
 * PROJ transformations, one per CRS per process (see proj.h).
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proj.h"

#define GEO_CRS_MAX	32

static PJ_CONTEXT	*ctx = NULL;
static struct geo_crs	crses[GEO_CRS_MAX];
static int		ncrses = 0;

static int	geo_setup(struct geo_crs *, int);

static int
geo_setup(struct geo_crs *c, int srid)
{
	PJ		*target, *pj, *cs;
	const char	*unit_name;
	double		factor;
	char		def[32];

	(void)snprintf(def, sizeof(def), "EPSG:%d", srid);
	if ((target = proj_create(ctx, def)) == NULL)
		return (-1);

	if (proj_get_type(target) != PJ_TYPE_PROJECTED_CRS) {
		proj_destroy(target);
		return (-1);
	}

	c->unit_m = 1.0;
	if ((cs = proj_crs_get_coordinate_system(ctx, target)) != NULL) {
		if (proj_cs_get_axis_info(ctx, cs, 0, NULL, NULL, NULL,
		    &factor, &unit_name, NULL, NULL) && factor > 0)
			c->unit_m = factor;
		proj_destroy(cs);
	}

	if (!proj_get_area_of_use(ctx, target, &c->west, &c->south, &c->east,
	    &c->north, NULL)) {
		c->west = -180.0;
		c->south = -90.0;
		c->east = 180.0;
		c->north = 90.0;
	}
	proj_destroy(target);

	if ((pj = proj_create_crs_to_crs(ctx, "EPSG:4326", def, NULL)) == NULL)
		return (-1);
	c->pj = proj_normalize_for_visualization(ctx, pj);
	proj_destroy(pj);
	if (c->pj == NULL)
		return (-1);

	c->srid = srid;
	(void)snprintf(c->name, sizeof(c->name), "%s", def);
	return (0);
}

const struct geo_crs *
geo_crs(int srid)
{
	int	i;

	for (i = 0; i < ncrses; i++) {
		if (crses[i].srid == srid)
			return (crses[i].pj != NULL ? &crses[i] : NULL);
	}

	if (ncrses == GEO_CRS_MAX)
		return (NULL);
	if (ctx == NULL && (ctx = proj_context_create()) == NULL)
		return (NULL);

	memset(&crses[ncrses], 0, sizeof(crses[0]));
	if (geo_setup(&crses[ncrses], srid) == -1) {
		/* Remember the failure so it is not retried. */
		crses[ncrses].srid = srid;
		crses[ncrses].pj = NULL;
		ncrses++;
		return (NULL);
	}

	return (&crses[ncrses++]);
}

int
geo_to_local(const struct geo_crs *c, double lat, double lon, double *x,
    double *y)
{
	PJ_COORD	in, out;

	in = proj_coord(lon, lat, 0, 0);
	out = proj_trans(c->pj, PJ_FWD, in);
	if (!isfinite(out.xy.x) || !isfinite(out.xy.y))
		return (-1);
	*x = out.xy.x;
	*y = out.xy.y;
	return (0);
}

int
geo_to_wgs84(const struct geo_crs *c, double x, double y, double *lat,
    double *lon)
{
	PJ_COORD	in, out, back;

	in = proj_coord(x, y, 0, 0);
	out = proj_trans(c->pj, PJ_INV, in);
	if (!isfinite(out.lp.lam) || !isfinite(out.lp.phi) ||
	    fabs(out.lp.phi) > 90.0 || fabs(out.lp.lam) > 180.0)
		return (-1);

	/* Some projections wrap x around the world: go back and compare. */
	back = proj_trans(c->pj, PJ_FWD, out);
	if (!isfinite(back.xy.x) || !isfinite(back.xy.y) ||
	    fabs(back.xy.x - x) > 1.0 || fabs(back.xy.y - y) > 1.0)
		return (-1);
	*lon = out.lp.lam;
	*lat = out.lp.phi;
	return (0);
}

int
geo_in_area(const struct geo_crs *c, double lat, double lon)
{
	if (lat < c->south || lat > c->north)
		return (0);
	if (c->west <= c->east)
		return (lon >= c->west && lon <= c->east);
	/* An area that crosses the antimeridian. */
	return (lon >= c->west || lon <= c->east);
}

void
geo_cleanup(void)
{
	int	i;

	for (i = 0; i < ncrses; i++) {
		if (crses[i].pj != NULL)
			proj_destroy(crses[i].pj);
	}
	ncrses = 0;
	if (ctx != NULL) {
		proj_context_destroy(ctx);
		ctx = NULL;
	}
}
