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
 * Lock keys for duplicate detection and address normalisation (see
 * grid.h).
 */

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grid.h"
#include "lib/hash.h"

static int64_t	grid_hash(const char *);
static int	grid_cmp(const void *, const void *);

/* The name's hash, folded into a signed key PostgreSQL takes. */
static int64_t
grid_hash(const char *s)
{
	return ((int64_t)(hash_fnv1a(s) >> 1));
}

static int
grid_cmp(const void *a, const void *b)
{
	int64_t	x, y;

	x = *(const int64_t *)a;
	y = *(const int64_t *)b;
	return (x < y ? -1 : x > y);
}

/*
 * Each point locks the 2x2 block of cells around the grid vertex
 * nearest to it. Two points within one cell width of each other in both
 * axes have nearest vertices at most one step apart, so their blocks
 * share at least one cell.
 */
void
geo_grid_locks(const char *scope, double x, double y, double cell,
    int64_t *out)
{
	char		buf[512];
	long long	vi, vj;
	int		di, dj, n;

	vi = llround(x / cell);
	vj = llround(y / cell);

	n = 0;
	for (di = -1; di <= 0; di++) {
		for (dj = -1; dj <= 0; dj++) {
			(void)snprintf(buf, sizeof(buf), "%s|%lld|%lld", scope,
			    vi + di, vj + dj);
			out[n++] = grid_hash(buf);
		}
	}

	qsort(out, GEO_LOCKS, sizeof(*out), grid_cmp);
}

int64_t
geo_grid_address_lock(const char *scope, const char *address)
{
	char	buf[1024];

	(void)snprintf(buf, sizeof(buf), "%s|@%s", scope, address);
	return (grid_hash(buf));
}

void
geo_address_normalize(const char *in, char *out, size_t len)
{
	static const char	*words[][2] = {
		{ "street", "st" }, { "avenue", "ave" }, { "av", "ave" },
		{ "boulevard", "blvd" }, { "road", "rd" }, { "drive", "dr" },
		{ "lane", "ln" }, { "court", "ct" }, { "place", "pl" },
		{ "terrace", "ter" }, { "highway", "hwy" },
		{ "parkway", "pkwy" }, { "circle", "cir" }, { "square", "sq" },
		{ "north", "n" }, { "south", "s" }, { "east", "e" },
		{ "west", "w" }, { "apartment", "apt" }, { "suite", "ste" },
		{ NULL, NULL }
	};
	char		word[64];
	size_t		o, w;
	int		i, cut;

	o = 0;
	if (len == 0)
		return;

	while (*in != '\0') {
		while (*in != '\0' && !isalnum((unsigned char)*in) &&
		    !((unsigned char)*in & 0x80))
			in++;
		cut = 0;
		for (w = 0; *in != '\0' && (isalnum((unsigned char)*in) ||
		    ((unsigned char)*in & 0x80)); in++) {
			if (cut)
				continue;
			if (w + 1 < sizeof(word)) {
				word[w++] = (char)tolower((unsigned char)*in);
				continue;
			}
			/* A long word is cut, but never inside a character. */
			cut = 1;
			if (((unsigned char)*in & 0xc0) == 0x80) {
				while (w > 0 &&
				    ((unsigned char)word[w - 1] & 0xc0) == 0x80)
					w--;
				if (w > 0 && (unsigned char)word[w - 1] >= 0xc0)
					w--;
			}
		}
		word[w] = '\0';
		if (w == 0)
			continue;

		for (i = 0; words[i][0] != NULL; i++) {
			if (!strcmp(word, words[i][0])) {
				(void)snprintf(word, sizeof(word), "%s",
				    words[i][1]);
				break;
			}
		}

		w = strlen(word);
		if (o + w + (o > 0) + 1 > len)
			break;
		if (o > 0)
			out[o++] = ' ';
		memcpy(out + o, word, w);
		o += w;
	}

	out[o] = '\0';
}
