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
 * Writes the address gazetteer for the command-line import, and counts
 * it (open311d addresses).
 */

#ifndef __H_STORE_ADDRESS_IMPORT
#define __H_STORE_ADDRESS_IMPORT

#include <stddef.h>

#include <libpq-fe.h>

#include "formats/gazetteer.h"

/*
 * In one transaction: with replace, empties the gazetteer; then adds
 * the n places (one of the same normalised label is moved and
 * relabelled), each in the most local jurisdiction whose boundary
 * covers it. A place in no boundary is not stored and gets outside set.
 * Returns the number stored, or -1 with a message in err (nothing
 * changed).
 */
long	store_addresses_import(PGconn *, struct gaz_place *, size_t, int,
	    char *, size_t);

/*
 * Prints the gazetteer's addresses by jurisdiction and their total.
 * Returns 0 or -1 with err.
 */
int	store_addresses_count(PGconn *, char *, size_t);

#endif
