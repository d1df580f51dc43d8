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
 * Jurisdiction import and listing (see jurisdiction_import.h).
 */

#include <stdio.h>
#include <stdlib.h>

#include "jurisdiction_import.h"
#include "pq.h"

double
store_jurisdiction_import(PGconn *conn, const struct store_jurisdiction *j,
    char *err, size_t errlen)
{
	PGresult	*res;
	const char	*p[8];
	char		from[16], srid[16];
	double		km2;

	(void)snprintf(from, sizeof(from), "%d", j->from_srid);
	(void)snprintf(srid, sizeof(srid), "%d", j->srid);

	p[0] = srid;
	p[1] = j->time_zone;
	if ((res = store_pq_run(conn, SQL_jurisdiction_check, 2, p, err,
	    errlen)) == NULL)
		return (-1);
	if (PQgetvalue(res, 0, COL_JURISDICTION_CHECK_CRS_KNOWN)[0] != 't') {
		(void)snprintf(err, errlen, "--crs: EPSG:%d is not a CRS "
		    "PostGIS knows", j->srid);
		PQclear(res);
		return (-1);
	}
	if (PQgetvalue(res, 0,
	    COL_JURISDICTION_CHECK_CRS_PROJECTED)[0] != 't') {
		(void)snprintf(err, errlen, "--crs: EPSG:%d is not a projected "
		    "CRS (x/y in metres or feet are needed)", j->srid);
		PQclear(res);
		return (-1);
	}
	if (PQgetvalue(res, 0, COL_JURISDICTION_CHECK_TZ_KNOWN)[0] != 't') {
		(void)snprintf(err, errlen, "--time-zone: '%s' is not a time "
		    "zone name (for example America/Los_Angeles)",
		    j->time_zone);
		PQclear(res);
		return (-1);
	}
	PQclear(res);

	p[0] = j->id;
	p[1] = j->name;
	p[2] = j->geometries;
	p[3] = from;
	p[4] = srid;
	p[5] = j->time_zone;
	p[6] = j->contact;
	p[7] = j->key_service;
	if ((res = store_pq_run(conn, SQL_jurisdiction_upsert, 8, p, err,
	    errlen)) == NULL)
		return (-1);

	if (PQntuples(res) != 1) {
		(void)snprintf(err, errlen, "the boundary has no area after "
		    "being made valid");
		PQclear(res);
		return (-1);
	}

	km2 = atof(PQgetvalue(res, 0, COL_JURISDICTION_UPSERT_KM2));
	PQclear(res);
	return (km2);
}

int
store_jurisdiction_list(PGconn *conn, char *err, size_t errlen)
{
	PGresult	*res;
	int		i;

	if ((res = store_pq_run(conn, SQL_jurisdiction_list, 0, NULL, err,
	    errlen)) == NULL)
		return (-1);

	printf("%-24s %-30s %-10s %-22s %10s %8s\n", "ID", "NAME", "CRS",
	    "TIME ZONE", "AREA km2", "SERVICES");
	for (i = 0; i < PQntuples(res); i++) {
		printf("%-24s %-30s EPSG:%-5s %-22s %10s %8s\n",
		    PQgetvalue(res, i, COL_JURISDICTION_LIST_ID),
		    PQgetvalue(res, i, COL_JURISDICTION_LIST_NAME),
		    PQgetvalue(res, i, COL_JURISDICTION_LIST_SRID),
		    PQgetvalue(res, i, COL_JURISDICTION_LIST_TIME_ZONE),
		    PQgetvalue(res, i, COL_JURISDICTION_LIST_KM2),
		    PQgetvalue(res, i, COL_JURISDICTION_LIST_SERVICES));
	}

	PQclear(res);
	return (0);
}
