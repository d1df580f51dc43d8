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
 * A validated catalog (fmt_catalog_jurisdiction()) rendered as the JSON
 * that o311_catalog_import() (migrations/0016_catalog_import.sql)
 * imports in one statement, for the command line and the console alike.
 * Pure code.
 */

#ifndef __H_FMT_CATALOG_IMPORT
#define __H_FMT_CATALOG_IMPORT

#include "lib/buf.h"
#include "model/catalog.h"

/*
 * Appends jur's services to b as a JSON array, in file order: each
 * service's fields (code, name, description, group, keywords, type,
 * agency, notice, sla_hours or null, dup_radius_m, dup_window_h,
 * dup_mode, dup_group, active, private, translations as imported or
 * null) and its attributes in order with their values.
 */
void	fmt_catalog_import_json(const struct cat_jurisdiction *,
	    struct buf *);

#endif
