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
 * A destination's fields checked before it is stored: the one check
 * that `open311d destinations add` and the console's
 * POST /console/api/destinations both make. Pure code.
 */

#ifndef __H_FORMATS_DESTINATION
#define __H_FORMATS_DESTINATION

#include <stddef.h>

/*
 * Checks a new destination: kind ("webhook" or "open311"), url
 * (http:// or https://), secret (a webhook's signing secret, required
 * of a webhook; NULL when none) and dead_after (a positive number of
 * seconds, or NULL for the default). Returns 0 when they are good;
 * else -1 with the name of the first bad field ("kind", "url",
 * "secret", "dead_after") in *field and what is wrong with it in err
 * (errlen bytes; callers name the field before it). The secret is never copied into err.
 */
int	fmt_destination_check(const char *, const char *, const char *,
	    const char *, const char **, char *, size_t);

#endif
