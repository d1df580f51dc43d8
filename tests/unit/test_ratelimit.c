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
 * Unit tests for shm/ratelimit.c, on tables from calloc. A table of
 * rates: a burst at one instant gets exactly N requests, the next is
 * refused with a wait of ceil(60/N) seconds that is neither too short
 * nor too long, and after it the refilled requests pass; rl_peek tells
 * the same without counting and claims no slot. Rate 0 (or
 * less) is unlimited and touches nothing; clients are independent;
 * hash_fnv1a gives the published FNV-1a vectors; rl_id is never 0 and
 * differs between strings. Slots: clients of one hash bucket fill its
 * probe window (across the end of the table), an idle slot is taken over
 * by a new client, a window of busy clients refuses a new one until its
 * first slot can be reused (fail closed: no number of addresses gets
 * around the limit), and a client keeps its own slot when an earlier one
 * in its window falls idle. rl_table_shared: a forked
 * child's requests drain the bucket the parent sees, and children taking
 * at once get exactly N between them. Costs: a burst of requests of
 * one cost gets the minute's allowance divided by the cost, a cost
 * above the allowance counts as all of it, cost 0 is free, and cheap
 * requests leave the rest of the allowance to dear ones.
 */

#include <sys/mman.h>
#include <sys/wait.h>

#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/hash.h"
#include "shm/ratelimit.h"

#define SEC	1000000LL
#define T0	(1795199400LL * SEC)	/* 2026-11-20T18:30:00Z */

static struct rl_table *
table_new(void)
{
	struct rl_table	*t;

	t = calloc(1, sizeof(*t));
	assert_non_null(t);
	return (t);
}

/* The table is all zero: nothing was claimed. */
static int
table_empty(const struct rl_table *t)
{
	size_t	i;

	for (i = 0; i < RL_SLOTS; i++) {
		if (t->slots[i].id != 0 || t->slots[i].tat != 0)
			return (0);
	}
	return (1);
}

struct burst_case {
	int		rate;		/* per minute */
	int		wait;		/* seconds: ceil(60 / rate) */
	int		after;		/* passing after the wait */
};

static const struct burst_case	burst_cases[] = {
	{ 1, 60, 1 },
	{ 2, 30, 1 },
	{ 3, 20, 1 },
	{ 7, 9, 1 },
	{ 10, 6, 1 },
	{ 13, 5, 1 },
	{ 59, 2, 1 },
	{ 60, 1, 1 },
	{ 61, 1, 1 },
	{ 120, 1, 2 },
	{ 300, 1, 5 },		/* the anonymous default */
	{ 1000, 1, 16 },
	{ 1200, 1, 20 },	/* the API key default */
	{ 7919, 1, 131 },	/* 131.98 a second: the 132nd is not due yet */
};

static void
test_burst_table(void **state)
{
	struct rl_table	*t;
	uint64_t	id;
	size_t		i;
	int		k, w;

	(void)state;
	t = table_new();
	/* A peek claims no slot. */
	assert_int_equal(rl_peek(t, 77, 10, T0), 0);
	assert_true(table_empty(t));
	for (i = 0; i < sizeof(burst_cases) / sizeof(burst_cases[0]); i++) {
		const struct burst_case	*c = &burst_cases[i];

		print_message("case %zu: %d a minute\n", i, c->rate);
		id = 1000 + i;

		/*
		 * Exactly rate requests at one instant; a peek before each
		 * says it passes and takes nothing.
		 */
		for (k = 0; k < c->rate; k++) {
			assert_int_equal(rl_peek(t, id, c->rate, T0), 0);
			if ((w = rl_take(t, id, c->rate, T0)) != 0)
				fail_msg("request %d of %d refused, wait %d",
				    k + 1, c->rate, w);
		}
		assert_int_equal(rl_peek(t, id, c->rate, T0), c->wait);
		assert_int_equal(rl_take(t, id, c->rate, T0), c->wait);
		assert_int_equal(rl_take(t, id, c->rate, T0), c->wait);

		/* A second short of the wait is still too early. */
		if (c->wait > 1)
			assert_int_equal(rl_take(t, id, c->rate,
			    T0 + (c->wait - 1) * SEC), 1);

		/* After the wait, what refilled passes, then no more. */
		for (k = 0; k < c->after; k++)
			assert_int_equal(rl_take(t, id, c->rate,
			    T0 + c->wait * SEC), 0);
		w = rl_take(t, id, c->rate, T0 + c->wait * SEC);
		assert_true(w >= 1 && w <= c->wait);

		/* A minute idle refills the whole burst, and no more. */
		for (k = 0; k < c->rate; k++)
			assert_int_equal(rl_take(t, id, c->rate,
			    T0 + 1000 * SEC), 0);
		assert_int_equal(rl_take(t, id, c->rate, T0 + 1000 * SEC),
		    c->wait);
	}
	free(t);
}

