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
 * Synchronous libpq helpers and the migration runner (see pq.h).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "migrations_gen.h"
#include "pq.h"

/* Key of the advisory lock that serialises concurrent migrate runs. */
#define MIGRATE_LOCK	"311311311"

PGconn *
store_pq_connect(const char *conninfo, int wait_s, char *err, size_t errlen)
{
	PGconn		*conn;
	PGresult	*res;
	int		waited;

	for (waited = 0;; waited++) {
		conn = PQconnectdb(conninfo);
		if (PQstatus(conn) == CONNECTION_OK)
			break;
		(void)snprintf(err, errlen, "cannot connect to the database: "
		    "%s", PQerrorMessage(conn));
		PQfinish(conn);
		if (waited >= wait_s)
			return (NULL);
		sleep(1);
	}

	res = PQexec(conn, "SET TimeZone = 'UTC'; SET client_min_messages = "
	    "warning; SET application_name = 'open311d'");
	PQclear(res);
	return (conn);
}

PGresult *
store_pq_run(PGconn *conn, enum sql_id id, int n, const char **params,
    char *err, size_t errlen)
{
	const struct sql_entry	*e;
	PGresult		*res;
	ExecStatusType		st;

	e = &sql_table[id];
	if (n != e->nparams) {
		(void)snprintf(err, errlen, "%s: %d parameters given, its "
		    "header says %d", e->name, n, e->nparams);
		return (NULL);
	}

	res = PQexecParams(conn, e->text, n, NULL, params, NULL, NULL, 0);
	st = PQresultStatus(res);
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
		(void)snprintf(err, errlen, "%s", PQresultErrorMessage(res));
		err[strcspn(err, "\n")] = '\0';
		PQclear(res);
		return (NULL);
	}
	if (st == PGRES_TUPLES_OK && e->ncols != -1 &&
	    PQnfields(res) != e->ncols) {
		(void)snprintf(err, errlen, "%s: %d columns returned, its "
		    "header says %d", e->name, PQnfields(res), e->ncols);
		PQclear(res);
		return (NULL);
	}

	return (res);
}

int
store_pq_cmd(PGconn *conn, const char *cmd, char *err, size_t errlen)
{
	PGresult	*res;
	ExecStatusType	st;

	res = PQexec(conn, cmd);
	st = PQresultStatus(res);
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
		(void)snprintf(err, errlen, "%s", PQresultErrorMessage(res));
		err[strcspn(err, "\n")] = '\0';
		PQclear(res);
		return (-1);
	}

	PQclear(res);
	return (0);
}

int
store_schema_latest(void)
{
	return (migrations_table[migrations_count - 1].version);
}

int
store_schema_version(PGconn *conn, char *err, size_t errlen)
{
	PGresult	*res;
	int		v;

	res = PQexec(conn, "SELECT to_regclass('schema_migrations') IS NULL");
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		(void)snprintf(err, errlen, "%s", PQresultErrorMessage(res));
		PQclear(res);
		return (-1);
	}
	v = PQgetvalue(res, 0, 0)[0] == 't';
	PQclear(res);
	if (v)
		return (0);

	res = PQexec(conn, "SELECT coalesce(max(version), 0) "
	    "FROM schema_migrations");
	if (PQresultStatus(res) != PGRES_TUPLES_OK) {
		(void)snprintf(err, errlen, "%s", PQresultErrorMessage(res));
		PQclear(res);
		return (-1);
	}
	v = atoi(PQgetvalue(res, 0, 0));
	PQclear(res);
	return (v);
}

int
store_migrate(PGconn *conn, void (*report)(int, const char *), char *err,
    size_t errlen)
{
	const struct migrations_entry	*m;
	const char			*params[2];
	char				ver[16], msg[512];
	PGresult			*res;
	size_t				i;
	int				current, applied;

	if (store_pq_cmd(conn, "SELECT pg_advisory_lock(" MIGRATE_LOCK ")",
	    err, errlen) == -1)
		return (-1);

	applied = -1;
	if (store_pq_cmd(conn, "CREATE TABLE IF NOT EXISTS schema_migrations "
	    "(version integer PRIMARY KEY, name text NOT NULL, "
	    "applied_at timestamptz NOT NULL DEFAULT now())",
	    err, errlen) == -1)
		goto out;

	if ((current = store_schema_version(conn, err, errlen)) == -1)
		goto out;

	applied = 0;
	for (i = 0; i < migrations_count; i++) {
		m = &migrations_table[i];
		if (m->version <= current)
			continue;

		if (report != NULL)
			report(m->version, m->name);

		if (store_pq_cmd(conn, "BEGIN", err, errlen) == -1) {
			applied = -1;
			goto out;
		}

		if (store_pq_cmd(conn, m->text, msg, sizeof(msg)) == -1) {
			(void)snprintf(err, errlen, "migration %s failed "
			    "(rolled back): %s", m->name, msg);
			(void)store_pq_cmd(conn, "ROLLBACK", msg, sizeof(msg));
			applied = -1;
			goto out;
		}

		(void)snprintf(ver, sizeof(ver), "%d", m->version);
		params[0] = ver;
		params[1] = m->name;
		res = PQexecParams(conn, "INSERT INTO schema_migrations "
		    "(version, name) VALUES ($1, $2)", 2, NULL, params, NULL,
		    NULL, 0);
		if (PQresultStatus(res) != PGRES_COMMAND_OK) {
			(void)snprintf(err, errlen, "%s",
			    PQresultErrorMessage(res));
			PQclear(res);
			(void)store_pq_cmd(conn, "ROLLBACK", msg, sizeof(msg));
			applied = -1;
			goto out;
		}
		PQclear(res);

		if (store_pq_cmd(conn, "COMMIT", err, errlen) == -1) {
			applied = -1;
			goto out;
		}
		applied++;
	}

out:
	(void)store_pq_cmd(conn, "SELECT pg_advisory_unlock(" MIGRATE_LOCK ")",
	    msg, sizeof(msg));
	return (applied);
}
