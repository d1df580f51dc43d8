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
 * Asynchronous query driver over Kore's pgsql layer (see db.h), and the
 * connection hook that prepares the embedded statements.
 */

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "db.h"
#include "lib/buf.h"
#include "replica.h"
#include "shm/metrics.h"

static int	store_prepare(PGconn *);
static void	store_callback(struct kore_pgsql *, void *);
static void	store_send(struct store_q *);
static void	store_copy_params(struct store_q *, enum sql_id, int,
		    const char **);
static void	store_fail(struct store_q *, const char *);
static int	store_shape(struct store_q *, int, int);

void
store_init(const char *conninfo)
{
	const struct cfg	*c;
	char			*rw, *public;

	c = app_config();
	kore_pgsql_conn_hook = store_prepare;
	rw = store_conninfo_timeout(conninfo, c->statement_timeout_ms);
	public = store_conninfo_timeout(conninfo,
	    c->statement_timeout_public_ms);
	if (rw == NULL || public == NULL ||
	    !kore_pgsql_register(STORE_DB, rw) ||
	    !kore_pgsql_register(STORE_DB_PUBLIC, public))
		fatalx("cannot register the database");
	kore_free(rw);
	kore_free(public);
	store_replica_init();
}

char *
store_conninfo_timeout(const char *conninfo, int ms)
{
	PQconninfoOption	*opts, *o;
	struct buf		b;
	const char		*v, *p;
	char			*err, *out;
	int			options;

	err = NULL;
	if ((opts = PQconninfoParse(conninfo, &err)) == NULL) {
		PQfreemem(err);
		return (NULL);
	}

	buf_init(&b);
	options = 0;
	for (o = opts; o->keyword != NULL; o++) {
		v = o->val;
		if (!strcmp(o->keyword, "options"))
			options = 1;
		else if (v == NULL)
			continue;
		buf_printf(&b, "%s%s='", b.len > 0 ? " " : "", o->keyword);
		for (p = v != NULL ? v : ""; *p != '\0'; p++) {
			if (*p == '\'' || *p == '\\')
				buf_byte(&b, '\\');
			buf_byte(&b, *p);
		}
		if (!strcmp(o->keyword, "options"))
			buf_printf(&b, "%s-c statement_timeout=%d",
			    v != NULL && v[0] != '\0' ? " " : "", ms);
		buf_byte(&b, '\'');
	}
	PQconninfoFree(opts);
	if (!options) {
		buf_free(&b);
		return (NULL);
	}

	out = kore_strdup(buf_cstr(&b));
	buf_free(&b);
	return (out);
}

int
store_timed_out(const struct store_q *q)
{
	return (!strcmp(q->sqlstate, "57014"));
}

static int
store_prepare(PGconn *conn)
{
	PGresult	*res;
	size_t		i;
	int		ok;

	/*
	 * Every statement of sql/ is written so that its generic plan is
	 * the right one (its indexed conditions never hide behind "$n IS
	 * NULL OR"), so it is planned once per connection: no planning per
	 * query, and no custom plan led astray by one value's estimates.
	 * No JIT: compiling a statement whose estimate is large cost the
	 * console's queue two seconds of a 7.5 s answer (make bench).
	 */
	res = PQexec(conn, "SET TimeZone = 'UTC'; "
	    "SET application_name = 'open311d'; "
	    "SET plan_cache_mode = force_generic_plan; SET jit = off");
	ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	PQclear(res);
	if (!ok)
		return (0);

	for (i = 0; i < SQL__COUNT; i++) {
		res = PQprepare(conn, sql_table[i].name, sql_table[i].text,
		    0, NULL);
		ok = PQresultStatus(res) == PGRES_COMMAND_OK;
		if (!ok) {
			kore_log(LOG_ERR, "cannot prepare %s: %s",
			    sql_table[i].name, PQresultErrorMessage(res));
		}
		PQclear(res);
		if (!ok)
			return (0);
	}

	return (1);
}

static void
store_fail(struct store_q *q, const char *msg)
{
	const char	*state;

	(void)snprintf(q->error, sizeof(q->error), "%s",
	    msg != NULL ? msg : "unknown database error");
	q->sqlstate[0] = '\0';
	if (q->sql.result != NULL) {
		state = PQresultErrorField(q->sql.result, PG_DIAG_SQLSTATE);
		if (state != NULL)
			(void)snprintf(q->sqlstate, sizeof(q->sqlstate), "%s",
			    state);
	}
}

