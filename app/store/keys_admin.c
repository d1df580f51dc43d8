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
 * API key administration (see keys_admin.h).
 */

#include <stdio.h>
#include <stdlib.h>

#include "keys_admin.h"
#include "pq.h"

long long
store_key_create(PGconn *conn, const struct store_key_new *k, char *err,
    size_t errlen)
{
	PGresult	*res;
	const char	*p[7];
	long long	id;

	p[0] = k->name;
	p[1] = k->hash_hex;
	p[2] = k->prefix;
	p[3] = k->scopes;
	p[4] = k->jurisdictions;
	p[5] = k->channel;
	p[6] = k->rate;
	if ((res = store_pq_run(conn, SQL_keys_insert, 7, p, err,
	    errlen)) == NULL)
		return (-1);

	if (PQntuples(res) != 1) {
		(void)snprintf(err, errlen, "--jurisdiction: '%s' names a "
		    "jurisdiction that does not exist", k->jurisdictions);
		PQclear(res);
		return (-1);
	}

	id = atoll(PQgetvalue(res, 0, COL_KEYS_INSERT_ID));
	PQclear(res);
	return (id);
}

int
store_key_list(PGconn *conn, char *err, size_t errlen)
{
	PGresult	*res;
	const char	*revoked, *message;
	int		i;

	if ((res = store_pq_run(conn, SQL_keys_list, 0, NULL, err,
	    errlen)) == NULL)
		return (-1);

	printf("%-5s %-13s %-24s %-24s %-16s %-12s %-8s %s\n", "ID",
	    "PREFIX", "NAME", "SCOPES", "JURISDICTIONS", "CHANNEL", "RATE",
	    "STATE");
	for (i = 0; i < PQntuples(res); i++) {
		revoked = PQgetvalue(res, i, COL_KEYS_LIST_REVOKED);
		message = PQgetvalue(res, i, COL_KEYS_LIST_REVOKED_MESSAGE);
		printf("%-5s %-13s %-24s %-24s %-16s %-12s %-8s %s%s%s\n",
		    PQgetvalue(res, i, COL_KEYS_LIST_ID),
		    PQgetvalue(res, i, COL_KEYS_LIST_PREFIX),
		    PQgetvalue(res, i, COL_KEYS_LIST_NAME),
		    PQgetvalue(res, i, COL_KEYS_LIST_SCOPES),
		    PQgetvalue(res, i, COL_KEYS_LIST_JURISDICTIONS),
		    PQgetvalue(res, i, COL_KEYS_LIST_CHANNEL),
		    PQgetvalue(res, i, COL_KEYS_LIST_RATE),
		    revoked[0] ? "revoked " : "active since ",
		    revoked[0] ? revoked :
		    PQgetvalue(res, i, COL_KEYS_LIST_CREATED),
		    message[0] ? ": " : "");
		if (message[0])
			printf("      %s\n", message);
	}

	PQclear(res);
	return (0);
}

int
store_key_revoke(PGconn *conn, const char *id, const char *message,
    char *err, size_t errlen)
{
	PGresult	*res;
	const char	*p[2];
	int		n;

	p[0] = id;
	p[1] = message;
	if ((res = store_pq_run(conn, SQL_keys_revoke, 2, p, err,
	    errlen)) == NULL)
		return (-1);
	n = PQntuples(res);
	PQclear(res);
	if (n != 1) {
		(void)snprintf(err, errlen, "no key with id %s", id);
		return (-1);
	}
	return (0);
}
