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
 * The read pool and its lag probe (see replica.h).
 */

#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "db.h"
#include "replica.h"
#include "shm/metrics.h"

static void	replica_tick(void *, u_int64_t);
static void	replica_probed(struct store_q *, void *);
static long long	replica_lag(const struct store_q *);

static int		replica_on = 0;		/* a read pool exists */
static int		replica_fresh = 0;	/* ... and is within bound */
static int		replica_probing = 0;
static long long	replica_caught = 0;	/* ms, last seen caught up */
static struct store_q	replica_q;

void
store_replica_init(void)
{
	const struct cfg	*c;
	char			*conninfo;

	c = app_config();
	if (c->database_read_url[0] == '\0')
		return;
	if ((conninfo = store_conninfo_timeout(c->database_read_url,
	    c->statement_timeout_public_ms)) == NULL ||
	    !kore_pgsql_register(STORE_DB_READ, conninfo))
		fatalx("cannot register the read database");
	kore_free(conninfo);
	replica_on = 1;
	(void)kore_timer_add(replica_tick, (u_int64_t)c->replica_check_ms,
	    NULL, 0);
	replica_tick(NULL, 0);
}

const char *
store_replica_pool(enum sql_id id)
{
	switch (sql_table[id].replica) {
	case SQL_REPLICA_ALWAYS:
		return (replica_on ? STORE_DB_READ : STORE_DB);
	case SQL_REPLICA_YES:
		return (replica_fresh ? STORE_DB_READ : STORE_DB_PUBLIC);
	default:
		return (STORE_DB);
	}
}

static void
replica_tick(void *arg, u_int64_t now)
{
	(void)arg;
	(void)now;

	if (replica_probing)
		return;
	replica_probing = 1;
	store_start_cb(&replica_q, SQL_replica_lag, 0, NULL, replica_probed,
	    NULL);
}

/*
 * The lag: none while the standby has replayed all it received. Else the
 * shorter of the time since the last transaction it replayed was
 * committed and the time since a probe last saw it caught up: the first
 * alone overstates the lag of a standby that was idle when a new write
 * arrived, the second alone that of one that is never quite caught up
 * under a steady stream of writes; a standby that stopped replaying, or
 * falls behind, grows older by both.
 */
static long long
replica_lag(const struct store_q *q)
{
	long long	now, age;

	now = strtoll(store_val(q, 0, COL_REPLICA_LAG_NOW_MS), NULL, 10);
	age = strtoll(store_val(q, 0, COL_REPLICA_LAG_AGE_MS), NULL, 10);
	if (!strcmp(store_val(q, 0, COL_REPLICA_LAG_CAUGHT_UP), "t")) {
		replica_caught = now;
		return (0);
	}
	if (replica_caught != 0 && now - replica_caught < age)
		age = now - replica_caught;
	return (age < 0 ? 0 : age);
}

static void
replica_probed(struct store_q *q, void *arg)
{
	long long	lag;
	int		fresh;

	(void)arg;
	lag = 0;
	fresh = 0;
	if (q->res != NULL && store_rows(q) == 1) {
		lag = replica_lag(q);
		fresh = lag <= app_config()->read_max_lag_ms;
	}

	if (fresh != replica_fresh) {
		if (fresh)
			kore_log(LOG_NOTICE, "read pool in use (lag %lld ms)",
			    lag);
		else if (q->res == NULL)
			kore_log(LOG_NOTICE, "read pool skipped: %s",
			    q->error);
		else
			kore_log(LOG_NOTICE, "read pool skipped: %lld ms "
			    "behind", lag);
	}
	replica_fresh = fresh;
	met_replica(app_metrics(), (uint64_t)lag, fresh);
	store_reset(q);
	replica_probing = 0;
}
