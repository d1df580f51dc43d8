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
 * The catalog JSON format: parsing and validation into the catalog model
 * (every error names the entry and field). Rendering the bodies a worker
 * caches is catalog_render.h.
 */

#ifndef __H_FMT_CATALOG
#define __H_FMT_CATALOG

#include <jansson.h>

#include "model/catalog.h"

/*
 * Parses one jurisdiction's catalog (an object with "jurisdiction_id" and
 * "services") into jur. Returns 0, or -1 with a message in err such as
 * "services[2] (POTHOLE): attributes[0] (DEPTH): order: must be ...".
 */
int	fmt_catalog_jurisdiction(json_t *, struct cat_jurisdiction *,
	    char *, size_t);

/*
 * Parses the catalog document a worker loads: an array of jurisdiction
 * catalogs. Returns a new catalog, or NULL with a message in err.
 */
struct catalog	*fmt_catalog_parse(const char *, size_t, long long,
		    char *, size_t);

#endif
