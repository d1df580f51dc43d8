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
 * Unit tests for formats/stats.c. The buckets: every duration lands, by
 * the formula of migrations/0005_stats_rollup.sql (stats_bucket), in a
 * bucket whose bounds hold it. Quantiles: tables of durations, put in
 * the histogram as the database would, against PostgreSQL's
 * percentile_cont computed here on the exact values, within one
 * bucket (5.6 %). Histogram text: well-formed and malformed arrays.
 * Groups: rows added up overall and per group, sorted by key, zero
 * groups left out, and the document parsed back (jansson).
 */

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "formats/stats.h"

/* stats_bucket() of the migration, for a duration in minutes. */
static int
sql_bucket(double mins)
{
	double	b;

	if (mins < 1)
		return (0);
	b = 1 + floor(log(mins) / log(2) * 254 / 20);
	return (b > 255 ? 255 : (int)b);
}

static int
dcmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return (x < y ? -1 : x > y);
}

/* percentile_cont(p) over n hours. */
static double
exact_quantile(double *hours, size_t n, double p)
{
	double	pos;
	size_t	k;

	qsort(hours, n, sizeof(*hours), dcmp);
	pos = p * (double)(n - 1);
	k = (size_t)floor(pos);
	if (k + 1 >= n)
		return (hours[k]);
	return (hours[k] + (pos - (double)k) * (hours[k + 1] - hours[k]));
}

static void
test_buckets(void **state)
{
	double	mins, lo, hi;
	int	b;

	(void)state;
	for (mins = 0.01; mins < 4.0e6; mins *= 1.013) {
		b = sql_bucket(mins);
		fmt_stats_bucket(b, &lo, &hi);
		if (b == FMT_STATS_BUCKETS - 1) {
			assert_true(mins / 60 >= lo * 0.999999);
			continue;
		}
		assert_true(mins / 60 >= lo * 0.999999);
		assert_true(mins / 60 < hi * 1.000001);
	}
	fmt_stats_bucket(1, &lo, &hi);
	assert_true(fabs(lo - 1.0 / 60) < 1e-9);
	fmt_stats_bucket(254, &lo, &hi);
	assert_true(fabs(hi - 1048576.0 / 60) < 1e-6);
}

struct quantile_case {
	const char	*name;
	double		hours[8];
	size_t		n;
};

static const struct quantile_case	quantile_cases[] = {
	{ "two closings, 10 and 30 hours", { 10, 30 }, 2 },
	{ "one closing", { 72 }, 1 },
	{ "within the first minute", { 0.001, 0.01, 0.005 }, 3 },
	{ "same bucket twice", { 5, 5.05 }, 2 },
	{ "spread", { 0.5, 2, 3, 24, 48, 100, 400, 2000 }, 8 },
	{ "over two years", { 20000, 30000 }, 2 },
};

static void
test_quantiles(void **state)
{
	static const double	ps[] = { 0, 0.25, 0.5, 0.9, 1 };
	long long		h[FMT_STATS_BUCKETS];
	double			copy[8], want, got;
	size_t			c, i, p;

	(void)state;
	for (c = 0; c < sizeof(quantile_cases) / sizeof(quantile_cases[0]);
	    c++) {
		memset(h, 0, sizeof(h));
		for (i = 0; i < quantile_cases[c].n; i++)
			h[sql_bucket(quantile_cases[c].hours[i] * 60)]++;
		for (p = 0; p < sizeof(ps) / sizeof(ps[0]); p++) {
			memcpy(copy, quantile_cases[c].hours, sizeof(copy));
			want = exact_quantile(copy, quantile_cases[c].n, ps[p]);
			assert_int_equal(fmt_stats_quantile(h, ps[p], &got), 0);
			/* Past 2^20 minutes, the last bucket's bound. */
			if (want * 60 >= 1048576) {
				assert_true(got >= 1048576.0 / 60 * 0.999);
				continue;
			}
			if (want < 1.0 / 60) {
				assert_true(got < 1.0 / 60);
				continue;
			}
			if (fabs(got - want) > want * 0.057) {
				fail_msg("%s: quantile %.2f is %f, want %f",
				    quantile_cases[c].name, ps[p], got, want);
			}
		}
	}

	memset(h, 0, sizeof(h));
	assert_int_equal(fmt_stats_quantile(h, 0.5, &got), -1);
	h[3] = -1;	/* a delta taking a closing away */
	assert_int_equal(fmt_stats_quantile(h, 0.5, &got), -1);
}

