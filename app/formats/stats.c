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
 * The CitiStat figures from rollup rows: sums by group, quantiles of the
 * hours to close from logarithmic histograms, and their rendering.
 */

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

/* Buckets 1 to 254 span 2^0 to 2^20 minutes. */
#define STATS_SPAN_LOG2		20.0
#define STATS_LOG_BUCKETS	254

struct stats_group {
	const char		*k1;
	const char		*k2;
	struct fmt_stats_fig	fig;
};

static int	stats_hist_parse(const char *, long long *);
static int	stats_cmp(const struct stats_group *, const char *,
		    const char *);
static struct stats_group	*stats_group(struct buf *, const char *,
				    const char *);
static void	stats_fig_add(struct fmt_stats_fig *, const long long *,
		    const long long *);
static double	stats_value_at(const long long *, long long);
static void	stats_share(struct fmt_doc *, const char *, long long,
		    long long);
static void	stats_fig_render(struct fmt_doc *, const struct fmt_stats_fig *);

void
fmt_stats_init(struct fmt_stats *st)
{
	int	d;

	memset(&st->total, 0, sizeof(st->total));
	for (d = 0; d < FMT_STATS_DIMS; d++)
		buf_init(&st->dims[d]);
}

void
fmt_stats_free(struct fmt_stats *st)
{
	int	d;

	for (d = 0; d < FMT_STATS_DIMS; d++)
		buf_free(&st->dims[d]);
}

/* Parses "{1,-2,3}" into h (zeroed first); -1 when malformed. */
static int
stats_hist_parse(const char *s, long long *h)
{
	char		*end;
	long long	v;
	int		n;

	memset(h, 0, sizeof(*h) * FMT_STATS_BUCKETS);
	if (*s++ != '{')
		return (-1);
	if (*s == '}')
		return (s[1] == '\0' ? 0 : -1);
	for (n = 0;; n++) {
		if (n == FMT_STATS_BUCKETS || (*s != '-' &&
		    (*s < '0' || *s > '9')))
			return (-1);
		errno = 0;
		v = strtoll(s, &end, 10);
		if (errno != 0)
			return (-1);
		h[n] = v;
		s = end;
		if (*s == '}')
			return (s[1] == '\0' ? 0 : -1);
		if (*s++ != ',')
			return (-1);
	}
}

static int
stats_cmp(const struct stats_group *g, const char *k1, const char *k2)
{
	int	c;

	if ((c = strcmp(g->k1, k1)) != 0 || k2 == NULL)
		return (c);
	return (strcmp(g->k2, k2));
}

/* The group of key (k1, k2) in the sorted array b, added when new. */
static struct stats_group *
stats_group(struct buf *b, const char *k1, const char *k2)
{
	struct stats_group	*g;
	size_t			lo, hi, mid, n;
	int			c;

	g = (struct stats_group *)(void *)b->data;
	n = b->len / sizeof(*g);
	lo = 0;
	hi = n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = stats_cmp(&g[mid], k1, k2)) == 0)
			return (&g[mid]);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}

	buf_reserve(b, sizeof(*g));
	g = (struct stats_group *)(void *)b->data;
	memmove(&g[lo + 1], &g[lo], (n - lo) * sizeof(*g));
	memset(&g[lo], 0, sizeof(*g));
	g[lo].k1 = k1;
	g[lo].k2 = k2;
	b->len += sizeof(*g);
	return (&g[lo]);
}

static void
stats_fig_add(struct fmt_stats_fig *f, const long long *n,
    const long long *h)
{
	int	i;

	for (i = 0; i < FMT_STATS_COUNTS; i++)
		f->n[i] += n[i];
	for (i = 0; i < FMT_STATS_BUCKETS; i++)
		f->hours[i] += h[i];
}

int
fmt_stats_add(struct fmt_stats *st, const char *jur, const char *svc,
    const char *agency, const char *channel, const char *day,
    const long long *n, const char *hist)
{
	long long	h[FMT_STATS_BUCKETS];

	if (stats_hist_parse(hist, h) == -1)
		return (-1);

	stats_fig_add(&st->total, n, h);
	stats_fig_add(&stats_group(&st->dims[0], jur, NULL)->fig, n, h);
	stats_fig_add(&stats_group(&st->dims[1], jur, svc)->fig, n, h);
	stats_fig_add(&stats_group(&st->dims[2], agency, NULL)->fig, n, h);
	stats_fig_add(&stats_group(&st->dims[3], channel, NULL)->fig, n, h);
	stats_fig_add(&stats_group(&st->dims[4], day, channel)->fig, n, h);
	return (0);
}

void
fmt_stats_bucket(int b, double *lo, double *hi)
{
	if (b <= 0) {
		*lo = 0;
		*hi = 1.0 / 60;
	} else if (b >= FMT_STATS_BUCKETS - 1) {
		*lo = *hi = exp2(STATS_SPAN_LOG2) / 60;
	} else {
		*lo = exp2(STATS_SPAN_LOG2 * (b - 1) / STATS_LOG_BUCKETS) / 60;
		*hi = exp2(STATS_SPAN_LOG2 * b / STATS_LOG_BUCKETS) / 60;
	}
}