struct cost_case {
	int		rate;		/* per minute */
	int		cost;		/* hundredths of a request */
	int		n;		/* passing at one instant */
	int		wait;		/* seconds for the next one */
};

static const struct cost_case	cost_cases[] = {
	{ 6, RL_UNIT, 6, 10 },
	{ 6, 10, 60, 1 },
	{ 6, 250, 2, 15 },	/* steps of 25 s: the third is 15 s early */
	{ 6, 50, 12, 5 },
	{ 300, 10, 3000, 1 },	/* the anonymous defaults: cached reads */
	{ 300, 100, 300, 1 },
	{ 60, 1, 6000, 1 },
	{ 1, 10000, 1, 60 },	/* more than a minute's: counts as that */
	{ 1, 1000000, 1, 60 },
	{ 7, INT_MAX, 1, 60 },
};

static void
test_cost_table(void **state)
{
	struct rl_table	*t;
	uint64_t	id;
	size_t		i;
	int		k, w;

	(void)state;
	t = table_new();
	for (i = 0; i < sizeof(cost_cases) / sizeof(cost_cases[0]); i++) {
		const struct cost_case	*c = &cost_cases[i];

		print_message("case %zu: %d a minute, cost %d\n", i, c->rate,
		    c->cost);
		id = 2000 + i;
		for (k = 0; k < c->n; k++) {
			assert_int_equal(rl_peek_cost(t, id, c->rate, c->cost,
			    T0), 0);
			if ((w = rl_take_cost(t, id, c->rate, c->cost,
			    T0)) != 0)
				fail_msg("request %d of %d refused, wait %d",
				    k + 1, c->n, w);
		}
		assert_int_equal(rl_peek_cost(t, id, c->rate, c->cost, T0),
		    c->wait);
		assert_int_equal(rl_take_cost(t, id, c->rate, c->cost, T0),
		    c->wait);
		/* After the wait, one more. */
		assert_int_equal(rl_take_cost(t, id, c->rate, c->cost,
		    T0 + c->wait * SEC), 0);
	}

	/* Cost 0 counts nothing and claims no slot. */
	free(t);
	t = table_new();
	for (k = 0; k < 1000; k++)
		assert_int_equal(rl_take_cost(t, 5, 1, 0, T0), 0);
	assert_int_equal(rl_peek_cost(t, 5, 1, 0, T0), 0);
	assert_true(table_empty(t));
	free(t);
}

/*
 * A catalog crawl (360 cached reads at a tenth each) from a client with
 * the anonymous default leaves it 300 - 36 database reads, and a full
 * allowance of database reads leaves no cached read.
 */
static void
test_cost_mixed(void **state)
{
	struct rl_table	*t;
	int		k, n;

	(void)state;
	t = table_new();
	for (k = 0; k < 360; k++)
		assert_int_equal(rl_take_cost(t, 9, 300, 10, T0), 0);
	for (n = 0; rl_take_cost(t, 9, 300, RL_UNIT, T0) == 0; n++)
		assert_true(n < 1000);
	assert_int_equal(n, 264);

	for (k = 0; k < 300; k++)
		assert_int_equal(rl_take_cost(t, 10, 300, RL_UNIT, T0), 0);
	assert_int_equal(rl_take_cost(t, 10, 300, 10, T0), 1);
	free(t);
}

