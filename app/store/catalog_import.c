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
 * Catalog import into the database (see catalog_import.h).
 */

#include <stdlib.h>

#include "catalog_import.h"
#include "formats/catalog_import.h"
#include "pq.h"

long long
store_catalog_import(PGconn *conn, const struct cat_jurisdiction *jur,
    char *err, size_t errlen)
{
	PGresult	*res;
	struct buf	services;
	const char	*p[3];
	long long	version;

	buf_init(&services);
	fmt_catalog_import_json(jur, &services);
	p[0] = jur->id;
	p[1] = jur->name;
	p[2] = buf_cstr(&services);
	res = store_pq_run(conn, SQL_catalog_import, 3, p, err, errlen);
	buf_free(&services);
	if (res == NULL)
		return (-1);
	version = atoll(PQgetvalue(res, 0, COL_CATALOG_IMPORT_VERSION));
	PQclear(res);
	return (version);
}