struct hist_case {
	const char	*text;
	int		ok;
	long long	sum;
};

static const struct hist_case	hist_cases[] = {
	{ "{}", 1, 0 },
	{ "{0,2,1}", 1, 3 },
	{ "{0,0,0,0,0,0,0,5}", 1, 5 },
	{ "{-1,2}", 1, 1 },
	{ "{1,2", 0, 0 },
	{ "1,2}", 0, 0 },
	{ "{1,,2}", 0, 0 },
	{ "{1,a}", 0, 0 },
	{ "{1} ", 0, 0 },
	{ "", 0, 0 },
	{ "{99999999999999999999}", 0, 0 },
};

static void
test_hist_text(void **state)
{
	struct fmt_stats	st;
	static const long long	n[FMT_STATS_COUNTS];
	struct buf		big;
	long long		sum;
	size_t			c;
	int			i;

	(void)state;
	for (c = 0; c < sizeof(hist_cases) / sizeof(hist_cases[0]); c++) {
		fmt_stats_init(&st);
		assert_int_equal(fmt_stats_add(&st, "j", "s", "", "web", "2026-01-01", n,
		    hist_cases[c].text), hist_cases[c].ok ? 0 : -1);
		sum = 0;
		for (i = 0; i < FMT_STATS_BUCKETS; i++)
			sum += st.total.hours[i];
		assert_int_equal(sum, hist_cases[c].sum);
		fmt_stats_free(&st);
	}

	/* One bucket more than there are. */
	buf_init(&big);
	buf_str(&big, "{0");
	for (i = 1; i <= FMT_STATS_BUCKETS; i++)
		buf_str(&big, ",1");
	buf_str(&big, "}");
	fmt_stats_init(&st);
	assert_int_equal(fmt_stats_add(&st, "j", "s", "", "web", "2026-01-01", n,
	    buf_cstr(&big)), -1);
	fmt_stats_free(&st);
	buf_free(&big);
}

struct row {
	const char	*jur;
	const char	*svc;
	const char	*agency;
	const char	*channel;
	const char	*day;
	long long	opened;
	long long	closed;
	long long	feedback;
	const char	*hours;
};

static const struct row	rows[] = {
	{ "b.gov", "POTHOLE", "Streets", "web", "2026-03-02", 3, 1, 0,
	    "{0,1}" },
	{ "a.gov", "NOISE", "", "phone", "2026-03-01", 2, 0, 1, "{}" },
	{ "b.gov", "POTHOLE", "Streets", "mobile_app", "2026-03-02", 1, 1, 0,
	    "{0,0,1}" },
	{ "b.gov", "GRAFFITI", "Streets", "web", "2026-03-02", 4, 0, 0, "{}" },
	/* Moved away by a transfer: nothing left. */
	{ "a.gov", "NOISE", "Police", "phone", "2026-03-03", 0, 0, 0, "{}" },
};

/* What by_day holds for rows, in its order. */
static const struct {
	const char	*day;
	const char	*channel;
	long long	opened;
	long long	closed;
} days[] = {
	{ "2026-03-01", "phone", 2, 0 },
	{ "2026-03-02", "mobile_app", 1, 1 },
	{ "2026-03-02", "web", 7, 1 },
};

static const char *
svc_name(void *arg, const char *jur, const char *code)
{
	(void)arg;
	if (!strcmp(jur, "b.gov") && !strcmp(code, "POTHOLE"))
		return ("Pothole");
	return (NULL);
}