/* At 1 a minute: one request each minute, however often it asks. */
static void
test_steady(void **state)
{
	struct rl_table	*t;
	int64_t		now;
	int		passed;

	(void)state;
	t = table_new();
	passed = 0;
	for (now = T0; now < T0 + 600 * SEC; now += SEC / 4) {
		if (rl_take(t, 7, 1, now) == 0)
			passed++;
	}
	assert_int_equal(passed, 10);

	/* At 6 a minute, asking every second: one each 10 s after 6. */
	passed = 0;
	for (now = T0; now < T0 + 60 * SEC; now += SEC) {
		if (rl_take(t, 8, 6, now) == 0)
			passed++;
	}
	assert_int_equal(passed, 6 + 5);
	free(t);
}

static void
test_unlimited(void **state)
{
	struct rl_table	*t;
	int		k;

	(void)state;
	t = table_new();
	for (k = 0; k < 10000; k++) {
		assert_int_equal(rl_take(t, 42, 0, T0), 0);
		assert_int_equal(rl_take(t, 43, -1, T0), 0);
	}
	assert_true(table_empty(t));

	/* Limited afterwards, the same client starts with a full burst. */
	for (k = 0; k < 3; k++)
		assert_int_equal(rl_take(t, 42, 3, T0), 0);
	assert_int_equal(rl_take(t, 42, 3, T0), 20);
	assert_int_equal(rl_take(t, 42, 0, T0), 0);
	free(t);
}

static void
test_independent(void **state)
{
	struct rl_table	*t;
	uint64_t	a, b, c;
	int		k;

	(void)state;
	t = table_new();
	a = rl_id("a:192.0.2.1:submit");
	b = rl_id("a:192.0.2.2:submit");
	c = rl_id("k:12:read");

	for (k = 0; k < 5; k++)
		assert_int_equal(rl_take(t, a, 5, T0), 0);
	assert_int_equal(rl_take(t, a, 5, T0), 12);

	for (k = 0; k < 5; k++)
		assert_int_equal(rl_take(t, b, 5, T0), 0);
	assert_int_equal(rl_take(t, b, 5, T0), 12);
	assert_int_equal(rl_take(t, c, 1, T0), 0);
	assert_int_equal(rl_take(t, c, 1, T0), 60);

	/* Neither gave the other anything back. */
	assert_int_equal(rl_take(t, a, 5, T0), 12);
	assert_int_equal(rl_take(t, b, 5, T0 + 12 * SEC), 0);
	assert_int_equal(rl_take(t, a, 5, T0 + 11 * SEC), 1);
	free(t);
}

static int
id_cmp(const void *a, const void *b)
{
	uint64_t	x, y;

	x = *(const uint64_t *)a;
	y = *(const uint64_t *)b;
	return (x < y ? -1 : x > y);
}

