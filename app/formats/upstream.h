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
 * Gateway mode's side of the Open311 GeoReport v2 conversation with an
 * upstream server, as pure functions: a request.created event (the
 * outbox payload, {"request": {...}}) as the form a submission posts,
 * the id or token the upstream answers, and the search that finds a
 * submission the upstream stored although its answer never arrived.
 */

#ifndef __H_FMT_UPSTREAM
#define __H_FMT_UPSTREAM

#include "lib/buf.h"

/*
 * Appends to form the urlencoded POST /requests.json body for event:
 * api_key, jurisdiction_id (when jurisdiction is not NULL), the
 * request's service_code, description, address (as address_string),
 * address_id, zipcode, lat and long, media_urls (as media_url), its
 * attributes (attribute[code] or attribute[code][] for lists) and its
 * contact fields but device_id. A malformed event gives the key alone.
 */
void	fmt_upstream_form(const char *, const char *, const char *,
	    struct buf *);

/*
 * The upstream's answer to a submission ([{"service_request_id": ...}]
 * or [{"token": ...}], or the same object alone; body may be NULL):
 * the id, or "token:<token>", as a new string (free it), or NULL when it
 * names neither.
 */
char	*fmt_upstream_id(const char *);

/*
 * Appends to qs the query of GET /requests.json that lists the upstream
 * requests of event's service_code requested between from and to
 * (seconds since the epoch), of jurisdiction (NULL: none given).
 * Returns 0, or -1 when event names no service_code.
 */
int	fmt_upstream_search(const char *, long long, long long, const char *,
	    struct buf *);

/*
 * In body, the upstream's answer to that search, the request that
 * event's submission created: the same service_code and description,
 * and the same lat and long (to 1e-5 degrees) or, for a submission by
 * address alone, the same address. Returns its service_request_id as a
 * new string (free it), or NULL when none matches or body is no list.
 */
char	*fmt_upstream_find(const char *, const char *);

#endif
