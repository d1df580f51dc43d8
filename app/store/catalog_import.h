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
 * Writes one jurisdiction's catalog to the database in one statement
 * (o311_catalog_import(), which the console runs too); a failure leaves
 * the old catalog in place.
 */

#ifndef __H_STORE_CATALOG_IMPORT
#define __H_STORE_CATALOG_IMPORT

#include <libpq-fe.h>

#include "model/catalog.h"

/*
 * Replaces the catalog of jur->id with jur: services in jur are inserted
 * or updated, services missing from it are kept but marked inactive, and
 * the catalog version is bumped. Returns the new version, or -1 with a
 * message in err.
 */
long long	store_catalog_import(PGconn *, const struct cat_jurisdiction *,
		    char *, size_t);

#endif
