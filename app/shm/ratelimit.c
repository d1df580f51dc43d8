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
 * GCRA rate limiting over a shared open-addressing table (see
 * ratelimit.h). A client may burst up to a minute's allowance, then
 * proceeds at the rate; a slot whose client has been idle long enough to
 * be full again can be taken over by another.
 */

#include <stdint.h>
#include <string.h>

#include "lib/hash.h"
#include "ratelimit.h"
#include "shm.h"

#define NS_PER_MIN	60000000000LL

static void	rl_params(int, int, int64_t *, int64_t *);

uint64_t
rl_id(const char *s)
{
	uint64_t	h;

	h = hash_fnv1a(s);
	return (h == 0 ? 1 : h);
}

struct rl_table *
rl_table_shared(void)
{
	return (shm_zalloc(sizeof(struct rl_table)));
}

/* Finds or claims the slot of id; NULL when the probe window is busy. */
static struct rl_slot *
rl_slot(struct rl_table *t, uint64_t id, int64_t now, int64_t idle)
{
	struct rl_slot	*s;
	uint64_t	cur, zero;
	int64_t		tat;
	size_t		i, h;

	h = (size_t)(id % RL_SLOTS);

	/* Its own slot first: it may lie past an idle one. */
	for (i = 0; i < RL_PROBE; i++) {
		s = &t->slots[(h + i) % RL_SLOTS];
		if (__atomic_load_n(&s->id, __ATOMIC_ACQUIRE) == id)
			return (s);
	}

	for (i = 0; i < RL_PROBE; i++) {
		s = &t->slots[(h + i) % RL_SLOTS];
		cur = __atomic_load_n(&s->id, __ATOMIC_ACQUIRE);
		if (cur == id)
			return (s);
		if (cur == 0) {
			zero = 0;
			if (__atomic_compare_exchange_n(&s->id, &zero, id, 0,
			    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
				return (s);
			if (zero == id)
				return (s);
			continue;
		}
		/* A client idle for longer than a full refill: reuse. */
		tat = __atomic_load_n(&s->tat, __ATOMIC_ACQUIRE);
		if (tat + idle < now && __atomic_compare_exchange_n(&s->id,
		    &cur, id, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
			__atomic_store_n(&s->tat, 0, __ATOMIC_RELEASE);
			return (s);
		}
	}

	return (NULL);
}

/* When the first slot of id's probe window can be taken over. */
static int64_t
rl_window_free(struct rl_table *t, uint64_t id, int64_t now, int64_t idle)
{
	int64_t		tat, first;
	size_t		i, h;

	h = (size_t)(id % RL_SLOTS);
	first = INT64_MAX;
	for (i = 0; i < RL_PROBE; i++) {
		tat = __atomic_load_n(&t->slots[(h + i) % RL_SLOTS].tat,
		    __ATOMIC_ACQUIRE);
		if (tat + idle < first)
			first = tat + idle;
	}
	return (first > now ? first : now + 1);
}

/*
 * The GCRA step and burst of a request of cost against rate, in
 * nanoseconds: the request is allowed while the client's theoretical
 * arrival time lies at most burst ahead of now.
 */
static void
rl_params(int rate, int cost, int64_t *step, int64_t *burst)
{
	if ((int64_t)cost >= (int64_t)rate * RL_UNIT)
		*step = NS_PER_MIN;
	else
		*step = NS_PER_MIN / rate * cost / RL_UNIT;
	*burst = NS_PER_MIN - *step;
}

int
rl_take_cost(struct rl_table *t, uint64_t id, int rate, int cost,
    int64_t now)
{
	struct rl_slot	*s;
	int64_t		step, burst, old, tat, next, wait;

	if (rate <= 0 || cost <= 0)
		return (0);

	/* In nanoseconds, so high rates keep their precision. */
	now *= 1000;
	rl_params(rate, cost, &step, &burst);

	/*
	 * Every slot it may take is held by a client still counting (many
	 * addresses at once): refused until the first of them is reusable,
	 * so no number of addresses buys a way around the limit.
	 */
	if ((s = rl_slot(t, id, now, NS_PER_MIN)) == NULL) {
		wait = rl_window_free(t, id, now, NS_PER_MIN) - now;
		return ((int)((wait + 999999999) / 1000000000));
	}

	for (;;) {
		old = __atomic_load_n(&s->tat, __ATOMIC_ACQUIRE);
		tat = old < now ? now : old;
		if (tat - now > burst) {
			wait = tat - burst - now;
			return ((int)((wait + 999999999) / 1000000000));
		}
		next = tat + step;
		if (__atomic_compare_exchange_n(&s->tat, &old, next, 0,
		    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
			return (0);
	}
}

int
rl_take(struct rl_table *t, uint64_t id, int rate, int64_t now)
{
	return (rl_take_cost(t, id, rate, RL_UNIT, now));
}

int
rl_peek_cost(struct rl_table *t, uint64_t id, int rate, int cost,
    int64_t now)
{
	struct rl_slot	*s;
	int64_t		step, burst, tat;
	size_t		i, h;

	if (rate <= 0 || cost <= 0)
		return (0);
	now *= 1000;
	rl_params(rate, cost, &step, &burst);

	h = (size_t)(id % RL_SLOTS);
	for (i = 0; i < RL_PROBE; i++) {
		s = &t->slots[(h + i) % RL_SLOTS];
		if (__atomic_load_n(&s->id, __ATOMIC_ACQUIRE) != id)
			continue;
		tat = __atomic_load_n(&s->tat, __ATOMIC_ACQUIRE);
		if (tat - now > burst)
			return ((int)((tat - burst - now + 999999999) /
			    1000000000));
		return (0);
	}
	return (0);
}

int
rl_peek(struct rl_table *t, uint64_t id, int rate, int64_t now)
{
	return (rl_peek_cost(t, id, rate, RL_UNIT, now));
}
