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
 * Shared counters and their Prometheus rendering (see metrics.h).
 */

#include <stdio.h>
#include <string.h>

#include "metrics.h"
#include "shm.h"

static const char	*met_methods[2] = { "GET", "POST" };

static const int	met_codes[MET_STATUSES - 1] = {
	200, 201, 202, 204, 304, 400, 401, 403, 404, 405, 406, 408, 409,
	410, 411, 412, 413, 414, 415, 422, 429, 431, 500, 502, 503
};

/* Upper bounds of the latency buckets, in microseconds. */
static const uint64_t	met_bounds[MET_BUCKETS - 1] = {
	500, 1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000,
	500000, 1000000, 2500000, 5000000
};

static const struct {
	const char	*name;
	const char	*help;
} met_counters[MET_COUNTERS] = {
	{ "db_queries_total", "Statements sent to PostgreSQL." },
	{ "db_pool_waits_total",
	    "Statements that waited for a free database connection." },
	{ "db_errors_total", "Statements that failed." },
	{ "duplicates_total",
	    "Submissions linked to an open request as duplicates." },
	{ "requests_submitted_total", "Service requests stored." },
	{ "rate_limited_total", "Requests refused with 429." },
	{ "export_rows_total", "Rows streamed by the bulk exports." },
	{ "outbox_delivered_total", "Outbox events delivered." },
	{ "outbox_failures_total", "Outbox delivery attempts that failed." },
	{ "db_read_queries_total",
	    "Statements sent to the read pool (database_read_url)." },
	{ "password_hashes_total",
	    "New staff passwords hashed (Argon2id) from one-time links." },
};

static void	met_seconds(struct buf *, uint64_t);

static void
met_inc(uint64_t *p, uint64_t n)
{
	(void)__atomic_fetch_add(p, n, __ATOMIC_RELAXED);
}

static uint64_t
met_get(const uint64_t *p)
{
	return (__atomic_load_n(p, __ATOMIC_RELAXED));
}

void
met_request(struct met_table *t, int slot, int write, int status,
    uint64_t us)
{
	struct met_route	*r;
	size_t			i;

	if (t == NULL)
		return;
	if (slot < 0 || slot >= MET_ROUTES)
		slot = 0;
	r = &t->routes[slot][write ? 1 : 0];

	for (i = 0; i < MET_STATUSES - 1; i++) {
		if (met_codes[i] == status)
			break;
	}
	met_inc(&r->status[i], 1);

	for (i = 0; i < MET_BUCKETS - 1; i++) {
		if (us <= met_bounds[i])
			break;
	}
	met_inc(&r->bucket[i], 1);
	met_inc(&r->sum_us, us);
}

void
met_add(struct met_table *t, enum met_counter c, uint64_t n)
{
	if (t != NULL && c < MET_COUNTERS)
		met_inc(&t->counter[c], n);
}

void
met_replica(struct met_table *t, uint64_t lag_ms, int in_use)
{
	if (t == NULL)
		return;
	__atomic_store_n(&t->replica_lag_ms, lag_ms, __ATOMIC_RELAXED);
	__atomic_store_n(&t->replica_in_use, in_use ? 1 : 0,
	    __ATOMIC_RELAXED);
	__atomic_store_n(&t->replica_probed, 1, __ATOMIC_RELAXED);
}

void
met_db_wait(struct met_table *t, uint64_t us)
{
	if (t == NULL)
		return;
	met_inc(&t->counter[MET_DB_WAITS], 1);
	met_inc(&t->db_wait_us, us);
}

/* Microseconds as seconds, exactly (no floating point). */
static void
met_seconds(struct buf *out, uint64_t us)
{
	buf_printf(out, "%llu.%06llu", (unsigned long long)(us / 1000000),
	    (unsigned long long)(us % 1000000));
}

