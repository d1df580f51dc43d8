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
 * Keyset continuation of GET /requests: the opaque cursor a page's
 * `next` link carries, and the query that link repeats. A cursor names
 * the list's order ('r': newest requested first, 'u': oldest update
 * first), the sort key of the page's last row (microseconds since the
 * epoch) and its id, and a check that binds the three to the query's
 * other parameters. A cursor that was edited, or is sent with other
 * filters than the page it came from, is refused. The check is not a
 * secret: a forged cursor can only name another place in the same
 * public list. Pure code: no Kore, no database.
 */

#ifndef __H_FMT_CURSOR
#define __H_FMT_CURSOR

#include "lib/buf.h"

#define CURSOR_REQUESTED	'r'
#define CURSOR_UPDATED		'u'
#define CURSOR_LEN_MAX		64

/*
 * Appends to out the query string qs (raw, as received; NULL is empty)
 * without its page, cursor and api_key parameters: the scope a cursor is
 * bound to and the start of the next link's query (with a '&' after it
 * when it is not empty).
 */
void	fmt_cursor_scope(struct buf *, const char *);

/* Appends to out the cursor after (us, id) in order kind of scope. */
void	fmt_cursor_make(struct buf *, char, long long, long long,
	    const char *);

/*
 * Reads cursor s for a list in order kind with scope into *us and *id.
 * Returns 0, or -1 when s is not a cursor of this list and query.
 */
int	fmt_cursor_parse(const char *, char, const char *, long long *,
	    long long *);

#endif
