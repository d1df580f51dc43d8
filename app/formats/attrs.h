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
 * Service attributes submitted with a request (attribute[CODE]=v and
 * attribute[CODE][]=v) checked against the service definition: required
 * attributes present, datatypes (number, datetime, list keys) respected.
 * The result is the JSON object stored with the request. Pure code.
 */

#ifndef __H_FMT_ATTRS
#define __H_FMT_ATTRS

#include <stddef.h>

#include "lib/buf.h"
#include "form.h"
#include "model/catalog.h"

#define FMT_ATTR_STRING_MAX	1000	/* characters in a string value */

/*
 * Validates every attribute field of form against svc and writes the
 * accepted values as a JSON object to out: strings for string, text and
 * singlevaluelist, numbers for number, UTC "Z" strings for datetime,
 * arrays of keys for multivaluelist. Codes the service does not define
 * are kept as strings. Returns 0, or -1 with a message in err that names
 * the attribute code.
 */
int	fmt_attrs_collect(const struct fmt_form *, const struct cat_service *,
	    struct buf *, char *, size_t);

/*
 * Splits a field name "attribute[CODE]" or "attribute[CODE][]" into the
 * code (copied to code, at most len bytes) and whether it had "[]".
 * Returns 1 for an attribute field, 0 for any other field, -1 for a name
 * that starts with "attribute[" but is malformed.
 */
int	fmt_attr_name(const char *, char *, size_t, int *);

#endif
