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
 * The node-wide gauge (see gauge.h), with sequentially consistent
 * atomics: a worker adds itself first and then counts, so of two
 * workers that race, at least the second sees the first.
 */

#include "gauge.h"
#include "shm.h"

struct gauge *
gauge_shared(void)
{
	return (shm_zalloc(sizeof(struct gauge)));
}

int
gauge_total(struct gauge *g)
{
	int	i, n;

	for (i = 0, n = 0; i < GAUGE_SLOTS; i++)
		n += __atomic_load_n(&g->n[i], __ATOMIC_SEQ_CST);
	return (n);
}

int
gauge_take(struct gauge *g, int slot, int limit)
{
	if (slot < 0 || slot >= GAUGE_SLOTS)
		return (0);
	__atomic_add_fetch(&g->n[slot], 1, __ATOMIC_SEQ_CST);
	if (gauge_total(g) <= limit)
		return (1);
	__atomic_sub_fetch(&g->n[slot], 1, __ATOMIC_SEQ_CST);
	return (0);
}

void
gauge_give(struct gauge *g, int slot)
{
	if (slot < 0 || slot >= GAUGE_SLOTS)
		return;
	if (__atomic_sub_fetch(&g->n[slot], 1, __ATOMIC_SEQ_CST) < 0)
		__atomic_store_n(&g->n[slot], 0, __ATOMIC_SEQ_CST);
}

void
gauge_clear(struct gauge *g, int slot)
{
	if (slot >= 0 && slot < GAUGE_SLOTS)
		__atomic_store_n(&g->n[slot], 0, __ATOMIC_SEQ_CST);
}
