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
 * The database driver every handler and timer uses: statements from sql/
 * are prepared on each new connection, and a query is a small state
 * machine (store_step) over Kore's asynchronous pgsql layer, bound either
 * to an HTTP request (woken when the result arrives) or to a callback.
 */

#ifndef __H_STORE_DB
#define __H_STORE_DB

#include <kore/kore.h>
#include <kore/http.h>
#include <kore/pgsql.h>

#include "sql_gen.h"

#define STORE_WAIT	0
#define STORE_DONE	1
#define STORE_ERROR	2

#define STORE_PARAMS_MAX	48

struct store_q {
	struct kore_pgsql	sql;
	int			started;
	int			sent;
	struct http_request	*req;
	int			busy;
	enum sql_id		id;
	int			nparams;
	int			borrowed;
	int			binary;
	int			misshapen;	/* see store_shape() */
	u_int64_t		waiting;	/* ms, queued for a connection */
	const char		*params[STORE_PARAMS_MAX];
	int			lengths[STORE_PARAMS_MAX];
	int			formats[STORE_PARAMS_MAX];
	PGresult		*res;
	char			sqlstate[6];
	char			error[256];
	void			(*done)(struct store_q *, void *);
	void			*arg;
};

/*
 * Registers the database for this worker, and the read pool when
 * database_read_url is set (see replica.h): every new connection is set
 * to UTC and gets every statement of sql/ prepared before its first
 * query. The primary has two pools: public reads run on their own
 * connections, whose statements are cancelled after
 * statement_timeout_public_ms; writes and the back office run on the
 * others, with statement_timeout_ms.
 */
void	store_init(const char *);

/*
 * Returns conninfo (a URL or key=value pairs) as key=value pairs whose
 * options also set statement_timeout to ms, kore_malloc'd; NULL when
 * conninfo does not parse. The server applies it as the connection
 * starts: no round trip of its own.
 */
char	*store_conninfo_timeout(const char *, int);

/* Whether q failed because its statement ran out of time. */
int	store_timed_out(const struct store_q *);

/*
 * Every start checks n against the statement's "-- Params:" header, and
 * every result's width against its "-- Columns:" header when it has
 * one: a mismatch fails the query (STORE_ERROR, sqlstate XX000) and is
 * logged, before anything is sent or read.
 *
 * Starts prepared statement id with n text parameters (NULL is SQL
 * NULL) for req; the request sleeps until the result. Then call
 * store_step() each time the handler runs.
 */
void	store_start(struct store_q *, struct http_request *, enum sql_id,
	    int, const char **);

/*
 * Like store_start(), for binary data: params are borrowed (they must
 * live until the query completes) with their lengths and formats (1 for
 * binary), and binary asks for the result in binary format.
 */
void	store_start_bin(struct store_q *, struct http_request *,
	    enum sql_id, int, const char **, const int *, const int *, int);

/*
 * Starts a query that reports to done(q, arg) when it has finished (with
 * q->res set) or failed (q->res NULL, q->error set). For timers and other
 * work without a request.
 */
void	store_start_cb(struct store_q *, enum sql_id, int, const char **,
	    void (*)(struct store_q *, void *), void *);

/*
 * Advances a request-bound query. Returns STORE_WAIT (return
 * KORE_RESULT_RETRY), STORE_DONE (q->res holds the rows) or STORE_ERROR
 * (q->error and q->sqlstate describe it).
 */
int	store_step(struct store_q *);

/* Releases the result and connection so q can run another query. */
void	store_reset(struct store_q *);

/* Length in bytes of row r, column c. */
int	store_len(const struct store_q *, int, int);

/* Column number of a result column by name, or -1. */
int	store_col(const struct store_q *, const char *);

/* Value of row r, column c of the result ("" for NULL). */
const char	*store_val(const struct store_q *, int, int);

/* 1 when row r, column c is NULL. */
int	store_isnull(const struct store_q *, int, int);

/* Number of rows in the result. */
int	store_rows(const struct store_q *);

/* 1 when the failure was the database being unreachable. */
int	store_unavailable(const struct store_q *);

#endif