/* The published FNV-1a 64-bit test vectors. */
static void
test_fnv1a(void **state)
{
	static const struct {
		const char	*s;
		uint64_t	h;
	} cases[] = {
		{ "", 0xcbf29ce484222325ULL },
		{ "a", 0xaf63dc4c8601ec8cULL },
		{ "foobar", 0x85944171f73967e8ULL },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_true(hash_fnv1a(cases[i].s) == cases[i].h);
}

static void
test_id(void **state)
{
	static const char	*names[] = {
		"", "a", "b", "k:12:read", "k:12:submit", "k:13:read",
		"a:192.0.2.1:submit", "a:192.0.2.1:read", "a:2001:db8::1:read",
		"k:12:read ", " k:12:read",
	};
	uint64_t		*ids;
	char			buf[64];
	size_t			i, n, m;

	(void)state;
	m = sizeof(names) / sizeof(names[0]);
	n = m + 3 * 20000;
	ids = calloc(n, sizeof(*ids));
	assert_non_null(ids);
	for (i = 0; i < m; i++)
		ids[i] = rl_id(names[i]);
	for (i = 0; i < 20000; i++) {
		(void)snprintf(buf, sizeof(buf), "a:10.%zu.%zu.%zu:submit",
		    i >> 16, (i >> 8) & 255, i & 255);
		ids[m + 3 * i] = rl_id(buf);
		(void)snprintf(buf, sizeof(buf), "k:%zu:read", 100000 + i);
		ids[m + 3 * i + 1] = rl_id(buf);
		(void)snprintf(buf, sizeof(buf), "k:%zu:submit", 100000 + i);
		ids[m + 3 * i + 2] = rl_id(buf);
	}

	/* Stable. */
	assert_true(rl_id("k:12:read") == ids[3]);
	assert_true(rl_id("") == ids[0]);

	qsort(ids, n, sizeof(*ids), id_cmp);
	assert_true(ids[0] != 0);
	for (i = 1; i < n; i++) {
		if (ids[i] == ids[i - 1])
			fail_msg("two strings share the id %llx",
			    (unsigned long long)ids[i]);
	}
	free(ids);
}

/*
 * Ids that all hash to the bucket h: h, h + RL_SLOTS, h + 2 * RL_SLOTS
 * and so on. Near the end of the table the window wraps to slot 0.
 */
#define SAME(h, k)	((uint64_t)(h) + (uint64_t)(k) * RL_SLOTS)

static void
test_slot_reuse(void **state)
{
	static const size_t	buckets[] = { 0, 12345, RL_SLOTS - 5 };
	struct rl_table		*t;
	uint64_t		h, fresh;
	size_t			b;
	int			k;

	(void)state;
	for (b = 0; b < sizeof(buckets) / sizeof(buckets[0]); b++) {
		print_message("case %zu: bucket %zu\n", b, buckets[b]);
		t = table_new();
		h = buckets[b];

		/* RL_PROBE clients of one bucket, one request each. */
		for (k = 1; k <= RL_PROBE; k++)
			assert_int_equal(rl_take(t, SAME(h, k), 1, T0), 0);
		for (k = 1; k <= RL_PROBE; k++) {
			assert_true(t->slots[(h + k - 1) % RL_SLOTS].id ==
			    SAME(h, k));
			assert_int_equal(rl_take(t, SAME(h, k), 1, T0 + SEC),
			    59);
		}

		/*
		 * The window is busy: one more client is refused (fail
		 * closed) until a minute after the first bucket refills.
		 */
		fresh = SAME(h, RL_PROBE + 1);
		for (k = 0; k < 10; k++)
			assert_int_equal(rl_take(t, fresh, 1, T0 + SEC), 119);
		for (k = 0; k < 10; k++)
			assert_int_equal(rl_take(t, fresh, 1, T0 + 119 * SEC),
			    1);
		/* The others kept their buckets. */
		for (k = 1; k <= RL_PROBE; k++)
			assert_int_equal(rl_take(t, SAME(h, k), 1, T0 + SEC),
			    59);

		/* Idle now: the new client takes a slot and is limited. */
		assert_int_equal(rl_take(t, fresh, 1, T0 + 121 * SEC), 0);
		assert_int_equal(rl_take(t, fresh, 1, T0 + 121 * SEC), 60);
		assert_true(t->slots[h].id == fresh);

		/* A client of another bucket is unaffected. */
		assert_int_equal(rl_take(t, h + RL_PROBE, 1, T0 + 121 * SEC),
		    0);
		assert_int_equal(rl_take(t, h + RL_PROBE, 1, T0 + 121 * SEC),
		    60);
		free(t);
	}
}

/*
 * A limited client whose slot is not the first of its window keeps it
 * (and its bucket) when an earlier slot of the window falls idle.
 */
static void
test_slot_kept(void **state)
{
	struct rl_table	*t;
	uint64_t	idle, busy, other;
	int		k;

	(void)state;
	t = table_new();
	idle = SAME(500, 1);
	busy = SAME(500, 2);
	other = SAME(500, 3);

	assert_int_equal(rl_take(t, idle, 1000, T0), 0);
	for (k = 0; k < 3; k++)
		assert_int_equal(rl_take(t, busy, 3, T0 + 60 * SEC), 0);
	assert_true(t->slots[500].id == idle);
	assert_true(t->slots[501].id == busy);

	/* idle's bucket refilled more than a minute ago. */
	assert_int_equal(rl_take(t, busy, 3, T0 + 61 * SEC), 19);
	assert_int_equal(rl_take(t, busy, 3, T0 + 79 * SEC), 1);
	assert_int_equal(rl_take(t, busy, 3, T0 + 80 * SEC), 0);
	assert_int_equal(rl_take(t, busy, 3, T0 + 80 * SEC), 20);

	/* A new client may have the idle slot; busy is still limited. */
	assert_int_equal(rl_take(t, other, 1, T0 + 80 * SEC), 0);
	assert_true(t->slots[500].id == other);
	assert_int_equal(rl_take(t, busy, 3, T0 + 80 * SEC), 20);
	free(t);
}

/* The bucket a forked child drains is drained for the parent too. */
static void
test_shared(void **state)
{
	struct rl_table	*t;
	uint64_t	id;
	pid_t		pid;
	int		status, k;

	(void)state;
	t = rl_table_shared();
	assert_non_null(t);
	assert_true(table_empty(t));
	id = rl_id("a:192.0.2.1:submit");

	if ((pid = fork()) == -1)
		fail_msg("fork failed");
	if (pid == 0) {
		for (k = 0; k < 5; k++) {
			if (rl_take(t, id, 5, T0) != 0)
				_exit(1);
		}
		_exit(rl_take(t, id, 5, T0) == 12 ? 0 : 2);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);

	assert_int_equal(rl_take(t, id, 5, T0), 12);
	assert_int_equal(rl_take(t, id, 5, T0 + 12 * SEC), 0);
	assert_int_equal(rl_take(t, rl_id("a:192.0.2.2:submit"), 5, T0), 0);
	assert_int_equal(munmap(t, sizeof(*t)), 0);
}

/* Children taking from one bucket at once get exactly rate of them. */
static void
test_shared_concurrent(void **state)
{
	struct rl_table	*t;
	pid_t		pids[4];
	int		status, total, k, n;
	size_t		i;

	(void)state;
	t = rl_table_shared();
	assert_non_null(t);
	for (i = 0; i < 4; i++) {
		if ((pids[i] = fork()) == -1)
			fail_msg("fork failed");
		if (pids[i] == 0) {
			n = 0;
			for (k = 0; k < 5000; k++) {
				if (rl_take(t, 99, 200, T0) == 0)
					n++;
			}
			_exit(n);
		}
	}
	total = 0;
	for (i = 0; i < 4; i++) {
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status));
		total += WEXITSTATUS(status);
	}
	assert_int_equal(total, 200);
	assert_int_equal(rl_take(t, 99, 200, T0), 1);
	assert_int_equal(munmap(t, sizeof(*t)), 0);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_burst_table),
		cmocka_unit_test(test_steady),
		cmocka_unit_test(test_cost_table),
		cmocka_unit_test(test_cost_mixed),
		cmocka_unit_test(test_unlimited),
		cmocka_unit_test(test_independent),
		cmocka_unit_test(test_fnv1a),
		cmocka_unit_test(test_id),
		cmocka_unit_test(test_slot_reuse),
		cmocka_unit_test(test_slot_kept),
		cmocka_unit_test(test_shared),
		cmocka_unit_test(test_shared_concurrent),
	};

	return (cmocka_run_group_tests_name("ratelimit", tests, NULL, NULL));
}