void
met_render(const struct met_table *t, const char *const *names, size_t n,
    const struct met_gauges *g, struct buf *out)
{
	const struct met_route	*r;
	uint64_t		v, cum, count;
	size_t			i, j;
	char			labels[160];

	if (n > MET_ROUTES)
		n = MET_ROUTES;

	buf_str(out, "# HELP open311d_http_requests_total Requests "
	    "answered, by route, method and status.\n"
	    "# TYPE open311d_http_requests_total counter\n");
	for (i = 0; i < n * 2; i++) {
		if (names[i / 2] == NULL)
			continue;
		r = &t->routes[i / 2][i % 2];
		for (j = 0; j < MET_STATUSES; j++) {
			if ((v = met_get(&r->status[j])) == 0)
				continue;
			buf_printf(out, "open311d_http_requests_total{"
			    "route=\"%s\",method=\"%s\",code=\"", names[i / 2],
			    met_methods[i % 2]);
			if (j < MET_STATUSES - 1)
				buf_printf(out, "%d", met_codes[j]);
			else
				buf_str(out, "other");
			buf_printf(out, "\"} %llu\n", (unsigned long long)v);
		}
	}

	buf_str(out, "# HELP open311d_http_request_duration_seconds "
	    "Time from routing a request to its answer.\n"
	    "# TYPE open311d_http_request_duration_seconds histogram\n");
	for (i = 0; i < n * 2; i++) {
		if (names[i / 2] == NULL)
			continue;
		r = &t->routes[i / 2][i % 2];
		for (j = 0, count = 0; j < MET_BUCKETS; j++)
			count += met_get(&r->bucket[j]);
		if (i % 2 == 1 && count == 0)
			continue;
		(void)snprintf(labels, sizeof(labels), "route=\"%s\","
		    "method=\"%s\"", names[i / 2], met_methods[i % 2]);
		cum = 0;
		for (j = 0; j < MET_BUCKETS; j++) {
			cum += met_get(&r->bucket[j]);
			buf_printf(out, "open311d_http_request_duration_"
			    "seconds_bucket{%s,le=\"", labels);
			if (j < MET_BUCKETS - 1)
				met_seconds(out, met_bounds[j]);
			else
				buf_str(out, "+Inf");
			buf_printf(out, "\"} %llu\n",
			    (unsigned long long)cum);
		}
		buf_printf(out, "open311d_http_request_duration_seconds_sum"
		    "{%s} ", labels);
		met_seconds(out, met_get(&r->sum_us));
		buf_printf(out, "\nopen311d_http_request_duration_seconds_"
		    "count{%s} %llu\n", labels, (unsigned long long)cum);
	}

	for (i = 0; i < MET_COUNTERS; i++) {
		buf_printf(out, "# HELP open311d_%s %s\n"
		    "# TYPE open311d_%s counter\nopen311d_%s %llu\n",
		    met_counters[i].name, met_counters[i].help,
		    met_counters[i].name, met_counters[i].name,
		    (unsigned long long)met_get(&t->counter[i]));
	}
	buf_str(out, "# HELP open311d_db_pool_wait_seconds_total Time "
	    "statements waited for a free database connection.\n"
	    "# TYPE open311d_db_pool_wait_seconds_total counter\n"
	    "open311d_db_pool_wait_seconds_total ");
	met_seconds(out, met_get(&t->db_wait_us));
	buf_byte(out, '\n');

	if (met_get(&t->replica_probed)) {
		buf_str(out, "# HELP open311d_db_replica_lag_seconds How "
		    "far the read pool's standby was behind its primary at "
		    "the last probe.\n"
		    "# TYPE open311d_db_replica_lag_seconds gauge\n"
		    "open311d_db_replica_lag_seconds ");
		met_seconds(out, met_get(&t->replica_lag_ms) * 1000);
		buf_printf(out, "\n# HELP open311d_db_replica_in_use 1 "
		    "while lag-tolerant reads go to the read pool, 0 while "
		    "they go to the primary (standby too far behind or "
		    "unreachable).\n"
		    "# TYPE open311d_db_replica_in_use gauge\n"
		    "open311d_db_replica_in_use %llu\n",
		    (unsigned long long)met_get(&t->replica_in_use));
	}

	if (g == NULL)
		return;
	buf_printf(out, "# HELP open311d_outbox_pending Outbox events "
	    "waiting for delivery.\n# TYPE open311d_outbox_pending gauge\n"
	    "open311d_outbox_pending{kind=\"destination\"} %lld\n"
	    "open311d_outbox_pending{kind=\"email\"} %lld\n"
	    "# HELP open311d_outbox_dead Outbox events given up on (dead "
	    "letters).\n# TYPE open311d_outbox_dead gauge\n"
	    "open311d_outbox_dead %lld\n"
	    "# HELP open311d_outbox_oldest_pending_seconds Age of the oldest "
	    "event waiting for a destination.\n"
	    "# TYPE open311d_outbox_oldest_pending_seconds gauge\n"
	    "open311d_outbox_oldest_pending_seconds %lld\n"
	    "# HELP open311d_workers Worker processes serving requests.\n"
	    "# TYPE open311d_workers gauge\nopen311d_workers %lld\n",
	    g->outbox_pending, g->outbox_emails, g->outbox_dead,
	    g->outbox_oldest_s, g->workers);
}