/*
 * Checks a statement's parameter count (nparams, -1 to skip) or its
 * result's width (ncols, -1 to skip) against its sql/ header, as
 * embed.sh recorded it. On a mismatch, returns 0 and marks q failed
 * with a message naming the statement (an internal error, not the
 * database being unavailable).
 */
static int
store_shape(struct store_q *q, int nparams, int ncols)
{
	const struct sql_entry	*e;

	e = &sql_table[q->id];
	if (nparams != -1 && nparams != e->nparams) {
		(void)snprintf(q->error, sizeof(q->error), "%s: %d parameters "
		    "given, its header says %d", e->name, nparams,
		    e->nparams);
	} else if (ncols != -1 && e->ncols != -1 && ncols != e->ncols) {
		(void)snprintf(q->error, sizeof(q->error), "%s: %d columns "
		    "returned, its header says %d", e->name, ncols, e->ncols);
	} else {
		return (1);
	}

	kore_log(LOG_ERR, "sql %s", q->error);
	(void)snprintf(q->sqlstate, sizeof(q->sqlstate), "XX000");
	q->misshapen = 1;
	return (0);
}

static void
store_copy_params(struct store_q *q, enum sql_id id, int n,
    const char **params)
{
	int	i;

	if (n > STORE_PARAMS_MAX)
		fatalx("too many parameters for %s", sql_table[id].name);

	q->id = id;
	q->nparams = n;
	for (i = 0; i < n; i++)
		q->params[i] = params[i] ? kore_strdup(params[i]) : NULL;
}

/*
 * Takes a connection and sends the statement. When every connection is
 * busy the query stays in INIT, queued, and is sent once woken.
 */
static void
store_send(struct store_q *q)
{
	const char	*pool;

	if (!store_shape(q, q->nparams, -1)) {
		q->sql.state = KORE_PGSQL_STATE_ERROR;
		return;
	}
	pool = store_replica_pool(q->id);
	if (!kore_pgsql_setup(&q->sql, pool, KORE_PGSQL_ASYNC)) {
		if (q->sql.state == KORE_PGSQL_STATE_INIT && q->waiting == 0)
			q->waiting = kore_time_ms();
		return;
	}
	if (q->waiting != 0) {
		met_db_wait(app_metrics(),
		    (kore_time_ms() - q->waiting) * 1000);
		q->waiting = 0;
	}
	met_add(app_metrics(), MET_DB_QUERIES, 1);
	if (!strcmp(pool, STORE_DB_READ))
		met_add(app_metrics(), MET_DB_READ_QUERIES, 1);

	if (!kore_pgsql_query_prepared(&q->sql, sql_table[q->id].name,
	    q->binary, q->nparams, q->params,
	    q->borrowed ? q->lengths : NULL,
	    q->borrowed ? q->formats : NULL))
		return;

	q->sent = 1;
}

void
store_start(struct store_q *q, struct http_request *req, enum sql_id id,
    int n, const char **params)
{
	memset(q, 0, sizeof(*q));
	q->started = 1;
	q->req = req;
	store_copy_params(q, id, n, params);
	kore_pgsql_init(&q->sql);
	kore_pgsql_bind_request(&q->sql, req);
	store_send(q);
}

void
store_start_bin(struct store_q *q, struct http_request *req, enum sql_id id,
    int n, const char **params, const int *lengths, const int *formats,
    int binary)
{
	int	i;

	if (n > STORE_PARAMS_MAX)
		fatalx("too many parameters for %s", sql_table[id].name);

	memset(q, 0, sizeof(*q));
	q->started = 1;
	q->req = req;
	q->borrowed = 1;
	q->binary = binary;
	q->id = id;
	q->nparams = n;
	for (i = 0; i < n; i++) {
		q->params[i] = params[i];
		q->lengths[i] = lengths[i];
		q->formats[i] = formats[i];
	}
	kore_pgsql_init(&q->sql);
	kore_pgsql_bind_request(&q->sql, req);
	store_send(q);
}

