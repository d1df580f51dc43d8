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
 * Operational counters every worker adds to and any worker can report:
 * requests by route and status with latency histograms, database queries
 * and pool waits, duplicate hits, rate-limit refusals, exported rows.
 * They live in memory shared by all worker processes (mapped by the
 * parent before it forks) and are updated with atomic adds, so a scrape
 * sees the whole server. Rendering to the Prometheus text format is pure
 * and tested on ordinary memory.
 */

#ifndef __H_SHM_METRICS
#define __H_SHM_METRICS

#include <stddef.h>
#include <stdint.h>

#include "lib/buf.h"

#define MET_ROUTES	96	/* route slots; 0 is "unrouted" */
#define MET_STATUSES	26	/* known status codes, the last "other" */
#define MET_BUCKETS	14	/* latency buckets, the last +Inf */

/* Counters that are not per route. */
enum met_counter {
	MET_DB_QUERIES,		/* statements sent */
	MET_DB_WAITS,		/* ... that first waited for a connection */
	MET_DB_ERRORS,		/* ... that failed */
	MET_DUPLICATES,		/* submissions linked to an open parent */
	MET_SUBMISSIONS,	/* requests stored */
	MET_RATE_LIMITED,	/* 429 answers */
	MET_EXPORT_ROWS,	/* rows streamed by the exports */
	MET_OUTBOX_SENT,	/* outbox events delivered */
	MET_OUTBOX_FAILED,	/* delivery attempts that failed */
	MET_DB_READ_QUERIES,	/* statements sent to the read pool */
	MET_PASSWORD_HASHES,	/* Argon2id hashes of new staff passwords */
	MET_COUNTERS
};

struct met_route {
	uint64_t	status[MET_STATUSES];
	uint64_t	bucket[MET_BUCKETS];
	uint64_t	sum_us;
};

struct met_table {
	struct met_route	routes[MET_ROUTES][2];	/* read, write */
	uint64_t		counter[MET_COUNTERS];
	uint64_t		db_wait_us;
	uint64_t		replica_probed;	/* a probe reported */
	uint64_t		replica_lag_ms;
	uint64_t		replica_in_use;
};

/* What a scrape adds that is not counted here (read at scrape time). */
struct met_gauges {
	long long	outbox_pending;		/* for destinations */
	long long	outbox_emails;		/* e-mails waiting */
	long long	outbox_dead;
	long long	outbox_oldest_s;	/* age of the oldest pending */
	long long	workers;
};

/*
 * Records one answered request on route slot (0..MET_ROUTES-1, else
 * counted as 0), a write (POST) when write is set, with its status and
 * duration in microseconds. Safe to call from any process sharing t; t
 * NULL does nothing.
 */
void	met_request(struct met_table *, int, int, int, uint64_t);

/* Adds n to counter c (t NULL does nothing). */
void	met_add(struct met_table *, enum met_counter, uint64_t);

/*
 * Records the last probe of the read pool: the standby's lag in
 * milliseconds and whether lag-tolerant reads go to it (in_use) or to
 * the primary. t NULL does nothing.
 */
void	met_replica(struct met_table *, uint64_t, int);

/* Adds one wait for a database connection that lasted us microseconds. */
void	met_db_wait(struct met_table *, uint64_t);

/*
 * Writes t and g in the Prometheus text exposition format (version
 * 0.0.4) to out, naming route slot i names[i] (slots without a name are
 * left out; names must be label-safe), reads as method="GET" and writes
 * as method="POST" (a write series only once it has a request). Counters only grow, so every
 * series is a counter except the gauges; the read pool's gauges appear
 * once a probe has reported.
 */
void	met_render(const struct met_table *, const char *const *, size_t,
	    const struct met_gauges *, struct buf *);

/*
 * Appends to out the figures an operator reads at a glance, as JSON
 * members without braces: "requests" (every answer since the start),
 * "client_errors" (4xx), "server_errors" (5xx), "latency_p95_ms" (the
 * upper bound of the latency bucket that holds the 95th percentile of
 * every answer, null with none or beyond the last bound), the database
 * statements, their errors and pool waits, outbox deliveries and
 * failures, 429s, "workers" (from g), and "replica_lag_ms" once a probe
 * has reported.
 */
void	met_glance(const struct met_table *, const struct met_gauges *,
	    struct buf *);

/* Maps a zeroed table into memory shared with processes forked later. */
struct met_table	*met_table_shared(void);

#endif