void
met_glance(const struct met_table *t, const struct met_gauges *g,
    struct buf *out)
{
	const struct met_route	*r;
	uint64_t		n, c4, c5, b[MET_BUCKETS], seen;
	size_t			i, j, k;
	int			code;

	n = c4 = c5 = 0;
	memset(b, 0, sizeof(b));
	for (i = 0; i < MET_ROUTES; i++) {
		for (j = 0; j < 2; j++) {
			r = &t->routes[i][j];
			for (k = 0; k < MET_STATUSES; k++) {
				n += met_get(&r->status[k]);
				code = k < MET_STATUSES - 1 ? met_codes[k] : 0;
				if (code >= 400 && code < 500)
					c4 += met_get(&r->status[k]);
				else if (code >= 500)
					c5 += met_get(&r->status[k]);
			}
			for (k = 0; k < MET_BUCKETS; k++)
				b[k] += met_get(&r->bucket[k]);
		}
	}
	buf_printf(out, "\"requests\":%llu,\"client_errors\":%llu,"
	    "\"server_errors\":%llu,\"latency_p95_ms\":",
	    (unsigned long long)n, (unsigned long long)c4,
	    (unsigned long long)c5);
	seen = 0;
	for (k = 0; k < MET_BUCKETS - 1; k++) {
		seen += b[k];
		if (n > 0 && seen * 100 >= n * 95)
			break;
	}
	if (n > 0 && k < MET_BUCKETS - 1)
		buf_printf(out, "%g", (double)met_bounds[k] / 1000.0);
	else
		buf_str(out, "null");
	buf_printf(out, ",\"db_queries\":%llu,\"db_errors\":%llu,"
	    "\"db_pool_waits\":%llu,\"outbox_delivered\":%llu,"
	    "\"outbox_failures\":%llu,\"rate_limited\":%llu,\"workers\":%lld",
	    (unsigned long long)met_get(&t->counter[MET_DB_QUERIES]),
	    (unsigned long long)met_get(&t->counter[MET_DB_ERRORS]),
	    (unsigned long long)met_get(&t->counter[MET_DB_WAITS]),
	    (unsigned long long)met_get(&t->counter[MET_OUTBOX_SENT]),
	    (unsigned long long)met_get(&t->counter[MET_OUTBOX_FAILED]),
	    (unsigned long long)met_get(&t->counter[MET_RATE_LIMITED]),
	    g->workers);
	if (met_get(&t->replica_probed))
		buf_printf(out, ",\"replica_lag_ms\":%llu",
		    (unsigned long long)met_get(&t->replica_lag_ms));
}

struct met_table *
met_table_shared(void)
{
	return (shm_zalloc(sizeof(struct met_table)));
}