static void
test_groups(void **state)
{
	struct fmt_stats	st;
	struct buf		out;
	struct fmt_doc		doc;
	json_t			*root, *l;
	json_error_t		err;
	long long		n[FMT_STATS_COUNTS];
	size_t			i;

	(void)state;
	fmt_stats_init(&st);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		memset(n, 0, sizeof(n));
		n[FMT_STATS_OPENED] = rows[i].opened;
		n[FMT_STATS_CLOSED] = rows[i].closed;
		n[FMT_STATS_FEEDBACK] = rows[i].feedback;
		n[FMT_STATS_RATING_SUM] = rows[i].feedback * 4;
		assert_int_equal(fmt_stats_add(&st, rows[i].jur, rows[i].svc,
		    rows[i].agency, rows[i].channel, rows[i].day, n,
		    rows[i].hours), 0);
	}

	buf_init(&out);
	fmt_doc_begin(&doc, &out, FMT_JSON);
	fmt_doc_object(&doc, "stats");
	fmt_stats_render(&st, &doc, svc_name, NULL);
	fmt_doc_end(&doc);
	root = json_loadb(out.data, out.len, 0, &err);
	assert_non_null(root);

	assert_int_equal(json_integer_value(json_object_get(json_object_get(
	    root, "total"), "opened")), 10);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(
	    root, "total"), "closed")), 2);

	l = json_object_get(root, "by_jurisdiction");
	assert_int_equal(json_array_size(l), 2);
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(l, 0), "jurisdiction_id")), "a.gov");
	assert_int_equal(json_integer_value(json_object_get(
	    json_array_get(l, 1), "opened")), 8);

	l = json_object_get(root, "by_service");
	assert_int_equal(json_array_size(l), 3);
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(l, 1), "service_code")), "GRAFFITI");
	assert_true(json_is_null(json_object_get(json_array_get(l, 1),
	    "service_name")));
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(l, 2), "service_name")), "Pothole");
	assert_int_equal(json_integer_value(json_object_get(
	    json_array_get(l, 2), "opened")), 4);
	assert_true(json_is_number(json_object_get(json_array_get(l, 2),
	    "median_hours_to_close")));

	/* "" (no agency) first, as null; Police left out: all zero. */
	l = json_object_get(root, "by_agency");
	assert_int_equal(json_array_size(l), 2);
	assert_true(json_is_null(json_object_get(json_array_get(l, 0),
	    "agency_responsible")));
	assert_true(fabs(json_number_value(json_object_get(
	    json_array_get(l, 0), "feedback_mean_rating")) - 4.0) < 1e-9);

	l = json_object_get(root, "by_channel");
	assert_int_equal(json_array_size(l), 3);
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(l, 0), "channel")), "mobile_app");
	assert_true(json_is_null(json_object_get(json_array_get(l, 1),
	    "median_hours_to_close")));

	/* By day, then channel; both web rows of a day added up; the day
	 * with nothing left out; only the counts of volume. */
	l = json_object_get(root, "by_day");
	assert_int_equal(json_array_size(l), 3);
	for (i = 0; i < sizeof(days) / sizeof(days[0]); i++) {
		assert_string_equal(json_string_value(json_object_get(
		    json_array_get(l, i), "day")), days[i].day);
		assert_string_equal(json_string_value(json_object_get(
		    json_array_get(l, i), "channel")), days[i].channel);
		assert_int_equal(json_integer_value(json_object_get(
		    json_array_get(l, i), "opened")), days[i].opened);
		assert_int_equal(json_integer_value(json_object_get(
		    json_array_get(l, i), "closed")), days[i].closed);
		assert_null(json_object_get(json_array_get(l, i),
		    "median_hours_to_close"));
	}

	json_decref(root);
	buf_free(&out);
	fmt_stats_free(&st);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_buckets),
		cmocka_unit_test(test_quantiles),
		cmocka_unit_test(test_hist_text),
		cmocka_unit_test(test_groups),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
