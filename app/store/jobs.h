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
 * Periodic maintenance statements a worker runs on a timer (the
 * statistics fold, the retention purge): statements of sql/ with at most
 * one parameter, at most one run of each at a time per worker. What
 * must run once across nodes arbitrates itself in the database.
 */

#ifndef __H_STORE_JOBS
#define __H_STORE_JOBS

#include "sql_gen.h"

/*
 * Runs statement id every interval_ms in this worker, the first time
 * after one interval, with one text parameter param (NULL: none; kept
 * by pointer). A failure is logged with name; the next run comes at the
 * next interval. With report set, a result's first column, when not 0,
 * is logged as "name: N" (what the run did).
 */
void	store_job_start(enum sql_id, const char *, int, const char *, int);

#endif
