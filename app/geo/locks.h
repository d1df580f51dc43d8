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
 * The advisory-lock keys that serialise a report's duplicate check:
 * the grid cells around its point, measured in its jurisdiction's local
 * CRS (or, where there is none, an equirectangular approximation of
 * metres), or one key for its normalised address. Two reports of the
 * same scope that could be duplicates share at least one key.
 */

#ifndef __H_GEO_LOCKS
#define __H_GEO_LOCKS

#include <stdint.h>

#include "grid.h"

/*
 * The GEO_LOCKS keys of the point lat/long for duplicates within
 * radius_m metres, scoped by scope (jurisdiction and duplicate key), in
 * the grid of CRS srid (4326, or one PROJ cannot use: approximated).
 */
void	geo_point_locks(const char *, double, double, int, double,
	    int64_t *);

#endif
