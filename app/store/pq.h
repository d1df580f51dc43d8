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
 * Synchronous database access for the command-line tools (migrate,
 * imports, keys) and the parent's start-up checks, which run before Kore
 * starts its event loop. Statements come from the same embedded sql/
 * table the workers prepare.
 */

#ifndef __H_STORE_PQ
#define __H_STORE_PQ

#include <stddef.h>

#include <libpq-fe.h>

#include "sql_gen.h"

/*
 * Connects, waiting up to wait_s seconds for the server to accept
 * connections. Returns the connection, or NULL with a message in err.
 */
PGconn	*store_pq_connect(const char *, int, char *, size_t);

/*
 * Runs statement id with n text parameters (NULL is SQL NULL). Returns
 * the result (PQclear it), or NULL with the server's message in err, or
 * with the mismatch when n or the result's width disagrees with the
 * statement's "-- Params:" or "-- Columns:" header.
 */
PGresult	*store_pq_run(PGconn *, enum sql_id, int, const char **,
		    char *, size_t);

/* Runs a fixed command (BEGIN, COMMIT, ...). Returns 0 or -1 with err. */
int	store_pq_cmd(PGconn *, const char *, char *, size_t);

/*
 * Returns the schema version recorded in schema_migrations: 0 when the
 * table is missing or empty, -1 on error (message in err).
 */
int	store_schema_version(PGconn *, char *, size_t);

/* The newest migration built into this binary. */
int	store_schema_latest(void);

/*
 * Applies every migration newer than the database's version, each in its
 * own transaction, under an advisory lock so concurrent runs wait. Calls
 * report(version, name) before each. Returns the number applied, or -1
 * with a message in err (the failing migration is rolled back).
 */
int	store_migrate(PGconn *, void (*)(int, const char *), char *, size_t);

#endif
