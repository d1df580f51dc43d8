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
 * The CitiStat figures of GET /stats.json, from the rollup rows of
 * migrations/0005_stats_rollup.sql: adds rows up overall and by
 * jurisdiction, service, agency and channel, reads medians and
 * percentiles of the hours to close off the rows' histograms, and writes
 * the figures as a document.
 */

#ifndef __H_FMT_STATS
#define __H_FMT_STATS

#include "lib/buf.h"
#include "doc.h"

/* The histogram of hours to close (see the migration for its buckets). */
#define FMT_STATS_BUCKETS	256

/* The counts of a rollup row, in the order sql/stats.sql returns them. */
#define FMT_STATS_OPENED	0
#define FMT_STATS_CLOSED	1
#define FMT_STATS_WITHIN_SLA	2
#define FMT_STATS_WITH_SLA	3
#define FMT_STATS_DUPLICATES	4
#define FMT_STATS_REOPENED	5
#define FMT_STATS_EVER_CLOSED	6
#define FMT_STATS_FEEDBACK	7
#define FMT_STATS_RATING_SUM	8
#define FMT_STATS_COUNTS	9

struct fmt_stats_fig {
	long long	n[FMT_STATS_COUNTS];
	long long	hours[FMT_STATS_BUCKETS];
};

/* Groups: jurisdiction, (jurisdiction, service), agency, channel. */
#define FMT_STATS_DIMS		5

struct fmt_stats {
	struct fmt_stats_fig	total;
	struct buf		dims[FMT_STATS_DIMS];
};

/* Service name lookup for the by_service groups (NULL: none known). */
typedef const char	*(*fmt_stats_name_fn)(void *, const char *,
			    const char *);

/* Starts empty figures. */
void	fmt_stats_init(struct fmt_stats *);

/* Frees what the figures hold. */
void	fmt_stats_free(struct fmt_stats *);

/*
 * Adds one rollup row: its jurisdiction, service, agency ("" for none),
 * channel and day (YYYY-MM-DD; all kept by pointer: they must outlive
 * the figures), its
 * FMT_STATS_COUNTS counts, and its histogram as PostgreSQL writes an
 * integer array ("{0,2,1}": counts of buckets 0, 1, 2, ...). Returns 0,
 * or -1 when the histogram is malformed (nothing is added then).
 */
int	fmt_stats_add(struct fmt_stats *, const char *, const char *,
	    const char *, const char *, const char *, const long long *,
	    const char *);

/*
 * The pth quantile (0 to 1) of the hours to close in histogram hours, as
 * PostgreSQL's percentile_cont computes it over the values, each value
 * placed within its bucket as if the bucket's values were spread evenly
 * on its logarithmic scale. Returns 0, or -1 when nothing closed.
 */
int	fmt_stats_quantile(const long long *, double, double *);

/* The bounds of bucket b in hours (the last bucket's upper bound is its lower). */
void	fmt_stats_bucket(int, double *, double *);

/*
 * Writes the figures into the open object of doc: "total" and the lists
 * by_jurisdiction, by_service, by_agency and by_channel, each sorted by
 * its key, and by_day (day and channel: opened and closed only, by day
 * then channel); name gives by_service its service_name.
 */
void	fmt_stats_render(const struct fmt_stats *, struct fmt_doc *,
	    fmt_stats_name_fn, void *);

#endif
