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
 * Unit tests for shm/metrics.c. Requests land in the status series
 * of their route, method (reads and writes apart) and code (unknown codes as "other", out-of-range route slots in
 * slot 0) and in the first latency bucket whose bound they do not
 * exceed, buckets rendered cumulatively with _sum and _count; counters
 * and gauges render with their values (the read pool's only once
 * probed, the latest probe's); unnamed route slots are left
 * out; every line is a comment or "name{labels} value". A NULL table is
 * ignored. met_table_shared: counts from forked children add up exactly.
 */

#include <sys/wait.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "shm/metrics.h"

static const char *const	names[3] = { "unrouted", "services", NULL };

static char *
render(const struct met_table *t, const struct met_gauges *g)
{
	struct buf	out;

	buf_init(&out);
	met_render(t, names, 3, g, &out);
	return (buf_release(&out, NULL));
}

static void
expect_line(const char *text, const char *line)
{
	const char	*p;
	size_t		n;

	n = strlen(line);
	for (p = text; (p = strstr(p, line)) != NULL; p++) {
		if ((p == text || p[-1] == '\n') && p[n] == '\n')
			return;
	}
	fail_msg("missing line '%s' in:\n%s", line, text);
}

static void
test_requests(void **state)
{
	struct met_table	*t;
	char			*s;

	(void)state;
	t = calloc(1, sizeof(*t));
	met_request(t, 1, 0, 200, 400);		/* bucket 0.0005 */
	met_request(t, 1, 0, 200, 500);		/* on the bound: same */
	met_request(t, 1, 0, 404, 30000);		/* 0.05 */
	met_request(t, 1, 0, 299, 9000000);	/* other, +Inf */
	met_request(t, MET_ROUTES, 0, 400, 1);	/* slot 0 */
	met_request(t, -1, 0, 503, 2);		/* slot 0 */
	met_request(t, 2, 0, 200, 1);		/* unnamed: not rendered */
	met_request(t, 1, 1, 201, 2000);	/* a write */

	s = render(t, NULL);
	expect_line(s, "open311d_http_requests_total{route=\"services\","
	    "method=\"GET\",code=\"200\"} 2");
	expect_line(s, "open311d_http_requests_total{route=\"services\","
	    "method=\"GET\",code=\"404\"} 1");
	expect_line(s, "open311d_http_requests_total{route=\"services\","
	    "method=\"GET\",code=\"other\"} 1");
	expect_line(s, "open311d_http_requests_total{route=\"unrouted\","
	    "method=\"GET\",code=\"400\"} 1");
	expect_line(s, "open311d_http_requests_total{route=\"unrouted\","
	    "method=\"GET\",code=\"503\"} 1");
	expect_line(s, "open311d_http_request_duration_seconds_bucket{route="
	    "\"services\",method=\"GET\",le=\"0.000500\"} 2");
	expect_line(s, "open311d_http_request_duration_seconds_bucket{route="
	    "\"services\",method=\"GET\",le=\"0.025000\"} 2");
	expect_line(s, "open311d_http_request_duration_seconds_bucket{route="
	    "\"services\",method=\"GET\",le=\"0.050000\"} 3");
	expect_line(s, "open311d_http_request_duration_seconds_bucket{route="
	    "\"services\",method=\"GET\",le=\"5.000000\"} 3");
	expect_line(s, "open311d_http_request_duration_seconds_bucket{route="
	    "\"services\",method=\"GET\",le=\"+Inf\"} 4");
	expect_line(s, "open311d_http_request_duration_seconds_sum{route="
	    "\"services\",method=\"GET\"} 9.030900");
	expect_line(s, "open311d_http_request_duration_seconds_count{route="
	    "\"services\",method=\"GET\"} 4");
	expect_line(s, "open311d_http_requests_total{route=\"services\","
	    "method=\"POST\",code=\"201\"} 1");
	expect_line(s, "open311d_http_request_duration_seconds_bucket{route="
	    "\"services\",method=\"POST\",le=\"0.002500\"} 1");
	expect_line(s, "open311d_http_request_duration_seconds_count{route="
	    "\"unrouted\",method=\"GET\"} 2");
	/* A write series without requests is left out. */
	assert_null(strstr(s, "route=\"unrouted\",method=\"POST\""));
	assert_null(strstr(s, "method=\"GET\",code=\"200\"} 3"));
	assert_null(strstr(s, "open311d_http_requests_total{route=\"services\","
	    "method=\"GET\",code=\"400\"}"));
	free(s);
	free(t);
}

static void
test_counters(void **state)
{
	struct met_table	*t;
	struct met_gauges	g;
	char			*s, *line, *save;

	(void)state;
	t = calloc(1, sizeof(*t));
	met_add(t, MET_DUPLICATES, 3);
	met_add(t, MET_DUPLICATES, 2);
	met_add(t, MET_DB_QUERIES, 10);
	met_add(t, MET_COUNTERS, 10);		/* ignored */
	met_db_wait(t, 1500000);
	met_db_wait(t, 250);
	met_add(NULL, MET_DB_QUERIES, 1);
	met_request(NULL, 1, 0, 200, 1);
	met_db_wait(NULL, 1);

	g.outbox_pending = 7;
	g.outbox_emails = 11;
	g.outbox_dead = 2;
	g.outbox_oldest_s = 95;
	g.workers = 4;
	s = render(t, &g);
	assert_null(strstr(s, "replica"));
	free(s);
	met_replica(t, 250, 1);
	met_replica(t, 61500, 0);
	met_replica(NULL, 1, 1);
	met_add(t, MET_DB_READ_QUERIES, 4);
	s = render(t, &g);
	expect_line(s, "open311d_db_replica_lag_seconds 61.500000");
	expect_line(s, "open311d_db_replica_in_use 0");
	expect_line(s, "# TYPE open311d_db_replica_lag_seconds gauge");
	expect_line(s, "open311d_db_read_queries_total 4");
	expect_line(s, "open311d_duplicates_total 5");
	expect_line(s, "open311d_db_queries_total 10");
	expect_line(s, "open311d_db_pool_waits_total 2");
	expect_line(s, "open311d_db_pool_wait_seconds_total 1.500250");
	expect_line(s, "open311d_rate_limited_total 0");
	expect_line(s, "open311d_outbox_pending{kind=\"destination\"} 7");
	expect_line(s, "open311d_outbox_pending{kind=\"email\"} 11");
	expect_line(s, "open311d_outbox_dead 2");
	expect_line(s, "open311d_outbox_oldest_pending_seconds 95");
	expect_line(s, "open311d_workers 4");
	expect_line(s, "# TYPE open311d_outbox_dead gauge");
	expect_line(s, "# TYPE open311d_duplicates_total counter");
	expect_line(s, "# TYPE open311d_http_request_duration_seconds "
	    "histogram");

	/* Every line: a comment, or a name, optional labels, a number. */
	for (line = strtok_r(s, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char	*sp;

		if (!strncmp(line, "# HELP ", 7) || !strncmp(line, "# TYPE ", 7))
			continue;
		assert_int_equal(strncmp(line, "open311d_", 9), 0);
		sp = strrchr(line, ' ');
		assert_non_null(sp);
		assert_true(strspn(sp + 1, "0123456789.") == strlen(sp + 1));
	}
	free(s);

	s = render(t, NULL);
	assert_null(strstr(s, "outbox_pending"));
	free(s);
	free(t);
}

static void
test_shared(void **state)
{
	struct met_table	*t;
	pid_t			pid[4];
	int			i, j, st;
	char			*s;

	(void)state;
	t = met_table_shared();
	assert_non_null(t);
	for (i = 0; i < 4; i++) {
		if ((pid[i] = fork()) == 0) {
			for (j = 0; j < 10000; j++) {
				met_request(t, 1, 0, 200, 100);
				met_add(t, MET_SUBMISSIONS, 1);
			}
			_exit(0);
		}
		assert_true(pid[i] > 0);
	}
	for (i = 0; i < 4; i++) {
		assert_int_equal(waitpid(pid[i], &st, 0), pid[i]);
		assert_int_equal(st, 0);
	}
	s = render(t, NULL);
	expect_line(s, "open311d_http_requests_total{route=\"services\","
	    "method=\"GET\",code=\"200\"} 40000");
	expect_line(s, "open311d_requests_submitted_total 40000");
	expect_line(s, "open311d_http_request_duration_seconds_sum{route="
	    "\"services\",method=\"GET\"} 4.000000");
	free(s);
}

/* The figures at a glance: a table of request mixes and what they say. */
static void
test_glance(void **state)
{
	static const struct {
		int		status[4];
		uint64_t	us[4];
		int		n;
		const char	*want;
	} cases[] = {
		{ { 0 }, { 0 }, 0, "\"requests\":0,\"client_errors\":0,"
		    "\"server_errors\":0,\"latency_p95_ms\":null," },
		{ { 200, 200, 404, 503 }, { 400, 900, 2000, 30000 }, 4,
		    "\"requests\":4,\"client_errors\":1,\"server_errors\":1,"
		    "\"latency_p95_ms\":50," },
		{ { 200, 201, 299, 429 }, { 100, 100, 100, 100 }, 4,
		    "\"requests\":4,\"client_errors\":1,\"server_errors\":0,"
		    "\"latency_p95_ms\":0.5," },
		/* Beyond the last bound: no figure rather than a wrong one. */
		{ { 200 }, { 9000000 }, 1, "\"requests\":1,\"client_errors\":0,"
		    "\"server_errors\":0,\"latency_p95_ms\":null," },
	};
	struct met_table	*t;
	struct met_gauges	g;
	struct buf		b;
	size_t			i;
	int			j;

	(void)state;
	memset(&g, 0, sizeof(g));
	g.workers = 3;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		t = calloc(1, sizeof(*t));
		for (j = 0; j < cases[i].n; j++)
			met_request(t, j, j % 2, cases[i].status[j],
			    cases[i].us[j]);
		met_add(t, MET_DB_ERRORS, 2);
		buf_init(&b);
		met_glance(t, &g, &b);
		if (strncmp(buf_cstr(&b), cases[i].want,
		    strlen(cases[i].want)))
			fail_msg("case %zu: %s", i, buf_cstr(&b));
		assert_non_null(strstr(buf_cstr(&b), "\"db_errors\":2,"));
		assert_non_null(strstr(buf_cstr(&b), "\"workers\":3"));
		assert_null(strstr(buf_cstr(&b), "replica_lag_ms"));
		met_replica(t, 1500, 1);
		buf_reset(&b);
		met_glance(t, &g, &b);
		assert_non_null(strstr(buf_cstr(&b), ",\"replica_lag_ms\":1500"));
		buf_free(&b);
		free(t);
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_requests),
		cmocka_unit_test(test_counters),
		cmocka_unit_test(test_shared),
		cmocka_unit_test(test_glance),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