void
store_start_cb(struct store_q *q, enum sql_id id, int n,
    const char **params, void (*done)(struct store_q *, void *), void *arg)
{
	memset(q, 0, sizeof(*q));
	q->started = 1;
	q->done = done;
	q->arg = arg;
	store_copy_params(q, id, n, params);
	kore_pgsql_init(&q->sql);
	kore_pgsql_bind_callback(&q->sql, store_callback, q);

	q->busy = 1;
	store_send(q);
	q->busy = 0;

	/* Queued for a connection: Kore calls back when one frees up. */
	if (q->sql.state != KORE_PGSQL_STATE_INIT || q->sql.error != NULL)
		store_callback(&q->sql, q);
}

static void
store_callback(struct kore_pgsql *sql, void *arg)
{
	struct store_q	*q;
	int		r;

	(void)sql;
	q = arg;
	if (q->busy)
		return;

	q->busy = 1;
	r = store_step(q);
	q->busy = 0;

	if (r != STORE_WAIT && q->done != NULL)
		q->done(q, q->arg);
}

int
store_step(struct store_q *q)
{
	for (;;) {
		switch (q->sql.state) {
		case KORE_PGSQL_STATE_INIT:
			if (q->sent)
				return (STORE_WAIT);
			/*
			 * Waiting for a connection. A handler may run again
			 * while its query is still queued: leave the queue
			 * before asking again, or a second entry would
			 * outlive q. A callback only runs here from Kore's
			 * queue wake-up, which removes the entry itself.
			 */
			if (q->req != NULL) {
				kore_pgsql_cleanup(&q->sql);
				kore_pgsql_init(&q->sql);
				kore_pgsql_bind_request(&q->sql, q->req);
			}
			store_send(q);
			if (q->sql.state == KORE_PGSQL_STATE_INIT)
				return (STORE_WAIT);
			break;
		case KORE_PGSQL_STATE_WAIT:
			return (STORE_WAIT);
		case KORE_PGSQL_STATE_RESULT:
			if (q->res != NULL)
				PQclear(q->res);
			q->res = q->sql.result;
			q->sql.result = NULL;
			kore_pgsql_continue(&q->sql);
			if (!store_shape(q, -1, PQnfields(q->res))) {
				PQclear(q->res);
				q->res = NULL;
			}
			break;
		case KORE_PGSQL_STATE_DONE:
			kore_pgsql_continue(&q->sql);
			break;
		case KORE_PGSQL_STATE_COMPLETE:
			return (q->misshapen ? STORE_ERROR : STORE_DONE);
		case KORE_PGSQL_STATE_ERROR:
			if (!q->misshapen)
				store_fail(q, q->sql.error);
			met_add(app_metrics(), MET_DB_ERRORS, 1);
			if (q->res != NULL) {
				PQclear(q->res);
				q->res = NULL;
			}
			kore_pgsql_cleanup(&q->sql);
			q->sql.state = KORE_PGSQL_STATE_ERROR;
			return (STORE_ERROR);
		default:
			store_fail(q, "unexpected database state");
			kore_pgsql_cleanup(&q->sql);
			q->sql.state = KORE_PGSQL_STATE_ERROR;
			return (STORE_ERROR);
		}
	}
}

void
store_reset(struct store_q *q)
{
	int	i;

	if (q->started)
		kore_pgsql_cleanup(&q->sql);
	if (q->res != NULL)
		PQclear(q->res);
	if (!q->borrowed) {
		for (i = 0; i < q->nparams; i++)
			kore_free((void *)(uintptr_t)q->params[i]);
	}
	q->nparams = 0;
	q->borrowed = 0;
	q->res = NULL;
	q->started = 0;
	q->sent = 0;
}

const char *
store_val(const struct store_q *q, int r, int c)
{
	return (PQgetvalue(q->res, r, c));
}

int
store_len(const struct store_q *q, int r, int c)
{
	return (PQgetlength(q->res, r, c));
}

int
store_col(const struct store_q *q, const char *name)
{
	return (PQfnumber(q->res, name));
}

int
store_isnull(const struct store_q *q, int r, int c)
{
	return (PQgetisnull(q->res, r, c));
}

int
store_rows(const struct store_q *q)
{
	return (q->res != NULL ? PQntuples(q->res) : 0);
}

int
store_unavailable(const struct store_q *q)
{
	return (q->sqlstate[0] == '\0' || !strncmp(q->sqlstate, "08", 2) ||
	    !strncmp(q->sqlstate, "57", 2));
}
