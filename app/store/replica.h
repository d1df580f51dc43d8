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
 * The read pool: public reads that tolerate a little lag (statements
 * whose sql/ header says "Replica: yes") go to database_read_url, a hot
 * standby, while a probe in each worker finds it within read_max_lag_ms
 * of its primary; everything else, and every read when the standby lags
 * or is unreachable, goes to the primary (database_url): public reads
 * on the primary's public pool, the rest on its main pool.
 */

#ifndef __H_STORE_REPLICA
#define __H_STORE_REPLICA

#include "sql_gen.h"

#define STORE_DB	"db"		/* writes, back office */
#define STORE_DB_PUBLIC	"dbp"		/* the primary, for public reads */
#define STORE_DB_READ	"dbr"

/*
 * Registers the read pool for this worker when the settings name one
 * (database_read_url) and starts its lag probe (replica_check_ms).
 * Reads go to the primary until the first probe finds the standby fresh.
 */
void		store_replica_init(void);

/*
 * The pool statement id runs on now: STORE_DB_READ for a public read
 * while the standby is fresh, else STORE_DB_PUBLIC; STORE_DB for the
 * rest.
 */
const char	*store_replica_pool(enum sql_id);

#endif
