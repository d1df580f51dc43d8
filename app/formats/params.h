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
 * Query and form parameters as pure text work, one parser for each kind:
 * numbers, ids and comma lists, booleans, pages, dates and date windows,
 * text limits, the key of an Authorization header, the client's address,
 * and the PostgreSQL array literals lists travel to SQL in. A parser
 * that fails writes a message naming the parameter, ready for a 400
 * answer. Text limits count characters (code points), never bytes; only
 * the form parser's transport limits (form_field_max, body_max) are
 * sizes in bytes. Pure code: no Kore, no database.
 */

#ifndef __H_FMT_PARAMS
#define __H_FMT_PARAMS

#include <stddef.h>

#include "lib/buf.h"

#define PARAMS_ERRLEN		256
#define PARAMS_NUMBER_LEN	32	/* a number as text, 8 decimals */
#define PARAMS_ID_DIGITS	18	/* ids are bigints: at most 18 digits */
#define PARAMS_PAGE_SIZE_MAX	1000
#define PARAMS_PAGE_MAX		1000000
#define PARAMS_LIST_MAX		1000
#define PARAMS_TEXT_MAX		4000	/* a description, note or comment */

/* What params_list() accepts besides any non-empty item. */
#define PARAMS_LIST_IDS		1	/* ids only */
#define PARAMS_LIST_STATUS	2	/* open or closed, in lower case */

/* How params_window() treats its window. */
#define PARAMS_WINDOW_CUT	1	/* a longer span keeps its end */
#define PARAMS_WINDOW_STRICT	2	/* the end is exclusive: from < to */

/* Two optional dates, from and to, as parsed. */
struct params_dates {
	long long	from;
	long long	to;
	int		has_from;
	int		has_to;
};

/*
 * A plain decimal number (no hex, inf or nan, no blanks) within [min,
 * max], written to out (PARAMS_NUMBER_LEN bytes) with 8 decimals.
 * Returns 0, or -1 when v is not one.
 */
int	params_number(const char *, double, double, char *);

/* 1 when s is an id: 1 to PARAMS_ID_DIGITS decimal digits. */
int	params_id(const char *);

/* 1 when s is min to max lower-case hexadecimal digits (tokens). */
int	params_hex(const char *, size_t, size_t);

/*
 * A boolean: yes, true, on or 1 is 1; no, false, off or 0 is 0 (any
 * case); NULL is def. Returns -1 for any other word.
 */
int	params_bool(const char *, int);

/*
 * A comma list (blanks around items and empty items dropped, at most
 * PARAMS_LIST_MAX items) appended to out as a PostgreSQL array literal.
 * flags narrow the items (PARAMS_LIST_*). Returns the number of items,
 * or -1 for an item the flags refuse.
 */
int	params_list(const char *, int, struct buf *);

/*
 * page (1-based; 0 is the first page too) and page_size, either NULL,
 * into the limit (page_size, PARAMS_PAGE_SIZE_MAX when absent, larger
 * sizes cut to it) and offset of the rows. Returns 0, or -1 with a
 * message in err.
 */
int	params_page(const char *, const char *, long long *, long long *,
	    char *, size_t);

/*
 * A W3C date-time (see formats/date.h) in parameter name, into seconds
 * since the epoch. Returns 0, or -1 with a message in err.
 */
int	params_date(const char *, const char *, long long *, char *, size_t);

/*
 * The optional dates from and to (parameters fname and tname; NULL when
 * absent) into d. With both, from must not be after to (strict: must be
 * before it). Returns 0, or -1 with a message in err.
 */
int	params_dates(const char *, const char *, const char *, const char *,
	    int, struct params_dates *, char *, size_t);

/*
 * The start_date/end_date window at time now: to is end_date or now
 * (has_to says which), from is start_date or span seconds before to.
 * flags are PARAMS_WINDOW_*. A start_date alone ahead of now (a client
 * clock ahead of ours) is no error: from > to, a window with nothing in
 * it (unless strict). Returns 0, or -1 with a message in err.
 */
int	params_window(const char *, const char *, long long, long long, int,
	    struct params_dates *, char *, size_t);

/*
 * Checks text v of parameter name: valid UTF-8 of the class
 * (FMT_TEXT_LINE or FMT_TEXT_MULTILINE) and at most maxchars
 * characters. Returns 0, or -1 with a message in err.
 */
int	params_text(const char *, const char *, int, size_t, char *, size_t);

/*
 * The key of an Authorization header value "Bearer KEY" (the scheme in
 * any case), or NULL when it is another scheme or empty.
 */
const char	*params_bearer(const char *);

/*
 * The client's address as text into out (FMT_ADDR_LEN bytes at least):
 * the entry of forwarded (an X-Forwarded-For value from proxies the
 * caller trusts) that the trusted proxies added, hops from the end (see
 * fmt_forwarded_for()), when it is an IP address; else addr (an in_addr
 * for AF_INET, an in6_addr for AF_INET6), else "-".
 */
void	params_address(int, const void *, const char *, int, char *,
	    size_t);

/* Appends n strings as a PostgreSQL array literal: {"a","b \"c\""}. */
void	params_pg_array(struct buf *, const char *const *, size_t);

/*
 * Reads the next element of a PostgreSQL array literal at *s (start at
 * the opening brace) into item, unquoted, and moves *s past it. Returns
 * 1 with an element, 0 at the end, -1 for text that is no array literal.
 */
int	params_pg_array_next(const char **, struct buf *);

#endif
