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
 * Maintenance statements on timers: one store_q per job, started when
 * its timer fires and the previous run has finished.
 */

#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "jobs.h"

struct job {
	struct store_q	q;
	enum sql_id	id;
	const char	*param;
	const char	*name;
	int		report;
	int		busy;
};

static void	job_tick(void *, u_int64_t);
static void	job_done(struct store_q *, void *);

void
store_job_start(enum sql_id id, const char *param, int interval_ms,
    const char *name, int report)
{
	struct job	*j;

	j = kore_calloc(1, sizeof(*j));
	j->id = id;
	j->param = param;
	j->name = name;
	j->report = report;
	(void)kore_timer_add(job_tick, (u_int64_t)interval_ms, j, 0);
}

static void
job_tick(void *arg, u_int64_t now)
{
	struct job	*j = arg;

	(void)now;
	if (j->busy)
		return;
	j->busy = 1;
	store_start_cb(&j->q, j->id, j->param != NULL, &j->param, job_done,
	    j);
}

static void
job_done(struct store_q *q, void *arg)
{
	struct job	*j = arg;
	const char	*v;

	if (q->res == NULL) {
		kore_log(LOG_WARNING, "%s: %s", j->name, q->error);
	} else if (j->report && store_rows(q) > 0 &&
	    (v = store_val(q, 0, 0))[0] != '\0' && strcmp(v, "0")) {
		kore_log(LOG_INFO, "%s: %s", j->name, v);
	}
	store_reset(q);
	j->busy = 0;
}
