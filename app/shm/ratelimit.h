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
 * Rate limits every worker sees alike: a table of GCRA buckets (the
 * generic cell rate algorithm: one "theoretical arrival time" per
 * client) in memory shared by all worker processes, updated with atomic
 * compare-and-swap. Checking a limit never touches the database. The
 * table logic is pure, so it is tested on ordinary memory.
 */

#ifndef __H_SHM_RATELIMIT
#define __H_SHM_RATELIMIT

#include <stddef.h>
#include <stdint.h>

#define RL_SLOTS	65536
#define RL_PROBE	16

struct rl_slot {
	uint64_t	id;
	int64_t		tat;		/* nanoseconds */
};

struct rl_table {
	struct rl_slot	slots[RL_SLOTS];
};

/* What one whole request costs, in the units of rl_take_cost(). */
#define RL_UNIT		100

/*
 * Counts a request of client id costing cost hundredths of a request
 * (RL_UNIT is one; a cost above a minute's allowance counts as that)
 * against rate requests per minute, at now (microseconds). A client
 * with a full allowance may spend all of it at once. Returns 0 when the
 * request is allowed, or the number of seconds after which it will be
 * (at least 1). A client that finds every slot it may use held by
 * clients still counting is refused until the first of those can be
 * reused (the table fails closed). Rate 0 (or less) is unlimited, and
 * so is cost 0 (nothing is counted).
 */
int	rl_take_cost(struct rl_table *, uint64_t, int, int, int64_t);

/* rl_take_cost() of one whole request. */
int	rl_take(struct rl_table *, uint64_t, int, int64_t);

/*
 * What rl_take_cost() would answer for client id now, without counting
 * the request: 0 while it has allowance left for cost (or has no slot
 * yet), else the seconds until it has.
 */
int	rl_peek_cost(struct rl_table *, uint64_t, int, int, int64_t);

/* rl_peek_cost() of one whole request. */
int	rl_peek(struct rl_table *, uint64_t, int, int64_t);

/* A client id from text ("k:12:read", "a:192.0.2.1:submit"); never 0. */
uint64_t	rl_id(const char *);

/*
 * Maps a table into memory shared with processes forked later. Returns
 * NULL when mmap fails.
 */
struct rl_table	*rl_table_shared(void);

#endif
