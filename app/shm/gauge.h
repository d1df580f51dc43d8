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
 * A node-wide gauge of work in progress (the exports being streamed),
 * shared by the workers of one node: each worker counts in its own slot,
 * so a worker that dies and restarts clears only what it held, and a
 * worker takes a place only while the sum over all slots stays within
 * the limit. Pure code on memory the caller maps (shm_zalloc).
 */

#ifndef __H_SHM_GAUGE
#define __H_SHM_GAUGE

#define GAUGE_SLOTS	256	/* one per Kore worker id */

struct gauge {
	int	n[GAUGE_SLOTS];
};

/* A gauge in memory shared with workers forked later, or NULL. */
struct gauge	*gauge_shared(void);

/*
 * Takes a place for slot when fewer than limit are taken on the whole
 * node. Returns 1 when taken (give it back with gauge_give()), else 0.
 * Two workers racing for the last place may both be refused; the limit
 * is never exceeded.
 */
int	gauge_take(struct gauge *, int, int);

/* Gives back a place slot took. */
void	gauge_give(struct gauge *, int);

/* Clears slot: a worker that (re)starts holds nothing. */
void	gauge_clear(struct gauge *, int);

/* The places taken on the node. */
int	gauge_total(struct gauge *);

#endif
