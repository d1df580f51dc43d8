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
 * The lock grid that serialises duplicate checks: reports that could be
 * duplicates of each other (same duplicate key, within the radius) must
 * take at least one common lock, and reports far apart or of unrelated
 * services should take none. Pure code.
 */

#ifndef __H_GEO_GRID
#define __H_GEO_GRID

#include <stddef.h>
#include <stdint.h>

#define GEO_LOCKS	4

/*
 * The four advisory-lock keys of the point (x, y) in a metric grid of
 * cells at least radius wide, scoped by scope (jurisdiction and duplicate
 * key). Two points closer than the cell size in each axis share at least
 * one key. Keys are sorted.
 */
void	geo_grid_locks(const char *, double, double, double, int64_t *);

/* One lock key for a scope and a normalised address. */
int64_t	geo_grid_address_lock(const char *, const char *);

/*
 * Writes the normalised form of an address (lower case, punctuation as
 * spaces, single spaces, common street words abbreviated) to out, at
 * most len bytes. "123 Main Street, Apt. 4" is "123 main st apt 4".
 */
void	geo_address_normalize(const char *, char *, size_t);

#endif
