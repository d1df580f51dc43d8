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
 * Service requests read from the database: the rows of request_public
 * mapped to the model, and their contacts.
 */

#ifndef __H_STORE_REQUESTS
#define __H_STORE_REQUESTS

#include "db.h"
#include "lib/buf.h"
#include "model/request.h"

/*
 * Maps every row of a request_public result. Text points into the
 * result (valid until store_reset()); each media_url is built from base
 * for uploaded photos. Returns the number of rows; free the array with
 * store_request_rows_free().
 */
size_t	store_request_rows(const struct store_q *, const char *,
	    struct req_row **);

/* Frees what store_request_rows() returned. */
void	store_request_rows_free(struct req_row *, size_t);

/*
 * Attaches the personal data in a request_contacts result to the rows
 * with the same id. contacts must hold room for one per row.
 */
void	store_request_contacts(const struct store_q *, struct req_row *,
	    size_t, struct req_contact *);

#endif
