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
 * Service requests on the wire: GET /requests (and /requests/{id}, an
 * array of one), the POST /requests answer and GET /tokens, in XML or
 * JSON through the document writer. Pure code.
 */

#ifndef __H_FMT_REQUEST
#define __H_FMT_REQUEST

#include <stddef.h>

#include "doc.h"
#include "model/request.h"

/*
 * Writes a service_requests list of n requests. Every Open311 field is
 * present (empty element or null when unknown). With extensions, each
 * request also carries extended_attributes (channel, detailed_status,
 * duplicate, parent_service_request_id, duplicate_count, x, y, crs and
 * media_urls) and notes, its public history.
 */
void	fmt_request_list(struct fmt_doc *, const struct req_row *, size_t,
	    int);

/*
 * Writes the POST /requests answer: service_request_id for realtime
 * services, token for batch, neither for blackbox; always
 * service_notice and account_id. A realtime private service's answer
 * has the token too: the reporter reads the request with it (t=).
 */
void	fmt_request_receipt(struct fmt_doc *, const struct req_receipt *);

/*
 * Writes the GET /tokens answer: service_request_id (NULL while the
 * request is pending) and the token.
 */
void	fmt_request_token(struct fmt_doc *, const char *, const char *);

#endif
