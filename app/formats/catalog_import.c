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
 * A validated catalog as the one statement that imports it reads it
 * (migrations/0016_catalog_import.sql; see catalog_import.h).
 */

#include <stddef.h>
#include <string.h>

#include "catalog_import.h"
#include "doc.h"

static void	imp_str(struct buf *, const char *, const char *, int);
static void	imp_int(struct buf *, const char *, int, int);

/* Appends ,"name":"value" (or null; without the comma when first). */
static void
imp_str(struct buf *b, const char *name, const char *value, int first)
{
	buf_printf(b, "%s\"%s\":", first ? "" : ",", name);
	if (value == NULL)
		buf_str(b, "null");
	else
		fmt_json_quote(b, value, strlen(value));
}

static void
imp_int(struct buf *b, const char *name, int value, int first)
{
	buf_printf(b, "%s\"%s\":%d", first ? "" : ",", name, value);
}

void
fmt_catalog_import_json(const struct cat_jurisdiction *jur, struct buf *b)
{
	const struct cat_service	*s;
	const struct cat_attr		*a;
	size_t				i, j, k;

	buf_byte(b, '[');
	for (i = 0; i < jur->nservices; i++) {
		s = &jur->services[i];
		buf_str(b, i ? ",{" : "{");
		imp_str(b, "code", s->code, 1);
		imp_str(b, "name", s->name, 0);
		imp_str(b, "description", s->description, 0);
		imp_str(b, "group", s->group, 0);
		imp_str(b, "keywords", s->keywords, 0);
		imp_str(b, "type", cat_type_names[s->type], 0);
		imp_str(b, "agency", s->agency, 0);
		imp_str(b, "notice", s->notice, 0);
		if (s->sla_hours > 0)
			imp_int(b, "sla_hours", s->sla_hours, 0);
		else
			imp_str(b, "sla_hours", NULL, 0);
		imp_int(b, "dup_radius_m", s->dup_radius_m, 0);
		imp_int(b, "dup_window_h", s->dup_window_h, 0);
		imp_str(b, "dup_mode", s->dup_mode == CAT_DUP_LINK ? "link" :
		    "off", 0);
		imp_str(b, "dup_group", s->dup_group, 0);
		buf_printf(b, ",\"active\":%s,\"private\":%s,\"translations\":%s",
		    s->active ? "true" : "false",
		    s->private ? "true" : "false",
		    s->trs_json != NULL ? s->trs_json : "null");
		buf_str(b, ",\"attributes\":[");
		for (j = 0; j < s->nattrs; j++) {
			a = &s->attrs[j];
			buf_str(b, j ? ",{" : "{");
			imp_str(b, "code", a->code, 1);
			buf_printf(b, ",\"variable\":%s,\"required\":%s",
			    a->variable ? "true" : "false",
			    a->required ? "true" : "false");
			imp_str(b, "datatype", cat_datatype_names[a->datatype],
			    0);
			imp_str(b, "datatype_description",
			    a->datatype_description, 0);
			imp_int(b, "order", a->order, 0);
			imp_str(b, "description", a->description, 0);
			buf_str(b, ",\"values\":[");
			for (k = 0; k < a->nvalues; k++) {
				buf_str(b, k ? ",{" : "{");
				imp_str(b, "key", a->values[k].key, 1);
				imp_str(b, "name", a->values[k].name, 0);
				buf_byte(b, '}');
			}
			buf_str(b, "]}");
		}
		buf_str(b, "]}");
	}
	buf_byte(b, ']');
}
