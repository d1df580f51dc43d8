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
 * The address gazetteer's import and count (see address_import.h). The
 * search key is the label normalised by geo_address_normalize(), the
 * normaliser of the duplicate check, so GET /web/geocode.json can
 * normalise what a person types the same way.
 */

#include <stdio.h>
#include <stdlib.h>

#include "address_import.h"
#include "geo/grid.h"
#include "pq.h"

#define NORMALISED_MAX	1024

long
store_addresses_import(PGconn *conn, struct gaz_place *pl, size_t n,
    int replace, char *err, size_t errlen)
{
	PGresult	*res;
	const char	*p[4];
	char		norm[NORMALISED_MAX];
	size_t		i;
	long		stored;

	if (store_pq_cmd(conn, "BEGIN", err, errlen) == -1)
		return (-1);
	if (replace) {
		if ((res = store_pq_run(conn, SQL_address_clear, 0, NULL, err,
		    errlen)) == NULL)
			goto fail;
		PQclear(res);
	}

	stored = 0;
	for (i = 0; i < n; i++) {
		geo_address_normalize(pl[i].label, norm, sizeof(norm));
		p[0] = pl[i].label;
		p[1] = norm;
		p[2] = pl[i].lat;
		p[3] = pl[i].lon;
		if ((res = store_pq_run(conn, SQL_address_upsert, 4, p, err,
		    errlen)) == NULL)
			goto fail;
		pl[i].outside = PQntuples(res) == 0;
		if (!pl[i].outside)
			stored++;
		PQclear(res);
	}

	if (store_pq_cmd(conn, "COMMIT", err, errlen) == -1)
		return (-1);
	return (stored);

fail:
	(void)store_pq_cmd(conn, "ROLLBACK", norm, sizeof(norm));
	return (-1);
}

int
store_addresses_count(PGconn *conn, char *err, size_t errlen)
{
	PGresult	*res;
	long long	total;
	int		i;

	if ((res = store_pq_run(conn, SQL_address_count, 0, NULL, err,
	    errlen)) == NULL)
		return (-1);

	total = 0;
	for (i = 0; i < PQntuples(res); i++) {
		printf("%-24s %10s\n",
		    PQgetvalue(res, i, COL_ADDRESS_COUNT_JURISDICTION_ID)[0] ?
		    PQgetvalue(res, i, COL_ADDRESS_COUNT_JURISDICTION_ID) :
		    "(none)", PQgetvalue(res, i, COL_ADDRESS_COUNT_N));
		total += atoll(PQgetvalue(res, i, COL_ADDRESS_COUNT_N));
	}
	printf("%lld addresses\n", total);

	PQclear(res);
	return (0);
}
