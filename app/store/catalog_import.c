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

#include <stdio.h>
#include <stdlib.h>

#include "catalog_import.h"
#include "pq.h"

static int	import_run(PGconn *, enum sql_id, int, const char **,
		    char *, size_t);
static int	import_service(PGconn *, const struct cat_jurisdiction *,
		    const struct cat_service *, int, char *, size_t);

static int
import_run(PGconn *conn, enum sql_id id, int n, const char **params,
    char *err, size_t errlen)
{
	PGresult	*res;

	if ((res = store_pq_run(conn, id, n, params, err, errlen)) == NULL)
		return (-1);
	PQclear(res);
	return (0);
}

static int
import_service(PGconn *conn, const struct cat_jurisdiction *jur,
    const struct cat_service *s, int pos, char *err, size_t errlen)
{
	const struct cat_attr	*a;
	const char		*p[18];
	char			sla[16], radius[16], window[16], position[16];
	char			order[16], vpos[24];
	size_t			i, j;

	(void)snprintf(sla, sizeof(sla), "%d", s->sla_hours);
	(void)snprintf(radius, sizeof(radius), "%d", s->dup_radius_m);
	(void)snprintf(window, sizeof(window), "%d", s->dup_window_h);
	(void)snprintf(position, sizeof(position), "%d", pos);

	p[0] = jur->id;
	p[1] = s->code;
	p[2] = s->name;
	p[3] = s->description;
	p[4] = s->group;
	p[5] = s->keywords;
	p[6] = cat_type_names[s->type];
	p[7] = s->agency;
	p[8] = s->notice;
	p[9] = s->sla_hours > 0 ? sla : NULL;
	p[10] = radius;
	p[11] = window;
	p[12] = s->dup_mode == CAT_DUP_LINK ? "link" : "off";
	p[13] = s->dup_group;
	p[14] = s->active ? "true" : "false";
	p[15] = position;
	p[16] = s->private ? "true" : "false";
	p[17] = s->trs_json;
	if (import_run(conn, SQL_catalog_service_upsert, 18, p,
	    err, errlen) == -1)
		return (-1);

	for (i = 0; i < s->nattrs; i++) {
		a = &s->attrs[i];
		(void)snprintf(order, sizeof(order), "%d", a->order);
		p[2] = a->code;
		p[3] = a->variable ? "true" : "false";
		p[4] = cat_datatype_names[a->datatype];
		p[5] = a->required ? "true" : "false";
		p[6] = a->datatype_description;
		p[7] = order;
		p[8] = a->description;
		if (import_run(conn, SQL_catalog_attribute_insert, 9, p,
		    err, errlen) == -1)
			return (-1);

		for (j = 0; j < a->nvalues; j++) {
			(void)snprintf(vpos, sizeof(vpos), "%zu", j + 1);
			p[3] = a->values[j].key;
			p[4] = a->values[j].name;
			p[5] = vpos;
			if (import_run(conn, SQL_catalog_value_insert, 6, p,
			    err, errlen) == -1)
				return (-1);
		}
	}

	return (0);
}

long long
store_catalog_import(PGconn *conn, const struct cat_jurisdiction *jur,
    char *err, size_t errlen)
{
	PGresult	*res;
	const char	*p[2];
	char		msg[256];
	long long	version;
	size_t		i;

	if (store_pq_cmd(conn, "BEGIN", err, errlen) == -1)
		return (-1);

	p[0] = jur->id;
	p[1] = jur->name;
	if (import_run(conn, SQL_catalog_jurisdiction_ensure, 2, p,
	    err, errlen) == -1 ||
	    import_run(conn, SQL_catalog_services_deactivate, 1, p,
	    err, errlen) == -1 ||
	    import_run(conn, SQL_catalog_attributes_clear, 1, p,
	    err, errlen) == -1)
		goto fail;

	for (i = 0; i < jur->nservices; i++) {
		if (import_service(conn, jur, &jur->services[i], (int)i + 1,
		    msg, sizeof(msg)) == -1) {
			(void)snprintf(err, errlen, "services[%zu] (%s): %s",
			    i, jur->services[i].code, msg);
			goto fail;
		}
	}

	if ((res = store_pq_run(conn, SQL_catalog_bump, 1, p, err,
	    errlen)) == NULL)
		goto fail;
	version = PQntuples(res) == 1 ? atoll(PQgetvalue(res, 0,
	    COL_CATALOG_BUMP_VERSION)) : -1;
	PQclear(res);

	if (store_pq_cmd(conn, "COMMIT", err, errlen) == -1)
		return (-1);
	return (version);

fail:
	(void)store_pq_cmd(conn, "ROLLBACK", msg, sizeof(msg));
	return (-1);
}