/* The kth smallest value (from 0), placed within its bucket. */
static double
stats_value_at(const long long *h, long long k)
{
	double		lo, hi, t;
	long long	before;
	int		b;

	before = 0;
	for (b = 0; b < FMT_STATS_BUCKETS; b++) {
		if (h[b] <= 0)
			continue;
		if (k < before + h[b])
			break;
		before += h[b];
	}
	if (b == FMT_STATS_BUCKETS)
		b = FMT_STATS_BUCKETS - 1;

	fmt_stats_bucket(b, &lo, &hi);
	t = ((double)(k - before) + 0.5) / (double)(h[b] > 0 ? h[b] : 1);
	if (b == 0)
		return (lo + t * (hi - lo));
	return (lo * pow(hi / lo, t));
}

int
fmt_stats_quantile(const long long *h, double p, double *out)
{
	long long	total, k;
	double		pos, frac, v;
	int		b;

	total = 0;
	for (b = 0; b < FMT_STATS_BUCKETS; b++) {
		if (h[b] > 0)
			total += h[b];
	}
	if (total == 0)
		return (-1);

	pos = p * (double)(total - 1);
	k = (long long)floor(pos);
	frac = pos - (double)k;
	v = stats_value_at(h, k);
	if (frac > 0)
		v += frac * (stats_value_at(h, k + 1) - v);
	*out = v;
	return (0);
}

/* part / whole as a share from 0 to 1, or null when whole is 0. */
static void
stats_share(struct fmt_doc *doc, const char *key, long long part,
    long long whole)
{
	char	v[32];

	if (whole <= 0) {
		fmt_doc_null(doc, key);
		return;
	}
	(void)snprintf(v, sizeof(v), "%.4f", (double)part / (double)whole);
	fmt_doc_num(doc, key, v);
}

static void
stats_fig_render(struct fmt_doc *doc, const struct fmt_stats_fig *f)
{
	static const struct {
		const char	*key;
		double		p;
	} q[] = {
		{ "median_hours_to_close", 0.5 },
		{ "p90_hours_to_close", 0.9 },
	};
	char	v[32];
	double	hours;
	size_t	i;

	fmt_doc_int(doc, "opened", f->n[FMT_STATS_OPENED]);
	fmt_doc_int(doc, "closed", f->n[FMT_STATS_CLOSED]);
	for (i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
		if (fmt_stats_quantile(f->hours, q[i].p, &hours) == -1) {
			fmt_doc_null(doc, q[i].key);
			continue;
		}
		(void)snprintf(v, sizeof(v), "%.2f", hours);
		fmt_doc_num(doc, q[i].key, v);
	}
	stats_share(doc, "closed_within_sla_share", f->n[FMT_STATS_WITHIN_SLA],
	    f->n[FMT_STATS_WITH_SLA]);
	stats_share(doc, "duplicate_share", f->n[FMT_STATS_DUPLICATES],
	    f->n[FMT_STATS_OPENED]);
	stats_share(doc, "reopened_share", f->n[FMT_STATS_REOPENED],
	    f->n[FMT_STATS_EVER_CLOSED]);
	fmt_doc_int(doc, "feedback_count", f->n[FMT_STATS_FEEDBACK]);
	if (f->n[FMT_STATS_FEEDBACK] <= 0) {
		fmt_doc_null(doc, "feedback_mean_rating");
	} else {
		(void)snprintf(v, sizeof(v), "%.2f",
		    (double)f->n[FMT_STATS_RATING_SUM] /
		    (double)f->n[FMT_STATS_FEEDBACK]);
		fmt_doc_num(doc, "feedback_mean_rating", v);
	}
}

void
fmt_stats_render(const struct fmt_stats *st, struct fmt_doc *doc,
    fmt_stats_name_fn name, void *arg)
{
	static const char	*lists[FMT_STATS_DIMS] = {
		"by_jurisdiction", "by_service", "by_agency", "by_channel",
		"by_day"
	};
	const struct stats_group	*g;
	size_t				i, n;
	int				d;

	fmt_doc_object(doc, "total");
	stats_fig_render(doc, &st->total);
	fmt_doc_end(doc);

	for (d = 0; d < FMT_STATS_DIMS; d++) {
		fmt_doc_list(doc, lists[d], "group");
		g = (const struct stats_group *)(const void *)st->dims[d].data;
		n = st->dims[d].len / sizeof(*g);
		for (i = 0; i < n; i++) {
			/* What moved away (a transfer) leaves zeros behind. */
			if (g[i].fig.n[FMT_STATS_OPENED] == 0 &&
			    g[i].fig.n[FMT_STATS_FEEDBACK] == 0)
				continue;
			fmt_doc_object(doc, NULL);
			switch (d) {
			case 0:
				fmt_doc_str(doc, "jurisdiction_id", g[i].k1);
				break;
			case 1:
				fmt_doc_str(doc, "jurisdiction_id", g[i].k1);
				fmt_doc_str(doc, "service_code", g[i].k2);
				fmt_doc_str(doc, "service_name", name == NULL ?
				    NULL : name(arg, g[i].k1, g[i].k2));
				break;
			case 2:
				fmt_doc_str(doc, "agency_responsible",
				    g[i].k1[0] != '\0' ? g[i].k1 : NULL);
				break;
			case 3:
				fmt_doc_str(doc, "channel", g[i].k1);
				break;
			default:
				fmt_doc_str(doc, "day", g[i].k1);
				fmt_doc_str(doc, "channel", g[i].k2);
				fmt_doc_int(doc, "opened",
				    g[i].fig.n[FMT_STATS_OPENED]);
				fmt_doc_int(doc, "closed",
				    g[i].fig.n[FMT_STATS_CLOSED]);
				fmt_doc_end(doc);
				continue;
			}
			stats_fig_render(doc, &g[i].fig);
			fmt_doc_end(doc);
		}
		fmt_doc_end(doc);
	}
}
